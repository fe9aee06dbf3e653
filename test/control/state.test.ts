import { describe, expect, it } from 'vitest';
import { flush, person, SYNC, tokens } from '../support/index.js';
import { control, controlMock, expectControlError, snapshot } from './support.js';

const ANN = person('Ann-Lee');
const BOB = person('bob');
const reslink = (account = 'acc-1') => ({ ...tokens(account), 'result-handling': 'reslink' });

describe('GET /__mock/state', () => {
  it('an untouched world: the clock, no accounts, no timeline, zero counts', async () => {
    const answer = await control(controlMock(), 'GET', '/__mock/state');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      clock: { now: '2024-06-03T09:00:00.000Z', mode: 'manual', startTime: '2024-06-03T09:00:00.000Z' },
      accounts: [],
      timeline: [],
      counts: { resultLinks: 0, workflows: 0, webhookAttempts: 0, journalEntries: 0 },
    });
  });

  it('during and after a sync: running and queued jobs with their times and ids, then synced person keys', async () => {
    const mock = controlMock({ newResultId: () => 'r-1' });
    const first = await mock.post(SYNC, { standard: [{ person: ANN }, { person: BOB }] }, reslink());
    expect(first.body.process.resultLink).toBe('http://mock.test/account/results/r-1');
    await mock.post(
      '/workflows',
      { actionType: 'st.syncConversation', personUrl: BOB },
      {
        'linked-api-token': 'api-1',
        'identification-token': 'acc-1',
      },
    );
    const running = await control(mock, 'GET', '/__mock/state');
    const [account] = running.body.accounts;
    expect(account.identificationToken).toBe('acc-1');
    expect(account.state).toBe('active');
    expect(account.synced).toEqual({ standard: [], salesNavigator: [] });
    expect(account.jobs).toHaveLength(2);
    expect(account.jobs[0]).toEqual({
      kind: 'synchronize',
      createdAt: '2024-06-03T09:00:00.000Z',
      startedAt: '2024-06-03T09:00:00.000Z',
      estimatedDoneAt: '2024-06-03T09:00:03.000Z', // 1.5 s per person, no jitter
      resultId: 'r-1',
      workflowId: null,
    });
    expect(account.jobs[1]).toMatchObject({
      kind: 'synchronize',
      startedAt: null,
      estimatedDoneAt: null,
      resultId: null,
    });
    expect(account.jobs[1].workflowId).toMatch(/^wf-[0-9a-f-]{36}$/);
    expect(running.body.counts).toEqual({ resultLinks: 1, workflows: 1, webhookAttempts: 0, journalEntries: 2 });

    mock.clock.advance(10_000);
    await flush();
    const done = await control(mock, 'GET', '/__mock/state');
    expect(done.body.accounts[0].jobs).toEqual([]);
    expect(done.body.accounts[0].synced).toEqual({
      standard: ['https://www.linkedin.com/in/ann-lee', 'https://www.linkedin.com/in/bob'],
      salesNavigator: [],
    });
  });

  it('lists the accounts in the order the world met them, each with its state', async () => {
    const mock = controlMock();
    await mock.post(SYNC, { standard: [{ person: ANN }] }, reslink('acc-2'));
    await mock.post(SYNC, { standard: [{ person: ANN }] }, reslink('no-seats-1'));
    const answer = await control(mock, 'GET', '/__mock/state');
    expect(
      answer.body.accounts.map((a: { identificationToken: string; state: string }) => [a.identificationToken, a.state]),
    ).toEqual([
      ['acc-2', 'active'],
      ['no-seats-1', 'noSeats'],
    ]);
  });

  it('shows pending timeline events, repeats counted down, messages with from', async () => {
    const mock = controlMock({
      scenario: {
        timeline: [
          { at: '+1m', type: 'message', account: 'acc-1', person: ANN, text: 'hi', repeat: { every: '1m', times: 3 } },
          { at: '+30s', type: 'personDisappears', person: BOB },
        ],
      },
    });
    mock.clock.advance(60_000);
    const answer = await control(mock, 'GET', '/__mock/state');
    expect(answer.body.timeline).toEqual([
      {
        at: '2024-06-03T09:02:00.000Z',
        remaining: 2,
        event: { type: 'message', account: 'acc-1', person: ANN, channel: 'standard', from: 'them', text: 'hi' },
      },
    ]);
  });

  it('takes no query parameters', async () => {
    const answer = await control(controlMock(), 'GET', '/__mock/state?account=acc-1');
    expectControlError(answer, 400, 'invalidRequest', 'query.account: unknown query parameter');
  });
});

describe('POST /__mock/reset', () => {
  async function twoAccounts() {
    const mock = controlMock({ speed: 0 });
    for (const account of ['acc-1', 'acc-2']) {
      await mock.post(SYNC, { standard: [{ person: ANN }] }, reslink(account));
    }
    return mock;
  }

  it('{} resets everything: accounts, result links; the clock and the journal stay', async () => {
    const mock = await twoAccounts();
    mock.clock.advance(5000);
    const answer = await control(mock, 'POST', '/__mock/reset', {});
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ reset: 'everything' });
    const state = await control(mock, 'GET', '/__mock/state');
    expect(state.body.accounts).toEqual([]);
    expect(state.body.counts).toEqual({ resultLinks: 0, workflows: 0, webhookAttempts: 0, journalEntries: 2 });
    expect(state.body.clock.now).toBe('2024-06-03T09:00:05.000Z');
  });

  it('an empty body is the same as {}', async () => {
    const mock = await twoAccounts();
    expect((await control(mock, 'POST', '/__mock/reset', '')).body).toEqual({ reset: 'everything' });
    expect((await control(mock, 'GET', '/__mock/state')).body.accounts).toEqual([]);
  });

  it('{"account"} resets that account only', async () => {
    const mock = await twoAccounts();
    const answer = await control(mock, 'POST', '/__mock/reset', { account: 'acc-1' });
    expect(answer.body).toEqual({ reset: 'account', account: 'acc-1' });
    const state = await control(mock, 'GET', '/__mock/state');
    expect(state.body.accounts.map((a: { identificationToken: string }) => a.identificationToken)).toEqual(['acc-2']);
    expect(state.body.accounts[0].synced.standard).toEqual(['https://www.linkedin.com/in/ann-lee']);
    expect(state.body.counts.resultLinks).toBe(1);
  });

  it('bad bodies: 400, nothing reset', async () => {
    const mock = await twoAccounts();
    const before = await snapshot(mock);
    const cases: [unknown, string][] = [
      [{ account: '' }, 'account: expected an identification token (a non-empty string)'],
      [{ account: 7 }, 'account: expected an identification token'],
      [{ acount: 'acc-1' }, 'acount: unknown field (allowed: account)'],
      ['[1]', 'body: expected a JSON object with the fields account'],
      ['null', 'body: expected a JSON object'],
      ['{', 'body: expected valid JSON'],
    ];
    for (const [body, words] of cases) {
      expectControlError(await control(mock, 'POST', '/__mock/reset', body), 400, 'invalidRequest', words);
    }
    expect(await snapshot(mock)).toEqual(before);
  });

  it('tells listeners (fault counters) what was reset', async () => {
    const mock = await twoAccounts();
    const seen: (string | undefined)[] = [];
    mock.server.control.onReset((account) => seen.push(account));
    await control(mock, 'POST', '/__mock/reset', { account: 'acc-2' });
    await control(mock, 'POST', '/__mock/reset');
    expect(seen).toEqual(['acc-2', undefined]);
  });
});
