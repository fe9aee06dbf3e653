import { GetRoute, ResultRoute, SynchronizeRoute } from './e1/routes.js';
import { CancelWorkflowRoute, GetWorkflowRoute, PollRoute, StartWorkflowRoute } from './e4/routes.js';
import { honoPath, type RouteContract } from './route.js';

/**
 * The public endpoints, one row each: what the Hono routes are mounted from, what the journal, the fault rules,
 * the conformance suite, the Pact helpers and the docs take names and paths from. Method, path, dialect and
 * the request/answer schemas are in `route` (its contract); `name` is what the journal and fault rules call
 * the endpoint; `fault` is the fault-rule endpoint that matches it (`DELETE /workflows/{id}` shares
 * `workflowStatus` with `GET`).
 *
 * To add an endpoint: its route contract beside its dialect's others, one row here, one handler module in
 * `src/server/<dialect>/`.
 */
export const ENDPOINTS = [
  { name: 'synchronize', fault: 'synchronize', route: SynchronizeRoute },
  { name: 'get', fault: 'get', route: GetRoute },
  { name: 'result', fault: 'result', route: ResultRoute },
  { name: 'workflows', fault: 'workflows', route: StartWorkflowRoute },
  { name: 'workflowStatus', fault: 'workflowStatus', route: GetWorkflowRoute },
  { name: 'workflowCancel', fault: 'workflowStatus', route: CancelWorkflowRoute },
  { name: 'poll', fault: 'poll', route: PollRoute },
] as const satisfies readonly { name: string; fault: string; route: RouteContract }[];

export type Endpoint = (typeof ENDPOINTS)[number];
/** The journal's names of the public endpoints. */
export type EndpointName = Endpoint['name'];
/** The endpoints a fault rule can name (`any` aside). */
export type FaultTarget = Endpoint['fault'];

export const ENDPOINT_NAMES = ENDPOINTS.map((endpoint) => endpoint.name) as EndpointName[];
export const FAULT_TARGETS = [...new Set(ENDPOINTS.map((endpoint) => endpoint.fault))] as FaultTarget[];

const byName = new Map<string, Endpoint>(ENDPOINTS.map((endpoint) => [endpoint.name, endpoint]));
const byRoute = new Map<string, Endpoint>(
  ENDPOINTS.map((endpoint) => [`${endpoint.route.method.toUpperCase()} ${honoPath(endpoint.route.path)}`, endpoint]),
);

/** The row of an endpoint by its name. */
export function endpointNamed(name: EndpointName): Endpoint {
  return byName.get(name) as Endpoint;
}

/**
 * The endpoint a request matched, from the method and the route path Hono matched it with (`routePath(c, -1)`
 * from `hono/route`), or undefined for any other route (the mock's own, or none).
 *
 * @example
 * endpointAt('DELETE', '/workflows/:workflowId')?.name; // 'workflowCancel'
 */
export function endpointAt(method: string, routePath: string): Endpoint | undefined {
  return byRoute.get(`${method} ${routePath}`);
}

/**
 * The first path segments of each dialect's endpoints (`/account/`, `/workflows`, `/conversations/`): an unknown
 * path under E4's is answered in E4's envelope.
 */
export const E4_PATH_ROOTS = [
  ...new Set(ENDPOINTS.filter((e) => e.route.dialect === 'E4').map((e) => `/${e.route.path.split('/')[1]}`)),
];

const E4_PATHS = new Set(ENDPOINTS.filter((e) => e.route.dialect === 'E4').map((e) => e.route.path));

/** Whether a path is or lies under E4's endpoints (`/workflows`, `/workflows/…`, `/conversations/…`). */
export function isE4Path(path: string): boolean {
  return E4_PATHS.has(path) || E4_PATH_ROOTS.some((root) => path.startsWith(`${root}/`));
}

/** A concrete path of an endpoint, its `{params}` filled in (encoded). */
export function endpointPath(name: EndpointName, params: Record<string, string> = {}): string {
  return endpointNamed(name).route.path.replace(/\{(\w+)\}/g, (_, key: string) =>
    encodeURIComponent(params[key] ?? `{${key}}`),
  );
}
