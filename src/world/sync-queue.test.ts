import { describe, expect, it } from 'vitest';
import { Account } from './account.js';
import { Job } from './job.js';
import { SyncQueue } from './sync-queue.js';

const account = new Account('acc-1', 'active', 1);
const job = () => new Job('synchronize', account, 0, undefined);
const done = { kind: 'cancelled' } as const;

describe('SyncQueue: one cloud browser per account', () => {
  it('starts a job at once when free, the next ones only after the running one ends, in arrival order', () => {
    const queue = new SyncQueue();
    const started: string[] = [];
    const [a, b, c] = [job(), job(), job()] as [Job, Job, Job];
    queue.add(a, () => started.push('a'));
    queue.add(b, () => started.push('b'));
    queue.add(c, () => started.push('c'));
    expect(started).toEqual(['a']);
    expect(queue.busy).toBe(true);
    a.finish(done, 1);
    expect(started).toEqual(['a', 'b']);
    b.finish(done, 2);
    c.finish(done, 3);
    expect(started).toEqual(['a', 'b', 'c']);
    expect(queue.busy).toBe(false);
  });

  it('never starts a job that ended while it waited; the one after it starts instead', () => {
    const queue = new SyncQueue();
    const started: string[] = [];
    const [a, b, c] = [job(), job(), job()] as [Job, Job, Job];
    queue.add(a, () => started.push('a'));
    queue.add(b, () => started.push('b'));
    queue.add(c, () => started.push('c'));
    b.finish(done, 1); // cancelled while waiting: the running job is unaffected
    expect(started).toEqual(['a']);
    a.finish(done, 2);
    expect(started).toEqual(['a', 'c']);
  });

  it('runs jobs that end as they start one after another, without waiting', () => {
    const queue = new SyncQueue();
    const ended: number[] = [];
    const instant = (n: number) => {
      const it = job();
      queue.add(it, () => {
        ended.push(n);
        it.finish(done, n);
      });
    };
    instant(1);
    instant(2);
    expect(ended).toEqual([1, 2]);
    expect(queue.busy).toBe(false);
  });
});
