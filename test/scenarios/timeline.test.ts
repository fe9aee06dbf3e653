import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/contracts/mock/scenario.js';
import { person, readThread, reslink, result, START_MS, SYNC, syncLong, syncResults } from '../support/index.js';
import { scenarioMock } from './support.js';

const ann = person('ann');
const bob = person('bob');
const cleo = person('cleo');
const dan = person('dan');
const at = (ms: number) => `${new Date(START_MS + ms).toISOString().slice(0, 19)}Z`;
/** Ann's thread: one given message, so that new ones are easy to tell apart. */
const annGiven = { url: ann, standard: { messages: [{ from: 'us' as const, text: 'Hello Ann', ago: '1h' }] } };
const last = <T>(list: T[]) => list[list.length - 1] as T;

describe('scenario timeline: messages', () => {
  it('a relative message (+90s) arrives at +90s, shown by the next get without a new sync', async () => {
    const mock = scenarioMock({
      persons: [annGiven],
      timeline: [{ at: '+90s', type: 'message', account: 'acc-1', person: ann, text: 'Any news?' }],
    });
    await syncLong(mock, [ann]); // 1.5 s
    const before = await readThread(mock, ann);
    expect(before.map((m) => m.text)).toEqual(['Hello Ann']);
    mock.clock.set(START_MS + 89_800); // the get takes 100 ms: it reads at +89.9 s
    expect(await readThread(mock, ann, { since: last(before).time })).toEqual([]);
    mock.clock.set(START_MS + 90_000);
    expect(await readThread(mock, ann, { since: last(before).time })).toEqual([
      { id: expect.any(String), sender: 'them', text: 'Any news?', time: at(90_000) },
    ]);
  });

  it('an absolute message in the future arrives then, in the channel and from the sender given', async () => {
    const mock = scenarioMock({
      persons: [annGiven],
      timeline: [
        {
          at: '2024-06-03T09:05:00Z',
          type: 'message',
          account: 'acc-1',
          person: ann,
          channel: 'salesNavigator',
          from: 'us',
          text: 'Following up here',
        },
      ],
    });
    await syncLong(mock, [ann], {}, 'salesNavigator');
    mock.clock.set(Date.parse('2024-06-03T09:05:00Z'));
    const messages = await readThread(mock, ann, { channel: 'salesNavigator', since: '2024-06-03T09:00:00Z' });
    expect(messages).toEqual([
      { id: expect.any(String), sender: 'us', text: 'Following up here', time: '2024-06-03T09:05:00Z' },
    ]);
    // The standard thread of Ann got nothing.
    await syncLong(mock, [ann]);
    expect((await readThread(mock, ann)).map((m) => m.text)).toEqual(['Hello Ann']);
  });

  it('repeat: every 1m, 3 times; pendingEvents counts down; each message has its own time', async () => {
    const mock = scenarioMock({
      persons: [annGiven],
      timeline: [
        { at: '+1m', repeat: { every: '1m', times: 3 }, type: 'message', account: 'acc-1', person: ann, text: 'ping' },
      ],
    });
    const event = { type: 'message', account: 'acc-1', person: ann, channel: 'standard', sender: 'them', text: 'ping' };
    expect(mock.world.pendingEvents()).toEqual([{ at: START_MS + 60_000, remaining: 3, event }]);
    await syncLong(mock, [ann]);
    mock.clock.set(START_MS + 120_000);
    expect(mock.world.pendingEvents()).toEqual([{ at: START_MS + 180_000, remaining: 1, event }]);
    mock.clock.set(START_MS + 600_000);
    expect(mock.world.pendingEvents()).toEqual([]);
    const messages = await readThread(mock, ann, { since: at(-1) });
    expect(messages.map((m) => [m.text, m.time])).toEqual([
      ['ping', at(60_000)],
      ['ping', at(120_000)],
      ['ping', at(180_000)],
    ]);
    expect(new Set(messages.map((m) => m.id)).size).toBe(3);
  });

  it('a message without text gets a realistic generated one, the same for the same seed', async () => {
    const scenario = (seed: number): ScenarioInput => ({
      seed,
      persons: [annGiven],
      timeline: [{ at: '+1m', repeat: { every: '1m', times: 6 }, type: 'message', account: 'acc-1', person: ann }],
    });
    const texts = async (seed: number) => {
      const mock = scenarioMock(scenario(seed), { seed: undefined });
      await syncLong(mock, [ann]);
      mock.clock.set(START_MS + 3_600_000);
      const messages = await readThread(mock, ann, { since: at(0) });
      expect(messages.map((m) => m.sender)).toEqual(['them', 'them', 'them', 'them', 'them', 'them']);
      return messages.map((m) => m.text);
    };
    const first = await texts(5);
    expect(first.every((text) => text.length > 3)).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(await texts(5)).toEqual(first);
    expect(await texts(6)).not.toEqual(first);
  });

  it('absolute events before the clock start apply at load, messages with their own times', async () => {
    const mock = scenarioMock({
      accounts: [{ identificationToken: 'acc-1' }, { identificationToken: 'gone' }],
      persons: [annGiven],
      timeline: [
        {
          at: '2024-06-01T10:00:00Z',
          repeat: { every: '1h', times: 2 },
          type: 'message',
          account: 'acc-1',
          person: ann,
          text: 'old',
        },
        { at: '2024-06-02T00:00:00Z', type: 'accountState', account: 'gone', state: 'signedOut' },
        { at: '2024-06-02T00:00:00Z', type: 'personDisappears', person: bob },
      ],
    });
    expect(mock.world.pendingEvents()).toEqual([]);
    expect(mock.world.account('gone').state).toBe('signedOut');
    expect(syncResults(await syncLong(mock, [ann, bob]))).toEqual({ [ann]: true, [bob]: 'personNotFound' });
    expect((await readThread(mock, ann)).map((m) => [m.text, m.time])).toEqual([
      ['old', '2024-06-01T10:00:00Z'],
      ['old', '2024-06-01T11:00:00Z'],
      ['Hello Ann', '2024-06-03T08:00:00Z'],
    ]);
  });
});

describe('scenario timeline: account state and persons', () => {
  it('an account signed out mid-sync: the sync fails, persons synced before stay synced; back later', async () => {
    const mock = scenarioMock({
      latency: { syncMs: 1500, jitter: 0 },
      timeline: [
        { at: '+2s', type: 'accountState', account: 'acc-1', state: 'signedOut' },
        { at: '+1m', type: 'accountState', account: 'acc-1', state: 'active' },
      ],
    });
    const link = await reslink(mock, SYNC, { standard: [ann, bob, cleo].map((p) => ({ person: p })) });
    mock.clock.advance(3000);
    const failed = await result(mock, link);
    expect(failed.status).toBe(403);
    expect(failed.body.error.errorType).toBe('linkedinAccountSignedOut');
    const account = mock.world.account('acc-1');
    expect([...account.synced.standard]).toEqual([ann]);
    mock.clock.set(START_MS + 60_000);
    expect(account.state).toBe('active');
    expect(syncResults(await syncLong(mock, [bob]))).toEqual({ [bob]: true });
    expect([...account.synced.standard]).toEqual([ann, bob]);
  });

  it('noSeats, then the seats come back', async () => {
    const mock = scenarioMock({
      accounts: [{ identificationToken: 'acc-1', state: 'noSeats' }],
      timeline: [{ at: '+10m', type: 'accountState', account: 'acc-1', state: 'active' }],
    });
    const refused = await mock.post(SYNC, { standard: [{ person: ann }] });
    expect(refused.status).toBe(403);
    expect(refused.body.error.errorType).toBe('noActiveSeats');
    mock.clock.set(START_MS + 600_000);
    expect(syncResults(await syncLong(mock, [ann]))).toEqual({ [ann]: true });
  });

  it('personDisappears: synced before, personNotFound on every later sync; the synced copy stays readable', async () => {
    const mock = scenarioMock({
      persons: [annGiven],
      timeline: [{ at: '+5m', type: 'personDisappears', person: 'https://linkedin.com/in/ANN/' }],
    });
    expect(syncResults(await syncLong(mock, [ann]))).toEqual({ [ann]: true });
    mock.clock.set(START_MS + 300_000);
    expect(syncResults(await syncLong(mock, [ann, bob]))).toEqual({ [ann]: 'personNotFound', [bob]: true });
    expect(syncResults(await syncLong(mock, [ann], { 'identification-token': 'acc-2' }))).toEqual({
      [ann]: 'personNotFound',
    });
    expect((await readThread(mock, ann)).map((m) => m.text)).toEqual(['Hello Ann']);
  });
});

describe('scenario: load, reset and pending events', () => {
  const first: ScenarioInput = {
    accounts: [{ identificationToken: 'acc-1' }],
    persons: [annGiven],
    timeline: [{ at: '+1m', type: 'message', account: 'acc-1', person: ann, text: 'from the first scenario' }],
  };

  it('loadScenario replaces everything: accounts, persons, state; relative times count from the load', async () => {
    const mock = scenarioMock(first);
    await syncLong(mock, [ann]);
    mock.clock.set(START_MS + 30_000);
    mock.server.loadScenario({
      accounts: [{ identificationToken: 'acc-2' }],
      latency: { jitter: 0 },
      persons: [{ url: dan, standard: { messages: [{ from: 'them', text: 'Hi from Dan', ago: '1d' }] } }],
      timeline: [
        { at: '+1m', type: 'message', account: 'acc-2', person: dan, text: 'second scenario' },
        { at: '+2m', type: 'accountState', account: 'acc-2', state: 'signedOut' },
      ],
    });
    expect(mock.world.knownAccounts().map((a) => a.id)).toEqual([]);
    expect(mock.world.pendingEvents().map((e) => [e.at - START_MS, e.event.type])).toEqual([
      [90_000, 'message'],
      [150_000, 'accountState'],
    ]);
    const refused = await mock.post(SYNC, { standard: [{ person: ann }] });
    expect(refused.body.error.errorType).toBe('invalidIdentificationToken');
    const acc2 = { 'identification-token': 'acc-2' };
    await syncLong(mock, [dan], acc2);
    mock.clock.set(START_MS + 90_000);
    // `ago` is anchored at the server's start, not at the load.
    expect((await readThread(mock, dan, { headers: acc2 })).map((m) => [m.text, m.time])).toEqual([
      ['Hi from Dan', '2024-06-02T09:00:00Z'],
      ['second scenario', at(90_000)],
    ]);
    // The first scenario's event never fires.
    mock.clock.set(START_MS + 200_000);
    expect(mock.world.account('acc-2').state).toBe('signedOut');
    expect(mock.world.knownAccounts().map((a) => a.id)).toEqual(['acc-2']);
  });

  it('loadScenario refuses an invalid scenario and changes nothing', async () => {
    const mock = scenarioMock(first);
    await syncLong(mock, [ann]);
    expect(() =>
      mock.server.loadScenario({ accounts: [{ identificationToken: '' }], persns: [] } as ScenarioInput),
    ).toThrow(/accounts\[0\]\.identificationToken[\s\S]*persns/);
    expect([...mock.world.account('acc-1').synced.standard]).toEqual([ann]);
    expect(mock.world.pendingEvents()).toHaveLength(1);
  });

  it('world.reset(account) resets that account only; the timeline is not rearmed', async () => {
    const mock = scenarioMock({
      persons: [annGiven],
      timeline: [
        { at: '+1m', type: 'message', account: 'acc-1', person: ann, text: 'after a minute' },
        { at: '+1h', type: 'accountState', account: 'acc-1', state: 'signedOut' },
      ],
    });
    await syncLong(mock, [ann]);
    await syncLong(mock, [ann], { 'identification-token': 'acc-2' });
    mock.clock.set(START_MS + 60_000);
    mock.world.reset('acc-1');
    expect([...mock.world.account('acc-1').synced.standard]).toEqual([]);
    expect([...mock.world.account('acc-2').synced.standard]).toEqual([ann]);
    expect(mock.world.pendingEvents().map((e) => e.event.type)).toEqual(['accountState']);
    await syncLong(mock, [ann]);
    // Back to the scenario's initial thread: the message that arrived at +1m is gone with the old state.
    expect((await readThread(mock, ann)).map((m) => m.text)).toEqual(['Hello Ann']);
    mock.clock.set(START_MS + 3_600_000);
    expect(mock.world.account('acc-1').state).toBe('signedOut');
  });

  it('world.reset() resets every account and rearms the timeline from now', async () => {
    const mock = scenarioMock(first);
    await syncLong(mock, [ann]);
    mock.clock.set(START_MS + 120_000);
    expect(mock.world.pendingEvents()).toEqual([]);
    mock.world.reset();
    expect(mock.world.knownAccounts()).toEqual([]);
    expect(mock.world.pendingEvents().map((e) => e.at - START_MS)).toEqual([180_000]);
  });

  it('pendingEvents lists what is still to happen, soonest first', () => {
    const mock = scenarioMock({
      timeline: [
        { at: '+1h', type: 'personDisappears', person: bob },
        { at: '2024-06-03T09:00:30Z', type: 'accountState', account: 'acc-1', state: 'noSeats' },
        { at: '+10s', repeat: { every: '10s', times: 2 }, type: 'message', account: 'acc-1', person: ann },
      ],
    });
    expect(mock.world.pendingEvents().map((e) => [e.at - START_MS, e.remaining, e.event.type])).toEqual([
      [10_000, 2, 'message'],
      [30_000, 1, 'accountState'],
      [3_600_000, 1, 'personDisappears'],
    ]);
    expect(mock.world.pendingEvents()[2]?.event).toEqual({ type: 'personDisappears', person: bob });
  });
});
