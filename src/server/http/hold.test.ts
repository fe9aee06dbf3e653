import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.js';
import { Account } from '../../world/account.js';
import { Job } from '../../world/job.js';
import { HeldRequests } from './hold.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

function setup() {
  const clock = new ManualClock(0);
  const held = new HeldRequests(clock);
  const job = new Job('get', new Account('acc-1', 'active', 1), 0, undefined);
  let released = false;
  return { clock, held, job, isReleased: () => released, track: (p: Promise<void>) => p.then(() => (released = true)) };
}

describe('HeldRequests', () => {
  it('holds until the job finishes, then forgets the request and its ceiling timer', async () => {
    const { clock, held, job, isReleased, track } = setup();
    void track(held.untilDone(job, 1000));
    expect(held.releases.size).toBe(1);
    clock.advance(500);
    await tick();
    expect(isReleased()).toBe(false);
    job.finish({ kind: 'cancelled' }, clock.now());
    await tick();
    expect(isReleased()).toBe(true);
    expect(held.releases.size).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('lets go at the ceiling when the job is still running', async () => {
    const { clock, held, job, isReleased, track } = setup();
    void track(held.untilDone(job, 1000));
    clock.advance(999);
    await tick();
    expect(isReleased()).toBe(false);
    clock.advance(1);
    await tick();
    expect(isReleased()).toBe(true);
    expect(job.finished).toBe(false);
  });

  it('releaseAll lets every held request go at once, fault delays (wait) included', async () => {
    const { held, job, isReleased, track } = setup();
    void track(held.untilDone(job, 1000));
    let waited = false;
    void held.wait(5000).then(() => (waited = true));
    // The fault injector adds its own releases to the same set.
    let faultReleased = false;
    held.releases.add(() => (faultReleased = true));
    held.releaseAll();
    await tick();
    expect([isReleased(), waited, faultReleased]).toEqual([true, true, true]);
  });
});
