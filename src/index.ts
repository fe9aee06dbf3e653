/**
 * linkedapi-mock: a faithful local stand-in for Linked API's conversations endpoints.
 *
 * The root starts the mock (`startMock` on a socket, `createMockServer` in process, with the options and clock of
 * a server run). Tests of a client are easier with `linkedapi-mock/testing` (a manual clock, typed control, the
 * journal); the contracts, the conformance suite and the Pact helpers have subpaths of their own.
 *
 * @example
 * import { startMock } from 'linkedapi-mock';
 * const mock = await startMock({ speed: 0, seed: 1 });
 * // new Client({ baseUrl: mock.url }) …
 * await mock.close();
 */

// Starting the mock

export { createMockServer, type MockServer } from './server/app.js';
export { type ListenOptions, type RunningMock, startMock } from './server/listen.js';
export type { MockOptions } from './server/options.js';

// Time

export { ManualClock, RealtimeClock, type VirtualClock } from './core/clock.js';

// Errors: one class, a code to switch on, the issues found

export { type Issue, MockError, type MockErrorCode } from './core/issue.js';

// What a running mock holds: its world, request journal and webhook deliveries

export type { JournalEntry } from './contracts/mock/control.js';
export type { JournalFilter, RequestJournal } from './server/journal/index.js';
export type { WebhookAttempt, WebhookSender } from './world/webhooks.js';
export type { Latency, NewMessage, World } from './world/world.js';
