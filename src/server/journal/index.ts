import type { Context, MiddlewareHandler } from 'hono';
import type { JournalEntry } from '../../contracts/mock/control.js';
import type { VirtualClock } from '../../core/clock.js';
import { incomingOf, MAX_BODY_BYTES, observeBody, readBodyText } from '../http/request.js';
import { type JournalFilter, JournalRecord } from './record.js';

export { endpointOf, JOURNAL_BODY_CAP, type JournalFilter, redactToken } from './record.js';

/** The fixed paths, kept as these strings rather than as slices of each request's URL (less to keep alive). */
const FIXED_PATHS = new Map(
  ['/account/conversations.synchronize', '/account/conversations.get', '/workflows', '/conversations/poll'].map(
    (path) => [path, path],
  ),
);

/** Whether the journal records a path: the public API and unknown paths, not the mock's own routes and docs. */
function journaled(path: string): boolean {
  return !(path.startsWith('/__mock') || path.startsWith('/openapi') || path === '/docs' || path.startsWith('/docs/'));
}

/**
 * The request journal: the last `capacity` requests to the public endpoints (E1 and E4, and unknown paths),
 * each with method, path, endpoint, account and token headers redacted, body, status and timings. Recording
 * costs little: values are kept raw and rendered (parsed, redacted) only when read.
 *
 * @example
 * const journal = new RequestJournal(1000, clock);
 * app.use(journal.middleware());
 * journal.count({ account: 'acc-1', endpoint: 'synchronize' }); // 2
 */
export class RequestJournal {
  /** A ring: up to `capacity` records, the oldest at `oldest` once it is full. */
  private slots: JournalRecord[] = [];
  private oldest = 0;
  private nextId = 1;
  private readonly listeners = new Set<() => void>();

  constructor(
    /** How many entries are kept; 0: the journal is off. */
    readonly capacity: number,
    private readonly clock: VirtualClock,
  ) {}

  get enabled(): boolean {
    return this.capacity > 0;
  }

  /** Entries held now. */
  get size(): number {
    return this.slots.length;
  }

  /** The middleware that records requests; register it once, before the routes. */
  middleware(): MiddlewareHandler {
    const journal = this;
    return function journalRequest(c, next) {
      const path = c.req.path;
      if (!journaled(path)) return next();
      const record = journal.begin(c, path);
      return next().then(() => {
        if (record.taken) journal.end(record, c.res.status);
        else return readLeftover(c).then(() => journal.end(record, c.res.status));
      });
    };
  }

  private begin(c: Context, path: string): JournalRecord {
    const request = c.req.raw;
    // Over a socket, Node's own parsed headers object (plain property reads); in process, the Headers.
    const node = incomingOf(c)?.headers;
    const header = node ? (name: string) => node[name] : (name: string) => request.headers.get(name) ?? undefined;
    const record = new JournalRecord(
      this.nextId++,
      c.req.method,
      FIXED_PATHS.get(path) ?? path,
      header('account-api-token'),
      header('linked-api-token'),
      header('identification-token'),
      header('result-handling'),
      header('webhook-url'),
      this.clock.now(),
      performance.now(),
      this.notify,
    );
    observeBody(request, record);
    if (this.slots.length < this.capacity) this.slots.push(record);
    else {
      this.slots[this.oldest] = record;
      this.oldest = (this.oldest + 1) % this.capacity;
    }
    this.changed();
    return record;
  }

  private end(record: JournalRecord, status: number): void {
    record.status = status;
    record.virtualMs = this.clock.now() - record.startedAt;
    record.realMs = Math.round((performance.now() - record.realStart) * 100) / 100;
    record.taken = true;
    this.changed();
  }

  /** Matching entries, oldest first; `limit`: only the last so many. */
  entries(filter?: JournalFilter, limit?: number): JournalEntry[] {
    const matching = this.records().filter((record) => record.matches(filter));
    return (limit === undefined ? matching : matching.slice(-limit)).map((record) => record.render());
  }

  /** The latest matching entry. */
  last(filter?: JournalFilter): JournalEntry | undefined {
    const records = this.records();
    for (let index = records.length - 1; index >= 0; index--) {
      const record = records[index] as JournalRecord;
      if (record.matches(filter)) return record.render();
    }
    return undefined;
  }

  /** How many entries match, e.g. the synchronize calls of one account. */
  count(filter?: JournalFilter): number {
    let count = 0;
    for (const record of this.slots) if (record.matches(filter)) count++;
    return count;
  }

  /** How many matching requests the mock has taken in (body read, or answered): for tests that wait on them. */
  countTaken(filter?: JournalFilter): number {
    let count = 0;
    for (const record of this.slots) if (record.taken && record.matches(filter)) count++;
    return count;
  }

  /** Drops every entry (ids go on from where they were); returns how many were dropped. */
  clear(): number {
    const cleared = this.slots.length;
    this.slots = [];
    this.oldest = 0;
    this.changed();
    return cleared;
  }

  /** Calls `listener` whenever an entry is added, taken in or answered; returns an unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The records, oldest first. */
  private records(): JournalRecord[] {
    return this.oldest === 0 ? this.slots : [...this.slots.slice(this.oldest), ...this.slots.slice(0, this.oldest)];
  }

  /** Tells the listeners; handed to each record. */
  private readonly notify = () => this.changed();

  private changed(): void {
    if (this.listeners.size > 0) for (const listener of this.listeners) listener();
  }
}

/** Reads a body the endpoint did not read (it refused the request first), when that cannot wait on the client. */
async function readLeftover(c: Context): Promise<void> {
  const request = c.req.raw;
  const incoming = incomingOf(c);
  // Over a socket, only a message that has fully arrived: an answer never waits on a slow client's body.
  if (request.bodyUsed || (incoming && (!incoming.complete || incoming.destroyed))) return;
  try {
    await readBodyText(request, MAX_BODY_BYTES, incoming);
  } catch {
    // The client went away: there is no body to keep.
  }
}
