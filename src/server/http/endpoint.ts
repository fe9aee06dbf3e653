import type { Context } from 'hono';
import { routePath } from 'hono/route';
import { type Endpoint, endpointAt } from '../../contracts/endpoints.js';
import type { MockEnv } from '../context.js';

/**
 * The public endpoint a request goes to, from the route Hono matched it with (`routePath(c, -1)`: the last route
 * matched, the endpoint's handler behind every middleware) and the endpoint table; undefined for the mock's own
 * routes and for paths no route serves (then Hono's last match is a middleware's `/*`). Worked out once per
 * request: the first middleware to ask keeps it in `c.var.endpoint` for the others.
 *
 * @example
 * app.use(function log(c, next) {
 *   console.log(requestEndpoint(c)?.name ?? 'unknown'); // DELETE /workflows/wf-1: 'workflowCancel'
 *   return next();
 * });
 */
export function requestEndpoint(c: Context<MockEnv>): Endpoint | undefined {
  const known = c.get('endpoint');
  if (known !== undefined) return known;
  const endpoint = endpointAt(c.req.method, routePath(c, -1));
  if (endpoint !== undefined) c.set('endpoint', endpoint);
  return endpoint;
}

/** Per endpoint, its path's segments, each a `{param}` name or undefined for a fixed segment. */
const SEGMENTS = new WeakMap<Endpoint, (string | undefined)[]>();

/**
 * The path parameters of a request to `endpoint` (which the path matched), raw as in the path: what
 * `c.req.param()` gives a route's own handler, for middleware that runs before it.
 *
 * @example
 * pathParams(endpointNamed('workflowStatus'), '/workflows/wf-1'); // { workflowId: 'wf-1' }
 */
export function pathParams(endpoint: Endpoint, path: string): Record<string, string> {
  let names = SEGMENTS.get(endpoint);
  if (names === undefined) {
    names = endpoint.path.split('/').map((segment) => /^\{(\w+)\}$/.exec(segment)?.[1]);
    SEGMENTS.set(endpoint, names);
  }
  const params: Record<string, string> = {};
  const segments = path.split('/');
  names.forEach((name, index) => {
    if (name !== undefined) params[name] = segments[index] ?? '';
  });
  return params;
}
