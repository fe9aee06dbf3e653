import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { e1Answer } from '../../src/server/e1/render.js';
import { startMock } from '../../src/server/listen.js';
import type { ListenOptions } from '../../src/testing/index.js';
import { person, postTo, type SocketMock, SYNC, socketMock, tokens } from '../support/index.js';

const PERIODICALLY = 'Your request is being processed. Please check the resultLink periodically.';
const LATER = 'Your request is being processed. Please check the resultLink later.';

/** Mocks to close after the test: the suite's, and the root `startMock`'s where it is the subject. */
const mocks: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(mocks.splice(0).map((mock) => mock.close()));
});

/** A mock on 127.0.0.1 with realistic delays, closed after the test. */
async function mockOn(options: ListenOptions = {}): Promise<SocketMock> {
  const mock = await socketMock({ speed: 1, ...options });
  mocks.push(mock);
  return mock;
}

const call = postTo;

const synced = (...slugs: string[]) => ({
  status: 'complete',
  completion: {
    standard: slugs.map((slug) => ({ person: person(slug), result: { success: true } })),
    salesNavigator: [],
  },
});

const linkPattern = (mock: SocketMock) => new RegExp(`^${mock.url}/account/results/([A-Za-z0-9_-]{16,})$`);

describe('long polling over a real socket', { timeout: 10_000 }, () => {
  it('holds a long-mode request until its job is done', async () => {
    const mock = await mockOn();
    let answered = false;
    const pending = call(`${mock.url}${SYNC}`, { standard: [{ person: person('ann') }, { person: person('bob') }] });
    void pending.then(() => {
      answered = true;
    });
    await mock.clock.whenPending(2); // the first sync step and the long poll's ceiling
    mock.clock.advance(1000); // less than one sync step (1500 ms - 30 %)
    expect((await fetch(`${mock.url}/__mock/health`)).status).toBe(200); // a full round trip meanwhile
    expect(answered).toBe(false);

    mock.clock.advance(3000); // two steps of at most 1950 ms each
    const reply = await pending;
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(reply.body).toEqual(synced('ann', 'bob'));
    expect(mock.clock.pendingTimers).toBe(0); // the ceiling timer was cancelled
  });

  it('answers 200 concurrent long polls of 200 accounts, each with its own result', async () => {
    const mock = await mockOn();
    const count = 200;
    const replies = Array.from({ length: count }, (_, i) =>
      call(`${mock.url}${SYNC}`, { standard: [{ person: person(`p-${i}`) }] }, tokens(`acc-${i}`)),
    );
    await mock.clock.whenPending(2 * count);
    mock.clock.advance(2000);
    const answers = await Promise.all(replies);
    answers.forEach((reply, i) => {
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual(synced(`p-${i}`));
    });
  });

  it('answers a long poll still running at the ceiling with a result link that goes on working', async () => {
    const mock = await mockOn({ longPollTimeoutMs: 5000, latency: { syncMs: 10_000, getMs: 100, jitter: 0 } });
    const pending = call(`${mock.url}${SYNC}`, { standard: [{ person: person('ann') }] });
    await mock.clock.whenPending(2);
    mock.clock.advance(5000);
    const reply = await pending;
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      status: 'processing',
      process: { message: PERIODICALLY, resultLink: expect.any(String) },
    });
    const link = reply.body.process.resultLink as string;
    expect(link).toMatch(linkPattern(mock));

    const running = await fetch(link);
    expect(await running.json()).toEqual({ status: 'processing', process: { message: LATER, resultLink: link } });
    mock.clock.advance(5000);
    const done = await fetch(link);
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual(synced('ann'));
  });

  it('close() answers every held long poll with the reslink processing body instead of dropping it', async () => {
    const mock = await mockOn();
    const count = 20;
    const replies = Array.from({ length: count }, (_, i) =>
      call(`${mock.url}${SYNC}`, { standard: [{ person: person(`p-${i}`) }] }, tokens(`acc-${i}`)),
    );
    await mock.clock.whenPending(2 * count);
    const closed = mock.close();
    const answers = await Promise.all(replies);
    await closed;

    const ids = answers.map((reply, i) => {
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        status: 'processing',
        process: { message: PERIODICALLY, resultLink: expect.stringMatching(linkPattern(mock)) },
      });
      const id = linkPattern(mock).exec(reply.body.process.resultLink)?.[1] as string;
      const job = mock.world.results.lookup(id, mock.clock.now());
      expect(job?.account.id).toBe(`acc-${i}`);
      expect(job?.finished).toBe(false);
      return id;
    });
    expect(new Set(ids).size).toBe(count);
    await expect(fetch(`${mock.url}/__mock/health`)).rejects.toThrow(); // no longer listening
  });

  it('survives a client that gives up on a held long poll; the job still completes', async () => {
    const mock = await mockOn();
    const controller = new AbortController();
    const body = JSON.stringify({ standard: [{ person: person('ann') }] });
    const abandoned = fetch(`${mock.url}${SYNC}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...tokens() },
      body,
      signal: controller.signal,
    });
    await mock.clock.whenPending(2);
    controller.abort();
    await expect(abandoned).rejects.toThrow();
    const [job] = mock.world.account('acc-1').uncompleted;
    mock.clock.advance(2000);
    expect(job?.finished && e1Answer(job).body).toBe(JSON.stringify(synced('ann')));
    const next = await call(
      `${mock.url}${SYNC}`,
      { standard: [{ person: person('bob') }] },
      { 'result-handling': 'reslink' },
    );
    expect(next.status).toBe(200);
    expect(next.body.status).toBe('processing');
    expect((await fetch(`${mock.url}/__mock/health`)).status).toBe(200);
  });

  // These two are of the root `startMock` itself (its port and address), so they start it directly.
  it('binds 127.0.0.1 by default', async () => {
    const mock = await startMock({ speed: 0, selfCheck: true });
    mocks.push(mock);
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    expect(mock.address).toEqual({ address: '127.0.0.1', family: 'IPv4', port: mock.port });
    const health = await fetch(`${mock.url}/__mock/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('port 0 picks a free port; a given port is used; a port in use is refused with EADDRINUSE', async () => {
    const [one, two] = await Promise.all([startMock({ port: 0 }), startMock({ port: 0 })]);
    mocks.push(one, two);
    expect(one?.port).toBeGreaterThan(0);
    expect(two?.port).toBeGreaterThan(0);
    expect(one?.port).not.toBe(two?.port);
    for (const mock of [one, two]) expect((await fetch(`${mock?.url}/__mock/health`)).status).toBe(200);

    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const fixed = await startMock({ port });
    mocks.push(fixed);
    expect(fixed.port).toBe(port);
    expect(fixed.url).toBe(`http://127.0.0.1:${port}`);
    await expect(startMock({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
