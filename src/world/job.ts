import type { Account } from './account.js';
import type { JobOutcome } from './outcome.js';

export type JobKind = 'synchronize' | 'get';

/** One accepted request of an account, from acceptance until it ends (`outcome`). Only the world writes it. */
export class Job {
  outcome: JobOutcome | undefined;
  finishedAt: number | undefined;
  /** When the job began its work; undefined while it waits behind the account's other syncs. */
  startedAt: number | undefined;
  /** Runs a job that is only waiting out its latency at once (a server shutting down answers held reads). */
  expedite: (() => void) | undefined;
  /** When the job is expected to finish; used for `Retry-After`. `Infinity` while queued. */
  estimatedDoneAt = Number.POSITIVE_INFINITY;
  /** The result-link id, once the job has one (reslink and webhook at once, long mode at its ceiling). */
  resultId: string | undefined;
  private readonly waiters: ((job: Job) => void)[] = [];

  constructor(
    readonly kind: JobKind,
    readonly account: Account,
    readonly createdAt: number,
    /** The account API token the job was accepted with; its result answers no other. */
    readonly accountApiToken: string | undefined,
  ) {}

  get finished(): boolean {
    return this.outcome !== undefined;
  }

  /** Calls `listener` when the job finishes (at once if it has). */
  onFinish(listener: (job: Job) => void): void {
    if (this.outcome) listener(this);
    else this.waiters.push(listener);
  }

  finish(outcome: JobOutcome, at: number): void {
    if (this.outcome) return;
    this.outcome = outcome;
    this.finishedAt = at;
    for (const waiter of this.waiters.splice(0)) waiter(this);
  }
}
