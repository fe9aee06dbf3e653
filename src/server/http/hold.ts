import type { VirtualClock } from '../../core/clock.js';
import type { Job } from '../../world/job.js';

/**
 * Requests held open on the virtual clock: long polls waiting for their job, and requests a fault delays. Each
 * adds its release to `releases`; a shutdown or a scenario load releases them all at once.
 */
export class HeldRequests {
  /** The release of every request held now (the fault injector adds its delays here too). */
  readonly releases = new Set<() => void>();

  constructor(private readonly clock: VirtualClock) {}

  /** Resolves when `job` finishes, `ceilingMs` of virtual time pass, or everything is released. */
  untilDone(job: Job, ceilingMs: number): Promise<void> {
    return new Promise((resolve) => {
      const release = this.hold(ceilingMs, resolve);
      job.onFinish(release);
    });
  }

  /** Resolves when `ms` of virtual time pass, or everything is released. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.hold(ms, resolve);
    });
  }

  /** Releases every held request now (their answers go out: a long poll's is its result link). */
  releaseAll(): void {
    for (const release of [...this.releases]) release();
  }

  private hold(ms: number, resolve: () => void): () => void {
    const { clock, releases } = this;
    const release = () => {
      timer.cancel();
      releases.delete(release);
      resolve();
    };
    const timer = clock.setTimer(clock.now() + ms, release);
    releases.add(release);
    return release;
  }
}
