import { describe, expect, it } from 'vitest';
import { e4, e4Tokens, flush, person, st, testMock } from '../support/index.js';
import { SIGNED_OUT_E4 } from './support.js';

const ann = person('ann');
const bob = person('bob');

describe('POST /conversations/poll', () => {
  it('answers conversationsNotSynced (HTTP 400) naming every conversation that is not synced', async () => {
    const mock = testMock({ speed: 0 });
    const api = e4(mock);
    await api.run(st(ann));
    const r = await api.poll([
      { personUrl: ann, type: 'st' },
      { personUrl: ann, type: 'nv' },
      { personUrl: bob, type: 'st' },
    ]);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      success: false,
      error: {
        type: 'conversationsNotSynced',
        message: `These conversations are not synced: ${ann} (nv), ${bob} (st). Sync them with st.syncConversation or nv.syncConversation first.`,
      },
    });
  });

  it('answers every conversation in request order, echoing personUrl, type and since as sent', async () => {
    const mock = testMock({ speed: 0 });
    const api = e4(mock);
    const annSpelled = 'https://linkedin.com/in/ANN/';
    await api.run([st(ann), { actionType: 'nv.syncConversation', personUrl: bob }]);
    const r = await api.poll([
      { personUrl: bob, type: 'nv', since: '2000-01-01T00:00:00Z' },
      { personUrl: annSpelled, type: 'st' },
    ]);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['success', 'result']);
    expect(r.body.success).toBe(true);
    expect(r.body.result.map((item: object) => Object.keys(item))).toEqual([
      ['personUrl', 'type', 'since', 'messages'],
      ['personUrl', 'type', 'messages'],
    ]);
    expect(r.body.result[0]).toMatchObject({ personUrl: bob, type: 'nv', since: '2000-01-01T00:00:00Z' });
    expect(r.body.result[1]).toMatchObject({ personUrl: annSpelled, type: 'st' });
    const account = mock.world.account('acc-1');
    expect(r.body.result[1].messages).toEqual(account.threads.standard.get('https://www.linkedin.com/in/ann')?.list());
    expect(r.body.result[0].messages).toEqual(
      account.threads.salesNavigator.get('https://www.linkedin.com/in/bob')?.list(),
    );
  });

  it('filters with since, exclusive: the last message’s time returns only what arrives later', async () => {
    const mock = testMock({ speed: 0, seed: 4 });
    const api = e4(mock);
    await api.run(st(ann));
    const all = (await api.poll([{ personUrl: ann, type: 'st' }])).body.result[0].messages;
    expect(all.length).toBeGreaterThan(2);
    const middle = all[Math.floor(all.length / 2)];
    const later = (await api.poll([{ personUrl: ann, type: 'st', since: middle.time }])).body.result[0].messages;
    expect(later).toEqual(all.filter((m: { time: string }) => m.time > middle.time));
    const last = all.at(-1).time;
    expect((await api.poll([{ personUrl: ann, type: 'st', since: last }])).body.result[0].messages).toEqual([]);
    mock.clock.advance(60_000);
    mock.world.addMessage(mock.world.account('acc-1'), 'standard', ann, { sender: 'them', text: 'Any news?' });
    const fresh = (await api.poll([{ personUrl: ann, type: 'st', since: last }])).body.result[0].messages;
    expect(fresh).toEqual([
      expect.objectContaining({ sender: 'them', text: 'Any news?', time: '2024-06-03T09:01:00Z' }),
    ]);
  });

  it('takes the get latency: held until then on the virtual clock', async () => {
    const mock = testMock({ latency: { jitter: 0 } });
    const api = e4(mock);
    mock.world.synchronizeNow(mock.world.account('acc-1'), 'standard', ann);
    let answered = false;
    const pending = api.call('POST', '/conversations/poll', [{ personUrl: ann, type: 'st' }]).then((r) => {
      answered = true;
      return r;
    });
    await flush();
    mock.clock.advance(99);
    await flush();
    expect(answered).toBe(false);
    mock.clock.advance(1);
    expect((await pending).status).toBe(200);
  });

  it('answers a held poll at once when the server releases its long polls (shutdown)', async () => {
    const mock = testMock();
    mock.world.synchronizeNow(mock.world.account('acc-1'), 'standard', ann);
    const pending = e4(mock).call('POST', '/conversations/poll', [{ personUrl: ann, type: 'st' }]);
    await flush();
    mock.server.releaseLongPolls();
    const r = await pending;
    expect(r.status).toBe(200);
    expect(r.body.result[0].personUrl).toBe(ann);
  });

  it('fails for a signed-out account with linkedinAccountSignedOut (HTTP 403)', async () => {
    const mock = testMock({ speed: 0 });
    const r = await e4(mock, 'signed-out-2').poll([{ personUrl: ann, type: 'st' }]);
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ success: false, error: { type: 'linkedinAccountSignedOut', message: SIGNED_OUT_E4 } });
  });

  it.each([
    [
      'an object',
      { personUrl: ann, type: 'st' },
      'body: expected an array of conversations such as [{"personUrl": "…", "type": "st"}], got an object',
    ],
    ['an empty array', [], 'body: expected at least one conversation'],
    ['a bad type', [{ personUrl: ann, type: 'standard' }], 'body[0].type: expected "st" or "nv"'],
    ['no personUrl', [{ type: 'st' }], 'body[0].personUrl: required'],
    [
      'an E1-style field',
      [{ person: ann, type: 'st' }],
      'body[0].personUrl: required; body[0].person: unknown field (allowed: personUrl, type, since)',
    ],
    [
      'a since without zone',
      [{ personUrl: ann, type: 'st', since: '2024-01-01T00:00:00' }],
      'body[0].since: expected an ISO 8601 date-time with a time zone, such as 2023-01-01T00:00:00Z or 2023-01-01T09:00:00+02:00',
    ],
    ['not JSON', '[{', 'body: expected valid JSON'],
    ['nothing', '', 'body: expected a JSON array of conversations, got an empty body'],
  ])('answers invalidRequestPayload (400) for %s', async (_, body, details) => {
    const r = await e4(testMock({ speed: 0 })).poll(body);
    expect(r.status).toBe(400);
    expect(r.body.success).toBe(false);
    expect(r.body.error.type).toBe('invalidRequestPayload');
    expect(r.body.error.message).toContain(`The request payload is invalid: ${details}`);
    expect(r.body.error.message.endsWith('.')).toBe(true);
  });

  it('refuses a body over 1 MiB with 413 and invalidRequestPayload', async () => {
    const body = JSON.stringify([{ personUrl: `${ann}?x=${'a'.repeat(1024 * 1024)}`, type: 'st' }]);
    const r = await e4(testMock({ speed: 0 })).call('POST', '/conversations/poll', body, e4Tokens());
    expect(r.status).toBe(413);
    expect(r.body.error).toEqual({
      type: 'invalidRequestPayload',
      message: 'The request payload is invalid: body: larger than the 1048576 byte (1 MiB) limit.',
    });
  });
});
