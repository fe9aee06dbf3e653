import { randomBytes } from 'node:crypto';
import type { Scenario, ScenarioInput } from '../contracts/mock/scenario.js';
import {
  MockSettings,
  type MockSettingsInput,
  type MockSettingsOutput,
  refusal,
  Settings,
  settingAt,
} from '../contracts/mock/settings.js';
import { issuesFromZod } from '../contracts/zod-issues.js';
import { ManualClock, RealtimeClock, type VirtualClock } from '../core/clock.js';
import { type Issue, MockError } from '../core/issue.js';
import { scenarioOptions } from '../scenarios/compile.js';
import { readScenarioData, scenarioError } from '../scenarios/load.js';
import type { WebhookSender } from '../world/webhooks.js';
import { fetchWebhookSender } from './http/webhook-sender.js';
import type { SelfCheckFailure } from './self-check/index.js';

/**
 * Everything that shapes a mock server. All fields are optional; the defaults are the real service's feel. The
 * serializable ones (`seed`, `startTime`, `speed`, `latency`, `longPollTimeoutMs`, `resultTtlMs`, `publicUrl`,
 * `errorHttpStatus`, `clock`, `controlToken`, `journalLimit`, `selfCheck`) are the settings schema's
 * (`src/contracts/mock/settings.ts`, where each is described; the README's options table lists them): a bad value
 * throws a `MockError` with code `invalidOption` naming the option.
 */
export interface MockOptions extends Omit<MockSettingsInput, 'clock'> {
  /**
   * A scenario (accounts, persons, timeline, faults and settings), as the object a scenario file holds. Its
   * settings apply unless other options here say otherwise. Throws a `MockError` (code `invalidScenario`)
   * listing every problem.
   */
  scenario?: ScenarioInput;
  /**
   * `'realtime'` (default): virtual time runs at real speed from `startTime`. `'manual'`: it moves only when
   * the returned `clock` is advanced. Or pass a clock of your own.
   */
  clock?: MockSettingsInput['clock'] | VirtualClock;
  /** How webhook POSTs are sent. Default: `fetch` with a 10 s timeout. */
  sendWebhook?: WebhookSender;
  /** Makes result-link ids. Default: 128 random bits, base64url (22 characters). */
  newResultId?: () => string;
  /** Called with each answer the self-check caught (`selfCheck: true`). */
  onSelfCheckFailure?: (failure: SelfCheckFailure) => void;
}

/** The options typed in code only (functions, objects): outside the serializable settings schema. */
export const CODE_ONLY_OPTIONS = [
  'sendWebhook',
  'newResultId',
  'onSelfCheckFailure',
] as const satisfies readonly (keyof MockOptions)[];

/** The options of a mock, checked, with every default filled in. */
export interface ResolvedOptions extends Omit<MockSettingsOutput, 'clock' | 'startTime'> {
  scenario: Scenario | undefined;
  startTime: number;
  clock: VirtualClock;
  sendWebhook: WebhookSender;
  newResultId: () => string;
  onSelfCheckFailure: ((failure: SelfCheckFailure) => void) | undefined;
}

/** Defaults, read from the settings schema (kept for code that imported them before it existed). */
export const DEFAULT_LONG_POLL_TIMEOUT_MS = Settings.shape.longPollTimeoutMs.parse(undefined);
export const DEFAULT_RESULT_TTL_MS = Settings.shape.resultTtlMs.parse(undefined);
export const DEFAULT_SEED = Settings.shape.seed.parse(undefined);
export const DEFAULT_JOURNAL_LIMIT = Settings.shape.journalLimit.parse(undefined);

/** `undefined` given for an option does not hide the scenario's setting. */
const given = <T extends object>(options: T): Partial<T> =>
  Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;

/** A scenario's settings under the options given in code (latency merged key by key). */
function withScenario(explicit: MockOptions): { scenario: Scenario | undefined; options: MockOptions } {
  if (explicit.scenario === undefined) return { scenario: undefined, options: explicit };
  const read = readScenarioData(explicit.scenario);
  if (!read.ok) throw scenarioError('(the scenario option)', read.error);
  const fromScenario = scenarioOptions(read.value);
  const latency = { ...fromScenario.latency, ...given(explicit.latency ?? {}) };
  return { scenario: read.value, options: { ...fromScenario, ...given(explicit), latency } };
}

/** `[linkedapi-mock] seed: expected an integer, got 1.5`, one line per bad option. */
function invalidOptions(zodIssues: Parameters<typeof issuesFromZod>[0], input: unknown): MockError {
  const issues: Issue[] = zodIssues.flatMap((zodIssue) => {
    const entry = settingAt(zodIssue.path);
    const value = zodIssue.path.reduce<unknown>((at, step) => (at as Record<PropertyKey, unknown>)?.[step], input);
    return issuesFromZod([zodIssue], 'options').map((issue) =>
      entry ? { ...issue, problem: refusal(entry, String(value)) } : issue,
    );
  });
  const message = issues.map((issue) => `[linkedapi-mock] ${issue.path}: ${issue.problem}`).join('\n');
  return new MockError('invalidOption', message, issues);
}

/**
 * Fills in defaults and checks every option with the settings schema; throws a `MockError` naming the option
 * (code `invalidOption`) on a bad value, or listing the scenario's problems (code `invalidScenario`).
 */
export function resolveOptions(explicit: MockOptions = {}): ResolvedOptions {
  const { scenario, options } = withScenario(explicit);
  const ownClock = typeof options.clock === 'object' ? options.clock : undefined;
  const input = { ...options, clock: ownClock ? undefined : options.clock };
  const parsed = MockSettings.safeParse(input, { reportInput: true });
  if (!parsed.success) throw invalidOptions(parsed.error.issues, input);
  const settings = parsed.data;
  const startTime = settings.startTime ?? (ownClock ? ownClock.now() : RealtimeClock.realNow());
  const clock = ownClock ?? (settings.clock === 'manual' ? new ManualClock(startTime) : new RealtimeClock(startTime));
  return {
    ...settings,
    scenario,
    startTime,
    clock,
    sendWebhook: options.sendWebhook ?? fetchWebhookSender,
    newResultId: options.newResultId ?? (() => randomBytes(16).toString('base64url')),
    onSelfCheckFailure: options.onSelfCheckFailure,
  };
}
