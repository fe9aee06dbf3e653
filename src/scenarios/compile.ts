import { CHANNELS } from '../contracts/e1/requests.js';
import { type FaultRule, parseDuration, type Scenario } from '../contracts/mock/scenario.js';
import { SCENARIO_SETTINGS, type ScenarioSettings } from '../contracts/mock/settings.js';
import { personRef } from '../core/person-url.js';
import type { PersonSpec, ScenarioAccountSpec, ThreadSpec, TimelineEntry, WorldScenario } from '../world/scenario.js';

/** A fault rule ready to match requests: durations in ms, the person in canonical form. */
export interface FaultSpec {
  name: string;
  endpoint: FaultRule['endpoint'];
  account: string | undefined;
  /** Canonical key of the person the request must name. */
  personKey: string | undefined;
  trigger: { every: number } | { first: number } | { probability: number } | undefined;
  effect: { error: string } | { status: number } | { reset: true } | undefined;
  delayMs: number;
}

/** Milliseconds of a schema `Duration` (a number of ms or a string such as `90s`). */
export function durationMs(value: number | string): number {
  return typeof value === 'number' ? value : (parseDuration(value) as number);
}

/** The settings a scenario sets (the command line and options given in code override them). */
export function scenarioOptions(scenario: Scenario): ScenarioSettings {
  return Object.fromEntries(
    SCENARIO_SETTINGS.filter((key) => scenario[key] !== undefined).map((key) => [key, scenario[key]]),
  ) as ScenarioSettings;
}

/** The world part of a scenario; `startTime` anchors messages given as `ago`. */
export function worldScenario(scenario: Scenario, startTime: number): WorldScenario {
  const accounts = scenario.accounts
    ? new Map<string, ScenarioAccountSpec>(
        scenario.accounts.map((account) => [
          account.identificationToken,
          { apiTokens: account.apiTokens ? new Set(account.apiTokens) : undefined, state: account.state },
        ]),
      )
    : undefined;
  const persons = new Map<string, PersonSpec[]>();
  for (const person of scenario.persons ?? []) {
    const threads: PersonSpec['threads'] = {};
    for (const channel of CHANNELS) {
      const thread = person[channel];
      if (!thread) continue;
      threads[channel] = {
        messages: (thread.messages ?? []).map((message) => ({
          sender: message.from,
          text: message.text,
          at: message.time !== undefined ? Date.parse(message.time) : startTime - durationMs(message.ago as string),
        })),
        generate: thread.generate
          ? { count: thread.generate.count, windowMs: durationMs(thread.generate.within) }
          : undefined,
      } satisfies ThreadSpec;
    }
    const key = personRef(person.url).key;
    const spec: PersonSpec = { account: person.account, exists: person.exists, syncMs: person.syncMs, threads };
    // An account-specific spec is found first.
    const list = persons.get(key) ?? [];
    if (spec.account === undefined) list.push(spec);
    else list.unshift(spec);
    persons.set(key, list);
  }
  const timeline: TimelineEntry[] = (scenario.timeline ?? []).map((event) => {
    const { at, repeat, ...rest } = event;
    const when = at.startsWith('+') ? { afterLoadMs: durationMs(at.slice(1)) } : { epochMs: Date.parse(at) };
    const base = { at: when, times: repeat?.times ?? 1, everyMs: repeat ? durationMs(repeat.every) : 0 };
    if (rest.type === 'message') {
      const { type, account, person, channel, from, text } = rest;
      return { ...base, event: { type, account, person, channel, sender: from, ...(text !== undefined && { text }) } };
    }
    return { ...base, event: rest };
  });
  return { accounts, unlistedPersonsExist: scenario.unlistedPersonsExist, persons, timeline };
}

/** The fault rules of a scenario, named. */
export function faultSpecs(rules: readonly FaultRule[]): FaultSpec[] {
  return rules.map((rule, index) => ({
    name: rule.name ?? `fault-${index}`,
    endpoint: rule.endpoint,
    account: rule.account,
    personKey: rule.person === undefined ? undefined : personRef(rule.person).key,
    trigger:
      rule.every !== undefined
        ? { every: rule.every }
        : rule.first !== undefined
          ? { first: rule.first }
          : rule.probability !== undefined
            ? { probability: rule.probability }
            : undefined,
    effect:
      rule.error !== undefined
        ? { error: rule.error }
        : rule.status !== undefined
          ? { status: rule.status }
          : rule.reset
            ? { reset: true }
            : undefined,
    delayMs: rule.delay === undefined ? 0 : durationMs(rule.delay),
  }));
}
