import type { Context } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { endpointNamed } from '../../src/contracts/endpoints.js';
import { e4Tokens, person, SYNC, tokens } from '../support/index.js';
import { faultEndpointOf, faultMock, injectedE1, injectedE4, syncOf } from './support.js';

describe('matching by endpoint', () => {
  it('names each public endpoint, and nothing else', async () => {
    expect(await faultEndpointOf('POST', '/account/conversations.synchronize')).toBe('synchronize');
    expect(await faultEndpointOf('POST', '/account/conversations.get')).toBe('get');
    expect(await faultEndpointOf('GET', '/account/results/abc')).toBe('result');
    expect(await faultEndpointOf('POST', '/workflows')).toBe('workflows');
    expect(await faultEndpointOf('GET', '/workflows/wf-1')).toBe('workflowStatus');
    expect(await faultEndpointOf('DELETE', '/workflows/wf-1')).toBe('workflowStatus');
    expect(await faultEndpointOf('POST', '/conversations/poll')).toBe('poll');
    for (const [method, path] of [
      ['GET', '/__mock/health'],
      ['GET', '/__mock/faults'],
      ['POST', '/__mock/faults'],
      ['GET', '/openapi.json'],
      ['GET', '/docs'],
      ['GET', '/account/conversations.get'],
      ['POST', '/account/results/abc'],
      ['GET', '/account/results/a/b'],
      ['GET', '/workflows'],
      ['POST', '/workflows/wf-1'],
      ['GET', '/conversations/poll'],
      ['POST', '/nowhere'],
    ]) {
      expect(await faultEndpointOf(method as string, path as string), `${method} ${path}`).toBeUndefined();
    }
  });

  it('endpoint any hits the public API but never the mock’s own routes or docs', async () => {
    const mock = faultMock([{ name: 'all', endpoint: 'any', status: 503 }]);
    expect((await mock.send('GET', '/__mock/health')).status).toBe(200);
    expect((await mock.send('GET', '/__mock/faults')).status).toBe(200);
    expect((await mock.send('GET', '/openapi.json')).status).toBe(200);
    expect((await mock.send('GET', '/nowhere')).body.error.errorType).toBe('endpointNotFound');
    expect(mock.server.faults.list()[0]).toMatchObject({ matched: 0, applied: 0 });
    const answer = await mock.send('DELETE', '/workflows/wf-1', { headers: e4Tokens() });
    expect([answer.status, answer.body]).toEqual([503, injectedE4('all', 503)]);
  });
});

describe('matching by account', () => {
  it('only requests whose identification-token is the account count and are answered', async () => {
    const mock = faultMock([{ name: 'acc-2-down', account: 'acc-2', every: 2, status: 503 }]);
    const seen: [string, number][] = [];
    for (const account of ['acc-1', 'acc-2', 'acc-1', 'acc-2', 'acc-2', 'acc-2']) {
      seen.push([account, (await mock.send('GET', '/account/results/x', { headers: tokens(account) })).status]);
    }
    expect(seen).toEqual([
      ['acc-1', 404],
      ['acc-2', 404],
      ['acc-1', 404],
      ['acc-2', 503],
      ['acc-2', 404],
      ['acc-2', 503],
    ]);
    expect(mock.server.faults.list()[0]).toMatchObject({ matched: 4, applied: 2 });
    // Without the header, the request names no account: no match.
    await mock.send('GET', '/account/results/x');
    expect(mock.server.faults.list()[0]).toMatchObject({ matched: 4 });
  });
});

describe('matching by person', () => {
  const jane = person('jane');

  it('E1 bodies: a person in standard or salesNavigator, compared in canonical form', async () => {
    const mock = faultMock([{ name: 'jane', endpoint: 'synchronize', person: jane, status: 503 }]);
    expect((await syncOf(mock, [person('bob')])).status).toBe(200);
    const answer = await syncOf(mock, [person('bob'), 'http://LinkedIn.com/in/Jane/?trk=x']);
    expect([answer.status, answer.body]).toEqual([503, injectedE1('jane', 503)]);
    const nv = await mock.send('POST', SYNC, {
      headers: { ...tokens(), 'content-type': 'application/json', 'result-handling': 'reslink' },
      body: { salesNavigator: [{ person: jane }] },
    });
    expect(nv.status).toBe(503);
    expect(mock.server.faults.list()[0]).toMatchObject({ matched: 2, applied: 2 });
  });

  it('the endpoint still reads the whole body after the fault looked at it', async () => {
    const mock = faultMock([{ name: 'jane', endpoint: 'synchronize', person: jane, first: 1, status: 503 }]);
    expect((await syncOf(mock, [jane])).status).toBe(503);
    const passed = await syncOf(mock, [jane, person('bob')]);
    expect([passed.status, passed.body.status]).toEqual([200, 'processing']);
    const invalid = await mock.send('POST', SYNC, {
      headers: { ...tokens(), 'content-type': 'application/json' },
      body: '{"standard": [',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/^The request body is invalid: body: expected valid JSON/);
    expect(mock.server.faults.list()[0]).toMatchObject({ matched: 2, applied: 1 });
  });

  it('E4 bodies: personUrl of one action, of an array of actions, of poll conversations', async () => {
    const mock = faultMock([{ name: 'jane', person: jane, error: 'subscriptionRequired' }]);
    const action = (personUrl: string) => ({ actionType: 'st.syncConversation', personUrl });
    const one = await mock.send('POST', '/workflows', { headers: e4Tokens(), body: action(jane) });
    expect([one.status, one.body.error.type]).toEqual([403, 'subscriptionRequired']);
    const many = await mock.send('POST', '/workflows', {
      headers: e4Tokens(),
      body: [action(person('bob')), action(`${jane}/`)],
    });
    expect(many.status).toBe(403);
    const other = await mock.send('POST', '/workflows', { headers: e4Tokens(), body: [action(person('bob'))] });
    expect([other.status, other.body.success]).toEqual([200, true]);
    const poll = await mock.send('POST', '/conversations/poll', {
      headers: e4Tokens(),
      body: [{ personUrl: jane, type: 'nv' }],
    });
    expect([poll.status, poll.body.error.type]).toEqual([403, 'subscriptionRequired']);
    // Bodiless requests name nobody.
    expect((await mock.send('GET', '/workflows/wf-1', { headers: e4Tokens() })).body.error.type).toBe(
      'workflowNotFound',
    );
    expect(mock.server.faults.list()[0]).toMatchObject({ matched: 3, applied: 3 });
  });
});

/** A context that fails the test if the middleware touches anything of the request. */
function untouchable(): Context {
  return new Proxy({} as Context, {
    get(_, key) {
      throw new Error(`the middleware read c.${String(key)}`);
    },
  });
}

describe('the request path', () => {
  it('with no rules, the middleware only calls next (it does not even look at the request)', async () => {
    const mock = faultMock([]);
    const done = Promise.resolve();
    const next = vi.fn(() => done);
    expect(mock.server.faults.middleware(untouchable(), next)).toBe(done);
    expect(next).toHaveBeenCalledTimes(1);
  });

  it('without a person matcher, the body is never read (nor copied)', async () => {
    const mock = faultMock([{ name: 'gets', endpoint: 'get', every: 1000, status: 503 }]);
    const clone = vi.fn();
    const c = {
      req: { method: 'POST', path: '/account/conversations.get', header: () => 'acc-1', raw: { clone } },
      env: {},
      get: (key: string) => (key === 'endpoint' ? endpointNamed('get') : undefined),
    } as unknown as Context;
    await mock.server.faults.middleware(c, async () => {});
    expect(clone).not.toHaveBeenCalled();
    expect(mock.server.faults.list()[0]).toMatchObject({ matched: 1, applied: 0 });
  });

  it('a bug in a rule never breaks a request: it is logged and the request passed on', async () => {
    const mock = faultMock([{ name: 'jane', person: person('jane'), status: 503 }]);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const c = {
      req: {
        method: 'POST',
        path: '/account/conversations.get',
        header: () => 'acc-1',
        raw: {
          clone: () => {
            throw new Error('boom');
          },
        },
      },
      env: {},
      get: (key: string) => (key === 'endpoint' ? endpointNamed('get') : undefined),
    } as unknown as Context;
    const next = vi.fn(async () => {});
    await mock.server.faults.middleware(c, next);
    expect(next).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0]?.[0]).toBe(
      '[linkedapi-mock] fault injection failed (this is a bug, please report it); request passed on:',
    );
    error.mockRestore();
  });
});
