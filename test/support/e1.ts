import type { WebhookSender } from '../../src/world/webhooks.js';
import { flush, GET, type Reply, SYNC, tokens } from './http.js';
import type { Requests, TestClock } from './mock.js';

/** A mock the long-mode helpers can drive: requests, and a manual clock to move under them. */
export type Driven = Pick<Requests, 'start' | 'post' | 'get'> & { clock: TestClock };

type Channel = 'standard' | 'salesNavigator';

/** A message as E1 answers it. */
export interface ApiMessage {
  id: string;
  sender: 'us' | 'them';
  text: string;
  time: string;
}

/**
 * Sends a long-mode request and moves the clock in `stepMs` steps until it is answered (instant with speed 0).
 */
export async function settle(
  mock: Driven,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  stepMs = 500,
): Promise<Reply> {
  let answered = false;
  const pending = mock.start(path, body, headers).finally(() => {
    answered = true;
  });
  await flush();
  for (let i = 0; i < 2000 && !answered; i++) {
    mock.clock.advance(stepMs);
    await flush();
  }
  return pending;
}

/** Long-mode synchronize of persons in one channel; returns the answer, whatever it is. */
export function syncLong(
  mock: Driven,
  persons: string[],
  headers: Record<string, string> = {},
  channel: Channel = 'standard',
): Promise<Reply> {
  return settle(mock, SYNC, { [channel]: persons.map((person) => ({ person })) }, headers);
}

/** Syncs persons in one channel (long mode, clock driven) and checks it succeeded for all. */
export async function syncPersons(
  mock: Driven,
  persons: string[],
  channel: Channel = 'standard',
  headers: Record<string, string> = {},
): Promise<Reply> {
  const reply = await syncLong(mock, persons, headers, channel);
  if (reply.status !== 200 || reply.body.status !== 'complete') throw new Error(`sync failed: ${reply.text}`);
  return reply;
}

interface ReadOptions {
  channel?: Channel;
  since?: unknown;
  headers?: Record<string, string>;
  /** The clock's step while the read is held (default 500 ms). */
  stepMs?: number;
}

/** Reads one conversation (long mode); returns the `result` of its completion entry. */
// biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON
export async function getOne(mock: Driven, person: string, options: ReadOptions = {}): Promise<any> {
  const channel = options.channel ?? 'standard';
  const entry = options.since === undefined ? { person } : { person, since: options.since };
  const reply = await settle(mock, GET, { [channel]: [entry] }, options.headers, options.stepMs);
  if (reply.status !== 200) throw new Error(`get failed: ${reply.status} ${reply.text}`);
  return reply.body.completion[channel][0].result;
}

/** The messages of a synced conversation; throws when it is not readable. */
export async function messagesOf(mock: Driven, person: string, options: ReadOptions = {}): Promise<ApiMessage[]> {
  const result = await getOne(mock, person, options);
  if (!result?.success) throw new Error(`not readable: ${JSON.stringify(result)}`);
  return result.data.messages;
}

/** `messagesOf` with the clock in 50 ms steps: for timelines where the time of the read matters. */
export const readThread = (mock: Driven, person: string, options: ReadOptions = {}): Promise<ApiMessage[]> =>
  messagesOf(mock, person, { stepMs: 50, ...options });

/** The per-person results of a synchronize completion, as `person → true | errorType`. */
export function syncResults(reply: Reply, channel: Channel = 'standard') {
  return Object.fromEntries(
    (
      reply.body.completion[channel] as {
        person: string;
        result: { success: boolean; error?: { errorType: string } };
      }[]
    ).map((entry) => [entry.person, entry.result.success ? true : entry.result.error?.errorType]),
  );
}

/** Starts a `reslink` request; returns the path of its result link. */
export async function reslink(
  mock: Driven,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<string> {
  const reply = await mock.post(path, body, { 'result-handling': 'reslink', ...headers });
  if (reply.body?.status !== 'processing') throw new Error(`not accepted: ${reply.status} ${reply.text}`);
  return new URL(reply.body.process.resultLink).pathname;
}

/** Reads a result link (with the tokens of acc-1 unless `headers` say otherwise). */
export function result(mock: Driven, link: string, headers: Record<string, string> = {}): Promise<Reply> {
  return mock.get(link, { ...tokens(), ...headers });
}

export interface SentWebhook {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** A fake webhook sender (the `sendWebhook` option) that records every POST and answers 200. */
export function fakeSender(): { sender: WebhookSender; sent: SentWebhook[] } {
  const sent: SentWebhook[] = [];
  const sender: WebhookSender = async (delivery) => {
    sent.push({ url: delivery.url, body: delivery.body, headers: { ...delivery.headers } });
    return { status: 200 };
  };
  return { sender, sent };
}
