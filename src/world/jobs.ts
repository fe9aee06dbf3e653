import type { ClockTimer, VirtualClock } from '../core/clock.js';
import { type PersonRef, personRef } from '../core/person-url.js';
import type { Account } from './account.js';
import type { Job } from './job.js';
import type { ReadEntry, ReadTarget, SyncEntry, SyncTarget } from './outcome.js';
import type { Thread } from './thread.js';

/*
 * How the two kinds of job do their work on the virtual clock. Both end with a neutral outcome
 * (`synchronized`/`read` entries, or `failed` when the account is signed out); the dialects render it.
 */

/** What a job needs of the world it runs in. */
export interface JobWorld {
  readonly clock: VirtualClock;
  personExists(ref: PersonRef, accountId?: string): boolean;
  thread(account: Account, channel: SyncTarget['channel'], ref: PersonRef): Thread;
}

const SIGNED_OUT = { kind: 'failed', reason: 'accountSignedOut' } as const;

/**
 * Runs a sync job in the account's cloud browser (after the syncs ahead of it): persons one after another, each
 * waiting out its latency (`latencyOf`, drawn for every person when the job is accepted; 0: at once). A person who does not exist is an entry with
 * `personNotFound`; the account signing out fails the job before its next person. Ending the job early (cancel)
 * stops it before its next person; persons it already synced stay synced.
 */
export function runSync(
  world: JobWorld,
  job: Job,
  targets: readonly SyncTarget[],
  latencyOf: (ref: PersonRef) => number,
): void {
  const { clock } = world;
  const { account } = job;
  const steps = targets.map((target) => ({ ...target, ref: personRef(target.person) }));
  const latencies = steps.map(({ ref }) => latencyOf(ref));
  const entries: SyncEntry[] = [];
  let timer: ClockTimer | undefined;
  /** Syncs one person; false when the job has failed instead. */
  const runStep = (index: number): boolean => {
    if (account.state === 'signedOut') {
      job.finish(SIGNED_OUT, clock.now());
      return false;
    }
    const { channel, person, ref } = steps[index] as (typeof steps)[number];
    if (world.personExists(ref, account.id)) {
      world.thread(account, channel, ref);
      account.synced[channel].add(ref.key);
      entries.push({ channel, person });
    } else {
      entries.push({ channel, person, error: 'personNotFound' });
    }
    return true;
  };
  /** Runs steps from `index` on: instant ones in a loop, then waits on the clock for the next slow one. */
  const runFrom = (index: number): void => {
    let next = index;
    while (next < steps.length && latencies[next] === 0) {
      if (!runStep(next)) return;
      next++;
    }
    if (next === steps.length) {
      job.finish({ kind: 'synchronized', entries }, clock.now());
      return;
    }
    const now = clock.now();
    job.estimatedDoneAt = now + latencies.slice(next).reduce((sum, ms) => sum + ms, 0);
    timer = clock.setTimer(now + (latencies[next] as number), () => {
      timer = undefined;
      if (runStep(next)) runFrom(next + 1);
    });
  };
  job.onFinish(() => timer?.cancel());
  account.syncs.add(job, () => {
    job.startedAt = clock.now();
    runFrom(0);
  });
}

/**
 * Runs a read job: it waits out `delayMs` (0: at once), then reads the synced conversations as they are then;
 * a conversation not synced is an entry without `data`. The account signed out by then fails the job.
 */
export function runRead(world: JobWorld, job: Job, reads: readonly ReadTarget[], delayMs: number): void {
  const { clock } = world;
  const { account } = job;
  job.startedAt = clock.now();
  job.estimatedDoneAt = job.startedAt + delayMs;
  let timer: ClockTimer | undefined;
  const run = () => {
    timer?.cancel();
    if (job.finished) return;
    if (account.state === 'signedOut') {
      job.finish(SIGNED_OUT, clock.now());
      return;
    }
    const entries = reads.map(({ channel, person, since }): ReadEntry => {
      const key = personRef(person).key;
      const thread = account.synced[channel].has(key) ? account.threads[channel].get(key) : undefined;
      const data = thread?.since(since === undefined ? undefined : Date.parse(since));
      return { channel, person, since, data };
    });
    job.finish({ kind: 'read', entries }, clock.now());
  };
  if (delayMs === 0) run();
  else {
    timer = clock.setTimer(job.estimatedDoneAt, run);
    job.expedite = run;
  }
}
