import { describe, expect, it } from 'vitest';
import {
  flush,
  GET,
  getOne,
  messagesOf,
  person,
  START,
  SYNC,
  settle,
  syncPersons,
  testMock,
} from '../support/index.js';
import { NOT_SYNCHRONIZED, SIGNED_OUT } from './support.js';

/** The instant `ms` written with a `+hh:mm` / `-hh:mm` offset. */
function withOffset(ms: number, offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19)}${zone}`;
}

async function syncedJane() {
  const mock = testMock({ speed: 0 });
  await syncPersons(mock, [person('jane')]);
  const all = await messagesOf(mock, person('jane'));
  expect(all.length).toBeGreaterThanOrEqual(5);
  return { mock, all };
}

describe('get: not synchronized', () => {
  it.each([
    ['an existing person never synced', person('never-synced')],
    ['a missing-* person', person('missing-someone')],
    ['another host', 'https://example.com/in/jane'],
    ['a company page', 'https://www.linkedin.com/company/acme'],
  ])('%s answers notSynchronized with the seed page message', async (_, url) => {
    const mock = testMock({ speed: 0 });
    const reply = await settle(mock, GET, { standard: [{ person: url, since: START }] });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(
      `{"status":"complete","completion":{"standard":[{"person":${JSON.stringify(url)},"result":{"success":false,"error":{"errorType":"notSynchronized","message":"The conversation with this person isn't synchronized."}}}],"salesNavigator":[]}}`,
    );
  });

  it('a person whose sync is still running is not yet readable', async () => {
    const mock = testMock();
    const sync = mock.start(SYNC, { standard: [{ person: person('a') }] });
    await flush();
    expect(await getOne(mock, person('a'))).toEqual(NOT_SYNCHRONIZED);
    mock.clock.advance(2000);
    expect((await sync).status).toBe(200);
    expect((await getOne(mock, person('a'))).success).toBe(true);
  });
});

describe('get: since', () => {
  it('without since returns the whole thread; total is the number returned', async () => {
    const { mock, all } = await syncedJane();
    const result = await getOne(mock, person('jane'));
    expect(result).toEqual({ success: true, data: { total: all.length, messages: all } });
  });

  it('is exclusive: the last message time returns none of the known ones', async () => {
    const { mock, all } = await syncedJane();
    const last = all.at(-1)?.time as string;
    expect(await getOne(mock, person('jane'), { since: last })).toEqual({
      success: true,
      data: { total: 0, messages: [] },
    });
  });

  it('is exclusive for every message: since = time of message k returns the messages after k', async () => {
    const { mock, all } = await syncedJane();
    for (const [k, message] of all.entries()) {
      const expected = all.filter((m) => Date.parse(m.time) > Date.parse(message.time));
      expect(expected).toEqual(all.slice(k + 1));
      const result = await getOne(mock, person('jane'), { since: message.time });
      expect(result.data).toEqual({ total: all.length - k - 1, messages: all.slice(k + 1) });
    }
  });

  it('one second before a message includes it', async () => {
    const { mock, all } = await syncedJane();
    const third = all[2] as { time: string };
    const since = new Date(Date.parse(third.time) - 1000).toISOString().replace('.000Z', 'Z');
    expect((await getOne(mock, person('jane'), { since })).data.messages).toEqual(all.slice(2));
  });

  it('an offset names the same instant as Z', async () => {
    const { mock, all } = await syncedJane();
    const k = 3;
    const at = Date.parse((all[k] as { time: string }).time);
    for (const minutes of [120, -300, 330, 0]) {
      const since = withOffset(at, minutes);
      expect(Date.parse(since)).toBe(at);
      const result = await getOne(mock, person('jane'), { since });
      expect(result.data.messages).toEqual(all.slice(k + 1));
    }
    expect(withOffset(Date.parse('2024-01-01T00:00:00Z'), 120)).toBe('2024-01-01T02:00:00+02:00');
  });

  it('fractional seconds are allowed and compared exactly', async () => {
    const { mock, all } = await syncedJane();
    const time = (all[1] as { time: string }).time;
    const at = Date.parse(time);
    const justBefore = `${new Date(at - 1000).toISOString().slice(0, 19)}.999Z`;
    const justAfter = `${time.slice(0, 19)}.001Z`;
    const nano = `${time.slice(0, 19)}.000000000Z`;
    expect((await getOne(mock, person('jane'), { since: justBefore })).data.messages).toEqual(all.slice(1));
    expect((await getOne(mock, person('jane'), { since: justAfter })).data.messages).toEqual(all.slice(2));
    expect((await getOne(mock, person('jane'), { since: nano })).data.messages).toEqual(all.slice(2));
    const offsetFraction = `${withOffset(at, 60).slice(0, 19)}.5+01:00`;
    expect((await getOne(mock, person('jane'), { since: offsetFraction })).data.messages).toEqual(all.slice(2));
  });

  it('a since before every message returns all of them', async () => {
    const { mock, all } = await syncedJane();
    const result = await getOne(mock, person('jane'), { since: '2000-01-01T00:00:00Z' });
    expect(result.data).toEqual({ total: all.length, messages: all });
  });

  it('a future since gives an empty list with total 0', async () => {
    const { mock } = await syncedJane();
    for (const since of [START, '2024-06-03T09:00:01Z', '2099-12-31T23:59:59Z', '2030-01-01T00:00:00+14:00']) {
      const reply = await settle(mock, GET, { standard: [{ person: person('jane'), since }] });
      expect(reply.text).toBe(
        `{"status":"complete","completion":{"standard":[{"person":"${person('jane')}","result":{"success":true,"data":{"total":0,"messages":[]}}}],"salesNavigator":[]}}`,
      );
    }
  });

  it('applies per entry: each conversation has its own since', async () => {
    const mock = testMock({ speed: 0 });
    await syncPersons(mock, [person('jane'), person('joe')]);
    const jane = await messagesOf(mock, person('jane'));
    const joe = await messagesOf(mock, person('joe'));
    expect(jane.length).toBeGreaterThan(2);
    const reply = await settle(mock, GET, {
      standard: [{ person: person('jane'), since: jane[1]?.time }, { person: person('joe') }],
    });
    const [a, b] = reply.body.completion.standard;
    expect(a.result.data).toEqual({ total: jane.length - 2, messages: jane.slice(2) });
    expect(b.result.data).toEqual({ total: joe.length, messages: joe });
  });

  it.each([
    ['no zone', '2024-01-01T00:00:00'],
    ['a bare date', '2024-01-01'],
    ['a date and hour only', '2024-01-01T00Z'],
    ['a space separator', '2024-01-01 00:00:00Z'],
    ['an impossible date', '2024-02-30T00:00:00Z'],
    ['an hour 24', '2024-01-01T24:00:00Z'],
    ['free text', 'yesterday'],
    ['an empty string', ''],
    ['a number', 1_704_067_200_000],
    ['null', null],
    ['a boolean', true],
    ['an object', { time: '2024-01-01T00:00:00Z' }],
    ['an array', ['2024-01-01T00:00:00Z']],
  ])('since as %s is an invalidRequestBody naming the since path', async (_, since) => {
    const { mock } = await syncedJane();
    const reply = await mock.post(GET, {
      standard: [{ person: person('joe') }],
      salesNavigator: [{ person: person('jane') }, { person: person('jane-2'), since }],
    });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.body.status).toBe('error');
    expect(reply.body.error.errorType).toBe('invalidRequestBody');
    expect(reply.body.error.message).toMatch(/^The request body is invalid: salesNavigator\[1\]\.since: .+\.$/);
  });

  it('since is refused on synchronize (unknown field)', async () => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.post(SYNC, { standard: [{ person: person('a'), since: START }] });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/^The request body is invalid: standard\[0\]\.since: /);
  });
});

describe('get: account state', () => {
  it('a signed-out account fails get with linkedinAccountSignedOut, after the get latency', async () => {
    const mock = testMock();
    const headers = { 'identification-token': 'signed-out-7' };
    let done = false;
    const pending = mock.start(GET, { standard: [{ person: person('a') }] }, headers).finally(() => {
      done = true;
    });
    await flush();
    expect(done).toBe(false);
    mock.clock.advance(69);
    await flush();
    expect(done).toBe(false);
    mock.clock.advance(61);
    await flush();
    expect(done).toBe(true);
    const reply = await pending;
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual(SIGNED_OUT);
  });

  it('a signed-out account fails get in reslink mode through the result link', async () => {
    const mock = testMock({ speed: 0 });
    const headers = { 'identification-token': 'signed-out-7', 'result-handling': 'reslink' };
    const accepted = await mock.post(GET, { standard: [{ person: person('a') }] }, headers);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('processing');
    const link = new URL(accepted.body.process.resultLink);
    const result = await mock.get(link.pathname);
    expect(result.status).toBe(403);
    expect(result.body).toEqual(SIGNED_OUT);
  });
});
