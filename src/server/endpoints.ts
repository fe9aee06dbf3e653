import type { Context } from 'hono';
import { ENDPOINTS, type EndpointName } from '../contracts/endpoints.js';
import { honoPath } from '../contracts/route.js';
import type { MockApp, MockEnv } from './context.js';
import type { E1EndpointName } from './e1/index.js';
import type { E4EndpointName } from './e4/index.js';

/** Answers one public endpoint. */
export type EndpointHandler = (c: Context<MockEnv>) => Response | Promise<Response>;

/**
 * Mounts the rows of the endpoint table (`src/contracts/endpoints.ts`) of one dialect, each at its method and path
 * with the handler named like the row.
 *
 * @example
 * mountEndpoints(app, 'E4', { workflows: startWorkflow, workflowStatus, workflowCancel, poll });
 */
export function mountEndpoints(
  app: MockApp,
  dialect: 'E1' | 'E4',
  handlers: Partial<Record<EndpointName, EndpointHandler>>,
): void {
  for (const endpoint of ENDPOINTS) {
    if (endpoint.dialect !== dialect) continue;
    const handler = handlers[endpoint.name];
    if (!handler) throw new Error(`[linkedapi-mock] the ${dialect} endpoint ${endpoint.name} has no handler`);
    app.on(endpoint.method.toUpperCase(), honoPath(endpoint.path), handler);
  }
}

type Unhandled = Exclude<EndpointName, E1EndpointName | E4EndpointName>;

/** Fails to typecheck, naming the row, when a row of the endpoint table has no handler in E1's or E4's module. */
export const EVERY_ENDPOINT_HANDLED: [Unhandled] extends [never] ? true : { unhandled: Unhandled } = true;
