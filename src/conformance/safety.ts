import { ENDPOINTS, type EndpointName, endpointPath } from '../contracts/endpoints.js';
import { routePattern } from '../contracts/find-route.js';
import { endpointRoute } from '../contracts/routes.js';
import type { OutgoingRequest } from './client.js';
import { NEVER_SYNCED_PERSON } from './options.js';

/** A kind of request the suite may send. `reads`: it only reads, so it may name the never-synced person. */
export interface SafeRequest {
  method: OutgoingRequest['method'];
  /** Matches the path under the base URL. */
  path: RegExp;
  reads: boolean;
}

/**
 * The public endpoints the suite may call, and whether a call only reads. No send endpoint is here, ever: an
 * endpoint the table gains is refused until it is listed. E4: only sync actions may be started (checked below),
 * their status read and cancelled, polls read.
 */
const SAFE_ENDPOINTS: Partial<Record<EndpointName, { reads: boolean }>> = {
  synchronize: { reads: false },
  get: { reads: true },
  result: { reads: true },
  workflows: { reads: false },
  workflowStatus: { reads: true },
  workflowCancel: { reads: true },
  poll: { reads: true },
};

/** The directory of the E1 endpoints (`/account`): where the suite probes for an unknown endpoint. */
const E1_DIRECTORY = endpointPath('get').replace(/\/[^/]*$/, '');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A path beside the E1 endpoints that no implementation serves (`/account/linkedapi-mock-verify-no-such-endpoint`). */
export const UNKNOWN_E1_PATH = `${E1_DIRECTORY}/linkedapi-mock-verify-no-such-endpoint`;

/** Every request the suite may send against any implementation; anything else is refused before it leaves. */
export const SAFE_REQUESTS: SafeRequest[] = [
  ...ENDPOINTS.flatMap(({ name, method }) => {
    const safe = SAFE_ENDPOINTS[name];
    if (!safe) return [];
    return [
      { method: method.toUpperCase() as SafeRequest['method'], path: routePattern(endpointRoute(name)), ...safe },
    ];
  }),
  // The unknown-endpoint probes.
  { method: 'GET', path: new RegExp(`^${escapeRegExp(E1_DIRECTORY)}/linkedapi-mock-verify-[a-z-]+$`), reads: true },
];

const WORKFLOWS_PATH = endpointPath('workflows');

/** The only workflow actions the suite may start: syncs, and a name no implementation runs (to see it refused). */
export const SAFE_ACTION_TYPES = ['st.syncConversation', 'nv.syncConversation', 'linkedapiMockVerify.noSuchAction'];

/** `actionType`s named anywhere in a JSON body. */
function actionTypesIn(body: string | undefined): unknown[] {
  if (body === undefined) return [];
  try {
    const json: unknown = JSON.parse(body);
    const actions = Array.isArray(json) ? json : [json];
    return actions.map((action) =>
      action !== null && typeof action === 'object' ? (action as { actionType?: unknown }).actionType : undefined,
    );
  } catch {
    return [];
  }
}

/** Person URLs named anywhere in a JSON body (`person`, `personUrl`). */
function personsIn(body: string | undefined): string[] {
  if (body === undefined) return [];
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if ((key === 'person' || key === 'personUrl') && typeof item === 'string') found.push(item);
        else visit(item);
      }
    }
  };
  try {
    visit(JSON.parse(body));
  } catch {
    // not JSON: it names nobody
  }
  return found;
}

/**
 * Why a request must not be sent, or undefined. The rules: the base URL's origin only; only `SAFE_REQUESTS`
 * (never a send endpoint); only the persons given, plus the never-synced person on reads.
 */
export function safetyRefusal(request: OutgoingRequest, baseUrl: string, persons: readonly string[]) {
  const base = new URL(baseUrl);
  const url = new URL(request.url);
  if (url.origin !== base.origin) return `${url.origin} is not the origin of the base URL ${base.origin}`;
  const path = url.pathname.slice(base.pathname.replace(/\/$/, '').length);
  const kind = SAFE_REQUESTS.find((safe) => safe.method === request.method && safe.path.test(path));
  if (!kind) return `${request.method} ${path} is not a request the suite may send`;
  if (path === WORKFLOWS_PATH) {
    const unsafe = actionTypesIn(request.body).find((type) => !SAFE_ACTION_TYPES.includes(type as string));
    if (unsafe !== undefined || request.body === undefined) {
      return `workflow action ${JSON.stringify(unsafe)} is not one the suite may start (only ${SAFE_ACTION_TYPES.join(', ')})`;
    }
  }
  const stranger = personsIn(request.body).find(
    (person) => !persons.includes(person) && !(kind.reads && person === NEVER_SYNCED_PERSON),
  );
  return stranger === undefined ? undefined : `${stranger} is not one of the persons given`;
}
