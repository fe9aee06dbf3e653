import { randomBytes } from 'node:crypto';
import type { Scenario, ScenarioInput } from '../contracts/mock/scenario.js';
import { ManualClock, RealtimeClock, type VirtualClock } from '../core/clock.js';
import { scenarioOptions } from '../scenarios/compile.js';
import { parseScenarioData, ScenarioError } from '../scenarios/load.js';
import type { WebhookSender } from '../world/webhooks.js';
import { DEFAULT_LATENCY, type Latency } from '../world/world.js';
import { fetchWebhookSender } from './http/webhook-sender.js';
import type { SelfCheckFailure } from './self-check/index.js';

/** Everything that shapes a mock server. All fields are optional; the defaults are the real service's feel. */
export interface MockOptions {
  /**
   * A scenario (accounts, persons, timeline, faults and settings), as the object a scenario file holds. Its
   * settings apply unless other options here say otherwise. Throws a `ScenarioError` listing every problem.
   */
  scenario?: ScenarioInput;
  /** Seed of generated threads and latency jitter. Default 1. */
  seed?: number;
  /** Start of the virtual clock (ISO 8601 string, epoch ms or Date). Default: the real time at creation. */
  startTime?: string | number | Date;
  /** Factor on every simulated delay: 0 = instant, 0.1 = ten times faster, 1 = realistic. Default 1. */
  speed?: number;
  /**
   * `'realtime'` (default): virtual time runs at real speed from `startTime`. `'manual'`: it moves only when
   * the returned `clock` is advanced. Or pass a clock of your own.
   */
  clock?: 'realtime' | 'manual' | VirtualClock;
  /** Simulated latencies, before `speed`. Default: sync 1500 ms per conversation, get 100 ms, ±30 % jitter. */
  latency?: Partial<Latency>;
  /** Longest a `long` request is held before it is answered with a result link. Default 120 000 ms. */
  longPollTimeoutMs?: number;
  /** How long a finished result stays readable through its link, in virtual ms. Default 24 h. */
  resultTtlMs?: number;
  /** Origin used in result links, e.g. `https://mock.example.test`. Default: the origin the request came in on. */
  publicUrl?: string;
  /** Send global errors with this HTTP status instead of their own (only 200 is allowed). */
  errorHttpStatus?: 200;
  /** How webhook POSTs are sent. Default: `fetch` with a 10 s timeout. */
  sendWebhook?: WebhookSender;
  /** Makes result-link ids. Default: 128 random bits, base64url (22 characters). */
  newResultId?: () => string;
  /**
   * Check every answer against its route contract and answer 500 `selfCheckFailed` on a mismatch (logged to
   * stderr and passed to `onSelfCheckFailure`). For the mock's own tests and for paranoid CI. Default false.
   */
  selfCheck?: boolean;
  /** Called with each answer the self-check caught. */
  onSelfCheckFailure?: (failure: SelfCheckFailure) => void;
  /**
   * When set, every `/__mock/*` route but `/__mock/health` needs the header `x-mock-control-token` with this
   * value (401 otherwise). Default: none, the control API is open (the mock listens on 127.0.0.1 by default).
   */
  controlToken?: string;
  /** How many requests the request journal keeps (the oldest go first); 0 turns the journal off. Default 1000. */
  journalLimit?: number;
}

export interface ResolvedOptions {
  scenario: Scenario | undefined;
  seed: number;
  startTime: number;
  speed: number;
  clock: VirtualClock;
  latency: Latency;
  longPollTimeoutMs: number;
  resultTtlMs: number;
  publicUrl: string | undefined;
  errorHttpStatus: 200 | undefined;
  sendWebhook: WebhookSender;
  newResultId: () => string;
  selfCheck: boolean;
  onSelfCheckFailure: ((failure: SelfCheckFailure) => void) | undefined;
  controlToken: string | undefined;
  journalLimit: number;
}

export const DEFAULT_LONG_POLL_TIMEOUT_MS = 120_000;
export const DEFAULT_RESULT_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_SEED = 1;

function toEpochMs(value: string | number | Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms))
    throw new RangeError(`[linkedapi-mock] ${name}: expected an ISO 8601 date-time, got ${String(value)}`);
  return ms;
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`[linkedapi-mock] ${name}: expected a number >= 0, got ${value}`);
  }
  return value;
}

export const DEFAULT_JOURNAL_LIMIT = 1000;

function controlToken(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RangeError('[linkedapi-mock] controlToken: expected a non-empty string (leave it out for no token)');
  }
  return value;
}

function journalLimit(value: number | undefined): number {
  if (value === undefined) return DEFAULT_JOURNAL_LIMIT;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`[linkedapi-mock] journalLimit: expected a whole number >= 0 (0 turns it off), got ${value}`);
  }
  return value;
}

/** Fills in defaults and checks every option; throws a RangeError naming the option on a bad value. */
export function resolveOptions(explicit: MockOptions = {}): ResolvedOptions {
  let scenario: Scenario | undefined;
  let options = explicit;
  if (explicit.scenario !== undefined) {
    const parsed = parseScenarioData(explicit.scenario);
    if ('issues' in parsed) throw new ScenarioError('(the scenario option)', parsed.issues);
    scenario = parsed.scenario;
    const fromScenario = scenarioOptions(scenario);
    // An option given as `undefined` does not hide the scenario's setting.
    const given = Object.fromEntries(Object.entries(explicit).filter(([, value]) => value !== undefined));
    const latency = Object.entries(explicit.latency ?? {}).filter(([, value]) => value !== undefined);
    options = { ...fromScenario, ...given, latency: { ...fromScenario.latency, ...Object.fromEntries(latency) } };
  }
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`[linkedapi-mock] seed: expected an integer, got ${seed}`);
  let clock: VirtualClock;
  let startTime: number;
  if (typeof options.clock === 'object') {
    clock = options.clock;
    startTime = options.startTime === undefined ? clock.now() : toEpochMs(options.startTime, 'startTime');
  } else {
    startTime = options.startTime === undefined ? RealtimeClock.realNow() : toEpochMs(options.startTime, 'startTime');
    clock = options.clock === 'manual' ? new ManualClock(startTime) : new RealtimeClock(startTime);
  }
  const latency = { ...DEFAULT_LATENCY, ...options.latency };
  nonNegative(latency.syncMs, 'latency.syncMs');
  nonNegative(latency.getMs, 'latency.getMs');
  if (nonNegative(latency.jitter, 'latency.jitter') > 1) {
    throw new RangeError(`[linkedapi-mock] latency.jitter: expected a fraction from 0 to 1, got ${latency.jitter}`);
  }
  let publicUrl: string | undefined;
  if (options.publicUrl !== undefined) {
    const url = URL.canParse(options.publicUrl) ? new URL(options.publicUrl) : undefined;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new RangeError(
        `[linkedapi-mock] publicUrl: expected an http(s) origin such as https://mock.example.test, got ${options.publicUrl}`,
      );
    }
    publicUrl = url.origin;
  }
  if (options.errorHttpStatus !== undefined && options.errorHttpStatus !== 200) {
    throw new RangeError(
      `[linkedapi-mock] errorHttpStatus: only 200 is supported, got ${String(options.errorHttpStatus)}`,
    );
  }
  return {
    scenario,
    seed,
    startTime,
    speed: nonNegative(options.speed ?? 1, 'speed'),
    clock,
    latency,
    longPollTimeoutMs: nonNegative(options.longPollTimeoutMs ?? DEFAULT_LONG_POLL_TIMEOUT_MS, 'longPollTimeoutMs'),
    resultTtlMs: nonNegative(options.resultTtlMs ?? DEFAULT_RESULT_TTL_MS, 'resultTtlMs'),
    publicUrl,
    errorHttpStatus: options.errorHttpStatus,
    sendWebhook: options.sendWebhook ?? fetchWebhookSender,
    newResultId: options.newResultId ?? (() => randomBytes(16).toString('base64url')),
    selfCheck: options.selfCheck === true,
    onSelfCheckFailure: options.onSelfCheckFailure,
    controlToken: controlToken(options.controlToken),
    journalLimit: journalLimit(options.journalLimit),
  };
}
