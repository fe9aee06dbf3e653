/**
 * linkedapi-mock: a faithful local stand-in for Linked API's conversations endpoints.
 *
 * @example
 * import { startMock } from 'linkedapi-mock';
 * const mock = await startMock({ speed: 0, seed: 1 });
 * // new Client({ baseUrl: mock.url }) …
 * await mock.close();
 */

export type { JournalEntry } from './contracts/mock/control.js';
export { ManualClock, RealtimeClock, type VirtualClock } from './core/clock.js';
export { createMockServer, type MockServer } from './server/app.js';
export type { ControlOperations } from './server/control/index.js';
export type { JournalFilter, RequestJournal } from './server/journal/index.js';
export { type ListenOptions, type RunningMock, startMock } from './server/listen.js';
export type { MockOptions } from './server/options.js';
export type { WebhookAttempt, WebhookSender } from './world/webhooks.js';
export type { Latency, NewMessage, World } from './world/world.js';
