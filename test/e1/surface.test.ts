import { describe, expect, it } from 'vitest';
import { flush, GET, person, SYNC, testMock, tokens } from '../support/index.js';
import { expectError, expectProcessing, linkPath, one, PERIODICALLY, syncedBody } from './support.js';

describe('§1 surface', () => {
  it('GET /__mock/health answers 200 {"status":"ok"} with no headers at all', async () => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.send('GET', '/__mock/health');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(reply.text).toBe('{"status":"ok"}');
  });

  it('POST /account/conversations.synchronize is served', async () => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.post(SYNC, one('jane'));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(reply.text).toBe(syncedBody('jane'));
  });

  it('POST /account/conversations.get is served', async () => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.post(GET, one('jane'));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(reply.body).toEqual({
      status: 'complete',
      completion: {
        standard: [
          {
            person: person('jane'),
            result: {
              success: false,
              error: { errorType: 'notSynchronized', message: "The conversation with this person isn't synchronized." },
            },
          },
        ],
        salesNavigator: [],
      },
    });
  });

  it('GET /account/results/{id} is served', async () => {
    const mock = testMock({ speed: 0 });
    const accepted = await mock.post(SYNC, one('jane'), { 'result-handling': 'reslink' });
    expectProcessing(accepted, PERIODICALLY);
    const result = await mock.send('GET', linkPath(accepted));
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe('application/json');
    expect(result.text).toBe(syncedBody('jane'));
  });

  it('answers the exact behaviour.md message for an unknown endpoint', async () => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.send('GET', '/account/conversations.get');
    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toBe('application/json');
    expect(reply.text).toBe(
      '{"status":"error","error":{"errorType":"endpointNotFound","message":"There is no endpoint at GET /account/conversations.get."}}',
    );
  });

  const wrongMethods: [string, string][] = [
    ['GET', SYNC],
    ['GET', GET],
    ['PUT', SYNC],
    ['PATCH', GET],
    ['DELETE', GET],
    ['POST', '/account/results/abcdefghijklmnopqrstuv'],
    ['DELETE', '/account/results/abcdefghijklmnopqrstuv'],
    ['POST', '/__mock/health'],
  ];
  it.each(wrongMethods)('a wrong method on a real path, %s %s, is endpointNotFound', async (method, path) => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.send(method, path, { headers: tokens(), body: method === 'GET' ? undefined : '{}' });
    expectError(reply, 'endpointNotFound', { method, path });
    expect(reply.body.error.message).toBe(`There is no endpoint at ${method} ${path}.`);
  });

  const otherPaths: [string, string][] = [
    ['GET', '/'],
    ['POST', '/'],
    ['POST', '/account/conversations.list'],
    ['POST', '/account/conversations'],
    ['POST', '/v1/account/conversations.get'],
    ['POST', '/conversations.get'],
    ['GET', '/account/results'],
    ['GET', '/account/results/'],
    ['GET', '/account/results/abc/extra'],
    ['GET', '/health'],
  ];
  it.each(otherPaths)('any other path, %s %s, is endpointNotFound', async (method, path) => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.send(method, path, { headers: tokens(), body: method === 'GET' ? undefined : '{}' });
    expectError(reply, 'endpointNotFound', { method, path });
  });

  it('an unknown endpoint is 404 even without auth headers (not 401), and the message names the path only', async () => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.send('POST', '/account/nothing-here?x=1', { body: 'not json' });
    expectError(reply, 'endpointNotFound', { method: 'POST', path: '/account/nothing-here' });
  });

  it('every answer is application/json: success, processing, each error class, results and health', async () => {
    const mock = testMock({ speed: 1, latency: { syncMs: 1000, getMs: 100, jitter: 0 } });
    const replies = [
      await mock.send('GET', '/__mock/health'),
      await mock.send('GET', '/nope'),
      await mock.send('POST', SYNC, { body: '{}' }),
      await mock.send('POST', SYNC, { headers: tokens('no-seats-1'), body: JSON.stringify(one()) }),
      await mock.post(SYNC, '{'),
      await mock.post(SYNC, 'x'.repeat(1024 * 1024 + 1)),
      await mock.send('GET', '/account/results/unknown-unknown-unknown'),
    ];
    const accepted = await mock.post(SYNC, one(), { 'result-handling': 'reslink' });
    replies.push(accepted, await mock.send('GET', linkPath(accepted)));
    for (let i = 0; i < 9; i++) await mock.post(GET, one(), { 'result-handling': 'reslink' });
    replies.push(await mock.post(GET, one(), { 'result-handling': 'reslink' }));
    const held = mock.start(GET, one(), tokens('acc-2'));
    await flush();
    mock.clock.advance(1000);
    replies.push(await held, await mock.send('GET', linkPath(accepted)));
    expect(replies.map((reply) => reply.status)).toEqual([200, 404, 401, 403, 400, 413, 404, 200, 200, 429, 200, 200]);
    for (const reply of replies) expect(reply.headers.get('content-type')).toBe('application/json');
  });
});
