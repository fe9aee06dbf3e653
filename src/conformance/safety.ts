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
 * Every request the suite may send against any implementation; anything else is refused before it leaves.
 * No send endpoint is here, ever. A dialect's checks append their endpoints.
 */
export const SAFE_REQUESTS: SafeRequest[] = [
  { method: 'POST', path: /^\/account\/conversations\.synchronize$/, reads: false },
  { method: 'POST', path: /^\/account\/conversations\.get$/, reads: true },
  { method: 'GET', path: /^\/account\/results\/[^/]+$/, reads: true },
  { method: 'GET', path: /^\/account\/linkedapi-mock-verify-[a-z-]+$/, reads: true },
  // E4: only sync actions may be started (checked below), their status read and cancelled, polls read.
  { method: 'POST', path: /^\/workflows$/, reads: false },
  { method: 'GET', path: /^\/workflows\/[^/]+$/, reads: true },
  { method: 'DELETE', path: /^\/workflows\/[^/]+$/, reads: true },
  { method: 'POST', path: /^\/conversations\/poll$/, reads: true },
];

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
  if (path === '/workflows') {
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
