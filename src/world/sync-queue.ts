import type { Job } from './job.js';

/**
 * One cloud browser per account: its sync jobs run one at a time, in arrival order. A job that ends while it
 * waits (a cancelled workflow) never starts; the next one does. When the running job ends, however it ends,
 * the next waiting one starts at once.
 */
export class SyncQueue {
  private running: Job | undefined;
  private readonly waiting: { job: Job; start: () => void }[] = [];

  /** Whether a sync is running now. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Calls `start` for `job` when the browser is free: at once when it is, else after the jobs ahead of it. */
  add(job: Job, start: () => void): void {
    job.onFinish(() => {
      if (this.running !== job) return;
      this.running = undefined;
      this.startNext();
    });
    this.waiting.push({ job, start });
    if (!this.running) this.startNext();
  }

  private startNext(): void {
    for (let next = this.waiting.shift(); next; next = this.waiting.shift()) {
      if (next.job.finished) continue;
      this.running = next.job;
      next.start();
      return;
    }
  }
}
