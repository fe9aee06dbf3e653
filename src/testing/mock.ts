import type { VirtualClock } from '../core/clock.js';
import { createMockServer, type MockServer } from '../server/app.js';
import { type ListenOptions, startMock as listen } from '../server/listen.js';
import type { MockOptions } from '../server/options.js';
import type { World } from '../world/world.js';
import { type MockControl, testControl } from './control.js';
import { type MockJournal, testJournal } from './journal.js';

/** A mock in this process: the app, its world and clock, control operations and journal. */
export interface InProcessMock {
  app: MockServer['app'];
  world: World;
  clock: VirtualClock;
  control: MockControl;
  journal: MockJournal;
  /** The whole mock server, for what the harness does not wrap (faults, options...). */
  server: MockServer;
}

/** A mock on a socket: `url` to give the client under test, and `close()`. */
export interface StartedMock extends InProcessMock {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Answers held requests, then stops listening. */
  close(): Promise<void>;
}

/** A mock without a socket, plus `fetch`, which calls the app directly. */
export interface TestMock extends InProcessMock {
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
}

/** Test defaults: a manual clock (time moves only through `control`) and every simulated delay zero. */
const TEST_DEFAULTS: MockOptions = { clock: 'manual', speed: 0 };

function wrap(server: MockServer): InProcessMock {
  return {
    app: server.app,
    world: server.world,
    clock: server.clock,
    control: testControl(server),
    journal: testJournal(server),
    server,
  };
}

/**
 * Starts the mock on 127.0.0.1 (a free port) for a test. Defaults for tests: `clock: 'manual'` and `speed: 0`
 * (pass `speed: 1` to see realistic delays, then move time with `control.advance`). Close it when done.
 *
 * @example
 * const mock = await startMock({ scenario: { accounts: [{ identificationToken: 'acc-1' }] } });
 * // new LinkedApi({ baseUrl: mock.url, ... }) …
 * expect(mock.journal.count({ endpoint: 'poll' })).toBe(1);
 * await mock.close();
 */
export async function startMock(options: ListenOptions = {}): Promise<StartedMock> {
  const running = await listen({ ...TEST_DEFAULTS, ...options });
  return { ...wrap(running), url: running.url, close: () => running.close() };
}

/**
 * The mock without a socket, for clients that take a `fetch`: `mock.fetch` calls the app directly.
 *
 * @example
 * const mock = createTestMock();
 * const res = await mock.fetch(endpointPath('get'), { method: 'POST', headers, body });
 */
export function createTestMock(options: MockOptions = {}): TestMock {
  const server = createMockServer({ ...TEST_DEFAULTS, ...options });
  const fetch = async (input: string | URL | Request, init?: RequestInit) =>
    server.app.request(input instanceof URL ? input.href : input, init);
  return { ...wrap(server), fetch };
}
