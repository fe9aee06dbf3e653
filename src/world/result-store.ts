import type { Job } from './job.js';

/**
 * Jobs reachable through a result link. A result stays readable until `ttlMs` of virtual time after its job
 * finished; a job still running never expires.
 */
export class ResultStore {
  private readonly byId = new Map<string, Job>();
  /** Finished jobs with a result link, in the order they finished (so also in expiry order). */
  private expiryQueue: Job[] = [];
  private expiryHead = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly newId: () => string,
  ) {}

  /** Gives `job` a result id (once: `given`, else a new random one) and makes it reachable by it. */
  register(job: Job, now: number, given?: string): string {
    this.sweep(now);
    if (job.resultId) return job.resultId;
    const id = given ?? this.newId();
    job.resultId = id;
    this.byId.set(id, job);
    job.onFinish(() => this.expiryQueue.push(job));
    return id;
  }

  lookup(id: string, now: number): Job | undefined {
    this.sweep(now);
    return this.byId.get(id);
  }

  /** Forgets every job `keep` says no to (resetting one account). */
  retain(keep: (job: Job) => boolean): void {
    for (const [id, job] of this.byId) if (!keep(job)) this.byId.delete(id);
  }

  get size(): number {
    return this.byId.size;
  }

  private sweep(now: number): void {
    while (this.expiryHead < this.expiryQueue.length) {
      const job = this.expiryQueue[this.expiryHead] as Job;
      if ((job.finishedAt as number) + this.ttlMs > now) break;
      this.byId.delete(job.resultId as string);
      this.expiryHead++;
    }
    if (this.expiryHead > 1024 && this.expiryHead * 2 > this.expiryQueue.length) {
      this.expiryQueue = this.expiryQueue.slice(this.expiryHead);
      this.expiryHead = 0;
    }
  }
}
