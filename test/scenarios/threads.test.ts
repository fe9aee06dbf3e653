import { describe, expect, it } from 'vitest';
import { person, readThread, START_MS, syncLong, syncResults, testMock } from '../support/index.js';
import { scenarioMock } from './support.js';

const ann = person('ann');
const DAY = 86_400_000;
const stripIds = (messages: { sender: string; text: string; time: string }[]) =>
  messages.map(({ sender, text, time }) => ({ sender, text, time }));

describe('scenario: threads', () => {
  it('a thread given message by message, with time and ago, is sent as given, oldest first', async () => {
    const mock = scenarioMock({
      persons: [
        {
          url: ann,
          standard: {
            messages: [
              { from: 'us', text: 'Hi Ann, thanks for connecting!', time: '2024-06-01T10:00:00Z' },
              { from: 'them', text: 'Sure, when works?', ago: '2h' },
              { from: 'us', text: 'Tomorrow 10:00?', ago: '90m' },
              { from: 'them', text: 'Earlier, out of order', time: '2024-05-30T08:15:30.700Z' },
            ],
          },
        },
      ],
    });
    await syncLong(mock, [ann]);
    const messages = await readThread(mock, ann);
    expect(stripIds(messages)).toEqual([
      { sender: 'them', text: 'Earlier, out of order', time: '2024-05-30T08:15:30Z' },
      { sender: 'us', text: 'Hi Ann, thanks for connecting!', time: '2024-06-01T10:00:00Z' },
      { sender: 'them', text: 'Sure, when works?', time: '2024-06-03T07:00:00Z' },
      { sender: 'us', text: 'Tomorrow 10:00?', time: '2024-06-03T07:30:00Z' },
    ]);
    // ids are UUID-shaped, distinct and stable from run to run
    expect(new Set(messages.map((m) => m.id)).size).toBe(4);
    const again = scenarioMock(mock.server.options.scenario as NonNullable<typeof mock.server.options.scenario>);
    await syncLong(again, [ann]);
    expect(await readThread(again, ann)).toEqual(messages);
  });

  it('an empty messages list is an empty thread (not a generated one)', async () => {
    const mock = scenarioMock({ persons: [{ url: ann, standard: { messages: [] } }] });
    await syncLong(mock, [ann]);
    expect(await readThread(mock, ann)).toEqual([]);
  });

  it('a generated thread has exactly count messages inside the within window before the start', async () => {
    const mock = scenarioMock({ persons: [{ url: ann, standard: { generate: { count: 57, within: '7d' } } }] });
    await syncLong(mock, [ann]);
    const messages = await readThread(mock, ann);
    expect(messages).toHaveLength(57);
    const times = messages.map((m) => Date.parse(m.time));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(START_MS - 7 * DAY);
    expect(Math.max(...times)).toBeLessThan(START_MS);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(57);
  });

  it('a dense generated thread (one message a second) still fits its window, strictly increasing', async () => {
    const mock = scenarioMock({ persons: [{ url: ann, standard: { generate: { count: 600, within: '10m' } } }] });
    await syncLong(mock, [ann]);
    const times = (await readThread(mock, ann)).map((m) => Date.parse(m.time));
    expect(times).toHaveLength(600);
    expect(times[0]).toBe(START_MS - 600_000);
    expect(times[599]).toBe(START_MS - 1000);
  });

  it('more messages than seconds in the window is refused, located; a 1 s window and a fractional start is fine', async () => {
    expect(() =>
      scenarioMock({ persons: [{ url: ann, standard: { generate: { count: 11, within: '10s' } } }] }),
    ).toThrow(
      'persons[0].standard.generate.count: 11 messages do not fit in 10s (at most one a second); make within longer',
    );
    const mock = scenarioMock(
      { persons: [{ url: ann, standard: { generate: { count: 1, within: '1s' } } }] },
      { startTime: '2024-06-03T09:00:00.100Z' },
    );
    expect(syncResults(await syncLong(mock, [ann]))).toEqual({ [ann]: true });
    expect((await readThread(mock, ann)).map((m) => m.time)).toEqual(['2024-06-03T09:00:00Z']);
  });

  it('generated messages are deterministic per seed: same seed same thread, another seed another', async () => {
    const scenario = { persons: [{ url: ann, standard: { generate: { count: 12 } } }] };
    const read = async (seed: number) => {
      // (testMock's own seed option would win over the scenario's: options given in code override its settings)
      const mock = scenarioMock({ ...scenario, seed }, { seed: undefined });
      await syncLong(mock, [ann]);
      return readThread(mock, ann);
    };
    const first = await read(3);
    expect(first).toHaveLength(12);
    expect(await read(3)).toEqual(first);
    expect(await read(4)).not.toEqual(first);
  });

  it('given and generated messages are merged in time order', async () => {
    const mock = scenarioMock({
      persons: [
        {
          url: ann,
          standard: {
            generate: { count: 10, within: '30d' },
            messages: [
              { from: 'them', text: 'Long before the generated ones', ago: '60d' },
              { from: 'us', text: 'Right before the start', ago: '1s' },
            ],
          },
        },
      ],
    });
    await syncLong(mock, [ann]);
    const messages = await readThread(mock, ann);
    expect(messages).toHaveLength(12);
    expect(messages[0]).toMatchObject({ text: 'Long before the generated ones', time: '2024-04-04T09:00:00Z' });
    expect(messages[11]).toMatchObject({ text: 'Right before the start', time: '2024-06-03T08:59:59Z' });
    const times = messages.map((m) => m.time);
    expect(times).toEqual([...times].sort());
  });

  it('channels are separate: a spec for salesNavigator leaves standard to the default world', async () => {
    const mock = scenarioMock({
      persons: [
        { url: ann, salesNavigator: { messages: [{ from: 'them', text: 'Sales Navigator only', ago: '1d' }] } },
      ],
    });
    await syncLong(mock, [ann], {}, 'salesNavigator');
    await syncLong(mock, [ann], {}, 'standard');
    expect(stripIds(await readThread(mock, ann, { channel: 'salesNavigator' }))).toEqual([
      { sender: 'them', text: 'Sales Navigator only', time: '2024-06-02T09:00:00Z' },
    ]);
    // The standard thread is the one the default world generates for this person.
    const plain = testMock({ latency: { jitter: 0 } });
    await syncLong(plain, [ann]);
    expect(await readThread(mock, ann)).toEqual(await readThread(plain, ann));
  });

  it('a person with its own syncMs takes exactly that long; the others latency.syncMs', () => {
    const mock = scenarioMock({
      latency: { syncMs: 1500, jitter: 0 },
      persons: [{ url: person('slow'), syncMs: 30_000 }],
    });
    const targets = ['fast-1', 'slow', 'fast-2'].map((slug) => ({
      channel: 'standard' as const,
      person: person(slug),
    }));
    const account = mock.world.account('acc-1');
    const admission = mock.world.submitSynchronize(account, targets);
    if (!admission.ok) throw new Error(admission.error.reason);
    const synced = () => [...account.synced.standard];
    mock.clock.advance(1500);
    expect(synced()).toEqual([person('fast-1')]);
    mock.clock.advance(29_999);
    expect(synced()).toEqual([person('fast-1')]);
    mock.clock.advance(1);
    expect(synced()).toEqual([person('fast-1'), person('slow')]);
    mock.clock.advance(1499);
    expect(admission.value.finished).toBe(false);
    mock.clock.advance(1);
    expect(admission.value.finishedAt).toBe(START_MS + 33_000);
  });
});
