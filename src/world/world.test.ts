import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock.js';
import type { Job } from './job.js';
import type { Refusal } from './outcome.js';
import { World, type WorldOptions } from './world.js';

const START = Date.parse('2024-06-03T09:00:00Z');
const person = (slug: string) => `https://www.linkedin.com/in/${slug}`;

function world(options: Partial<WorldOptions> = {}): World {
  let ids = 0;
  return new World({
    clock: new ManualClock(START),
    seed: 1,
    startTime: START,
    speed: 0,
    latency: { syncMs: 1500, getMs: 100, jitter: 0.3 },
    resultTtlMs: 60_000,
    maxUncompleted: 10,
    newResultId: () => `res-${++ids}`,
    sendWebhook: async () => ({ status: 200 }),
    ...options,
  });
}

function accepted(result: { ok: true; value: Job } | { ok: false; error: Refusal }): Job {
  if (!result.ok) throw new Error(`refused: ${result.error.reason}`);
  return result.value;
}

describe('World: outcomes and refusals in its own words', () => {
  it('a sync ends with its entries in request order, a person who does not exist marked personNotFound', () => {
    const w = world();
    const targets = [
      { channel: 'standard' as const, person: person('ann') },
      { channel: 'salesNavigator' as const, person: person('missing-bob') },
    ];
    const job = accepted(w.submitSynchronize(w.account('acc-1'), targets, 'token-1'));
    expect(job.outcome).toEqual({
      kind: 'synchronized',
      entries: [
        { channel: 'standard', person: person('ann') },
        { channel: 'salesNavigator', person: person('missing-bob'), error: 'personNotFound' },
      ],
    });
    expect(job.accountApiToken).toBe('token-1');
  });

  it('a read has data only for synced conversations, and the since it was asked with', () => {
    const w = world();
    const account = w.account('acc-1');
    w.synchronizeNow(account, 'standard', person('ann'));
    const since = '2030-01-01T00:00:00Z';
    const job = accepted(
      w.submitGet(account, [
        { channel: 'standard', person: person('ann'), since },
        { channel: 'standard', person: person('bob') },
      ]),
    );
    expect(job.outcome?.kind).toBe('read');
    const entries = job.outcome?.kind === 'read' ? job.outcome.entries : [];
    expect(entries[0]).toMatchObject({ person: person('ann'), since, data: { total: 0 } });
    expect(entries[1]).toEqual({ channel: 'standard', person: person('bob'), since: undefined, data: undefined });
    expect(job.accountApiToken).toBeUndefined();
  });

  it('a signed-out account fails its jobs with accountSignedOut', () => {
    const w = world();
    const account = w.account('signed-out-1');
    const targets = [{ channel: 'standard' as const, person: person('ann') }];
    expect(accepted(w.submitSynchronize(account, targets)).outcome).toEqual({
      kind: 'failed',
      reason: 'accountSignedOut',
    });
    expect(accepted(w.submitGet(account, targets)).outcome).toEqual({ kind: 'failed', reason: 'accountSignedOut' });
  });

  it('refuses an account without seats (noSeats) and the 11th uncompleted request (tooManyRequests)', () => {
    const w = world({ speed: 1 });
    const targets = [{ channel: 'standard' as const, person: person('ann') }];
    expect(w.submitGet(w.account('no-seats-1'), targets)).toEqual({ ok: false, error: { reason: 'noSeats' } });
    const account = w.account('acc-1');
    for (let i = 0; i < 10; i++) accepted(w.submitGet(account, targets));
    const refused = w.submitGet(account, targets);
    expect(refused).toEqual({ ok: false, error: { reason: 'tooManyRequests', retryAfterSeconds: 1 } });
  });

  it('authenticate answers a Result: the account, or why not', () => {
    const w = world();
    expect(w.authenticate('t', 'acc-1')).toEqual({ ok: true, value: w.account('acc-1') });
    expect(w.authenticate(undefined, 'acc-1')).toEqual({ ok: false, error: { reason: 'apiTokenRequired' } });
  });

  it('cancel ends an unfinished job as cancelled, once', () => {
    const w = world({ speed: 1 });
    const job = accepted(w.submitSynchronize(w.account('acc-1'), [{ channel: 'standard', person: person('ann') }]));
    expect(w.cancel(job)).toBe(true);
    expect(job.outcome).toEqual({ kind: 'cancelled' });
    expect(w.cancel(job)).toBe(false);
  });

  it('a full reset makes new stores; an account reset forgets that account only', () => {
    const w = world();
    const before = { results: w.results, workflows: w.workflows, webhooks: w.webhooks, account: w.account('acc-1') };
    const other = w.account('acc-2');
    w.reset('acc-1');
    expect(w.account('acc-1')).not.toBe(before.account);
    expect(w.account('acc-2')).toBe(other);
    expect(w.results).toBe(before.results);
    w.reset();
    expect(w.results).not.toBe(before.results);
    expect(w.workflows).not.toBe(before.workflows);
    expect(w.webhooks).not.toBe(before.webhooks);
    expect(w.account('acc-2')).not.toBe(other);
    expect(w.knownAccounts().map((account) => account.id)).toEqual(['acc-2']);
  });
});
