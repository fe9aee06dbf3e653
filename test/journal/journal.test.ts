import { describe, expect, it } from 'vitest';
import { redactToken } from '../../src/server/journal/record.js';
import { control, controlMock, expectControlError } from '../control/support.js';
import { flush, GET, person, SYNC } from '../support/index.js';

const ACCOUNT = 'acc-secret-identification-7f3a9c';
const API_TOKEN = 'api-secret-token-1234567890';
const LINKED_TOKEN = 'linked-secret-token-0987654321';
const E1 = { 'account-api-token': API_TOKEN, 'identification-token': ACCOUNT };
const E4 = { 'linked-api-token': LINKED_TOKEN, 'identification-token': ACCOUNT, 'content-type': 'application/json' };
const ANN = person('ann');

/** One of each public endpoint, E1 and E4, plus an unknown path and some the journal leaves out. */
async function everyEndpoint() {
  const mock = controlMock({ speed: 0, newResultId: () => 'res-1' });
  await mock.post(SYNC, { standard: [{ person: ANN }] }, { ...E1, 'result-handling': 'reslink' });
  await mock.post(GET, { standard: [{ person: ANN }] }, E1);
  await mock.get('/account/results/res-1', E1);
  const started = await mock.post('/workflows', { actionType: 'st.syncConversation', personUrl: ANN }, E4);
  const workflowId = started.body.result.workflowId as string;
  await mock.get(`/workflows/${workflowId}`, E4);
  await control(mock, 'DELETE', `/workflows/${workflowId}`, undefined, E4);
  await mock.post('/conversations/poll', [{ personUrl: ANN, type: 'st' }], E4);
  await mock.post('/account/nowhere', 'plain text body', E1);
  await mock.get('/openapi.json');
  await mock.get('/__mock/health');
  await control(mock, 'GET', '/__mock/state');
  return mock;
}

describe('the request journal', () => {
  it('records every public request, named by endpoint, with method, path, status and timings', async () => {
    const mock = await everyEndpoint();
    const answer = await control(mock, 'GET', '/__mock/journal');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ enabled: true, capacity: 1000, total: 8 });
    const rows = answer.body.entries.map((e: Record<string, unknown>) => [e.id, e.method, e.endpoint, e.status]);
    expect(rows).toEqual([
      [1, 'POST', 'synchronize', 200],
      [2, 'POST', 'get', 200],
      [3, 'GET', 'result', 200],
      [4, 'POST', 'workflows', 200],
      [5, 'GET', 'workflowStatus', 200],
      [6, 'DELETE', 'workflowCancel', 200],
      [7, 'POST', 'poll', 200],
      [8, 'POST', 'unknown', 404],
    ]);
    const first = answer.body.entries[0];
    expect(first).toEqual({
      id: 1,
      method: 'POST',
      path: '/account/conversations.synchronize',
      endpoint: 'synchronize',
      account: 'acc-…(32)',
      headers: { 'account-api-token': 'api-…(27)', 'identification-token': 'acc-…(32)', 'result-handling': 'reslink' },
      body: { standard: [{ person: ANN }] },
      truncated: false,
      status: 200,
      startedAt: '2024-06-03T09:00:00.000Z',
      virtualMs: 0,
      realMs: expect.any(Number),
    });
    // (the test helper also sends its default account-api-token, api-1)
    expect(answer.body.entries[3].headers).toEqual({
      'account-api-token': 'a…(5)',
      'linked-api-token': 'link…(30)',
      'identification-token': 'acc-…(32)',
    });
    expect(answer.body.entries[6].body).toEqual([{ personUrl: ANN, type: 'st' }]);
    expect(answer.body.entries[7].body).toBe('plain text body');
    expect(answer.body.entries[2].body).toBeNull();
  });

  it('never shows a token in full, anywhere', async () => {
    const mock = await everyEndpoint();
    const text = (await control(mock, 'GET', '/__mock/journal')).text;
    for (const token of [ACCOUNT, API_TOKEN, LINKED_TOKEN]) {
      expect(text).not.toContain(token);
      expect(JSON.stringify(mock.journal.entries())).not.toContain(token);
    }
    // Negative control: the tokens did reach the mock (the filter finds them).
    expect(mock.journal.count({ account: ACCOUNT })).toBe(8);
  });

  it('redacts short tokens to at most a quarter of their characters', () => {
    expect(redactToken('acc-1')).toBe('a…(5)');
    expect(redactToken('abc')).toBe('…(3)');
    expect(redactToken('acc-7f3a9c2e51')).toBe('acc…(14)');
    expect(redactToken('acc-7f3a9c2e51-b')).toBe('acc-…(16)');
  });

  it('filters by account (the full token), endpoint and limit; bad queries are 400', async () => {
    const mock = await everyEndpoint();
    await mock.post(SYNC, { standard: [{ person: ANN }] }, { 'result-handling': 'reslink' }); // acc-1
    const query = async (q: string) => (await control(mock, 'GET', `/__mock/journal?${q}`)).body;
    expect((await query(`account=${ACCOUNT}`)).entries).toHaveLength(8);
    expect((await query('account=acc-1')).entries.map((e: { id: number }) => e.id)).toEqual([9]);
    expect((await query('endpoint=synchronize')).entries.map((e: { id: number }) => e.id)).toEqual([1, 9]);
    expect((await query(`endpoint=synchronize&account=${ACCOUNT}`)).entries.map((e: { id: number }) => e.id)).toEqual([
      1,
    ]);
    expect((await query('limit=2')).entries.map((e: { id: number }) => e.id)).toEqual([8, 9]);
    expect((await query('limit=2')).total).toBe(9);
    const bad: [string, string][] = [
      ['endpoint=sync', 'query.endpoint: expected one of synchronize, get, result, workflows'],
      ['limit=0', 'query.limit: must be >= 1, got 0'],
      ['limit=ten', 'query.limit: expected a whole number such as 50'],
      ['account=', 'query.account: expected an identification token'],
      ['acount=x', 'query.acount: unknown field (allowed: account, endpoint, limit)'],
      ['limit=1&limit=2', 'query.limit: given more than once'],
    ];
    for (const [q, words] of bad) {
      expectControlError(await control(mock, 'GET', `/__mock/journal?${q}`), 400, 'invalidRequest', words);
    }
  });

  it('keeps the body text up to 64 KiB, then marks it truncated; a body over 1 MiB is not kept', async () => {
    const mock = controlMock({ speed: 0 });
    const long = `{"standard": [${'"x",'.repeat(20_000)}]}`;
    await mock.post(SYNC, long);
    await mock.post(GET, 'y'.repeat(1024 * 1024 + 1));
    const [big, huge] = mock.journal.entries();
    expect(big?.truncated).toBe(true);
    expect(big?.body).toBe(long.slice(0, 64 * 1024));
    expect(big?.status).toBe(400);
    expect(huge?.status).toBe(413);
    expect(huge?.body).toBe('(over the 1048576 byte limit: not kept)');
    expect(huge?.truncated).toBe(false);
  });

  it('keeps the body of a request refused before its body was read (bad tokens)', async () => {
    const mock = controlMock({ speed: 0 });
    const answer = await mock.post(SYNC, { standard: [{ person: ANN }] }, { 'account-api-token': 'invalid-x' });
    expect(answer.status).toBe(401);
    expect(mock.journal.last()).toMatchObject({ status: 401, body: { standard: [{ person: ANN }] }, truncated: false });
  });

  it('shows a held long poll with status null, then its status and virtual duration', async () => {
    const mock = controlMock();
    const held = mock.start(SYNC, { standard: [{ person: ANN }, { person: person('bob') }] });
    await flush();
    expect(mock.journal.last()).toMatchObject({ endpoint: 'synchronize', status: null, virtualMs: null, realMs: null });
    mock.clock.advance(3000);
    expect((await held).body.status).toBe('complete');
    expect(mock.journal.last()).toMatchObject({ status: 200, virtualMs: 3000, startedAt: '2024-06-03T09:00:00.000Z' });
  });

  it('keeps the last journalLimit entries; ids go on', async () => {
    const mock = controlMock({ speed: 0, journalLimit: 3 });
    for (let i = 0; i < 5; i++) await mock.get('/account/results/none');
    const answer = await control(mock, 'GET', '/__mock/journal');
    expect(answer.body.capacity).toBe(3);
    expect(answer.body.entries.map((e: { id: number }) => e.id)).toEqual([3, 4, 5]);
  });

  it('DELETE clears it (ids go on); a reset does not', async () => {
    const mock = await everyEndpoint();
    await control(mock, 'POST', '/__mock/reset', {});
    expect(mock.journal.count()).toBe(8);
    const cleared = await control(mock, 'DELETE', '/__mock/journal');
    expect(cleared.body).toEqual({ cleared: 8 });
    expect((await control(mock, 'GET', '/__mock/journal')).body.entries).toEqual([]);
    await mock.get('/account/results/none');
    expect(mock.journal.last()?.id).toBe(9);
  });

  it('journalLimit 0 turns it off: no middleware, nothing recorded', async () => {
    const mock = controlMock({ speed: 0, journalLimit: 0 });
    await mock.post(SYNC, { standard: [{ person: ANN }] });
    expect(mock.app.routes.some((route) => route.handler.name === 'journalRequest')).toBe(false);
    const answer = await control(mock, 'GET', '/__mock/journal');
    expect(answer.body).toEqual({ enabled: false, capacity: 0, total: 0, entries: [] });
    // Negative control: on by default.
    expect(controlMock().app.routes.some((route) => route.handler.name === 'journalRequest')).toBe(true);
  });

  it('refuses a bad journalLimit or controlToken option', () => {
    expect(() => controlMock({ journalLimit: -1 })).toThrow('journalLimit: expected a whole number >= 0');
    expect(() => controlMock({ journalLimit: 1.5 })).toThrow('journalLimit');
    expect(() => controlMock({ controlToken: ' ' })).toThrow('controlToken: expected a non-empty string');
  });
});
