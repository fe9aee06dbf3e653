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

export type { ControlIssue, InjectMessageRequest, JournalEntry } from '../contracts/mock/control.js';
export type { ScenarioInput } from '../contracts/mock/scenario.js';
export type { JournalFilter } from '../server/journal/index.js';
export type { ListenOptions } from '../server/listen.js';
// Moving time, loading scenarios, injecting messages (a refusal throws MockError, code controlRefused)
export type { DurationText, MockControl } from './control.js';
// Asserting on the requests the mock received
export type { MockJournal } from './journal.js';
// The mock, in a test
export { createTestMock, type InProcessMock, type StartedMock, startMock, type TestMock } from './mock.js';
