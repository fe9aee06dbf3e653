/**
 * The contracts of Linked API's conversations endpoints (E1 dialect), as zod schemas. They are the single
 * source of truth: the server validates requests and shapes answers from them.
 */
export * from '../conformance/index.js';
export * from './control.js';
export * from './e4.js';
export * from './e4-routes.js';
export * from './errors.js';
export * from './examples.js';
export * from './faults.js';
export * from './issues.js';
export * from './json.js';
export * from './openapi.js';
export * from './person-url.js';
export * from './requests.js';
export * from './responses.js';
export * from './routes.js';
