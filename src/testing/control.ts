import type {
  ClockAnswer,
  InjectedMessage,
  InjectMessageRequest,
  ResetAnswer,
  ScenarioAnswer,
  StateAnswer,
} from '../contracts/mock/control.js';
import type { ScenarioInput } from '../contracts/mock/scenario.js';
import { MockError, type Result } from '../core/issue.js';
import type { MockServer } from '../server/app.js';
import type { ControlFailure } from '../server/control/index.js';
import type { WebhookAttempt } from '../world/webhooks.js';

/** A length of time with a unit: `'250ms'`, `'90s'`, `'5m'`, `'2h'`, `'1d'`. */
export type DurationText = `${number}${'ms' | 's' | 'm' | 'h' | 'd'}`;

/**
 * The control API as typed calls: the same operations as the `/__mock` routes, without HTTP. A refused operation
 * changes nothing and throws a `MockError` with code `controlRefused`: the control API's error type in
 * `details.type` (`invalidRequest`, `invalidScenario`, `clockNotManual`, …), every problem in `issues`.
 *
 * @example
 * mock.control.advance('30s');
 * try { mock.control.setTime('2020-01-01T00:00:00Z'); } catch (error) { (error as MockError).details.type; } // 'invalidRequest'
 */
export interface MockControl {
  /** Everything back to the scenario's initial state, or one account only. The clock and journal stay. */
  reset(account?: string): ResetAnswer;
  /** Replaces the scenario (an object, or YAML/JSON text) and resets everything. */
  loadScenario(scenario: ScenarioInput | string): ScenarioAnswer;
  scenario(): ScenarioAnswer;
  clock(): ClockAnswer;
  /** Moves a manual clock forward (`1500`, `'90s'`, `'5m'`); due timers fire in order. */
  advance(by: number | DurationText): ClockAnswer;
  /** Moves a manual clock to a time, never backwards. */
  setTime(time: string | number | Date): ClockAnswer;
  /** Adds a message to a conversation, as if it had just arrived on LinkedIn. */
  injectMessage(message: InjectMessageRequest): InjectedMessage;
  state(): StateAnswer;
  webhookAttempts(account?: string): WebhookAttempt[];
}

function refused(refusal: ControlFailure): MockError {
  return new MockError('controlRefused', refusal.message, refusal.issues ?? [], { type: refusal.type });
}

function unwrap<T>(outcome: Result<T, ControlFailure>): T {
  if (!outcome.ok) throw refused(outcome.error);
  return outcome.value;
}

/** The typed control of a mock server: its control operations, each refusal thrown. */
export function testControl(server: MockServer): MockControl {
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
