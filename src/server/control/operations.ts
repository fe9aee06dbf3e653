import type { z } from 'zod';
import {
  AdvanceClockRequest,
  type ClockAnswer,
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
import { type Issue, ok } from '../../core/issue.js';
import { personRef } from '../../core/person-url.js';
import { durationMs } from '../../scenarios/compile.js';
import { readScenarioData, readScenarioText } from '../../scenarios/load.js';
import { summarizeScenario } from '../../scenarios/summary.js';
import type { WebhookAttempt } from '../../world/webhooks.js';
import type { World } from '../../world/world.js';
import type { RequestJournal } from '../journal/index.js';
import type { ResolvedOptions } from '../options.js';
import { type ControlResult, checkControl, controlFailure, invalidRequest } from './failure.js';
import { scenarioFailure, scenarioRefused } from './scenario.js';
import { clockAnswer, stateAnswer } from './state.js';

/** What the control operations work on. */
export interface ControlContext {
  world: World;
  options: ResolvedOptions;
  journal: RequestJournal;
  /** Replaces the scenario and resets everything (`MockServer.loadScenario`); throws when it is invalid. */
  loadScenario(scenario: Scenario): void;
}

/** Where a scenario comes from: data (an object) or text (YAML, or strict JSON). */
export type ScenarioSource = { data: unknown } | { text: string; format?: 'yaml' | 'json' };

/**
 * The control operations, on parsed JSON (the HTTP routes and the test harness call the same ones). Each
 * checks its input first and changes nothing when it refuses it (`ok: false`, the refusal in `error`).
 *
 * @example
 * const moved = control.advance({ by: '90s' });
 * if (!moved.ok) throw new Error(moved.error.message);
 * moved.value.now; // '2024-06-03T09:01:30.000Z'
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
    if (to > MAX_TIME) {
      return invalidRequest([{ code: 'too_big', path, problem: `would move the clock past ${iso(MAX_TIME)}` }]);
    }
    move(clock);
    return ok(clockAnswer(clock, options.startTime));
  };

  const messageIssues = (message: z.output<typeof InjectMessageRequest>): Issue[] => {
    const issues: Issue[] = [];
    const listed = options.scenario?.accounts;
    if (message.account.startsWith('invalid')) {
      issues.push({
        code: 'unknown_reference',
        path: 'account',
        problem: 'names no account (identification tokens starting with "invalid" are invalid)',
      });
    } else if (listed && !listed.some((account) => account.identificationToken === message.account)) {
      const names = listed.map((account) => account.identificationToken).join(', ') || 'none';
      const problem = `is not one of the accounts of the scenario (${names})`;
      issues.push({ code: 'unknown_reference', path: 'account', problem });
    }
    if (!world.personExists(personRef(message.person), message.account)) {
      issues.push({
        code: 'unknown_reference',
        path: 'person',
        problem:
          'does not exist in this world (not a LinkedIn person URL, exists: false in the scenario, disappeared, unlisted, or /in/missing-...)',
      });
    }
    if (message.time !== undefined) {
      const at = Date.parse(message.time);
      if (!Number.isFinite(at))
        issues.push({ code: 'invalid_date', path: 'time', problem: 'is not a date that exists' });
      else if (at > clock.now()) {
        issues.push({
          code: 'too_big',
          path: 'time',
          problem: `is after the clock's time ${iso(clock.now())}; leave time out for now, or move the clock first`,
        });
      }
    }
    return issues;
  };

  return {
    reset(body) {
      const parsed = checkControl(ResetRequest, body, 'body');
      if (!parsed.ok) return parsed;
      const { account } = parsed.value;
      world.reset(account);
      for (const listener of resetListeners) listener(account);
      return ok(account === undefined ? { reset: 'everything' } : { reset: 'account', account });
    },
    scenario,
    loadScenario(source) {
      const parsed =
        'data' in source ? readScenarioData(source.data) : readScenarioText(source.text, { format: source.format });
      if (!parsed.ok) return scenarioFailure(parsed.error);
      try {
        context.loadScenario(parsed.value);
      } catch (error) {
        const refused = scenarioRefused(error);
        if (refused) return refused;
        throw error;
      }
      return ok(scenario());
    },
    clock: () => clockAnswer(clock, options.startTime),
    advance(body) {
      const parsed = checkControl(AdvanceClockRequest, body, 'body');
      if (!parsed.ok) return parsed;
      const ms = durationMs(parsed.value.by);
      return moveClock(clock.now() + ms, 'by', (manual) => manual.advance(ms));
    },
    setTime(body) {
      const parsed = checkControl(SetClockRequest, body, 'body');
      if (!parsed.ok) return parsed;
      const to = Date.parse(parsed.value.time);
      if (!Number.isFinite(to)) {
        return invalidRequest([{ code: 'invalid_date', path: 'time', problem: 'is not a date that exists' }]);
      }
      if (clock instanceof ManualClock && to < clock.now()) {
        const problem = `is before the clock's time ${iso(clock.now())}: the clock never moves backwards (restart the mock with an earlier start time to go back)`;
        return invalidRequest([{ code: 'too_small', path: 'time', problem }]);
      }
      return moveClock(to, 'time', (manual) => manual.set(to));
    },
    injectMessage(body) {
      const parsed = checkControl(InjectMessageRequest, body, 'body');
      if (!parsed.ok) return parsed;
      const message = parsed.value;
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
      return ok(answer);
    },
    state: () => stateAnswer(world, options.startTime, journal),
    journal(query) {
      const parsed = checkControl(JournalQuery, query, 'query');
      if (!parsed.ok) return parsed;
      const { account, endpoint, limit } = parsed.value;
      const entries = journal.entries({ account, endpoint }, limit);
      return ok({ enabled: journal.enabled, capacity: journal.capacity, total: journal.size, entries });
    },
    clearJournal: () => ({ cleared: journal.clear() }),
    webhooks(query) {
      const parsed = checkControl(WebhooksQuery, query, 'query');
      if (!parsed.ok) return parsed;
      return ok({ attempts: world.webhooks.attempts(parsed.value.account) });
    },
    onReset(listener) {
      resetListeners.add(listener);
      return () => resetListeners.delete(listener);
    },
  };
}
