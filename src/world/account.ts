import type { Channel } from '../contracts/e1/requests.js';
import { SeededRandom } from '../core/random.js';
import type { Job } from './job.js';
import { SyncQueue } from './sync-queue.js';
import type { Thread } from './thread.js';

export type AccountState = 'active' | 'noSeats' | 'signedOut';

/**
 * One LinkedIn account, named by its identification-token. Everything stateful belongs to exactly one
 * account: its conversations, what it has synced, its jobs. Accounts never see each other's state.
 */
export class Account {
  state: AccountState;
  /** The LinkedIn side: every conversation this account has, generated when first touched. */
  readonly threads: Record<Channel, Map<string, Thread>> = { standard: new Map(), salesNavigator: new Map() };
  /** Person keys synced per channel; only these can be read with `get`. */
  readonly synced: Record<Channel, Set<string>> = { standard: new Set(), salesNavigator: new Set() };
  /** Jobs accepted and not yet finished, of every kind. */
  readonly uncompleted = new Set<Job>();
  /** Its cloud browser: sync jobs run one at a time, in arrival order. */
  readonly syncs = new SyncQueue();
  /** Workflows started so far; numbers the next workflow id. */
  workflowCount = 0;
  /** Seeded source for this account's simulated latencies. */
  readonly random: SeededRandom;

  constructor(
    readonly id: string,
    state: AccountState,
    seed: number,
  ) {
    this.state = state;
    this.random = new SeededRandom(seed);
  }
}
