import { describe, expect, it } from 'vitest';
import { getOne, messagesOf, person, START_MS, syncPersons, testMock } from '../support/index.js';

const HOUR = 3_600_000;
const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

describe('messages that arrive after a sync', () => {
  it('appear in later get answers without a new sync, at the end, with their own time', async () => {
    const mock = testMock({ speed: 0 });
    await syncPersons(mock, [person('jane')]);
    const before = await messagesOf(mock, person('jane'));
    mock.clock.advance(5 * 60_000 + 123);
    mock.world.addMessage(mock.world.account('acc-1'), 'standard', person('jane'), {
      sender: 'them',
      text: 'Any news?',
    });
    const after = await messagesOf(mock, person('jane'));
    expect(after).toHaveLength(before.length + 1);
    expect(after.slice(0, -1)).toEqual(before);
    const added = after.at(-1);
    expect(added).toMatchObject({ sender: 'them', text: 'Any news?', time: iso(START_MS + 5 * 60_000) });
    expect(added?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(after.map((m) => m.id)).size).toBe(after.length);
    expect(await messagesOf(mock, person('jane'))).toEqual(after);
  });

  it('the since flow (pass the last message time) returns exactly the new ones', async () => {
    const mock = testMock({ speed: 0 });
    await syncPersons(mock, [person('jane')]);
    const history = await messagesOf(mock, person('jane'));
    let since = history.at(-1)?.time as string;
    expect(await messagesOf(mock, person('jane'), { since })).toEqual([]);
    const account = mock.world.account('acc-1');
    mock.clock.advance(HOUR);
    mock.world.addMessage(account, 'standard', person('jane'), { sender: 'them', text: 'one' });
    mock.clock.advance(2_000);
    mock.world.addMessage(account, 'standard', person('jane'), { sender: 'us', text: 'two' });
    const first = await messagesOf(mock, person('jane'), { since });
    expect(first.map((m) => [m.sender, m.text, m.time])).toEqual([
      ['them', 'one', iso(START_MS + HOUR)],
      ['us', 'two', iso(START_MS + HOUR + 2_000)],
    ]);
    since = first.at(-1)?.time as string;
    expect(await messagesOf(mock, person('jane'), { since })).toEqual([]);
    mock.clock.advance(30_000);
    mock.world.addMessage(account, 'standard', person('jane'), { sender: 'them', text: 'three' });
    const second = await messagesOf(mock, person('jane'), { since });
    expect(second.map((m) => m.text)).toEqual(['three']);
    const all = await messagesOf(mock, person('jane'));
    expect(all.map((m) => m.text).slice(-3)).toEqual(['one', 'two', 'three']);
    expect(all).toHaveLength(history.length + 3);
  });

  it('are kept in time order when their time is in the past', async () => {
    const mock = testMock({ speed: 0 });
    await syncPersons(mock, [person('jane')]);
    const history = await messagesOf(mock, person('jane'));
    expect(history.length).toBeGreaterThan(3);
    const a = Date.parse((history[1] as { time: string }).time);
    const b = Date.parse((history[2] as { time: string }).time);
    expect(b - a).toBeGreaterThan(1000);
    const between = a + Math.floor((b - a) / 2000) * 1000;
    const account = mock.world.account('acc-1');
    mock.world.addMessage(account, 'standard', person('jane'), { sender: 'us', text: 'late', at: START_MS - 1000 });
    mock.world.addMessage(account, 'standard', person('jane'), { sender: 'us', text: 'old', at: between + 400 });
    mock.world.addMessage(account, 'standard', person('jane'), { sender: 'us', text: 'oldest', at: 0 });
    const all = await messagesOf(mock, person('jane'));
    expect(all).toHaveLength(history.length + 3);
    const times = all.map((m) => Date.parse(m.time));
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(all[0]).toMatchObject({ text: 'oldest', time: '1970-01-01T00:00:00Z' });
    expect(all[3]).toMatchObject({ text: 'old', time: iso(between) });
    expect(all.at(-1)).toMatchObject({ text: 'late', time: iso(START_MS - 1000) });
    const fresh = await messagesOf(mock, person('jane'), { since: (history.at(-1) as { time: string }).time });
    expect(fresh.map((m) => m.text)).toEqual(['late']);
  });

  it('reach the conversation under any spelling of the person, and only its channel', async () => {
    const mock = testMock({ speed: 0 });
    await syncPersons(mock, ['http://LinkedIn.com/in/Jane/']);
    await syncPersons(mock, [person('jane')], 'salesNavigator');
    const standard = await messagesOf(mock, person('jane'));
    const sales = await messagesOf(mock, person('jane'), { channel: 'salesNavigator' });
    mock.clock.advance(1000);
    mock.world.addMessage(mock.world.account('acc-1'), 'standard', 'https://linkedin.com/in/JANE?x=1', {
      sender: 'us',
      text: 'hello again',
    });
    expect((await messagesOf(mock, 'https://www.linkedin.com/in/jane/')).at(-1)?.text).toBe('hello again');
    expect(await messagesOf(mock, person('jane'))).toHaveLength(standard.length + 1);
    expect(await messagesOf(mock, person('jane'), { channel: 'salesNavigator' })).toEqual(sales);
  });

  it('added before the sync, they show once it is synced; unsynced they stay hidden', async () => {
    const mock = testMock({ speed: 0 });
    const account = mock.world.account('acc-1');
    mock.world.addMessage(account, 'standard', person('kim'), {
      sender: 'them',
      text: 'early bird',
      at: START_MS - 1000,
    });
    expect((await getOne(mock, person('kim'))).success).toBe(false);
    await syncPersons(mock, [person('kim')]);
    expect((await messagesOf(mock, person('kim'))).at(-1)?.text).toBe('early bird');
  });

  it('belong to one account only', async () => {
    const mock = testMock({ speed: 0 });
    const other = { 'identification-token': 'acc-2' };
    await syncPersons(mock, [person('jane')]);
    await syncPersons(mock, [person('jane')], 'standard', other);
    const theirs = await messagesOf(mock, person('jane'), { headers: other });
    mock.clock.advance(1000);
    mock.world.addMessage(mock.world.account('acc-1'), 'standard', person('jane'), { sender: 'us', text: 'mine' });
    expect(await messagesOf(mock, person('jane'), { headers: other })).toEqual(theirs);
    expect((await messagesOf(mock, person('jane'))).at(-1)?.text).toBe('mine');
  });
});
