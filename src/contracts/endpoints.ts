import { honoPath } from './route.js';

/**
 * The public endpoints, one row each: what the Hono routes are mounted from, what the journal, the fault rules,
 * the conformance suite, the Pact helpers and the docs take names and paths from. `name` is what the journal and
 * fault rules call the endpoint; `fault` is the fault-rule endpoint that matches it (`DELETE /workflows/{id}`
 * shares `workflowStatus` with `GET`); `operationId` names its route contract (headers, body, answers by status),
 * which `endpointRoute(name)` in `routes.ts` gives. The table is plain data, so serving loads no zod schema for it.
 *
 * To add an endpoint: one row here, its route contract beside its dialect's others (it takes method and path from
 * the row), and its handler in `src/server/<dialect>/`.
 */
export const ENDPOINTS = [
  {
    name: 'synchronize',
    fault: 'synchronize',
    dialect: 'E1',
    method: 'post',
    path: '/account/conversations.synchronize',
    operationId: 'synchronizeConversations',
  },
  {
    name: 'get',
    fault: 'get',
    dialect: 'E1',
    method: 'post',
    path: '/account/conversations.get',
    operationId: 'getConversations',
  },
  {
    name: 'result',
    fault: 'result',
    dialect: 'E1',
    method: 'get',
    path: '/account/results/{id}',
    operationId: 'getResult',
  },
  {
    name: 'workflows',
    fault: 'workflows',
    dialect: 'E4',
    method: 'post',
    path: '/workflows',
    operationId: 'startWorkflow',
  },
  {
    name: 'workflowStatus',
    fault: 'workflowStatus',
    dialect: 'E4',
    method: 'get',
    path: '/workflows/{workflowId}',
    operationId: 'getWorkflow',
  },
  {
    name: 'workflowCancel',
    fault: 'workflowStatus',
    dialect: 'E4',
    method: 'delete',
    path: '/workflows/{workflowId}',
    operationId: 'cancelWorkflow',
  },
  {
    name: 'poll',
    fault: 'poll',
    dialect: 'E4',
    method: 'post',
    path: '/conversations/poll',
    operationId: 'pollConversations',
  },
] as const satisfies readonly {
  name: string;
  fault: string;
  dialect: 'E1' | 'E4';
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  operationId: string;
}[];

export type Endpoint = (typeof ENDPOINTS)[number];
/** The journal's names of the public endpoints. */
export type EndpointName = Endpoint['name'];
/** The endpoints a fault rule can name (`any` aside). */
export type FaultTarget = Endpoint['fault'];

export const ENDPOINT_NAMES = ENDPOINTS.map((endpoint) => endpoint.name) as EndpointName[];
export const FAULT_TARGETS = [...new Set(ENDPOINTS.map((endpoint) => endpoint.fault))] as FaultTarget[];

const byName = new Map<string, Endpoint>(ENDPOINTS.map((endpoint) => [endpoint.name, endpoint]));
const byRoute = new Map<string, Endpoint>(
  ENDPOINTS.map((endpoint) => [`${endpoint.method.toUpperCase()} ${honoPath(endpoint.path)}`, endpoint]),
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
const E4_PATH_ROOTS = [...new Set(ENDPOINTS.filter((e) => e.dialect === 'E4').map((e) => `/${e.path.split('/')[1]}`))];

const E4_PATHS = new Set<string>(ENDPOINTS.filter((e) => e.dialect === 'E4').map((e) => e.path));

/** Whether a path is or lies under E4's endpoints (`/workflows`, `/workflows/…`, `/conversations/…`). */
export function isE4Path(path: string): boolean {
  return E4_PATHS.has(path) || E4_PATH_ROOTS.some((root) => path.startsWith(`${root}/`));
}

/** A concrete path of an endpoint, its `{params}` filled in (encoded). */
export function endpointPath(name: EndpointName, params: Record<string, string> = {}): string {
  return endpointNamed(name).path.replace(/\{(\w+)\}/g, (_, key: string) =>
    encodeURIComponent(params[key] ?? `{${key}}`),
  );
}

/** What a route contract takes from its row: operationId, method, path and dialect. */
export function endpointRouteFields(name: EndpointName): Pick<Endpoint, 'operationId' | 'method' | 'path' | 'dialect'> {
  const { operationId, method, path, dialect } = endpointNamed(name);
  return { operationId, method, path, dialect };
}
