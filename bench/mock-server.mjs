/**
 * Bench-only entry: the built mock (`dist/`, the same `startMock` the `serve` CLI calls, so the same request
 * path), with one conversation grown to exactly N messages through `world.addMessage` before it listens.
 * There is no control API yet, so this is how the benchmark gets a 200- or 100,000-message thread.
 *
 * Plain JavaScript so that it runs on bare `node`, with no loader in the process.
 * Usage: node bench/mock-server.mjs --seed 7 --start-time ISO --token ID --person URL --messages N
 * Prints `linkedapi-mock listening on <url> …` like the CLI. The added messages are one second apart, the
 * last one a second before the clock's start, so the last ones are later than any generated message.
 */
import { parseArgs } from 'node:util';
import { personRef } from '../dist/core/person-url.js';
import { startMock } from '../dist/server/listen.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    'start-time': { type: 'string', default: '2024-06-03T09:00:00Z' },
    token: { type: 'string', default: '' },
    person: { type: 'string', default: '' },
    messages: { type: 'string', default: '' },
  },
});
const { token, person } = values;
const wanted = Number(values.messages);
if (!token || !person || !Number.isInteger(wanted) || wanted < 0) {
  throw new Error('usage: mock-server.mjs --token ID --person URL --messages N [--seed S] [--start-time ISO]');
}

const TEXTS = [
  'Thanks for connecting! Would Tuesday at 10:00 work for a short call?',
  'Sure, let me know when works for you.',
  'Happy to send over a short deck if that helps.',
  'Interesting, can you send me more details?',
  'Just sent the invite. Let me know if the time does not suit you.',
  'Sounds good, talk soon!',
];

const startTime = Date.parse(values['start-time']);
const mock = await startMock({ port: 0, speed: 0, seed: Number(values.seed), startTime });
const account = mock.world.account(token);
// The generated part of the thread (0–40 messages), then as many more as it takes to reach `wanted`.
const thread = mock.world.thread(account, 'standard', personRef(person));
const missing = wanted - thread.size;
if (missing < 0) throw new Error(`the generated thread already has ${thread.size} messages, more than ${wanted}`);
for (let i = 0; i < missing; i++) {
  mock.world.addMessage(account, 'standard', person, {
    sender: i % 3 === 0 ? 'them' : 'us',
    text: TEXTS[i % TEXTS.length],
    at: startTime - (missing - i) * 1000,
  });
}
if (thread.size !== wanted) throw new Error(`thread has ${thread.size} messages, wanted ${wanted}`);
console.log(`linkedapi-mock listening on ${mock.url} (bench: ${person} has ${thread.size} messages)`);
const stop = () => void mock.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
