import type { Scenario } from '../contracts/mock/scenario.js';
import { SCENARIO_SETTINGS } from '../contracts/mock/settings.js';

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * What a scenario holds, in one line: `2 accounts, 5 persons, 3 timeline events, 1 fault; sets seed, speed`.
 * An empty scenario is `the default world`.
 *
 * @example
 * summarizeScenario(Scenario.parse({ persons: [{ url: 'https://www.linkedin.com/in/ann' }] })); // '1 person'
 */
export function summarizeScenario(scenario: Scenario): string {
  const parts: string[] = [];
  if (scenario.accounts) parts.push(count(scenario.accounts.length, 'account'));
  if (scenario.persons?.length) parts.push(count(scenario.persons.length, 'person'));
  if (!scenario.unlistedPersonsExist) parts.push('unlisted persons do not exist');
  if (scenario.timeline?.length) parts.push(count(scenario.timeline.length, 'timeline event'));
  if (scenario.faults?.length) parts.push(count(scenario.faults.length, 'fault'));
  const settings = SCENARIO_SETTINGS.filter((key) => scenario[key] !== undefined);
  const holds = parts.length > 0 ? parts.join(', ') : 'the default world';
  return settings.length > 0 ? `${holds}; sets ${settings.join(', ')}` : holds;
}
