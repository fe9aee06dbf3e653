import type { Channel } from '../contracts/e1/requests.js';
import type { AccountState } from './account.js';

/*
 * A scenario as the world uses it: plain data, times already in epoch milliseconds, person URLs already in
 * canonical form. `src/scenarios` turns a scenario file into this; the world knows nothing of files or zod.
 */

export interface ScenarioAccountSpec {
  /** API tokens accepted for the account; undefined means any. */
  apiTokens: ReadonlySet<string> | undefined;
  state: AccountState;
}

export interface ThreadSpec {
  /** Messages given one by one. */
  messages: { sender: 'us' | 'them'; text: string; at: number }[];
  /** Generated messages: `count` of them within `windowMs` before the clock's start. */
  generate: { count: number; windowMs: number } | undefined;
}

export interface PersonSpec {
  /** Only for this account; undefined means every account. */
  account: string | undefined;
  exists: boolean;
  syncMs: number | undefined;
  threads: Partial<Record<Channel, ThreadSpec>>;
}

export type WorldEvent =
  | { type: 'message'; account: string; person: string; channel: Channel; sender: 'us' | 'them'; text?: string }
  | { type: 'accountState'; account: string; state: AccountState }
  | { type: 'personDisappears'; person: string };

export interface TimelineEntry {
  /** Milliseconds after the scenario is loaded, or an absolute epoch time. */
  at: { afterLoadMs: number } | { epochMs: number };
  /** Total occurrences (1 when it does not repeat) and the time between them. */
  times: number;
  everyMs: number;
  event: WorldEvent;
}

export interface WorldScenario {
  /** When defined, only these identification tokens are accounts. */
  accounts: ReadonlyMap<string, ScenarioAccountSpec> | undefined;
  unlistedPersonsExist: boolean;
  /** By canonical person key; an account-specific spec comes before the general one. */
  persons: ReadonlyMap<string, readonly PersonSpec[]>;
  timeline: readonly TimelineEntry[];
}

/** The default world: no listed accounts, every LinkedIn person exists (but `/in/missing-…`), no timeline. */
export const EMPTY_SCENARIO: WorldScenario = {
  accounts: undefined,
  unlistedPersonsExist: true,
  persons: new Map(),
  timeline: [],
};

/** A timeline event still to happen, as the control API shows it. */
export interface PendingEvent {
  at: number;
  /** Occurrences left, this one included. */
  remaining: number;
  event: WorldEvent;
}
