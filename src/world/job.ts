import type { GlobalErrorType } from '../contracts/errors.js';
import type { Account } from './account.js';

export type JobKind = 'synchronize' | 'get';

/** How a job ended: the final body, exactly as long polling would send it. */
export type JobOutcome =
  | { kind: 'complete'; body: string }
  | { kind: 'error'; errorType: GlobalErrorType; body: string };

/** One accepted request of an account, from acceptance until its final body is known. */
export class Job {
  outcome: JobOutcome | undefined;
  finishedAt: number | undefined;
  /** When the job is expected to finish; used for `Retry-After`. `Infinity` while queued. */
  estimatedDoneAt = Number.POSITIVE_INFINITY;
  /** The account-api-token the job was accepted with; a result link answers no other. */
  accountApiToken: string | undefined;
  /** The result-link id, once the job has one (reslink and webhook at once, long mode at its ceiling). */
  resultId: string | undefined;
  private readonly waiters: ((job: Job) => void)[] = [];

  constructor(
    readonly kind: JobKind,
    readonly account: Account,
    readonly createdAt: number,
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
