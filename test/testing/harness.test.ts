import { LinkedApi } from '@linkedapi/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockError } from '../../src/core/issue.js';
import { createTestMock, type StartedMock, startMock } from '../../src/testing/index.js';

/*
 * linkedapi-mock/testing used the way a test author would: start the mock, point a client at its URL, move
 * the clock, and assert on the journal.
 */

const ANN = 'https://www.linkedin.com/in/ann';
const TOKENS = { 'account-api-token': 'api-1', 'identification-token': 'acc-1', 'content-type': 'application/json' };

/** A small E1 client, as an application would have one. */
async function syncInbox(baseUrl: string, persons: string[]): Promise<{ status: string }> {
  const res = await fetch(`${baseUrl}/account/conversations.synchronize`, {
    method: 'POST',
    headers: TOKENS,
    body: JSON.stringify({ standard: persons.map((person) => ({ person })) }),
  });
  return (await res.json()) as { status: string };
}

describe('startMock from linkedapi-mock/testing, with realistic delays on a manual clock', () => {
  let mock: StartedMock;
  beforeAll(async () => {
    mock = await startMock({ speed: 1, startTime: '2024-06-03T09:00:00Z', latency: { jitter: 0 } });
  });
  afterAll(() => mock.close());

  it('holds a long sync until the test moves the clock; the journal counts the calls', async () => {
    const run = syncInbox(mock.url, [ANN, 'https://www.linkedin.com/in/bob']);
    const arrived = await mock.journal.waitFor({ account: 'acc-1', endpoint: 'synchronize' });
    expect(arrived.status).toBeNull(); // held
    expect(mock.control.state().accounts[0]?.jobs[0]?.estimatedDoneAt).toBe('2024-06-03T09:00:03.000Z');
    expect(mock.control.advance('3s').now).toBe('2024-06-03T09:00:03.000Z');
    expect((await run).status).toBe('complete');
    expect(mock.journal.count({ account: 'acc-1', endpoint: 'synchronize' })).toBe(1);
    expect(mock.journal.last({ endpoint: 'synchronize' })).toMatchObject({ status: 200, virtualMs: 3000 });
    expect(mock.control.state().accounts[0]?.synced.standard).toEqual([ANN, 'https://www.linkedin.com/in/bob']);
  });

  it('waitFor rejects, naming what it saw, when no such request comes', async () => {
    await expect(mock.journal.waitFor({ account: 'nobody' }, { timeoutMs: 50 })).rejects.toThrow(
      '[linkedapi-mock] journal.waitFor: 0 of 1 matching requests after 50 ms',
    );
  });
});

describe('startMock from linkedapi-mock/testing, with the official SDK (test defaults: speed 0)', () => {
  let mock: StartedMock;
  beforeAll(async () => {
    mock = await startMock({
      startTime: '2024-06-03T09:00:00Z',
      scenario: { accounts: [{ identificationToken: 'sdk-acc' }], persons: [{ url: ANN, standard: { messages: [] } }] },
    });
  });
  afterAll(() => mock.close());

  it('sync, poll, an injected reply, poll since: each call is in the journal, tokens redacted', async () => {
    const api = new LinkedApi({ linkedApiToken: 'sdk-key-secret', identificationToken: 'sdk-acc', baseUrl: mock.url });
    const workflowId = await api.syncConversation.execute({ personUrl: ANN });
    await api.syncConversation.result(workflowId, { pollInterval: 5, timeout: 5000 });
    expect((await api.pollConversations([{ personUrl: ANN, type: 'st' }])).data?.[0]?.messages).toEqual([]);

    mock.control.advance('2m');
    const injected = mock.control.injectMessage({
      account: 'sdk-acc',
      person: ANN,
      from: 'them',
      text: 'Thursday works',
    });
    expect(injected).toMatchObject({ synced: true, message: { time: '2024-06-03T09:02:00Z' } });
    const since = await api.pollConversations([{ personUrl: ANN, type: 'st', since: '2024-06-03T09:01:00Z' }]);
    expect(since.data?.[0]?.messages.map((message) => message.text)).toEqual(['Thursday works']);

    expect(mock.journal.count({ account: 'sdk-acc', endpoint: 'workflows' })).toBe(1);
    expect(mock.journal.count({ account: 'sdk-acc', endpoint: 'poll' })).toBe(2);
    expect(mock.journal.count({ endpoint: ['workflows', 'workflowStatus', 'poll'] })).toBe(mock.journal.count());
    expect(mock.journal.last({ endpoint: 'poll' })?.body).toEqual([
      { personUrl: ANN, type: 'st', since: '2024-06-03T09:01:00Z' },
    ]);
    expect(JSON.stringify(mock.journal.entries())).not.toContain('sdk-key-secret');
  });

  it('control operations throw MockError (controlRefused) with every problem, and change nothing', () => {
    const before = mock.control.state();
    const error = (() => {
      try {
        mock.control.injectMessage({ account: 'someone', person: 'ann', from: 'them', text: 'x' });
      } catch (caught) {
        return caught as MockError;
      }
      throw new Error('expected a MockError');
    })();
    expect(error).toBeInstanceOf(MockError);
    expect(error.code).toBe('controlRefused');
    expect(error.details.type).toBe('invalidRequest');
    expect(error.issues.map((issue) => issue.path)).toEqual(['person']);
    expect(() => mock.control.setTime('2020-01-01T00:00:00Z')).toThrow('the clock never moves backwards');
    expect(() => mock.control.loadScenario('accounts:\n  - identificationToken: 7\n')).toThrow(
      /the scenario is invalid \(1 problem\); nothing changed: accounts\[0\]\.identificationToken \(line 2, column 26\)/,
    );
    expect(mock.control.state()).toEqual(before);
  });

  it('loadScenario and reset replace the world; the journal stays until cleared', () => {
    const calls = mock.journal.count();
    expect(mock.control.loadScenario({ accounts: [{ identificationToken: 'other' }] }).summary).toBe('1 account');
    expect(mock.control.state().accounts).toEqual([]);
    expect(mock.control.reset('other')).toEqual({ reset: 'account', account: 'other' });
    expect(mock.journal.count()).toBe(calls);
    expect(mock.journal.clear()).toBe(calls);
    expect(mock.journal.entries()).toEqual([]);
    expect(mock.control.webhookAttempts()).toEqual([]);
  });
});

describe('createTestMock: in-process, no socket', () => {
  it('answers through fetch, on a manual clock, with the same control and journal', async () => {
    const mock = createTestMock({ startTime: '2024-06-03T09:00:00Z' });
    const res = await mock.fetch('/account/conversations.synchronize', {
      method: 'POST',
      headers: TOKENS,
      body: JSON.stringify({ standard: [{ person: ANN }] }),
    });
    expect(((await res.json()) as { status: string }).status).toBe('complete');
    expect(mock.control.clock()).toEqual({
      now: '2024-06-03T09:00:00.000Z',
      mode: 'manual',
      startTime: '2024-06-03T09:00:00.000Z',
    });
    expect(mock.journal.count({ account: 'acc-1', endpoint: 'synchronize' })).toBe(1);
  });

  it('takes typed inputs: a duration has a unit, and a refused one says why', () => {
    const mock = createTestMock({ startTime: '2024-06-03T09:00:00Z' });
    expect(mock.control.advance('90s').now).toBe('2024-06-03T09:01:30.000Z');
    // @ts-expect-error a duration is a number of ms or a number with a unit (ms, s, m, h, d)
    expect(() => mock.control.advance('soon')).toThrow(expect.objectContaining({ code: 'controlRefused' }));
    // @ts-expect-error from is us or them
    expect(() => mock.control.injectMessage({ account: 'a', person: ANN, from: 'me', text: 'x' })).toThrow(
      expect.objectContaining({
        details: { type: 'invalidRequest' },
        issues: [expect.objectContaining({ path: 'from' })],
      }),
    );
  });

  it('on a realtime clock, advance throws clockNotManual', () => {
    const mock = createTestMock({ clock: 'realtime' });
    expect(() => mock.control.advance(1000)).toThrow(MockError);
    expect(() => mock.control.advance(1000)).toThrow('--clock manual');
  });
});

describe('close', () => {
  it('stops listening', async () => {
    const mock = await startMock();
    expect((await fetch(`${mock.url}/__mock/health`)).status).toBe(200);
    await mock.close();
    await expect(fetch(`${mock.url}/__mock/health`)).rejects.toThrow();
  });
});
