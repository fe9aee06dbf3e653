import { describe, expect, it } from 'vitest';
import { GET, person, SYNC, tokens } from '../support/index.js';
import { control, controlMock, expectControlError, snapshot } from './support.js';

const ANN = person('ann');

/** A mock with speed 0 where acc-1 has synced its conversation with Ann. */
async function syncedMock(options: Parameters<typeof controlMock>[0] = {}) {
  const mock = controlMock({ speed: 0, ...options });
  expect((await mock.post(SYNC, { standard: [{ person: ANN }] })).body.status).toBe('complete');
  return mock;
}

async function messagesOf(mock: Awaited<ReturnType<typeof syncedMock>>, since?: string) {
  const answer = await mock.post(GET, { standard: [{ person: ANN, ...(since && { since }) }] });
  return answer.body.completion.standard[0].result.data.messages as { sender: string; text: string; time: string }[];
}

describe('POST /__mock/messages', () => {
  it('adds a message now (default channel standard); a get since shows exactly it', async () => {
    const mock = await syncedMock();
    mock.clock.advance(90_500);
    const answer = await control(mock, 'POST', '/__mock/messages', {
      account: 'acc-1',
      person: ANN,
      from: 'them',
      text: 'Are you free on Thursday?',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      account: 'acc-1',
      channel: 'standard',
      person: ANN,
      message: { from: 'them', text: 'Are you free on Thursday?', time: '2024-06-03T09:01:30Z' },
      synced: true,
    });
    const fresh = await messagesOf(mock, '2024-06-03T09:00:00Z');
    expect(fresh).toEqual([
      expect.objectContaining({ sender: 'them', text: 'Are you free on Thursday?', time: '2024-06-03T09:01:30Z' }),
    ]);
  });

  it('takes a time in the past and a channel; says when the conversation is not synced', async () => {
    const mock = await syncedMock();
    const answer = await control(mock, 'POST', '/__mock/messages', {
      account: 'acc-1',
      person: person('bob'),
      channel: 'salesNavigator',
      from: 'us',
      text: 'Following up',
      time: '2024-06-03T08:00:00.999+00:00',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.message.time).toBe('2024-06-03T08:00:00Z');
    expect(answer.body.synced).toBe(false);
  });

  it('an account the scenario lists is fine, and a signed-out one too', async () => {
    const mock = await syncedMock({
      scenario: {
        accounts: [{ identificationToken: 'acc-1' }, { identificationToken: 'acc-out', state: 'signedOut' }],
      },
    });
    for (const account of ['acc-1', 'acc-out']) {
      const answer = await control(mock, 'POST', '/__mock/messages', { account, person: ANN, from: 'them', text: 'x' });
      expect(answer.status, answer.text).toBe(200);
    }
  });

  it('bad bodies: 400 listing every problem, and no message is added', async () => {
    const mock = await syncedMock({
      scenario: {
        accounts: [{ identificationToken: 'acc-1' }, { identificationToken: 'acc-2' }],
        persons: [{ url: person('gone'), exists: false }],
      },
    });
    const messagesBefore = await messagesOf(mock);
    const before = await snapshot(mock);
    const base = { account: 'acc-1', person: ANN, from: 'them', text: 'hello' };
    const cases: [unknown, string[]][] = [
      [{ ...base, account: 'acc-3' }, ['account: is not one of the accounts of the scenario (acc-1, acc-2)']],
      [
        { ...base, person: 'ann' },
        ['person: expected an absolute http(s) URL such as https://www.linkedin.com/in/jane-doe'],
      ],
      [{ ...base, person: person('gone') }, ['person: does not exist in this world']],
      [{ ...base, person: person('missing-x') }, ['person: does not exist in this world']],
      [{ ...base, from: 'me' }, ['from: expected "us" or "them"']],
      [{ ...base, channel: 'inmail' }, ['channel: expected "standard" or "salesNavigator"']],
      [{ ...base, time: '2024-06-03T09:00:01Z' }, ["time: is after the clock's time 2024-06-03T09:00:00.000Z"]],
      [{ ...base, time: 'yesterday' }, ['time: expected an ISO 8601 date-time']],
      [{ ...base, text: undefined }, ['text: required']],
      [{ ...base, text: 5 }, ['text: expected the text of the message (a string), got a number']],
      [{ ...base, sender: 'them' }, ['sender: unknown field (allowed: account, person, channel, from, text, time)']],
      [
        { account: 'acc-3', person: person('gone'), from: 'them', text: 'x' },
        ['account: is not one', 'person: does not exist'],
      ],
    ];
    for (const [body, words] of cases) {
      expectControlError(await control(mock, 'POST', '/__mock/messages', body), 400, 'invalidRequest', ...words);
    }
    expect(await snapshot(mock)).toEqual(before);
    expect(await messagesOf(mock)).toEqual(messagesBefore);
  });

  it('in the default world, an identification token starting with "invalid" names no account', async () => {
    const mock = controlMock();
    const answer = await control(mock, 'POST', '/__mock/messages', {
      account: 'invalid-1',
      person: ANN,
      from: 'them',
      text: 'x',
    });
    expectControlError(answer, 400, 'invalidRequest', 'account: names no account');
    expect((await control(mock, 'GET', '/__mock/state')).body.accounts).toEqual([]);
  });

  it('a message to an account the world has not met yet creates it', async () => {
    const mock = controlMock();
    await control(mock, 'POST', '/__mock/messages', { account: 'acc-new', person: ANN, from: 'them', text: 'x' });
    const state = await control(mock, 'GET', '/__mock/state', undefined, tokens());
    expect(state.body.accounts).toEqual([
      { identificationToken: 'acc-new', state: 'active', synced: { standard: [], salesNavigator: [] }, jobs: [] },
    ]);
  });
});
