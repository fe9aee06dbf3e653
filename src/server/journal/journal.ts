import type { Context, MiddlewareHandler } from 'hono';
import { ENDPOINTS, type Endpoint } from '../../contracts/endpoints.js';
import type { JournalEntry } from '../../contracts/mock/control.js';
import { MOCK_ROUTES } from '../../contracts/mock/routes.js';
import type { VirtualClock } from '../../core/clock.js';
import type { MockEnv } from '../context.js';
import { incomingOf, readBodyText } from '../http/body.js';
import { requestEndpoint } from '../http/endpoint.js';
import { type JournalFilter, JournalRecord } from './record.js';

/** The endpoints whose path is fixed (no `{param}`), with it. */
const FIXED_PATHS = new Map<Endpoint, string>(
  ENDPOINTS.filter((endpoint) => !endpoint.path.includes('{')).map((endpoint) => [endpoint, endpoint.path]),
);

/**
 * Where the mock's own routes lie (`/__mock`, its documents): the first segments of their paths. A path there that
 * no route serves is the mock's too, and not journaled; an unknown path anywhere else is.
 */
const OWN_ROOTS = [...new Set(MOCK_ROUTES.map((route) => `/${route.path.split('/')[1]}`))];

/** Whether a path is or lies under one of the mock's own routes' first segments. */
export function isOwnPath(path: string): boolean {
  return OWN_ROOTS.some((root) => path === root || (path.startsWith(root) && path.charCodeAt(root.length) === 47));
}

/**
 * The request journal: the last `capacity` requests to the public endpoints (E1 and E4, and unknown paths),
 * each with method, path, endpoint, account and token headers redacted, body, status and timings. Recording
 * costs little: values are kept raw and rendered (parsed, redacted) only when read.
 *
 * @example
 * const journal = mountJournal(app, ctx); // new RequestJournal(ctx.options.journalLimit, ctx.clock), its middleware
 * await app.request(…);
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

  /**
   * The middleware that records requests to the public endpoints and to unknown paths (not the mock's own routes);
   * register it once, before every other middleware and route, so that it records what the client got.
   */
  middleware(): MiddlewareHandler<MockEnv> {
    const journal = this;
    return function journalRequest(c, next) {
      const endpoint = requestEndpoint(c);
      if (endpoint === undefined && isOwnPath(c.req.path)) return next();
      const record = journal.begin(c, endpoint);
      c.set('onBodyRead', (body) => record.bodyRead(body));
      return next().then(() => {
        if (record.taken) journal.end(record, c.res.status);
        else return readLeftover(c).then(() => journal.end(record, c.res.status));
      });
    };
  }

  private begin(c: Context<MockEnv>, endpoint: Endpoint | undefined): JournalRecord {
    const request = c.req.raw;
    // Over a socket, Node's own parsed headers object (plain property reads); in process, the Headers.
    const node = incomingOf(c)?.headers;
    const header = node ? (name: string) => node[name] : (name: string) => request.headers.get(name) ?? undefined;
    const record = new JournalRecord(
      this.nextId++,
      c.req.method,
      // A fixed path as the table's string rather than a slice of each request's URL (less to keep alive).
      endpoint === undefined ? c.req.path : (FIXED_PATHS.get(endpoint) ?? c.req.path),
      endpoint?.name ?? 'unknown',
      header('account-api-token'),
      header('linked-api-token'),
      header('identification-token'),
      header('result-handling'),
      header('webhook-url'),
      this.clock.now(),
      performance.now(),
      this.notify,
    );
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
async function readLeftover(c: Context<MockEnv>): Promise<void> {
  const incoming = incomingOf(c);
  // Over a socket, only a message that has fully arrived: an answer never waits on a slow client's body.
  if (c.req.raw.bodyUsed || (incoming && (!incoming.complete || incoming.destroyed))) return;
  try {
    await readBodyText(c);
  } catch {
    // The client went away: there is no body to keep.
  }
}
