import { E1_ROUTES } from './e1/routes.js';
import { E4_ROUTES } from './e4/routes.js';
import { CONTROL_ROUTES } from './mock/control-routes.js';
import { FAULT_ROUTES } from './mock/faults.js';
import { MOCK_ROUTES } from './mock/routes.js';

/**
 * Every route the mock serves, in the order they are documented. The OpenAPI document, the response self-check
 * and the conformance suite are built from it, and a test checks that it lists exactly the routes the server has.
 */
export const ROUTES = [...E1_ROUTES, ...E4_ROUTES, ...MOCK_ROUTES, ...CONTROL_ROUTES, ...FAULT_ROUTES];
