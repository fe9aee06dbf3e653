import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GetComplete } from '../../src/contracts/e1/responses.js';
import { type ApiMessage, GET, messagesOf, person, SYNC, settle, syncPersons, testMock } from '../support/index.js';

const DAY = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function problems(messages: ApiMessage[], startMs: number): string[] {
  const out: string[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  for (const [i, m] of messages.entries()) {
    if (Object.keys(m).join() !== 'id,sender,text,time') out.push(`${i}: keys ${Object.keys(m).join()}`);
    if (!UUID.test(m.id)) out.push(`${i}: id ${m.id}`);
    if (m.sender !== 'us' && m.sender !== 'them') out.push(`${i}: sender ${m.sender}`);
    if (typeof m.text !== 'string' || m.text === '') out.push(`${i}: text`);
    if (!TIME.test(m.time)) out.push(`${i}: time ${m.time}`);
    const at = Date.parse(m.time);
    if (!(at > previous)) out.push(`${i}: ${m.time} not after the previous message`);
    if (at < startMs - 90 * DAY || at >= startMs) out.push(`${i}: ${m.time} outside the 90 days before the start`);
    previous = at;
  }
  return out;
}

describe('generated threads, through the API', () => {
  it('do not depend on request order: A then B equals B then A', async () => {
    const first = testMock({ speed: 0 });
    await syncPersons(first, [person('anna')]);
    await syncPersons(first, [person('bob')], 'salesNavigator');
    await syncPersons(first, [person('bob')]);
    const second = testMock({ speed: 0 });
    await syncPersons(second, [person('bob')]);
    await syncPersons(second, [person('bob'), person('anna')], 'salesNavigator');
    await syncPersons(second, [person('anna')]);
    const body = { standard: [{ person: person('anna') }, { person: person('bob') }] };
    const a = await settle(first, GET, body);
    const b = await settle(second, GET, body);
    expect(a.body.completion.standard[0].result.data.total).toBeGreaterThan(0);
    expect(b.text).toBe(a.text);
  });

  it('do not depend on the latency draws either (speed 1 vs speed 0)', async () => {
    const realistic = testMock();
    await syncPersons(realistic, [person('zed'), person('yan')]);
    const instant = testMock({ speed: 0 });
    await syncPersons(instant, [person('yan'), person('zed')]);
    expect(await messagesOf(realistic, person('zed'))).toEqual(await messagesOf(instant, person('zed')));
  });

  it('keep ids and texts stable across polls and re-syncs', async () => {
    const mock = testMock();
    await syncPersons(mock, [person('jane')]);
    const first = await messagesOf(mock, person('jane'));
    mock.clock.advance(3_600_000);
    const second = await messagesOf(mock, person('jane'));
    await syncPersons(mock, [person('jane')]);
    const third = await messagesOf(mock, person('jane'));
    expect(first.length).toBeGreaterThan(0);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(new Set(first.map((m) => m.id)).size).toBe(first.length);
  });

  it('are well formed and match the response contract', async () => {
    const mock = testMock({ speed: 0 });
    const persons = Array.from({ length: 40 }, (_, i) => person(`person-${i}`));
    await syncPersons(mock, persons);
    const reply = await settle(mock, GET, { standard: persons.map((p) => ({ person: p })) });
    expect(GetComplete.safeParse(reply.body).success).toBe(true);
    const senders = new Set<string>();
    const lengths: number[] = [];
    for (const entry of reply.body.completion.standard) {
      const { total, messages } = entry.result.data as { total: number; messages: ApiMessage[] };
      expect(total).toBe(messages.length);
      expect(problems(messages, mock.server.options.startTime)).toEqual([]);
      lengths.push(total);
      for (const m of messages) senders.add(m.sender);
    }
    expect(Math.max(...lengths)).toBeLessThanOrEqual(40);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(0);
    expect(new Set(lengths).size).toBeGreaterThan(5);
    expect([...senders].sort()).toEqual(['them', 'us']);
  });

  it('fall inside the 90 days before the clock start, whatever it is', async () => {
    const startTime = '2019-11-20T13:14:15Z';
    const mock = testMock({ speed: 0, startTime });
    await syncPersons(mock, [person('jane'), person('joe')]);
    const jane = await messagesOf(mock, person('jane'));
    const joe = await messagesOf(mock, person('joe'));
    expect(jane.length + joe.length).toBeGreaterThan(0);
    expect(problems(jane, Date.parse(startTime))).toEqual([]);
    expect(problems(joe, Date.parse(startTime))).toEqual([]);
  });

  it('differ between seeds', async () => {
    const a = testMock({ speed: 0, seed: 1 });
    const b = testMock({ speed: 0, seed: 2 });
    await syncPersons(a, [person('jane')]);
    await syncPersons(b, [person('jane')]);
    expect(await messagesOf(b, person('jane'))).not.toEqual(await messagesOf(a, person('jane')));
  });

  it('differ between identification tokens', async () => {
    const mock = testMock({ speed: 0 });
    const headers = { 'identification-token': 'acc-other' };
    await syncPersons(mock, [person('jane')]);
    await syncPersons(mock, [person('jane')], 'standard', headers);
    const mine = await messagesOf(mock, person('jane'));
    const theirs = await messagesOf(mock, person('jane'), { headers });
    expect(mine.length + theirs.length).toBeGreaterThan(0);
    expect(theirs).not.toEqual(mine);
  });

  it('property: any /in/ slug synced under a messy spelling gives a well-formed thread under the canonical one', async () => {
    const mock = testMock({ speed: 0 });
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/), async (slug) => {
        fc.pre(!slug.startsWith('missing-'));
        const sync = await mock.post(SYNC, { standard: [{ person: `http://LinkedIn.com/in/${slug.toUpperCase()}/` }] });
        expect(sync.body.completion.standard[0].result).toEqual({ success: true });
        const reply = await mock.post(GET, { standard: [{ person: person(slug) }] });
        const { total, messages } = reply.body.completion.standard[0].result.data;
        expect(total).toBe(messages.length);
        expect(problems(messages, mock.server.options.startTime)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
