import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Message } from '../contracts/e1/responses.js';
import { personRef } from '../core/person-url.js';
import { DEFAULT_THREAD_SHAPE, ThreadGenerator } from './thread-generator.js';

const END = Date.parse('2024-06-03T09:00:00Z');
const DAY = 86_400_000;
const key = (slug: string) => personRef(`https://www.linkedin.com/in/${slug}`).key;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every way a generated thread can break the contract, as readable strings; `[]` when it is well formed. */
function shapeProblems(messages: ReturnType<ThreadGenerator['generate']>, end = END): string[] {
  const problems: string[] = [];
  if (messages.length > 40) problems.push(`${messages.length} messages`);
  let previous = Number.NEGATIVE_INFINITY;
  for (const [i, m] of messages.entries()) {
    if (Object.keys(m).join() !== 'id,sender,text,time,at') problems.push(`${i}: keys ${Object.keys(m).join()}`);
    if (!UUID.test(m.id)) problems.push(`${i}: id ${m.id}`);
    if (m.sender !== 'us' && m.sender !== 'them') problems.push(`${i}: sender ${m.sender}`);
    if (!TIME.test(m.time) || Date.parse(m.time) !== m.at) problems.push(`${i}: time ${m.time} / ${m.at}`);
    if (m.at <= previous) problems.push(`${i}: not after the previous message`);
    if (m.at < end - 90 * DAY || m.at >= end) problems.push(`${i}: ${m.time} outside the 90-day window`);
    if (m.text.length === 0 || m.text.length > 200) problems.push(`${i}: text ${JSON.stringify(m.text)}`);
    previous = m.at;
  }
  if (new Set(messages.map((m) => m.id)).size !== messages.length) problems.push('duplicate ids');
  return problems;
}

function checkShape(messages: ReturnType<ThreadGenerator['generate']>, end = END): void {
  expect(shapeProblems(messages, end)).toEqual([]);
  const first = messages[0];
  if (first)
    expect(Message.parse({ id: first.id, sender: first.sender, text: first.text, time: first.time })).toBeTruthy();
}

describe('ThreadGenerator', () => {
  it('the default shape is 0 to 40 messages in 90 days', () => {
    expect(DEFAULT_THREAD_SHAPE).toEqual({ minMessages: 0, maxMessages: 40, windowMs: 90 * DAY });
  });

  it('is deterministic: the same identity gives the same messages, whatever was generated before', () => {
    const first = new ThreadGenerator(7);
    const a1 = first.generate('acc-1', 'standard', key('anna'), END);
    const b1 = first.generate('acc-1', 'standard', key('bob'), END);
    const second = new ThreadGenerator(7);
    const b2 = second.generate('acc-1', 'standard', key('bob'), END);
    const a2 = second.generate('acc-1', 'standard', key('anna'), END);
    expect(a2).toEqual(a1);
    expect(b2).toEqual(b1);
    expect(first.generate('acc-1', 'standard', key('anna'), END)).toEqual(a1);
    expect(a1.length + b1.length).toBeGreaterThan(0);
  });

  it('different seeds, accounts, channels and persons give different threads', () => {
    const base = new ThreadGenerator(7).generate('acc-1', 'standard', key('anna'), END);
    expect(base.length).toBeGreaterThan(0);
    const variants = [
      new ThreadGenerator(8).generate('acc-1', 'standard', key('anna'), END),
      new ThreadGenerator(7).generate('acc-2', 'standard', key('anna'), END),
      new ThreadGenerator(7).generate('acc-1', 'salesNavigator', key('anna'), END),
      new ThreadGenerator(7).generate('acc-1', 'standard', key('anne'), END),
    ];
    for (const variant of variants) {
      expect(variant).not.toEqual(base);
      const ids = new Set(base.map((m) => m.id));
      expect(variant.some((m) => ids.has(m.id))).toBe(false);
    }
  });

  it('every thread is well formed (0–40 messages, UUID ids, strictly increasing times inside 90 days)', () => {
    const generator = new ThreadGenerator(1);
    const lengths: number[] = [];
    const senders = new Set<string>();
    let firstSenders = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const messages = generator.generate('acc-1', i % 2 ? 'standard' : 'salesNavigator', key(`p${i}`), END);
      checkShape(messages);
      lengths.push(messages.length);
      for (const m of messages) senders.add(m.sender);
      firstSenders = new Set([...firstSenders, ...messages.slice(0, 1).map((m) => m.sender)]);
    }
    expect(Math.min(...lengths)).toBe(0);
    expect(Math.max(...lengths)).toBe(40);
    expect([...senders].sort()).toEqual(['them', 'us']);
    expect([...firstSenders].sort()).toEqual(['them', 'us']);
  });

  it('senders alternate, but irregularly', () => {
    const generator = new ThreadGenerator(1);
    let changes = 0;
    let repeats = 0;
    for (let i = 0; i < 50; i++) {
      const messages = generator.generate('acc-1', 'standard', key(`p${i}`), END);
      for (let j = 1; j < messages.length; j++) {
        if (messages[j]?.sender === messages[j - 1]?.sender) repeats++;
        else changes++;
      }
    }
    expect(changes).toBeGreaterThan(repeats);
    expect(repeats).toBeGreaterThan(0);
  });

  it('property: any person slug, account and seed gives a well-formed, reproducible thread', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,40}$/),
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom('standard' as const, 'salesNavigator' as const),
        (slug, account, seed, channel) => {
          const messages = new ThreadGenerator(seed).generate(account, channel, key(slug), END);
          checkShape(messages);
          expect(new ThreadGenerator(seed).generate(account, channel, key(slug), END)).toEqual(messages);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('respects a window end that is not START (messages stay before it)', () => {
    const end = Date.parse('2021-02-03T04:05:06Z');
    for (let i = 0; i < 30; i++) checkShape(new ThreadGenerator(3).generate('a', 'standard', key(`q${i}`), end), end);
  });
});
