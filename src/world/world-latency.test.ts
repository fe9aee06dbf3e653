import { describe, expect, it } from 'vitest';
import { flush, person, START_MS, testMock } from '../../test/support/index.js';
import type { Channel } from '../contracts/e1/requests.js';
import { e1Answer } from '../server/e1/render.js';
import type { Job } from './job.js';

type Mock = ReturnType<typeof testMock>;

function sync(mock: Mock, slugs: string[], token = 'acc-1', channel: Channel = 'standard'): Job {
  const targets = slugs.map((slug) => ({ channel, person: person(slug) }));
  const admission = mock.world.submitSynchronize(mock.world.account(token), targets);
  if (!admission.ok) throw new Error(`not admitted: ${admission.error.reason}`);
  return admission.value;
}

function get(mock: Mock, slugs: string[], token = 'acc-1'): Job {
  const reads = slugs.map((slug) => ({ channel: 'standard' as const, person: person(slug) }));
  const admission = mock.world.submitGet(mock.world.account(token), reads);
  if (!admission.ok) throw new Error(`not admitted: ${admission.error.reason}`);
  return admission.value;
}

/** The job's answer as E1 renders it. */
const e1Body = (job: Job) => e1Answer(job).body;

/** Virtual ms from the clock's start to the job's end. */
const took = (job: Job) => (job.finishedAt as number) - START_MS;

describe('World: simulated latency', () => {
  it('a sync takes 1.5 s ±30 % per person, persons one after another', () => {
    const mock = testMock();
    const one = sync(mock, ['a'], 'acc-one');
    const two = sync(mock, ['a', 'b'], 'acc-two');
    const five = sync(mock, ['a', 'b', 'c', 'd', 'e'], 'acc-five');
    mock.clock.advance(1049);
    expect(one.finished).toBe(false);
    mock.clock.advance(20_000);
    expect(took(one)).toBeGreaterThanOrEqual(1050);
    expect(took(one)).toBeLessThanOrEqual(1950);
    expect(took(two)).toBeGreaterThanOrEqual(2100);
    expect(took(two)).toBeLessThanOrEqual(3900);
    expect(took(five)).toBeGreaterThanOrEqual(5250);
    expect(took(five)).toBeLessThanOrEqual(9750);
  });

  it('persons of one job become synced one after another, each after its own latency', () => {
    const mock = testMock();
    const account = mock.world.account('acc-1');
    const job = sync(mock, ['a', 'b', 'c']);
    const key = (slug: string) => person(slug);
    const syncedAt: Record<string, number> = {};
    for (let t = 0; t < 6000 && !job.finished; t += 10) {
      mock.clock.advance(10);
      for (const slug of ['a', 'b', 'c']) {
        if (syncedAt[slug] === undefined && account.synced.standard.has(key(slug))) syncedAt[slug] = t + 10;
      }
    }
    expect(job.finished).toBe(true);
    const [a, b, c] = [syncedAt.a as number, syncedAt.b as number, syncedAt.c as number];
    expect(a).toBeGreaterThanOrEqual(1050);
    expect(a).toBeLessThanOrEqual(1960);
    expect(b - a).toBeGreaterThanOrEqual(1040);
    expect(b - a).toBeLessThanOrEqual(1960);
    expect(c - b).toBeGreaterThanOrEqual(1040);
    expect(c - b).toBeLessThanOrEqual(1960);
  });

  it('the jitter is seeded: the same seed gives the same latencies, another seed others', () => {
    const durations = (seed: number) => {
      const mock = testMock({ seed });
      const jobs = ['x', 'y', 'z'].map((slug, i) => sync(mock, [slug], `acc-${i}`));
      const g = get(mock, ['x'], 'acc-9');
      mock.clock.advance(10_000);
      return [...jobs, g].map(took);
    };
    expect(durations(5)).toEqual(durations(5));
    expect(durations(5)).not.toEqual(durations(6));
    const spread = durations(5).slice(0, 3);
    expect(new Set(spread).size).toBeGreaterThan(1);
  });

  it('sync jobs of one account run one at a time, in arrival order', () => {
    const mock = testMock();
    const account = mock.world.account('acc-1');
    const first = sync(mock, ['a', 'b']);
    const second = sync(mock, ['c']);
    const third = sync(mock, ['d']);
    expect(first.estimatedDoneAt).toBeLessThan(Number.POSITIVE_INFINITY);
    expect(second.estimatedDoneAt).toBe(Number.POSITIVE_INFINITY);
    mock.clock.advance(2050);
    // If jobs ran in parallel, `c` (one person, at most 1.95 s) would be synced by now.
    expect(account.synced.standard.has(person('c'))).toBe(false);
    expect(second.finished).toBe(false);
    mock.clock.advance(20_000);
    const [t1, t2, t3] = [took(first), took(second), took(third)];
    expect(t1).toBeGreaterThanOrEqual(2100);
    expect(t1).toBeLessThanOrEqual(3900);
    expect(t2 - t1).toBeGreaterThanOrEqual(1050);
    expect(t2 - t1).toBeLessThanOrEqual(1950);
    expect(t3 - t2).toBeGreaterThanOrEqual(1050);
    expect(t3 - t2).toBeLessThanOrEqual(1950);
  });

  it('sync jobs of different accounts run side by side', () => {
    const mock = testMock();
    const a = sync(mock, ['a', 'b'], 'acc-a');
    const b = sync(mock, ['c'], 'acc-b');
    mock.clock.advance(1950);
    expect(b.finished).toBe(true);
    expect(a.finished).toBe(false);
  });

  it('a get is 100 ms ±30 % and never waits behind a running sync of its account', () => {
    const mock = testMock();
    const running = sync(mock, ['a', 'b', 'c']);
    const g = get(mock, ['a']);
    mock.clock.advance(69);
    expect(g.finished).toBe(false);
    mock.clock.advance(61);
    expect(g.finished).toBe(true);
    expect(took(g)).toBeGreaterThanOrEqual(70);
    expect(took(g)).toBeLessThanOrEqual(130);
    expect(running.finished).toBe(false);
    expect(JSON.parse(e1Body(g)).completion.standard[0].result.error.errorType).toBe('notSynchronized');
  });

  it('speed 0.5 halves every delay exactly; speed 2 doubles it', () => {
    const timings = (speed: number) => {
      const mock = testMock({ speed });
      const s = sync(mock, ['a'], 'acc-1');
      const g = get(mock, ['a'], 'acc-2');
      mock.clock.advance(10_000);
      return [took(s), took(g)];
    };
    const [sync1, get1] = timings(1) as [number, number];
    expect(timings(0.5)).toEqual([Math.round(sync1 * 0.5), Math.round(get1 * 0.5)]);
    expect(timings(2)).toEqual([sync1 * 2, get1 * 2]);
  });

  it('speed 0 makes sync and get finish at once, without the clock moving', async () => {
    const mock = testMock({ speed: 0 });
    const s = sync(mock, ['a', 'b', 'c', 'd']);
    const queued = sync(mock, ['e']);
    const g = get(mock, ['a']);
    await flush();
    expect([s.finishedAt, queued.finishedAt, g.finishedAt]).toEqual([START_MS, START_MS, START_MS]);
    expect(JSON.parse(e1Body(g)).completion.standard[0].result.success).toBe(true);
    expect(mock.clock.pendingTimers).toBe(0);
  });

  it('latency options are honoured (syncMs, getMs, jitter 0)', () => {
    const mock = testMock({ latency: { syncMs: 400, getMs: 30, jitter: 0 } });
    const s = sync(mock, ['a', 'b']);
    const g = get(mock, ['a'], 'acc-2');
    mock.clock.advance(5000);
    expect(took(s)).toBe(800);
    expect(took(g)).toBe(30);
  });
});
