import { type ClockTimer, ManualClock } from '../../src/core/clock.js';
import { loadSelfCheckRules } from '../../src/server/self-check/index.js';
import {
  createTestMock,
  type TestMock as HarnessMock,
  type ListenOptions,
  type StartedMock,
  startMock,
} from '../../src/testing/index.js';
import { type Reply, reply, START_MS, tokens } from './http.js';

// The self-check's contracts load lazily; loaded here, no answer of a manual-clock test waits for a module.
await loadSelfCheckRules();

/** The options of an in-process mock, as `createTestMock` takes them. */
export type MockOptions = NonNullable<Parameters<typeof createTestMock>[0]>;

/**
 * The manual clock of every test mock: time moves only with `advance(ms)` or `set(time)`. It also tells when
 * timers are set, for tests on a socket that must not move time before the server holds a request.
 */
export class TestClock extends ManualClock {
  private readonly waiters: { count: number; resolve: () => void }[] = [];

  override setTimer(at: number, callback: () => void): ClockTimer {
    const timer = super.setTimer(at, callback);
    for (const waiter of [...this.waiters]) {
      if (this.pendingTimers < waiter.count) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    return timer;
  }

  /** Resolves once at least `count` timers are pending (a held long poll sets one, its ceiling; a job another). */
  whenPending(count: number): Promise<void> {
    if (this.pendingTimers >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }
}

/** What a request sends: exactly these headers (none added), and a body (text, bytes or a stream as it is, else JSON). */
export interface SendInit {
  headers?: Record<string, string>;
  body?: unknown;
  /** The origin the request is addressed to. Default: `http://mock.test` in process, the mock's URL on a socket. */
  origin?: string;
}

/** Requests to a mock, answered and read. */
export interface Requests {
  /** POSTs JSON (a string is sent verbatim) with the default tokens plus `headers`. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** The same as `post`, not awaited: for long polls held while the clock moves. */
  start(path: string, body: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** GETs with exactly these headers. */
  get(path: string, headers?: Record<string, string>): Promise<Reply>;
  /** Any request, with exactly the given headers. */
  send(method: string, path: string, init?: SendInit): Promise<Reply>;
}

/** `linkedapi-mock/testing`'s in-process mock, on a `TestClock`, with the request helpers. */
export interface TestMock extends Omit<HarnessMock, 'clock'>, Requests {
  clock: TestClock;
}

/** `linkedapi-mock/testing`'s mock on a socket, on a `TestClock`, with the request helpers (over the socket). */
export interface SocketMock extends Omit<StartedMock, 'clock'>, Requests {
  clock: TestClock;
}

/** A body sent as it is: text, bytes or a stream (anything else is sent as JSON). */
const isBodyInit = (body: unknown): body is NonNullable<RequestInit['body']> =>
  typeof body === 'string' || body instanceof ReadableStream || ArrayBuffer.isView(body) || body instanceof Blob;

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

function requests(fetch: Fetch, base: string): Requests {
  const send: Requests['send'] = (method, path, init = {}) => {
    const request: RequestInit & { duplex?: 'half' } = { method, headers: init.headers ?? {} };
    const { body } = init;
    if (body !== undefined) {
      request.body = isBodyInit(body) ? body : JSON.stringify(body);
      if (body instanceof ReadableStream) request.duplex = 'half';
    }
    return reply(fetch(`${init.origin ?? base}${path}`, request));
  };
  const post: Requests['post'] = (path, body, headers = {}) =>
    send('POST', path, { headers: { 'content-type': 'application/json', ...tokens(), ...headers }, body });
  return { post, start: post, get: (path, headers = {}) => send('GET', path, { headers }), send };
}

/** Requests answered by the app in process, addressed to `http://mock.test` unless told otherwise. */
const inProcess = (mock: HarnessMock): Requests => requests((url, init) => mock.fetch(url, init), 'http://mock.test');

/** A manual clock at `startTime` (a date-time, epoch ms or a Date), or at START. */
function clockAt(startTime: MockOptions['startTime']): TestClock {
  if (startTime === undefined) return new TestClock(START_MS);
  if (startTime instanceof Date) return new TestClock(startTime.getTime());
  return new TestClock(typeof startTime === 'number' ? startTime : Date.parse(startTime));
}

/**
 * The defaults of these suites over the harness's (`clock: 'manual'`, `speed: 0`): seed 1, the response
 * self-check on (a drifted answer becomes a loud 500), and the service's realistic delays unless `speed` is given.
 */
const SUITE_DEFAULTS: MockOptions = { seed: 1, selfCheck: true, speed: undefined };

/**
 * An in-process mock (`createTestMock`) on a manual clock that starts at START (or `startTime`), seed 1,
 * realistic latency, with the response self-check on. Time moves only with `mock.clock.advance(ms)`.
 *
 * @example
 * const mock = testMock({ speed: 0 });
 * const answer = await mock.post(SYNC, { standard: [{ person: person('jane') }] });
 */
export function testMock(options: MockOptions = {}): TestMock {
  const clock = clockAt(options.startTime);
  const mock = createTestMock({ ...SUITE_DEFAULTS, ...options, clock });
  return { ...mock, clock, ...inProcess(mock) };
}

/** An in-process mock whose virtual time runs at real speed: for what a manual clock cannot show. */
export type RealtimeMock = HarnessMock & Requests;

/** `testMock`'s defaults on a realtime clock (`clock: 'realtime'`) instead of a manual one. */
export function realtimeMock(options: Omit<MockOptions, 'clock'> = {}): RealtimeMock {
  const mock = createTestMock({ ...SUITE_DEFAULTS, ...options, clock: 'realtime' });
  return { ...mock, ...inProcess(mock) };
}

/**
 * A mock on 127.0.0.1 (`startMock`, a free port), with the same defaults and clock as `testMock`. Close it when
 * done (`await mock.close()`).
 */
export async function socketMock(options: ListenOptions = {}): Promise<SocketMock> {
  const clock = clockAt(options.startTime);
  const mock = await startMock({ ...SUITE_DEFAULTS, ...options, clock });
  return { ...mock, clock, ...requests(fetch, mock.url) };
}
