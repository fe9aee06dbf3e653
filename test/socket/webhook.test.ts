import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ListenOptions } from '../../src/testing/index.js';
import type { WebhookAttempt } from '../../src/world/webhooks.js';
import { GET, person, type SocketMock, START, START_MS, SYNC, socketMock, tokens } from '../support/index.js';

const WEBHOOK_MESSAGE = 'Your request is being processed. The result will be sent to the webhook.';
const SIGNED_OUT_MESSAGE = 'This LinkedIn account has been signed out in our cloud browser.';

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1: records every request and answers `status(n)` (and `headers`) to the n-th. */
class Receiver {
  readonly received: Received[] = [];

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(status: (n: number) => number, port = 0, headers: Record<string, string> = {}): Promise<Receiver> {
    let receiver: Receiver | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const list = (receiver as Receiver).received;
        list.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
        res.writeHead(status(list.length), { 'content-type': 'text/plain', ...headers }).end('ok');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    receiver = new Receiver(server, (server.address() as AddressInfo).port);
    receivers.push(receiver);
    return receiver;
  }

  url(path = '/hooks/linkedapi'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

const receivers: Receiver[] = [];
const mocks: SocketMock[] = [];

afterEach(async () => {
  await Promise.all([...mocks.splice(0).map((mock) => mock.close()), ...receivers.splice(0).map((r) => r.close())]);
});

/** A mock on a real socket, with no sync or get latency, whose virtual clock moves only when the test advances it. */
async function mockOn(options: ListenOptions = {}): Promise<SocketMock> {
  const mock = await socketMock({ speed: 1, latency: { syncMs: 0, getMs: 0 }, ...options });
  mocks.push(mock);
  return mock;
}

const webhook = (url: string) => ({ 'result-handling': 'webhook', 'webhook-url': url });

/** Resolves with the attempts (of `account`, or all) as soon as there are at least `n`. */
function attempts(mock: SocketMock, n: number, account?: string): Promise<WebhookAttempt[]> {
  return new Promise((resolve) => {
    const check = () => {
      const list = mock.world.webhooks.attempts(account);
      if (list.length < n) return;
      stop();
      resolve(list);
    };
    const stop = mock.world.webhooks.onAttempt(check);
    check();
  });
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago and has been closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const syncBody = { standard: [{ person: person('jane') }] };
const syncComplete = JSON.stringify({
  status: 'complete',
  completion: { standard: [{ person: person('jane'), result: { success: true } }], salesNavigator: [] },
});

describe('webhook delivery to a real receiver', { timeout: 10_000 }, () => {
  it('answers processing with the webhook URL at once, then POSTs the final body when the job is done', async () => {
    const receiver = await Receiver.start(() => 200);
    const mock = await mockOn({ latency: { syncMs: 1500, getMs: 100 } });
    const url = receiver.url('/hooks/linkedapi?tenant=7');

    const accepted = await mock.post(SYNC, syncBody, webhook(url));
    expect(accepted.status).toBe(200);
    expect(accepted.headers.get('content-type')).toBe('application/json');
    expect(accepted.body).toEqual({ status: 'processing', process: { message: WEBHOOK_MESSAGE, webhook: url } });
    expect(mock.world.webhooks.attempts()).toEqual([]);
    expect(receiver.received).toEqual([]);

    mock.clock.advance(2000); // 1500 ms ± 30 % of sync latency
    const [attempt] = await attempts(mock, 1);
    expect(receiver.received).toHaveLength(1);
    const [post] = receiver.received;
    expect(post?.method).toBe('POST');
    expect(post?.url).toBe('/hooks/linkedapi?tenant=7');
    expect(post?.headers['content-type']).toBe('application/json');
    expect(post?.body).toBe(syncComplete);
    expect(attempt).toMatchObject({ account: 'acc-1', url, attempt: 1, status: 200, outcome: 'delivered' });
    expect(attempt?.resultLink).toBe(post?.headers['x-linkedapi-mock-result-link']);
    const at = Date.parse(attempt?.at as string);
    expect(at).toBeGreaterThanOrEqual(START_MS + 1050);
    expect(at).toBeLessThanOrEqual(START_MS + 1950);
  });

  it('POSTs exactly the body long mode and the result link give, with a working result link header', async () => {
    const receiver = await Receiver.start(() => 200);
    const mock = await mockOn();
    const body = { standard: [{ person: person('jane') }] };
    expect((await mock.post(SYNC, body)).text).toBe(syncComplete);

    const accepted = await mock.post(GET, body, webhook(receiver.url()));
    expect(accepted.body.status).toBe('processing');
    const [attempt] = await attempts(mock, 1);
    const post = receiver.received[0] as Received;
    const link = post.headers['x-linkedapi-mock-result-link'] as string;
    expect(link).toMatch(new RegExp(`^${mock.url}/account/results/[A-Za-z0-9_-]{16,}$`));
    expect(attempt?.resultLink).toBe(link);

    const delivered = JSON.parse(post.body);
    expect(delivered.status).toBe('complete');
    expect(delivered.completion.standard[0].person).toBe(person('jane'));
    expect(delivered.completion.standard[0].result.data.messages.length).toBeGreaterThan(0);

    const long = await mock.post(GET, body);
    expect(long.status).toBe(200);
    expect(long.text).toBe(post.body);
    const pulled = await fetch(link);
    expect(pulled.status).toBe(200);
    expect(pulled.headers.get('content-type')).toBe('application/json');
    expect(await pulled.text()).toBe(post.body);
  });

  it('retries a receiver that answers 500, 1 s of virtual time later, and delivers the second attempt', async () => {
    const receiver = await Receiver.start((n) => (n === 1 ? 500 : 200));
    const mock = await mockOn();
    await mock.post(SYNC, syncBody, webhook(receiver.url()));

    const [first] = await attempts(mock, 1);
    expect(first).toMatchObject({ attempt: 1, status: 500, outcome: 'retrying', at: new Date(START_MS).toISOString() });
    expect(mock.clock.pendingTimers).toBe(1);
    mock.clock.advance(999);
    expect(mock.clock.pendingTimers).toBe(1);
    mock.clock.advance(1);
    const list = await attempts(mock, 2);
    expect(list[1]).toMatchObject({
      deliveryId: first?.deliveryId,
      attempt: 2,
      status: 200,
      outcome: 'delivered',
      at: new Date(START_MS + 1000).toISOString(),
    });
    expect(mock.clock.pendingTimers).toBe(0);
    expect(receiver.received.map((post) => post.body)).toEqual([syncComplete, syncComplete]);
    const links = receiver.received.map((post) => post.headers['x-linkedapi-mock-result-link']);
    expect(links[1]).toBe(links[0]);
  });

  it.each([1, 0.5])(
    'gives a receiver that always fails exactly 6 attempts, spaced 1, 2, 4, 8, 16 s × speed %s',
    async (speed) => {
      const receiver = await Receiver.start(() => 503);
      const mock = await mockOn({ speed });
      await mock.post(SYNC, syncBody, webhook(receiver.url()));

      await attempts(mock, 1);
      for (const [index, seconds] of [1, 2, 4, 8, 16].entries()) {
        const delay = seconds * 1000 * speed;
        expect(mock.clock.pendingTimers).toBe(1);
        mock.clock.advance(delay - 1);
        expect(mock.clock.pendingTimers).toBe(1); // not yet
        mock.clock.advance(1);
        await attempts(mock, index + 2);
      }
      const list = mock.world.webhooks.attempts('acc-1');
      expect(list.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(list.map((a) => a.status)).toEqual([503, 503, 503, 503, 503, 503]);
      expect(list.map((a) => a.outcome)).toEqual([
        'retrying',
        'retrying',
        'retrying',
        'retrying',
        'retrying',
        'failed',
      ]);
      const times = list.map((a) => Date.parse(a.at) - START_MS);
      expect(times).toEqual([0, 1000, 3000, 7000, 15_000, 31_000].map((ms) => ms * speed));
      expect(new Set(list.map((a) => a.deliveryId)).size).toBe(1);
      expect(mock.clock.pendingTimers).toBe(0); // nothing more is scheduled
      mock.clock.advance(3_600_000);
      expect(receiver.received).toHaveLength(6);
    },
  );

  it('counts a redirect as a failed attempt instead of following it', async () => {
    const receiver = await Receiver.start((n) => (n === 1 ? 302 : 200), 0, { location: '/elsewhere' });
    const mock = await mockOn();
    await mock.post(SYNC, syncBody, webhook(receiver.url()));

    const [first] = await attempts(mock, 1);
    expect(first).toMatchObject({ attempt: 1, status: 302, outcome: 'retrying' });
    mock.clock.advance(1000);
    const list = await attempts(mock, 2);
    expect(list[1]).toMatchObject({ attempt: 2, status: 200, outcome: 'delivered' });
    expect(receiver.received.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'POST', url: '/hooks/linkedapi', body: syncComplete },
      { method: 'POST', url: '/hooks/linkedapi', body: syncComplete },
    ]);
  });

  it('counts a refused connection as a network failure and retries it', async () => {
    const port = await closedPort();
    const mock = await mockOn();
    const url = `http://127.0.0.1:${port}/hook`;
    await mock.post(SYNC, syncBody, webhook(url));

    const [first] = await attempts(mock, 1);
    expect(first).toMatchObject({ attempt: 1, url, outcome: 'retrying' });
    expect(first?.status).toBeUndefined();
    expect(first?.error).toEqual(expect.any(String));
    expect(first?.error).not.toBe('');

    const receiver = await Receiver.start(() => 200, port); // the receiver comes up before the retry
    mock.clock.advance(1000);
    const list = await attempts(mock, 2);
    expect(list[1]).toMatchObject({ attempt: 2, status: 200, outcome: 'delivered' });
    expect(list[1]?.error).toBeUndefined();
    expect(receiver.received.map((post) => post.body)).toEqual([syncComplete]);
  });

  it('delivers a global error outcome (signed-out account) too, and its result link answers the same', async () => {
    const receiver = await Receiver.start(() => 200);
    const mock = await mockOn();
    const accepted = await mock.post(SYNC, syncBody, { ...tokens('signed-out-7'), ...webhook(receiver.url()) });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({
      status: 'processing',
      process: { message: WEBHOOK_MESSAGE, webhook: receiver.url() },
    });

    const [attempt] = await attempts(mock, 1, 'signed-out-7');
    expect(attempt).toMatchObject({ account: 'signed-out-7', status: 200, outcome: 'delivered' });
    const post = receiver.received[0] as Received;
    const expected = JSON.stringify({
      status: 'error',
      error: { errorType: 'linkedinAccountSignedOut', message: SIGNED_OUT_MESSAGE },
    });
    expect(post.body).toBe(expected);
    expect(post.headers['content-type']).toBe('application/json');
    const pulled = await fetch(post.headers['x-linkedapi-mock-result-link'] as string);
    expect(pulled.status).toBe(403);
    expect(await pulled.text()).toBe(expected);
  });

  it('keeps every attempt inspectable per account through world.webhooks.attempts(account)', async () => {
    const flaky = await Receiver.start((n) => (n === 1 ? 502 : 204));
    const steady = await Receiver.start(() => 200);
    const mock = await mockOn();
    await mock.post(SYNC, syncBody, { ...tokens('acc-a'), ...webhook(flaky.url('/a')) });
    await mock.post(SYNC, syncBody, { ...tokens('acc-b'), ...webhook(steady.url('/b')) });
    await attempts(mock, 1, 'acc-a');
    await attempts(mock, 1, 'acc-b');
    mock.clock.advance(1000);
    await attempts(mock, 2, 'acc-a');

    const a = mock.world.webhooks.attempts('acc-a');
    expect(a.map(({ account, url, attempt, status, outcome }) => ({ account, url, attempt, status, outcome }))).toEqual(
      [
        { account: 'acc-a', url: flaky.url('/a'), attempt: 1, status: 502, outcome: 'retrying' },
        { account: 'acc-a', url: flaky.url('/a'), attempt: 2, status: 204, outcome: 'delivered' },
      ],
    );
    expect(a[0]?.resultLink).toBe(flaky.received[0]?.headers['x-linkedapi-mock-result-link']);
    const b = mock.world.webhooks.attempts('acc-b');
    expect(b).toHaveLength(1);
    expect(b[0]).toMatchObject({ account: 'acc-b', url: steady.url('/b'), attempt: 1, status: 200 });
    expect(b[0]?.deliveryId).not.toBe(a[0]?.deliveryId);
    expect(b[0]?.at).toBe(START.replace('Z', '.000Z'));
    expect(mock.world.webhooks.attempts()).toHaveLength(3);
    expect(mock.world.webhooks.attempts('nobody')).toEqual([]);
    mock.world.webhooks.attempts('acc-a').pop(); // a copy: the log itself is untouched
    expect(mock.world.webhooks.attempts('acc-a')).toHaveLength(2);
  });
});
