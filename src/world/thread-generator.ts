import type { Faker } from '@faker-js/faker';
import { faker as englishFaker } from '@faker-js/faker/locale/en';
import type { Channel } from '../contracts/e1/requests.js';
import { deriveSeed } from '../core/random.js';
import { formatMessageTime, type StoredMessage } from './thread.js';

const DAY = 86_400_000;

/** What a generated thread looks like. */
export interface ThreadShape {
  minMessages: number;
  maxMessages: number;
  /** Messages fall inside this many milliseconds before the end of the window. */
  windowMs: number;
}

export const DEFAULT_THREAD_SHAPE: ThreadShape = { minMessages: 0, maxMessages: 40, windowMs: 90 * DAY };

type Lines = readonly ((f: Faker) => string)[];

const OPENERS_US: Lines = [
  (f) => `Hi ${f.person.firstName()}, thanks for connecting!`,
  (f) => `Hello ${f.person.firstName()}, I came across your profile and wanted to reach out.`,
  (f) => `Hi! I saw your post about ${f.company.buzzNoun()} and thought we should talk.`,
  () => 'Hey, are you available for a quick chat this week?',
];
const LINES_US: Lines = [
  (f) => `Would ${f.date.weekday()} at ${f.number.int({ min: 9, max: 17 })}:00 work for a short call?`,
  () => 'Happy to send over a short deck if that helps.',
  (f) => `We help teams like ${f.company.name()} ${f.company.buzzVerb()} their ${f.company.buzzNoun()}.`,
  () => 'Thanks, that makes sense. I will follow up by email.',
  () => 'Sounds good, talk soon!',
  (f) => `Just sent the invite for ${f.date.weekday()}. Let me know if the time does not suit you.`,
  () => 'No rush at all, whenever you have a moment.',
  (f) => `Quick follow-up on my last message: is ${f.company.buzzNoun()} still a priority this quarter?`,
  () => 'Great to hear from you!',
  () => 'Could you share a bit more about your current setup?',
];
const LINES_THEM: Lines = [
  () => "Thanks for reaching out! Let's connect.",
  () => 'Sure! Let me know when works for you.',
  (f) => `${f.date.weekday()} afternoon works for me.`,
  () => 'Not right now, but maybe next quarter.',
  (f) => `I'm traveling until ${f.date.weekday()}, can we pick this up after?`,
  () => 'Interesting, can you send me more details?',
  (f) => `Looping in my colleague ${f.person.firstName()}, who handles this.`,
  () => "I'm doing well, thanks for asking!",
  () => 'Sounds good.',
  (f) => `We are already working with ${f.company.name()}, but open to comparing.`,
  () => 'Thanks! Talk soon.',
  () => 'Could we do a call next week instead?',
];

function pick(f: Faker, lines: Lines): string {
  return f.helpers.arrayElement(lines)(f);
}

/**
 * Generates a conversation deterministically from its identity: the same (seed, account, channel, person)
 * always gives the same messages, whatever else was generated before.
 */
export class ThreadGenerator {
  // A private instance with the en locale (on base). The package root would load every locale: ~0.4 s at start.
  private readonly faker: Faker = new (englishFaker.constructor as typeof Faker)({
    locale: englishFaker.rawDefinitions,
  });

  constructor(
    private readonly seed: number,
    private readonly shape: ThreadShape = DEFAULT_THREAD_SHAPE,
  ) {}

  /** Messages of the thread, oldest first, all strictly before `windowEnd`. */
  generate(
    account: string,
    channel: Channel,
    personKey: string,
    windowEnd: number,
    shape: ThreadShape = this.shape,
  ): StoredMessage[] {
    const f = this.faker;
    f.seed(deriveSeed('thread', this.seed, account, channel, personKey));
    const count = f.number.int({ min: shape.minMessages, max: shape.maxMessages });
    // Times are whole seconds, so the window starts at a whole second to keep every message inside it.
    const windowStart = Math.ceil((windowEnd - shape.windowMs) / 1000) * 1000;
    // Conversations come in bursts: a message often follows the previous one by minutes. Each time only ever
    // moves earlier (or 1 s past its predecessor), so all stay inside the window.
    const windowTo = Math.max(windowStart, windowEnd - Math.min(3_600_000, shape.windowMs / 2));
    const times = f.date
      .betweens({ from: windowStart, to: windowTo, count })
      .map((date) => Math.floor(date.getTime() / 1000) * 1000);
    for (let i = 1; i < times.length; i++) {
      const previous = times[i - 1] as number;
      const current = times[i] as number;
      const burst = f.datatype.boolean({ probability: 0.6 })
        ? previous + f.number.int({ min: 1, max: 20 }) * 60_000
        : current;
      times[i] = Math.max(previous + 1000, Math.min(current, burst));
    }
    // A dense thread (many messages in a short window) can be pushed past the window's end by the 1 s steps:
    // pull the last ones back, one second apart, so that every message stays before `windowEnd`.
    let latest = Math.ceil(windowEnd / 1000) * 1000 - 1000;
    for (let i = times.length - 1; i >= 0 && (times[i] as number) > latest; i--, latest -= 1000) times[i] = latest;
    let sender: 'us' | 'them' = f.datatype.boolean({ probability: 0.6 }) ? 'us' : 'them';
    const messages: StoredMessage[] = [];
    for (const [index, at] of times.entries()) {
      if (index > 0 && f.datatype.boolean({ probability: 0.7 })) sender = sender === 'us' ? 'them' : 'us';
      const text =
        index === 0 && sender === 'us' ? pick(f, OPENERS_US) : pick(f, sender === 'us' ? LINES_US : LINES_THEM);
      messages.push({ id: f.string.uuid(), sender, text, time: formatMessageTime(at), at });
    }
    return messages;
  }

  /** One realistic line from `sender`, deterministic from `parts` (a timeline message without a text). */
  line(sender: 'us' | 'them', ...parts: readonly (string | number)[]): string {
    this.faker.seed(deriveSeed('line', this.seed, ...parts));
    return pick(this.faker, sender === 'us' ? LINES_US : LINES_THEM);
  }
}
