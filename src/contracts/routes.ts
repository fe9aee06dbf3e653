import { E1_ROUTES } from './e1/routes.js';
import { E4_ROUTES } from './e4/routes.js';
import { type EndpointName, endpointNamed } from './endpoints.js';
import { CONTROL_ROUTES } from './mock/control-routes.js';
import { FAULT_ROUTES } from './mock/faults.js';
import { MOCK_ROUTES } from './mock/routes.js';
import type { RouteContract } from './route.js';

/**
 * Every route the mock serves, in the order they are documented. The OpenAPI document, the response self-check
 * and the conformance suite are built from it, and a test checks that it lists exactly the routes the server has.
 */
export const ROUTES = [...E1_ROUTES, ...E4_ROUTES, ...MOCK_ROUTES, ...CONTROL_ROUTES, ...FAULT_ROUTES];

/** The route contract of a public endpoint (its row's `operationId`): headers, body and answers by status. */
export function endpointRoute(name: EndpointName): RouteContract {
  const { operationId } = endpointNamed(name);
  return ROUTES.find((route) => route.operationId === operationId) as RouteContract;
}
