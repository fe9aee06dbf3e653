import { endpointPath } from '../../src/contracts/endpoints.js';

/** The virtual time every test mock starts at, unless told otherwise. */
export const START = '2024-06-03T09:00:00Z';
export const START_MS = Date.parse(START);

/** The canonical LinkedIn URL of a person. */
export const person = (slug: string) => `https://www.linkedin.com/in/${slug}`;

// The public endpoints' paths, from the endpoint table (src/contracts/endpoints.ts).
export const SYNC = endpointPath('synchronize');
export const GET = endpointPath('get');
export const WORKFLOWS = endpointPath('workflows');
export const POLL = endpointPath('poll');
/** The path of a result link. */
export const resultPath = (id: string) => endpointPath('result', { id });
/** The path of a workflow (status and cancel). */
export const workflowPath = (workflowId: string) => endpointPath('workflowStatus', { workflowId });

/** Valid E1 headers for an account; pass another identification token for another account. */
export function tokens(identificationToken = 'acc-1', accountApiToken = 'api-1'): Record<string, string> {
  return { 'account-api-token': accountApiToken, 'identification-token': identificationToken };
}

/** An answer, read: status, headers, text, and the body parsed as JSON (undefined when it is not JSON). */
export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON
  body: any;
  text: string;
}

/** Reads an answer: status, headers, text, and the body parsed as JSON (undefined when it is not JSON). */
export async function reply(response: Response | Promise<Response>): Promise<Reply> {
  const res = await response;
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** Lets pending promise callbacks run (no time passes on any clock). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** POSTs JSON to a URL (a mock on a socket, a child process), with the default tokens. */
export function postTo(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return reply(
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...tokens(), ...headers },
      body: JSON.stringify(body),
    }),
  );
}

/** Tracks whether a started request has been answered yet, without awaiting it. */
export function track(pending: Promise<Reply>): { readonly done: boolean; reply: Promise<Reply> } {
  const state = { done: false, reply: pending };
  pending.then(
    () => {
      state.done = true;
    },
    () => {
      state.done = true;
    },
  );
  return state;
}
