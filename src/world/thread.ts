import type { Message } from '../contracts/e1/responses.js';
import { RawJson } from '../core/json.js';
import { firstAfter } from '../core/sorted.js';

/** A message as the world keeps it: its `time` also as epoch milliseconds, for ordering and `since`. */
export interface StoredMessage extends Message {
  at: number;
}

/** Formats epoch milliseconds the way message times are sent: UTC, second precision. */
export function formatMessageTime(at: number): string {
  return `${new Date(at).toISOString().slice(0, 19)}Z`;
}

/**
 * One conversation with one person on one channel. Messages are kept sorted by time, oldest first, so
 * `since` is a binary search; their JSON is built once and sliced per request.
 */
export class Thread {
  private readonly messages: StoredMessage[] = [];
  /** `[m0,m1,…]` and where each message starts in it; rebuilt lazily after a change. */
  private json: { text: string; offsets: number[] } | undefined;

  constructor(messages: Iterable<StoredMessage> = []) {
    for (const message of messages) this.add(message);
  }

  get size(): number {
    return this.messages.length;
  }

  /** Inserts a message in time order (after any message with the same time). */
  add(message: StoredMessage): void {
    this.messages.splice(firstAfter(this.messages, message.at), 0, message);
    this.json = undefined;
  }

  /** Messages with time strictly after `since` (all when undefined), as `{ total, messages }`. */
  since(since: number | undefined): { total: number; messages: RawJson } {
    const start = since === undefined ? 0 : firstAfter(this.messages, since);
    const total = this.messages.length - start;
    if (total === 0) return { total, messages: new RawJson('[]') };
    const json = this.serialised();
    const text = start === 0 ? json.text : `[${json.text.slice(json.offsets[start])}`;
    return { total, messages: new RawJson(text) };
  }

  /** The messages, oldest first, as the API shapes them. */
  list(): Message[] {
    return this.messages.map(({ id, sender, text, time }) => ({ id, sender, text, time }));
  }

  private serialised(): { text: string; offsets: number[] } {
    if (this.json) return this.json;
    const offsets: number[] = [];
    let text = '[';
    for (const { id, sender, text: body, time } of this.messages) {
      if (offsets.length > 0) text += ',';
      offsets.push(text.length);
      text += JSON.stringify({ id, sender, text: body, time } satisfies Message);
    }
    this.json = { text: `${text}]`, offsets };
    return this.json;
  }
}
