import { describe, expect, it } from 'vitest';
import { flush, GET, person, type Reply, SYNC, type TestMock, testMock, tokens } from '../support/index.js';
import { expectError, expectProcessing, linkPath, one, PERIODICALLY, syncedBody } from './support.js';

const TOO_MANY = 'You can have up to 10 uncompleted requests in progress for this LinkedIn account.';
const RESLINK = { 'result-handling': 'reslink' };

/** Starts `count` reslink requests on `path` for `account`, each for its own person; returns the answers. */
async function fill(mock: TestMock, count: number, path = SYNC, account = 'acc-1'): Promise<Reply[]> {
  const replies: Reply[] = [];
  for (let i = 0; i < count; i++) {
    const reply = await mock.post(path, one(`p-${account}-${i}`), { ...tokens(account), ...RESLINK });
    expectProcessing(reply, PERIODICALLY);
    replies.push(reply);
  }
  return replies;
}

function expectTooMany(reply: Reply, retryAfter: string): void {
  expectError(reply, 'tooManyRequests');
  expect(reply.status).toBe(429);
  expect(reply.body.error.message).toBe(TOO_MANY);
  expect(reply.headers.get('retry-after')).toBe(retryAfter);
}

describe('§5 concurrency limit: at most 10 uncompleted requests per account', () => {
  it('the 11th concurrent request fails at once with 429 and Retry-After until the earliest running job is due', async () => {
    const mock = testMock({ speed: 1, latency: { syncMs: 5000, getMs: 100, jitter: 0 } });
    await fill(mock, 10);
    expectTooMany(await mock.post(SYNC, one('eleventh'), RESLINK), '5');
    expectTooMany(await mock.post(GET, one('eleventh')), '5');
    mock.clock.advance(2700);
    expectTooMany(await mock.post(SYNC, one('eleventh'), RESLINK), '3');
    mock.clock.advance(2299);
    expectTooMany(await mock.post(SYNC, one('eleventh'), RESLINK), '1');
    mock.clock.advance(1);
    // The first sync finished; the second one now runs until 10 000.
    expectProcessing(await mock.post(SYNC, one('eleventh'), RESLINK), PERIODICALLY);
    expectTooMany(await mock.post(SYNC, one('twelfth'), RESLINK), '5');
    expect(mock.world.results.size).toBe(11);
  });

  it('Retry-After is whole seconds rounded up', async () => {
    const mock = testMock({ speed: 1, latency: { syncMs: 2200, getMs: 100, jitter: 0 } });
    await fill(mock, 10);
    const reply = await mock.post(SYNC, one('x'), RESLINK);
    expectTooMany(reply, '3');
    expect(reply.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  });

  it('Retry-After is at least 1 even when the earliest job is due in under a second', async () => {
    const mock = testMock({ speed: 1, latency: { syncMs: 1500, getMs: 100, jitter: 0 } });
    await fill(mock, 10, GET);
    expectTooMany(await mock.post(GET, one('x'), RESLINK), '1');
    mock.clock.advance(99);
    expectTooMany(await mock.post(SYNC, one('x')), '1');
    mock.clock.advance(1);
    expect((await mock.post(GET, one('x'), RESLINK)).status).toBe(200);
  });

  it('the earliest due job counts, whichever kind: a fast get among running syncs', async () => {
    const mock = testMock({ speed: 1, latency: { syncMs: 8000, getMs: 3000, jitter: 0 } });
    await fill(mock, 9, SYNC);
    await fill(mock, 1, GET);
    expectTooMany(await mock.post(SYNC, one('x'), RESLINK), '3');
  });

  it('held long polls count as uncompleted; answering them frees the slots', async () => {
    const mock = testMock({ speed: 1, latency: { syncMs: 1500, getMs: 400, jitter: 0 } });
    const held = Array.from({ length: 10 }, (_, i) => mock.start(GET, one(`held-${i}`)));
    await flush();
    expect(mock.world.account('acc-1').uncompleted.size).toBe(10);
    expectTooMany(await mock.post(GET, one('x')), '1');
    mock.clock.advance(400);
    for (const reply of await Promise.all(held)) {
      expect(reply.status).toBe(200);
      expect(reply.body.status).toBe('complete');
    }
    expect((await mock.post(SYNC, one('x'), RESLINK)).status).toBe(200);
  });

  it('a long poll answered at its ceiling still counts until its job is done', async () => {
    const mock = testMock({
      speed: 1,
      latency: { syncMs: 200_000, getMs: 100, jitter: 0 },
      longPollTimeoutMs: 1000,
    });
    const started = Array.from({ length: 10 }, (_, i) => mock.start(SYNC, one(`slow-${i}`)));
    await flush();
    mock.clock.advance(1000);
    for (const reply of await Promise.all(started)) expectProcessing(reply, PERIODICALLY);
    expectTooMany(await mock.post(GET, one('x')), '199');
  });

  it('the limit is per account: another identification token is not limited', async () => {
    const mock = testMock({ speed: 1, latency: { syncMs: 5000, getMs: 100, jitter: 0 } });
    await fill(mock, 10, SYNC, 'acc-1');
    expectTooMany(await mock.post(SYNC, one('x'), { ...tokens('acc-1'), ...RESLINK }), '5');
    const other = await fill(mock, 10, SYNC, 'acc-2');
    expect(other).toHaveLength(10);
    expectTooMany(await mock.post(SYNC, one('x'), { ...tokens('acc-2'), ...RESLINK }), '5');
    mock.clock.advance(5000);
    expect((await mock.post(SYNC, one('x'), { ...tokens('acc-1'), ...RESLINK })).status).toBe(200);
    expect((await mock.post(SYNC, one('x'), { ...tokens('acc-2'), ...RESLINK })).status).toBe(200);
  });

  it('a 429 makes no result link, starts no job and delivers no webhook', async () => {
    const sent: string[] = [];
    const mock = testMock({
      speed: 1,
      latency: { syncMs: 5000, getMs: 100, jitter: 0 },
      sendWebhook: async ({ body }) => {
        sent.push(body);
        return { status: 200 };
      },
    });
    const accepted = await fill(mock, 10);
    const webhook = await mock.post(SYNC, one('x'), {
      'result-handling': 'webhook',
      'webhook-url': 'http://hook.test/',
    });
    expectTooMany(webhook, '5');
    expect(mock.world.results.size).toBe(10);
    expect(mock.world.account('acc-1').uncompleted.size).toBe(10);
    mock.clock.advance(10 * 5000);
    await flush();
    expect(sent).toEqual([]);
    const last = await mock.send('GET', linkPath(accepted[9] as Reply));
    expect(last.text).toBe(syncedBody('p-acc-1-9'));
  });

  it('many persons in one request count as one request', async () => {
    const mock = testMock({ speed: 1, latency: { syncMs: 1000, getMs: 100, jitter: 0 } });
    const many = { standard: Array.from({ length: 30 }, (_, i) => ({ person: person(`m-${i}`) })) };
    expectProcessing(await mock.post(SYNC, many, RESLINK), PERIODICALLY);
    await fill(mock, 9, GET);
    expectTooMany(await mock.post(GET, one('x'), RESLINK), '1');
    mock.clock.advance(100);
    expectProcessing(await mock.post(GET, one('x'), RESLINK), PERIODICALLY);
  });
});
