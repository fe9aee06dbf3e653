import type { JournalEndpoint, JournalEntry } from '../../contracts/mock/control.js';
import { type BodyText, MAX_BODY_BYTES } from '../http/body.js';

/** Bodies are kept up to this many characters (then cut, and marked `truncated`). */
export const JOURNAL_BODY_CAP = 64 * 1024;

/** Headers the journal keeps; the first three carry tokens and are redacted. */
const HEADERS = [
  'account-api-token',
  'linked-api-token',
  'identification-token',
  'result-handling',
  'webhook-url',
] as const;
const SECRET_HEADERS = 3;

/** Which entries to read or count. `account` is an identification token in full; it is matched, never shown. */
export interface JournalFilter {
  account?: string | undefined;
  endpoint?: JournalEndpoint | readonly JournalEndpoint[] | undefined;
  method?: string | undefined;
  status?: number | undefined;
}

/**
 * A token as the journal shows it: at most its first 4 characters (at most a quarter of it), `…` and its
 * length, so that two tokens can be told apart and none can be read back.
 *
 * @example
 * redactToken('acc-7f3a9c2e51'); // 'acc…(14)'
 */
export function redactToken(token: string): string {
  return `${token.slice(0, Math.min(4, Math.floor(token.length / 4)))}…(${token.length})`;
}

/** The body as kept: its text (maybe cut), or a note that it was over the limit. */
type KeptBody = string | undefined;
const TOO_LARGE = `(over the ${MAX_BODY_BYTES} byte limit: not kept)`;

/** One request as recorded: raw values (full tokens included), rendered and redacted only when read. */
export class JournalRecord {
  // Every field is set in the constructor, so that all records share one shape.
  status: number | undefined = undefined;
  virtualMs: number | undefined = undefined;
  realMs: number | undefined = undefined;
  body: KeptBody = undefined;
  truncated = false;
  /** The mock has taken the request in: its body is read (or it has none), or it has been answered. */
  taken: boolean;

  constructor(
    readonly id: number,
    readonly method: string,
    readonly path: string,
    /** The public endpoint the request went to (by Hono's match), `unknown` for any other. */
    readonly endpoint: JournalEndpoint,
    /** The values of `HEADERS`, as sent (undefined: absent). */
    private readonly apiToken: unknown,
    private readonly linkedApiToken: unknown,
    private readonly identificationToken: unknown,
    private readonly resultHandling: unknown,
    private readonly webhookUrl: unknown,
    readonly startedAt: number,
    readonly realStart: number,
    /** Told when the record changes (its body is read). */
    private readonly changed: () => void,
  ) {
    this.taken = method === 'GET' || method === 'HEAD' || method === 'DELETE';
  }

  /** The identification token, in full. */
  get account(): string | undefined {
    return this.header('identification-token')?.trim() || undefined;
  }

  private header(name: (typeof HEADERS)[number]): string | undefined {
    let value: unknown;
    if (name === 'account-api-token') value = this.apiToken;
    else if (name === 'linked-api-token') value = this.linkedApiToken;
    else if (name === 'identification-token') value = this.identificationToken;
    else if (name === 'result-handling') value = this.resultHandling;
    else value = this.webhookUrl;
    return typeof value === 'string' ? value : undefined;
  }

  /** Keeps the body the endpoint (or the journal, for a refused request) read: the request's `onBodyRead`. */
  bodyRead(body: BodyText): void {
    if (!body.ok) this.body = TOO_LARGE;
    else if (body.value.length <= JOURNAL_BODY_CAP) this.body = body.value;
    else {
      // A copy, so that the entry does not keep the whole body alive (a slice would).
      this.body = Buffer.from(body.value.slice(0, JOURNAL_BODY_CAP)).toString();
      this.truncated = true;
    }
    this.taken = true;
    this.changed();
  }

  matches(filter: JournalFilter | undefined): boolean {
    if (!filter) return true;
    const { account, endpoint, method, status } = filter;
    if (account !== undefined && this.account !== account.trim()) return false;
    const { endpoint: mine } = this;
    if (endpoint !== undefined && (typeof endpoint === 'string' ? endpoint !== mine : !endpoint.includes(mine)))
      return false;
    if (method !== undefined && method.toUpperCase() !== this.method) return false;
    return status === undefined || status === this.status;
  }

  render(): JournalEntry {
    const headers: Record<string, string> = {};
    HEADERS.forEach((name, index) => {
      const value = this.header(name);
      if (value !== undefined) headers[name] = index < SECRET_HEADERS ? redactToken(value) : value;
    });
    const { account, body: kept } = this;
    let body: unknown = null;
    if (kept !== undefined && kept !== '') body = this.truncated || kept === TOO_LARGE ? kept : parseOrText(kept);
    return {
      id: this.id,
      method: this.method,
      path: this.path,
      endpoint: this.endpoint,
      account: account === undefined ? null : redactToken(account),
      headers,
      body,
      truncated: this.truncated,
      status: this.status ?? null,
      startedAt: new Date(this.startedAt).toISOString(),
      virtualMs: this.virtualMs ?? null,
      realMs: this.realMs ?? null,
    };
  }
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
