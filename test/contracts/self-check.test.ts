import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { routeById } from '../../src/contracts/find-route.js';
import type { ResponseContract } from '../../src/contracts/route.js';
import { createMockServer } from '../../src/server/app.js';
import { type SelfCheckFailure, selfCheck } from '../../src/server/self-check/index.js';
import { GET, person, reply, testMock, tokens } from '../support/index.js';

const getRoute = routeById('getConversations');
const original = getRoute.responses[200] as ResponseContract;

/** The get route's contract, deliberately narrowed: a `get` may never succeed. */
function narrowGetContract(): void {
  getRoute.responses[200] = {
    description: 'narrowed for a test',
    schema: z.object({
      status: z.literal('complete'),
      completion: z.object({
        standard: z.array(z.object({ person: z.string(), result: z.object({ success: z.literal(false) }) })),
        salesNavigator: z.array(z.unknown()),
      }),
    }),
  };
}

afterEach(() => {
  getRoute.responses[200] = original;
  vi.restoreAllMocks();
});

const jane = { standard: [{ person: person('jane') }] };
const SYNC = '/account/conversations.synchronize';

describe('the response self-check', () => {
  it('catches an answer that drifted from its contract: logs it, reports it, and answers 500 selfCheckFailed', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failures: SelfCheckFailure[] = [];
    const mock = testMock({ speed: 0, onSelfCheckFailure: (failure) => failures.push(failure) });
    expect((await mock.post(SYNC, jane)).status).toBe(200);
    narrowGetContract();

    const answer = await mock.post(GET, jane);
    const message =
      'POST /account/conversations.get answered 200 that does not match its contract: completion.standard[0].result.success: expected false, got true';
    expect(answer.status).toBe(500);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.body.error).toMatchObject({
      errorType: 'selfCheckFailed',
      message,
      problems: [{ path: 'completion.standard[0].result.success', problem: 'expected false, got true' }],
      answer: { status: 200, body: expect.stringMatching(/^\{"status":"complete"/) },
    });
    expect(logged.mock.calls).toEqual([[`[linkedapi-mock] self-check failed: ${message}`]]);
    expect(failures).toEqual([
      {
        method: 'POST',
        path: GET,
        status: 200,
        problems: [{ path: 'completion.standard[0].result.success', problem: 'expected false, got true' }],
        body: answer.body.error.answer.body,
      },
    ]);
    // A person never synced still keeps the narrowed contract.
    expect((await mock.post(GET, { standard: [{ person: person('bob') }] })).status).toBe(200);
  });

  it('is off by default: the same drift goes through unchecked', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { app } = createMockServer({ speed: 0 });
    expect(createMockServer().options.selfCheck).toBe(false);
    narrowGetContract();
    const post = (path: string) =>
      reply(app.request(`http://mock.test${path}`, { method: 'POST', headers: tokens(), body: JSON.stringify(jane) }));
    expect((await post(SYNC)).status).toBe(200);
    const answer = await post(GET);
    expect(answer.status).toBe(200);
    expect(answer.body.completion.standard[0].result.success).toBe(true);
    expect(logged).not.toHaveBeenCalled();
  });

  it('accepts global errors sent with HTTP 200 under errorHttpStatus 200, and unknown endpoints', async () => {
    const failures: SelfCheckFailure[] = [];
    const mock = testMock({ errorHttpStatus: 200, onSelfCheckFailure: (failure) => failures.push(failure) });
    const invalid = await mock.post(GET, jane, tokens('invalid-account'));
    expect([invalid.status, invalid.body.error.errorType]).toEqual([200, 'invalidIdentificationToken']);
    const nowhere = await mock.get('/account/nowhere');
    expect([nowhere.status, nowhere.body.error.errorType]).toEqual([200, 'endpointNotFound']);
    const wrongMethod = await mock.get(GET);
    expect([wrongMethod.status, wrongMethod.body.error.errorType]).toEqual([200, 'endpointNotFound']);
    expect(failures).toEqual([]);
  });

  describe('as middleware on any Hono app', () => {
    const failures: SelfCheckFailure[] = [];
    const app = new Hono();
    app.use(selfCheck({ onSelfCheckFailure: (failure) => failures.push(failure) }));
    app.get('/__mock/health', (c) => c.json({ status: 'OK' }));
    app.post(GET, (c) => c.text('{"status":"complete"}'));
    app.get('/docs', (c) => c.html('<h1>docs</h1>'));
    app.get('/teapot', (c) => c.json({ status: 'error', error: { errorType: 'endpointNotFound', message: 'x' } }, 418));
    const call = (path: string, method = 'GET') => reply(app.request(path, { method }));

    it('fails a wrong body, a non-JSON answer of an API route, an unknown route answering other than 404', async () => {
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      failures.length = 0;
      const health = await call('/__mock/health');
      expect([health.status, health.body.error.problems]).toEqual([
        500,
        [{ path: 'status', problem: 'expected "ok", got "OK"' }],
      ]);
      const text = await call(GET, 'POST');
      expect(text.body.error.problems).toEqual([
        { path: 'content-type', problem: 'expected application/json, got text/plain;charset=UTF-8' },
      ]);
      const teapot = await call('/teapot');
      expect(teapot.body.error.problems).toEqual([{ path: 'status', problem: 'expected 404, got 418' }]);
      expect(failures.map((failure) => `${failure.method} ${failure.path} ${failure.status}`)).toEqual([
        'GET /__mock/health 200',
        `POST ${GET} 200`,
        'GET /teapot 418',
      ]);
    });

    it('leaves pages that are not JSON alone', async () => {
      failures.length = 0;
      const docs = await call('/docs');
      expect([docs.status, docs.text]).toEqual([200, '<h1>docs</h1>']);
      expect(failures).toEqual([]);
    });
  });
});

describe('the result-link contract', () => {
  it('does not let a get result with broken data pass for a synchronize result', () => {
    const schema = (routeById('getResult') as { responses: Record<number, ResponseContract> }).responses[200]?.schema;
    const get = (data: unknown) => ({
      status: 'complete',
      completion: { standard: [{ person: person('ann'), result: { success: true, data } }], salesNavigator: [] },
    });
    const message = {
      id: '0d9b0fd3-2248-4649-9245-7c3890921ffc',
      sender: 'them',
      text: 'Hi',
      time: '2024-06-01T10:00:00Z',
    };
    expect(schema?.safeParse(get({ total: 1, messages: [message] })).success).toBe(true);
    expect(
      schema?.safeParse(get({ total: 1, messages: [{ ...message, time: '2024-06-01T10:00:00.000Z' }] })).success,
    ).toBe(false);
    expect(schema?.safeParse(get({ messages: [] })).success).toBe(false);
  });
});
