/**
 * `linkedapi-mock/testing`: the mock for test authors, in-process, with the control operations and the request
 * journal at hand. No child process; works with vitest, jest or node:test.
 *
 * @example
 * import { startMock } from 'linkedapi-mock/testing';
 * import { afterAll, expect, it } from 'vitest';
 *
 * const mock = await startMock({ speed: 1 }); // a manual clock: time moves only when the test says so
 * afterAll(() => mock.close());
 *
 * it('synchronizes once per run', async () => {
 *   const run = myClient(mock.url).syncInbox('acc-1'); // long mode: the mock holds the request
 *   await mock.journal.waitFor({ account: 'acc-1', endpoint: 'synchronize' });
 *   mock.control.advance('30s'); // the simulated sync finishes
 *   await run;
 *   expect(mock.journal.count({ account: 'acc-1', endpoint: 'synchronize' })).toBe(1);
 * });
 */
import type {
  ClockAnswer,
  ControlErrorType,
  ControlIssue,
  InjectedMessage,
  InjectMessageRequest,
  JournalEntry,
  ResetAnswer,
  ScenarioAnswer,
  StateAnswer,
} from '../contracts/mock/control.js';
import type { ScenarioInput } from '../contracts/mock/scenario.js';
import type { VirtualClock } from '../core/clock.js';
import { createMockServer, type MockServer } from '../server/app.js';
import type { ControlResult } from '../server/control/index.js';
import type { JournalFilter } from '../server/journal/index.js';
import { type ListenOptions, startMock as listen } from '../server/listen.js';
import type { MockOptions } from '../server/options.js';
import type { WebhookAttempt } from '../world/webhooks.js';
import type { World } from '../world/world.js';

export type { ControlIssue, InjectMessageRequest, JournalEntry } from '../contracts/mock/control.js';
export type { JournalFilter } from '../server/journal/index.js';

/** A control operation was refused (nothing changed): its type, message and, when it has them, every problem. */
export class MockControlError extends Error {
  constructor(
    readonly type: ControlErrorType,
    message: string,
    readonly issues: ControlIssue[] = [],
  ) {
    super(message);
    this.name = 'MockControlError';
  }
}

/** The control API as typed calls: the same operations as the `/__mock` routes, without HTTP. */
export interface MockControl {
  /** Everything back to the scenario's initial state, or one account only. The clock and journal stay. */
  reset(account?: string): ResetAnswer;
  /** Replaces the scenario (an object, or YAML/JSON text) and resets everything; throws on an invalid one. */
  loadScenario(scenario: ScenarioInput | string): ScenarioAnswer;
  scenario(): ScenarioAnswer;
  clock(): ClockAnswer;
  /** Moves a manual clock forward (`1500`, `'90s'`, `'5m'`); due timers fire in order. */
  advance(by: number | string): ClockAnswer;
  /** Moves a manual clock to a time, never backwards. */
  setTime(time: string | number | Date): ClockAnswer;
  /** Adds a message to a conversation, as if it had just arrived on LinkedIn. */
  injectMessage(message: InjectMessageRequest): InjectedMessage;
  state(): StateAnswer;
  webhookAttempts(account?: string): WebhookAttempt[];
}

/** The request journal, with helpers to assert on. */
export interface MockJournal {
  /** Matching entries (tokens redacted), oldest first. */
  entries(filter?: JournalFilter): JournalEntry[];
  /** How many requests match, e.g. `count({ account: 'acc-1', endpoint: 'synchronize' })`. */
  count(filter?: JournalFilter): number;
  last(filter?: JournalFilter): JournalEntry | undefined;
  /** Drops every entry; returns how many. */
  clear(): number;
  /**
   * Resolves with the latest matching entry once `count` (default 1) matching requests have been taken in by
   * the mock (their body read, so the world has seen them; a held long poll counts). Rejects after
   * `timeoutMs` (default 5000) of real time. Use it before advancing a manual clock under a request in flight.
   */
  waitFor(filter?: JournalFilter, options?: { count?: number; timeoutMs?: number }): Promise<JournalEntry>;
}

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

/** Test defaults: a manual clock (time moves only through `control`) and every simulated delay zero. */
const TEST_DEFAULTS: MockOptions = { clock: 'manual', speed: 0 };

function unwrap<T>(result: ControlResult<T>): T {
  if ('ok' in result) return result.ok;
  throw new MockControlError(result.failure.type, result.failure.message, result.failure.issues);
}

function control(server: MockServer): MockControl {
  const ops = server.control;
  return {
    reset: (account) => unwrap(ops.reset(account === undefined ? {} : { account })),
    loadScenario: (scenario) =>
      unwrap(ops.loadScenario(typeof scenario === 'string' ? { text: scenario } : { data: scenario })),
    scenario: () => ops.scenario(),
    clock: () => ops.clock(),
    advance: (by) => unwrap(ops.advance({ by })),
    setTime: (time) => unwrap(ops.setTime({ time: typeof time === 'string' ? time : new Date(time).toISOString() })),
    injectMessage: (message) => unwrap(ops.injectMessage(message)),
    state: () => ops.state(),
    webhookAttempts: (account) => unwrap(ops.webhooks(account === undefined ? {} : { account })).attempts,
  };
}

function journal(server: MockServer): MockJournal {
  const recorded = server.journal;
  const last = (filter?: JournalFilter) => recorded.last(filter);
  return {
    entries: (filter) => recorded.entries(filter),
    count: (filter) => recorded.count(filter),
    last,
    clear: () => recorded.clear(),
    waitFor(filter, { count = 1, timeoutMs = 5000 } = {}) {
      if (!recorded.enabled)
        return Promise.reject(new Error('[linkedapi-mock] journal.waitFor: the journal is off (journalLimit 0)'));
      return new Promise((resolve, reject) => {
        let scheduled = false;
        // A turn later: by then the endpoint that read the body has handed the request to the world.
        const check = () => {
          scheduled = false;
          if (recorded.countTaken(filter) < count) return;
          finish();
          resolve(last(filter) as JournalEntry);
        };
        const unsubscribe = recorded.onChange(() => {
          if (!scheduled) {
            scheduled = true;
            setImmediate(check);
          }
        });
        const timer = setTimeout(() => {
          finish();
          const seen = recorded.countTaken(filter);
          reject(
            new Error(`[linkedapi-mock] journal.waitFor: ${seen} of ${count} matching requests after ${timeoutMs} ms`),
          );
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          unsubscribe();
        };
        scheduled = true;
        setImmediate(check);
      });
    },
  };
}

function wrap(server: MockServer): InProcessMock {
  return {
    app: server.app,
    world: server.world,
    clock: server.clock,
    control: control(server),
    journal: journal(server),
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
 * const res = await mock.fetch('/account/conversations.get', { method: 'POST', headers, body });
 */
export function createTestMock(options: MockOptions = {}): InProcessMock & {
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
} {
  const server = createMockServer({ ...TEST_DEFAULTS, ...options });
  const fetch = async (input: string | URL | Request, init?: RequestInit) =>
    server.app.request(input instanceof URL ? input.href : input, init);
  return { ...wrap(server), fetch };
}
