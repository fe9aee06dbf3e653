import { describe, expect, it } from 'vitest';
import { formatMessageTime, type StoredMessage, Thread } from './thread.js';

const T0 = Date.parse('2024-01-01T00:00:00Z');

function message(seconds: number, n = seconds): StoredMessage {
  const at = T0 + seconds * 1000;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    sender: n % 2 === 0 ? 'us' : 'them',
    text: `message "${n}"`,
    time: formatMessageTime(at),
    at,
  };
}

const parsed = (thread: Thread, since: number | undefined) => {
  const { total, messages } = thread.since(since);
  return { total, messages: JSON.parse(messages.json) as unknown[] };
};

describe('formatMessageTime', () => {
  it('formats UTC with second precision and a Z', () => {
    expect(formatMessageTime(Date.parse('2024-03-05T07:08:09.987Z'))).toBe('2024-03-05T07:08:09Z');
    expect(formatMessageTime(0)).toBe('1970-01-01T00:00:00Z');
  });
});

describe('Thread', () => {
  it('since is exclusive: only messages strictly after the instant', () => {
    const thread = new Thread([message(10), message(20), message(30)]);
    expect(parsed(thread, T0 + 20_000).messages).toEqual([thread.list()[2]]);
    expect(parsed(thread, T0 + 19_999).total).toBe(2);
    expect(parsed(thread, T0 + 30_000)).toEqual({ total: 0, messages: [] });
    expect(parsed(thread, T0 + 9_999).total).toBe(3);
    expect(parsed(thread, T0 + 10_000).total).toBe(2);
    expect(parsed(thread, undefined).total).toBe(3);
  });

  it('slices its cached JSON right for every start index', () => {
    const thread = new Thread(Array.from({ length: 12 }, (_, i) => message(i * 5)));
    const all = thread.list();
    expect(parsed(thread, undefined)).toEqual({ total: 12, messages: all });
    for (let start = 0; start <= 12; start++) {
      const since = start === 0 ? T0 - 1 : T0 + (start - 1) * 5000;
      const got = thread.since(since);
      expect(got.total).toBe(12 - start);
      expect(got.messages.json).toBe(JSON.stringify(all.slice(start)));
    }
  });

  it('an empty thread answers an empty list', () => {
    const thread = new Thread();
    expect(thread.size).toBe(0);
    expect(thread.since(undefined).messages.json).toBe('[]');
    expect(thread.since(undefined).total).toBe(0);
  });

  it('keeps messages added out of order sorted, oldest first', () => {
    const thread = new Thread([message(30), message(10)]);
    thread.add(message(20));
    thread.add(message(5));
    thread.add(message(40));
    expect(thread.list().map((m) => m.time)).toEqual([5, 10, 20, 30, 40].map((s) => formatMessageTime(T0 + s * 1000)));
    expect(thread.size).toBe(5);
  });

  it('puts a message with an existing time after the ones already there', () => {
    const thread = new Thread([message(10, 1), message(20, 2)]);
    thread.add(message(10, 3));
    expect(thread.list().map((m) => m.id.slice(-1))).toEqual(['1', '3', '2']);
  });

  it('invalidates its JSON cache when a message is added', () => {
    const thread = new Thread([message(10), message(20)]);
    expect(thread.since(undefined).messages.json).toBe(JSON.stringify(thread.list()));
    expect(thread.since(T0 + 10_000).total).toBe(1);
    thread.add(message(15));
    const all = thread.list();
    expect(all).toHaveLength(3);
    expect(thread.since(undefined).messages.json).toBe(JSON.stringify(all));
    expect(thread.since(T0 + 10_000).messages.json).toBe(JSON.stringify(all.slice(1)));
    thread.add(message(25));
    expect(thread.since(T0 + 20_000).messages.json).toBe(JSON.stringify([thread.list()[3]]));
  });

  it('serialises only id, sender, text and time, in that order', () => {
    const thread = new Thread([message(1)]);
    expect(thread.since(undefined).messages.json).toBe(
      `[{"id":"00000000-0000-4000-8000-000000000001","sender":"them","text":"message \\"1\\"","time":"2024-01-01T00:00:01Z"}]`,
    );
  });
});
