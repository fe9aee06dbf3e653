import { ManualClock } from '../../src/core/clock.js';
import { createMockServer, type MockServer } from '../../src/server/app.js';
import type { MockOptions } from '../../src/server/options.js';
import { loadSelfCheckRules } from '../../src/server/self-check/index.js';

// The self-check's contracts load lazily; loaded here, no answer of a manual-clock test waits for a module.
await loadSelfCheckRules();

export const START = '2024-06-03T09:00:00Z';
export const START_MS = Date.parse(START);

/** Valid headers for an account; pass another identification token for another account. */
export function tokens(identificationToken = 'acc-1', accountApiToken = 'api-1'): Record<string, string> {
  return { 'account-api-token': accountApiToken, 'identification-token': identificationToken };
}

export interface TestMock extends MockServer {
  clock: ManualClock;
  /** POSTs JSON (a string is sent verbatim) and returns status, headers and parsed body. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Reply>;
  get(path: string, headers?: Record<string, string>): Promise<Reply>;
  /** Starts a request without awaiting it, for long polls held while the clock moves. */
  start(path: string, body: unknown, headers?: Record<string, string>): Promise<Reply>;
}

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

/**
 * An in-process mock on a manual clock that starts at START, seed 1, realistic latency, with the response
 * self-check on. Time moves only with `mock.clock.advance(ms)`.
 */
export function testMock(options: MockOptions = {}): TestMock {
  const clock = new ManualClock(options.startTime ? Date.parse(String(options.startTime)) : START_MS);
  // selfCheck: every answer is checked against its route contract; a drifted answer becomes a loud 500.
  const server = createMockServer({ seed: 1, selfCheck: true, ...options, clock });
  const request = (path: string, init: RequestInit) => server.app.request(`http://mock.test${path}`, init);
  const postInit = (body: unknown, headers: Record<string, string>): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...tokens(), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const post: TestMock['post'] = (path, body, headers = {}) => reply(request(path, postInit(body, headers)));
  return {
    ...server,
    clock,
    post,
    start: post,
    get: (path, headers = {}) => reply(request(path, { method: 'GET', headers })),
  };
}

/** Lets pending promise callbacks run (no time passes on any clock). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

export const person = (slug: string) => `https://www.linkedin.com/in/${slug}`;
export const SYNC = '/account/conversations.synchronize';
export const GET = '/account/conversations.get';

/** POSTs JSON to a mock on a socket (`url` is its base URL plus the path), with the default tokens. */
export function postTo(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return reply(
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...tokens(), ...headers },
      body: JSON.stringify(body),
    }),
  );
}

/**
 * Sends a long-mode request and moves the clock in `stepMs` steps until it is answered (instant with speed 0).
 */
export async function settle(
  mock: TestMock,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  stepMs = 500,
): Promise<Reply> {
  let answered = false;
  const pending = mock.start(path, body, headers).finally(() => {
    answered = true;
  });
  await flush();
  for (let i = 0; i < 2000 && !answered; i++) {
    mock.clock.advance(stepMs);
    await flush();
  }
  return pending;
}
