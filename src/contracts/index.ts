/**
 * The contracts of Linked API's conversations endpoints (E1 dialect), as zod schemas. They are the single
 * source of truth: the server validates requests and shapes answers from them.
 */
export * from '../conformance/index.js';
export * from '../core/issues.js';
export * from '../core/json.js';
export * from '../core/person-url.js';
export * from './e1/errors.js';
export * from './e1/requests.js';
export * from './e1/responses.js';
export * from './e1/routes.js';
export * from './e4/routes.js';
export * from './e4/schemas.js';
export * from './examples.js';
export * from './mock/control-routes.js';
export * from './mock/faults.js';
export * from './mock/routes.js';
export * from './openapi.js';
export * from './route.js';
export * from './routes.js';
