import { describe, expect, it } from 'vitest';
import { fakeSender, flush, GET, person, SYNC, testMock, tokens, track } from '../support/index.js';
import {
  errorText,
  expectError,
  expectInvalid,
  expectProcessing,
  LATER,
  linkPath,
  one,
  PERIODICALLY,
  RESULT_ID,
  syncedBody,
  WEBHOOK_MESSAGE,
} from './support.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const LATENCY = { syncMs: 1500, getMs: 100, jitter: 0 };
const MODE_DETAILS = (got: string) =>
  `result-handling header: expected one of long, reslink, webhook (or no header, which means long), got ${got}`;

describe('§3 result-handling header', () => {
  it('absent means long: the completed body is answered directly', async () => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.post(SYNC, one());
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(syncedBody('jane'));
  });

  it('long: the same completed body', async () => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.post(SYNC, one(), { 'result-handling': 'long' });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(syncedBody('jane'));
  });

  it('reslink: 200 processing at once with the documented message and a result link', async () => {
    const mock = testMock({ speed: 1 });
    const reply = await mock.post(SYNC, one(), { 'result-handling': 'reslink' });
    const id = expectProcessing(reply, PERIODICALLY);
    expect(reply.text).toBe(
      `{"status":"processing","process":{"message":"Your request is being processed. Please check the resultLink periodically.","resultLink":"http://mock.test/account/results/${id}"}}`,
    );
  });

  it('reslink with speed 0 still answers processing first', async () => {
    const mock = testMock({ speed: 0 });
    expectProcessing(await mock.post(GET, one(), { 'result-handling': 'reslink' }), PERIODICALLY);
  });

  it('webhook: 200 processing at once naming the webhook URL', async () => {
    const { sender } = fakeSender();
    const mock = testMock({ speed: 1, sendWebhook: sender });
    const url = 'https://hooks.example.test/linkedapi?token=abc';
    const reply = await mock.post(SYNC, one(), { 'result-handling': 'webhook', 'webhook-url': url });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(reply.text).toBe(
      JSON.stringify({
        status: 'processing',
        process: { message: 'Your request is being processed. The result will be sent to the webhook.', webhook: url },
      }),
    );
    expect(reply.body.process.message).toBe(WEBHOOK_MESSAGE);
  });

  const badModes = ['', 'LONG', 'Reslink', 'poll', 'webhooks', 'long, reslink', 'none'];
  it.each(badModes)(
    'any other value (%j) is invalidRequestBody naming the header and the allowed values',
    async (value) => {
      const mock = testMock({ speed: 0 });
      for (const path of [SYNC, GET]) {
        const reply = await mock.post(path, one(), { 'result-handling': value });
        expectInvalid(reply, MODE_DETAILS(JSON.stringify(value)));
        expect(reply.body.error.message).toContain('result-handling');
        for (const allowed of ['long', 'reslink', 'webhook']) expect(reply.body.error.message).toContain(allowed);
      }
      expect(mock.world.results.size).toBe(0);
    },
  );

  it('webhook mode without a webhook-url header is refused', async () => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.post(SYNC, one(), { 'result-handling': 'webhook' });
    expectInvalid(reply, 'webhook-url header: required with result-handling: webhook');
  });

  const badUrls = [
    '/hooks/linkedapi',
    'hooks.example.test/x',
    'ftp://hooks.example.test/x',
    'mailto:a@b.c',
    'not a url',
    '',
  ];
  it.each(badUrls)('webhook-url %j is refused: it must be an absolute http(s) URL', async (url) => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.post(SYNC, one(), { 'result-handling': 'webhook', 'webhook-url': url });
    expectInvalid(
      reply,
      `webhook-url header: expected an absolute http or https URL such as http://127.0.0.1:3000/hooks/linkedapi, got ${JSON.stringify(url)}`,
    );
  });

  it.each(['http://127.0.0.1:3000/hooks', 'https://hooks.example.test/a/b'])(
    'webhook-url %s is accepted',
    async (url) => {
      const { sender } = fakeSender();
      const mock = testMock({ speed: 0, sendWebhook: sender });
      const reply = await mock.post(GET, one(), { 'result-handling': 'webhook', 'webhook-url': url });
      expect(reply.status).toBe(200);
      expect(reply.body.process).toEqual({ message: WEBHOOK_MESSAGE, webhook: url });
    },
  );

  it.each([
    ['no result-handling header', {}],
    ['long', { 'result-handling': 'long' }],
    ['reslink', { 'result-handling': 'reslink' }],
  ])('webhook-url is refused without webhook mode (%s)', async (_case, headers) => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.post(SYNC, one(), { ...headers, 'webhook-url': 'http://hook.test/x' });
    expectInvalid(reply, 'webhook-url header: only allowed with result-handling: webhook');
  });

  const modes: [string, Record<string, string>][] = [
    ['long', {}],
    ['reslink', { 'result-handling': 'reslink' }],
    ['webhook', { 'result-handling': 'webhook', 'webhook-url': 'http://hook.test/x' }],
  ];
  it.each(modes)(
    '%s: validation errors are answered synchronously and no result link is made',
    async (_mode, headers) => {
      const { sender, sent } = fakeSender();
      const mock = testMock({ speed: 1, sendWebhook: sender });
      const invalid = [
        await mock.post(SYNC, { standard: [] }, headers),
        await mock.post(GET, '{', headers),
        await mock.post(SYNC, { standard: [{ person: 'nope' }] }, headers),
        await mock.post(GET, { standard: [{ person: person('a'), since: 'yesterday' }] }, headers),
        await mock.post(SYNC, 'x'.repeat(1024 * 1024 + 1), headers),
      ];
      expect(invalid.map((reply) => reply.status)).toEqual([400, 400, 400, 400, 413]);
      for (const reply of invalid) {
        expect(reply.body.status).toBe('error');
        expect(reply.body.error.errorType).toBe('invalidRequestBody');
        expect(reply.text).not.toContain('/account/results/');
      }
      expect(mock.world.results.size).toBe(0);
      expect(mock.world.account('acc-1').uncompleted.size).toBe(0);
      mock.clock.advance(60_000);
      await flush();
      expect(sent).toEqual([]);
    },
  );
});

describe('§3 GET /account/results/{id}', () => {
  it('processing with the "later" message while running, then exactly the long-mode body, again and again', async () => {
    const mock = testMock({ speed: 1, latency: LATENCY });
    const accepted = await mock.post(SYNC, one('jane'), { 'result-handling': 'reslink' });
    const id = expectProcessing(accepted, PERIODICALLY);
    const running = await mock.send('GET', `/account/results/${id}`);
    expectProcessing(running, LATER);
    expect(running.text).toBe(
      `{"status":"processing","process":{"message":"Your request is being processed. Please check the resultLink later.","resultLink":"http://mock.test/account/results/${id}"}}`,
    );
    mock.clock.advance(1499);
    expectProcessing(await mock.send('GET', `/account/results/${id}`), LATER);
    mock.clock.advance(1);
    for (let i = 0; i < 3; i++) {
      const done = await mock.send('GET', `/account/results/${id}`);
      expect(done.status).toBe(200);
      expect(done.headers.get('content-type')).toBe('application/json');
      expect(done.text).toBe(syncedBody('jane'));
    }
  });

  it('the result body is byte for byte what long mode would have sent (same seed, same requests)', async () => {
    const flow = async (mode: 'long' | 'reslink') => {
      const mock = testMock({ speed: 1, latency: LATENCY, seed: 7 });
      const headers: Record<string, string> = mode === 'long' ? {} : { 'result-handling': 'reslink' };
      const body = {
        standard: [{ person: person('jane') }, { person: person('missing-joe') }],
        salesNavigator: [{ person: 'https://www.linkedin.com/sales/lead/ACwAAB12' }],
      };
      const answers: string[] = [];
      for (const [path, request] of [
        [SYNC, body],
        [GET, { standard: [{ person: person('jane') }], salesNavigator: body.salesNavigator }],
      ] as const) {
        const started = mock.start(path, request, headers);
        await flush();
        mock.clock.advance(10_000);
        const reply = await started;
        if (mode === 'long') answers.push(reply.text);
        else answers.push((await mock.send('GET', linkPath(reply))).text);
      }
      return answers;
    };
    const long = await flow('long');
    const reslink = await flow('reslink');
    expect(reslink).toEqual(long);
    expect(JSON.parse(long[0] as string).status).toBe('complete');
    expect(JSON.parse(long[1] as string).completion.standard[0].result.success).toBe(true);
  });

  it('expires 24 h of virtual time after the job finished, then 404 resultNotFound', async () => {
    const mock = testMock({ speed: 1, latency: LATENCY });
    const accepted = await mock.post(SYNC, one(), { 'result-handling': 'reslink' });
    mock.clock.advance(1500);
    expect((await mock.send('GET', linkPath(accepted))).status).toBe(200);
    mock.clock.advance(DAY_MS - 1);
    expect((await mock.send('GET', linkPath(accepted))).text).toBe(syncedBody('jane'));
    mock.clock.advance(1);
    const expired = await mock.send('GET', linkPath(accepted));
    expectError(expired, 'resultNotFound');
    expect(expired.body.error.message).toBe('The result link is unknown or has expired.');
  });

  it('a job still running does not expire', async () => {
    const mock = testMock({ speed: 1, latency: { syncMs: 2 * 60 * 60 * 1000, jitter: 0 }, resultTtlMs: 60_000 });
    const accepted = await mock.post(SYNC, one(), { 'result-handling': 'reslink' });
    mock.clock.advance(90 * 60 * 1000);
    expectProcessing(await mock.send('GET', linkPath(accepted)), LATER);
    mock.clock.advance(30 * 60 * 1000);
    expect((await mock.send('GET', linkPath(accepted))).text).toBe(syncedBody('jane'));
  });

  it('the resultTtlMs option sets the expiry', async () => {
    const mock = testMock({ speed: 0, resultTtlMs: 60_000 });
    const accepted = await mock.post(GET, one(), { 'result-handling': 'reslink' });
    mock.clock.advance(59_999);
    expect((await mock.send('GET', linkPath(accepted))).status).toBe(200);
    mock.clock.advance(1);
    expectError(await mock.send('GET', linkPath(accepted)), 'resultNotFound');
  });

  it.each(['AAAAAAAAAAAAAAAAAAAAAA', 'unknown', 'x', '..%2F..%2Fetc'])(
    'an unknown id (%s) is 404 resultNotFound',
    async (id) => {
      const mock = testMock({ speed: 0 });
      await mock.post(SYNC, one(), { 'result-handling': 'reslink' });
      const reply = await mock.send('GET', `/account/results/${id}`);
      expectError(reply, 'resultNotFound');
      expect(reply.text).toBe(
        '{"status":"error","error":{"errorType":"resultNotFound","message":"The result link is unknown or has expired."}}',
      );
    },
  );

  it('auth headers are optional; with the owner headers it answers, with another account headers the same 404', async () => {
    const mock = testMock({ speed: 0 });
    const accepted = await mock.post(SYNC, one('secret-person'), {
      ...tokens('owner', 'api-owner'),
      'result-handling': 'reslink',
    });
    const path = linkPath(accepted);
    const notFound = await mock.send('GET', '/account/results/AAAAAAAAAAAAAAAAAAAAAA');
    expect((await mock.send('GET', path)).text).toBe(syncedBody('secret-person'));
    expect((await mock.send('GET', path, { headers: tokens('owner', 'api-owner') })).text).toBe(
      syncedBody('secret-person'),
    );
    const foreign: Record<string, string>[] = [
      tokens('intruder', 'api-owner'),
      tokens('owner', 'api-intruder'),
      tokens('intruder', 'api-intruder'),
      { 'identification-token': 'intruder' },
      { 'account-api-token': 'api-intruder' },
    ];
    for (const headers of foreign) {
      const reply = await mock.send('GET', path, { headers });
      expectError(reply, 'resultNotFound');
      expect(reply.text).toBe(notFound.text);
      expect(reply.text).not.toContain('secret-person');
    }
    expect((await mock.send('GET', path, { headers: { 'identification-token': 'owner' } })).status).toBe(200);
  });

  it('another account headers get the same 404 while the job is still running', async () => {
    const mock = testMock({ speed: 1, latency: LATENCY });
    const accepted = await mock.post(SYNC, one(), { 'result-handling': 'reslink' });
    expectError(await mock.send('GET', linkPath(accepted), { headers: tokens('acc-2') }), 'resultNotFound');
    expectProcessing(await mock.send('GET', linkPath(accepted), { headers: tokens('acc-1') }), LATER);
  });

  it('a job that ended in a global error answers that envelope with the long-mode HTTP status', async () => {
    const mock = testMock({ speed: 1, latency: LATENCY });
    const accepted = await mock.post(GET, one(), { ...tokens('signed-out-9'), 'result-handling': 'reslink' });
    expectProcessing(await mock.send('GET', linkPath(accepted)), LATER);
    mock.clock.advance(100);
    const done = await mock.send('GET', linkPath(accepted));
    expect(done.status).toBe(403);
    expect(done.text).toBe(errorText('linkedinAccountSignedOut'));
  });

  it('result ids are at least 16 URL-safe characters and differ between requests', async () => {
    const mock = testMock({ speed: 0 });
    const ids = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const reply = await mock.post(GET, one(), { 'result-handling': 'reslink' });
      const id = expectProcessing(reply, PERIODICALLY);
      expect(id).toMatch(RESULT_ID);
      expect(id.length).toBeGreaterThanOrEqual(16);
      ids.add(id);
    }
    expect(ids.size).toBe(8);
  });
});

describe('§3 result-link origin', () => {
  it('is the publicUrl option when given, even over x-forwarded headers', async () => {
    const mock = testMock({ speed: 0, publicUrl: 'https://mock.example.test' });
    const reply = await mock.post(SYNC, one(), {
      'result-handling': 'reslink',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': 'proxy.example.test',
    });
    expectProcessing(reply, PERIODICALLY, 'https://mock.example.test');
    const pending = await mock.send('GET', linkPath(reply));
    expect(pending.status).toBe(200);
  });

  it('publicUrl with a trailing slash makes no double slash', async () => {
    const mock = testMock({ speed: 1, publicUrl: 'http://10.0.0.5:4010/' });
    const reply = await mock.post(SYNC, one(), { 'result-handling': 'reslink' });
    expectProcessing(reply, PERIODICALLY, 'http://10.0.0.5:4010');
    expectProcessing(await mock.send('GET', linkPath(reply)), LATER, 'http://10.0.0.5:4010');
  });

  it('is the scheme and host the request came in on, without publicUrl', async () => {
    const mock = testMock({ speed: 1 });
    const reply = await mock.send('POST', SYNC, {
      origin: 'https://127.0.0.1:4010',
      headers: { ...tokens(), 'result-handling': 'reslink' },
      body: JSON.stringify(one()),
    });
    const id = expectProcessing(reply, PERIODICALLY, 'https://127.0.0.1:4010');
    const pending = await mock.send('GET', `/account/results/${id}`, { origin: 'http://localhost:9999' });
    expectProcessing(pending, LATER, 'http://localhost:9999');
  });

  it('respects x-forwarded-proto and x-forwarded-host', async () => {
    const mock = testMock({ speed: 1 });
    const both = await mock.post(SYNC, one(), {
      'result-handling': 'reslink',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'api.example.test:8443',
    });
    expectProcessing(both, PERIODICALLY, 'https://api.example.test:8443');
    const protoOnly = await mock.post(GET, one(), { 'result-handling': 'reslink', 'x-forwarded-proto': 'https' });
    expectProcessing(protoOnly, PERIODICALLY, 'https://mock.test');
    const hostOnly = await mock.post(GET, one('b'), { 'result-handling': 'reslink', 'x-forwarded-host': 'edge.test' });
    expectProcessing(hostOnly, PERIODICALLY, 'http://edge.test');
    const chain = await mock.post(GET, one('c'), {
      'result-handling': 'reslink',
      'x-forwarded-proto': 'https, http',
      'x-forwarded-host': 'first.test, second.test',
    });
    expectProcessing(chain, PERIODICALLY, 'https://first.test');
    const pending = await mock.send('GET', linkPath(both), {
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'other.test' },
    });
    expectProcessing(pending, LATER, 'https://other.test');
  });
});

describe('§3 long-poll ceiling', () => {
  const SLOW = { syncMs: 300_000, getMs: 100, jitter: 0 };

  it('a long request is held until its job is done, then answered with the completed body', async () => {
    const mock = testMock({ speed: 1, latency: LATENCY });
    const pending = track(mock.start(SYNC, { standard: [{ person: person('a') }, { person: person('b') }] }));
    await flush();
    mock.clock.advance(2999);
    await flush();
    expect(pending.done).toBe(false);
    mock.clock.advance(1);
    const reply = await pending.reply;
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(syncedBody('a', 'b'));
  });

  it('default 120 s: a job still running is answered with the reslink body, and its link later yields the result', async () => {
    const mock = testMock({ speed: 1, latency: SLOW });
    const pending = track(mock.start(SYNC, one()));
    await flush();
    mock.clock.advance(119_999);
    await flush();
    expect(pending.done).toBe(false);
    mock.clock.advance(1);
    const reply = await pending.reply;
    const id = expectProcessing(reply, PERIODICALLY);
    expect(reply.text).toBe(
      `{"status":"processing","process":{"message":"Your request is being processed. Please check the resultLink periodically.","resultLink":"http://mock.test/account/results/${id}"}}`,
    );
    expectProcessing(await mock.send('GET', linkPath(reply)), LATER);
    mock.clock.advance(300_000 - 120_000);
    const result = await mock.send('GET', linkPath(reply));
    expect(result.status).toBe(200);
    expect(result.text).toBe(syncedBody('jane'));
  });

  it('the longPollTimeoutMs option sets the ceiling', async () => {
    const mock = testMock({ speed: 1, latency: SLOW, longPollTimeoutMs: 5_000 });
    const pending = track(mock.start(SYNC, one(), { 'result-handling': 'long' }));
    await flush();
    mock.clock.advance(4_999);
    await flush();
    expect(pending.done).toBe(false);
    mock.clock.advance(1);
    const reply = await pending.reply;
    expectProcessing(reply, PERIODICALLY);
    mock.clock.advance(300_000);
    expect((await mock.send('GET', linkPath(reply))).text).toBe(syncedBody('jane'));
  });

  it('a job that ends in a global error after the ceiling is pulled as that error', async () => {
    const mock = testMock({ speed: 1, latency: SLOW, longPollTimeoutMs: 1_000 });
    const pending = mock.start(SYNC, one(), tokens('signed-out-late'));
    await flush();
    mock.clock.advance(1_000);
    const reply = await pending;
    expectProcessing(reply, PERIODICALLY);
    mock.clock.advance(300_000);
    expectError(
      await mock.send('GET', linkPath(reply), { headers: tokens('signed-out-late') }),
      'linkedinAccountSignedOut',
    );
  });
});

describe('§3 webhook answer and hand-off to the sender', () => {
  it('the final body goes to the sender with the result link header once the job is done; the link is pullable', async () => {
    const { sender, sent } = fakeSender();
    const mock = testMock({ speed: 1, latency: LATENCY, sendWebhook: sender });
    const url = 'http://127.0.0.1:3000/hooks/linkedapi';
    const reply = await mock.post(SYNC, one(), { 'result-handling': 'webhook', 'webhook-url': url });
    expect(reply.body).toEqual({ status: 'processing', process: { message: WEBHOOK_MESSAGE, webhook: url } });
    await flush();
    mock.clock.advance(1499);
    await flush();
    expect(sent).toEqual([]);
    mock.clock.advance(1);
    await flush();
    expect(sent).toHaveLength(1);
    const delivery = sent[0] as (typeof sent)[number];
    expect(delivery.url).toBe(url);
    expect(delivery.body).toBe(syncedBody('jane'));
    expect(delivery.headers['content-type']).toBe('application/json');
    const link = delivery.headers['x-linkedapi-mock-result-link'] as string;
    expect(link).toMatch(/^http:\/\/mock\.test\/account\/results\/[A-Za-z0-9_-]{16,}$/);
    const pulled = await mock.send('GET', new URL(link).pathname);
    expect(pulled.status).toBe(200);
    expect(pulled.text).toBe(delivery.body);
  });

  it('the result-link header follows publicUrl', async () => {
    const { sender, sent } = fakeSender();
    const mock = testMock({ speed: 0, sendWebhook: sender, publicUrl: 'https://public.example.test' });
    await mock.post(GET, one(), { 'result-handling': 'webhook', 'webhook-url': 'https://hook.test/' });
    await flush();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers['x-linkedapi-mock-result-link']).toMatch(
      /^https:\/\/public\.example\.test\/account\/results\/[A-Za-z0-9_-]{16,}$/,
    );
    expect(JSON.parse(sent[0]?.body as string).status).toBe('complete');
  });
});
