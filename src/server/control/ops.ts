import type { z } from 'zod';
import {
  AdvanceClockRequest,
  type ClockAnswer,
  CONTROL_ERRORS,
  type ControlErrorType,
  type ControlIssue,
  type InjectedMessage,
  InjectMessageRequest,
  type JournalAnswer,
  JournalQuery,
  type ResetAnswer,
  ResetRequest,
  type ScenarioAnswer,
  SetClockRequest,
  type StateAnswer,
  WebhooksQuery,
} from '../../contracts/mock/control.js';
import type { Scenario } from '../../contracts/mock/scenario.js';
import { ManualClock } from '../../core/clock.js';
import { formatIssues, toInputIssues } from '../../core/issues.js';
import { personRef } from '../../core/person-url.js';
import { durationMs } from '../../scenarios/compile.js';
import { parseScenarioData, parseScenarioText, ScenarioError, type ScenarioResult } from '../../scenarios/load.js';
import { summarizeScenario } from '../../scenarios/summary.js';
import type { WebhookAttempt } from '../../world/webhooks.js';
import type { World } from '../../world/world.js';
import type { RequestJournal } from '../journal/index.js';
import type { ResolvedOptions } from '../options.js';
import { clockAnswer, stateAnswer } from './state.js';

/** What the control operations work on. */
export interface ControlContext {
  world: World;
  options: ResolvedOptions;
  journal: RequestJournal;
  /** Replaces the scenario and resets everything (`MockServer.loadScenario`); throws a `ScenarioError`. */
  loadScenario(scenario: Scenario): void;
}

/** Why a control operation was refused; nothing changed. */
export interface ControlFailure {
  type: ControlErrorType;
  message: string;
  issues?: ControlIssue[];
}

export type ControlResult<T> = { ok: T } | { failure: ControlFailure };

/** Where a scenario comes from: data (an object) or text (YAML, or strict JSON). */
export type ScenarioSource = { data: unknown } | { text: string; format?: 'yaml' | 'json' };

/**
 * The control operations, on parsed JSON (the HTTP routes and the test harness call the same ones). Each
 * checks its input first and changes nothing when it refuses it.
 */
export interface ControlOperations {
  reset(body: unknown): ControlResult<ResetAnswer>;
  scenario(): ScenarioAnswer;
  loadScenario(source: ScenarioSource): ControlResult<ScenarioAnswer>;
  clock(): ClockAnswer;
  advance(body: unknown): ControlResult<ClockAnswer>;
  setTime(body: unknown): ControlResult<ClockAnswer>;
  injectMessage(body: unknown): ControlResult<InjectedMessage>;
  state(): StateAnswer;
  journal(query: unknown): ControlResult<JournalAnswer>;
  clearJournal(): { cleared: number };
  webhooks(query: unknown): ControlResult<{ attempts: WebhookAttempt[] }>;
  /** Calls `listener` after every reset (`account` undefined: everything); returns an unsubscribe. */
  onReset(listener: (account: string | undefined) => void): () => void;
}

/** The latest time the clock may reach: message times have four-digit years. */
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59);
const iso = (ms: number) => new Date(ms).toISOString();

/** An `invalidRequest` failure listing every problem. */
export function invalidRequest(issues: ControlIssue[]): { failure: ControlFailure } {
  const message = `[linkedapi-mock] the control request is invalid: ${formatIssues(issues)}. Nothing changed; fix it and send it again.`;
  return { failure: { type: 'invalidRequest', message, issues } };
}

/** A control failure of a type that carries no issues. */
export function controlFailure(type: ControlErrorType, message: string): { failure: ControlFailure } {
  return { failure: { type, message: `[linkedapi-mock] ${message}` } };
}

/** `data` checked by `schema`; problems located under `root` (`body` or `query`). */
export function check<S extends z.ZodType>(
  schema: S,
  data: unknown,
  root: 'body' | 'query',
): ControlResult<z.output<S>> {
  const result = schema.safeParse(data);
  if (result.success) return { ok: result.data };
  const zodIssues = schema.safeParse(data, { reportInput: true }).error?.issues ?? result.error.issues;
  const issues = zodIssues.flatMap((issue) => toInputIssues([issue], root).map((input) => withBound(issue, input)));
  if (root === 'body') return invalidRequest(issues);
  return invalidRequest(
    issues.map((issue) => (issue.path === root ? issue : { ...issue, path: `query.${issue.path}` })),
  );
}

/** zod's "Too small: expected number to be >=0" as "must be >= 0, got -5". */
function withBound(issue: z.core.$ZodIssue, input: ControlIssue): ControlIssue {
  if ((issue.code !== 'too_small' && issue.code !== 'too_big') || issue.origin !== 'number') return input;
  const small = issue.code === 'too_small';
  const bound = small ? issue.minimum : issue.maximum;
  const op = small ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
  return {
    ...input,
    problem: `must be ${op} ${bound}${issue.input === undefined ? '' : `, got ${JSON.stringify(issue.input)}`}`,
  };
}

function scenarioFailure(issues: ScenarioError['issues']): { failure: ControlFailure } {
  const listed = issues.map((issue) => {
    const where = issue.line === undefined ? '' : ` (line ${issue.line}, column ${issue.column})`;
    return `${issue.path}${where}: ${issue.problem} (${issue.hint})`;
  });
  const count = `${issues.length} problem${issues.length === 1 ? '' : 's'}`;
  const message = `[linkedapi-mock] the scenario is invalid (${count}); nothing changed: ${listed.join('; ')}`;
  return { failure: { type: 'invalidScenario', message, issues: issues.map((issue) => ({ ...issue })) } };
}

/** The control operations of a mock. */
export function createControlOperations(context: ControlContext): ControlOperations {
  const { world, options, journal } = context;
  const { clock } = world;
  const resetListeners = new Set<(account: string | undefined) => void>();

  const scenario = (): ScenarioAnswer => ({
    scenario: options.scenario ?? null,
    summary: options.scenario ? summarizeScenario(options.scenario) : 'the default world',
  });

  /** Runs `move` on the manual clock, or says why it cannot. */
  const moveClock = (to: number, path: string, move: (clock: ManualClock) => void): ControlResult<ClockAnswer> => {
    if (!(clock instanceof ManualClock)) {
      return controlFailure(
        'clockNotManual',
        'the clock runs by itself: start the mock with --clock manual (or the option clock: "manual") to move it through the control API',
      );
    }
    if (to > MAX_TIME) return invalidRequest([{ path, problem: `would move the clock past ${iso(MAX_TIME)}` }]);
    move(clock);
    return { ok: clockAnswer(clock, options.startTime) };
  };

  const messageIssues = (message: z.output<typeof InjectMessageRequest>): ControlIssue[] => {
    const issues: ControlIssue[] = [];
    const listed = options.scenario?.accounts;
    if (message.account.startsWith('invalid')) {
      issues.push({
        path: 'account',
        problem: 'names no account (identification tokens starting with "invalid" are invalid)',
      });
    } else if (listed && !listed.some((account) => account.identificationToken === message.account)) {
      const names = listed.map((account) => account.identificationToken).join(', ') || 'none';
      issues.push({ path: 'account', problem: `is not one of the accounts of the scenario (${names})` });
    }
    if (!world.personExists(personRef(message.person), message.account)) {
      issues.push({
        path: 'person',
        problem:
          'does not exist in this world (not a LinkedIn person URL, exists: false in the scenario, disappeared, unlisted, or /in/missing-...)',
      });
    }
    if (message.time !== undefined) {
      const at = Date.parse(message.time);
      if (!Number.isFinite(at)) issues.push({ path: 'time', problem: 'is not a date that exists' });
      else if (at > clock.now()) {
        issues.push({
          path: 'time',
          problem: `is after the clock's time ${iso(clock.now())}; leave time out for now, or move the clock first`,
        });
      }
    }
    return issues;
  };

  return {
    reset(body) {
      const parsed = check(ResetRequest, body, 'body');
      if ('failure' in parsed) return parsed;
      const { account } = parsed.ok;
      world.reset(account);
      for (const listener of resetListeners) listener(account);
      return { ok: account === undefined ? { reset: 'everything' } : { reset: 'account', account } };
    },
    scenario,
    loadScenario(source) {
      const parsed: ScenarioResult =
        'data' in source ? parseScenarioData(source.data) : parseScenarioText(source.text, { format: source.format });
      if ('issues' in parsed) return scenarioFailure(parsed.issues);
      try {
        context.loadScenario(parsed.scenario);
      } catch (error) {
        if (error instanceof ScenarioError) return scenarioFailure(error.issues);
        if (error instanceof RangeError && error.message.startsWith('[linkedapi-mock]')) {
          const problem = error.message.replace('[linkedapi-mock] ', '');
          return scenarioFailure([{ path: 'scenario', problem, hint: 'change this setting of the scenario' }]);
        }
        throw error;
      }
      return { ok: scenario() };
    },
    clock: () => clockAnswer(clock, options.startTime),
    advance(body) {
      const parsed = check(AdvanceClockRequest, body, 'body');
      if ('failure' in parsed) return parsed;
      const ms = durationMs(parsed.ok.by);
      return moveClock(clock.now() + ms, 'by', (manual) => manual.advance(ms));
    },
    setTime(body) {
      const parsed = check(SetClockRequest, body, 'body');
      if ('failure' in parsed) return parsed;
      const to = Date.parse(parsed.ok.time);
      if (!Number.isFinite(to)) return invalidRequest([{ path: 'time', problem: 'is not a date that exists' }]);
      if (clock instanceof ManualClock && to < clock.now()) {
        const problem = `is before the clock's time ${iso(clock.now())}: the clock never moves backwards (restart the mock with an earlier start time to go back)`;
        return invalidRequest([{ path: 'time', problem }]);
      }
      return moveClock(to, 'time', (manual) => manual.set(to));
    },
    injectMessage(body) {
      const parsed = check(InjectMessageRequest, body, 'body');
      if ('failure' in parsed) return parsed;
      const message = parsed.ok;
      const issues = messageIssues(message);
      if (issues.length > 0) return invalidRequest(issues);
      const at = Math.floor((message.time === undefined ? clock.now() : Date.parse(message.time)) / 1000) * 1000;
      const account = world.account(message.account);
      world.addMessage(account, message.channel, message.person, { sender: message.from, text: message.text, at });
      const answer: InjectedMessage = {
        account: message.account,
        channel: message.channel,
        person: message.person,
        message: { from: message.from, text: message.text, time: `${iso(at).slice(0, 19)}Z` },
        synced: account.synced[message.channel].has(personRef(message.person).key),
      };
      return { ok: answer };
    },
    state: () => stateAnswer(world, options.startTime, journal),
    journal(query) {
      const parsed = check(JournalQuery, query, 'query');
      if ('failure' in parsed) return parsed;
      const { account, endpoint, limit } = parsed.ok;
      const entries = journal.entries({ account, endpoint }, limit);
      return { ok: { enabled: journal.enabled, capacity: journal.capacity, total: journal.size, entries } };
    },
    clearJournal: () => ({ cleared: journal.clear() }),
    webhooks(query) {
      const parsed = check(WebhooksQuery, query, 'query');
      if ('failure' in parsed) return parsed;
      return { ok: { attempts: world.webhooks.attempts(parsed.ok.account) } };
    },
    onReset(listener) {
      resetListeners.add(listener);
      return () => resetListeners.delete(listener);
    },
  };
}

/** The HTTP status of a failure. */
export const failureStatus = (failure: ControlFailure): number => CONTROL_ERRORS[failure.type];
