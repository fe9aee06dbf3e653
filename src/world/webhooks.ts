import type { VirtualClock } from '../core/clock.js';

/** Sends one webhook POST; resolves with the HTTP status, rejects on a network failure. */
export type WebhookSender = (delivery: { url: string; body: string; headers: Record<string, string> }) => Promise<{
  status: number;
}>;

/** One POST to a webhook URL, successful or not. */
export interface WebhookAttempt {
  deliveryId: number;
  account: string;
  url: string;
  resultLink: string;
  /** 1 for the first try, up to 1 + retries. */
  attempt: number;
  /** Virtual time of the attempt, ISO 8601. */
  at: string;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  /** The network failure, when it did not. */
  error?: string;
  /** `delivered` (2xx), `retrying` (another attempt is scheduled) or `failed` (no attempt left). */
  outcome: 'delivered' | 'retrying' | 'failed';
}

/** Retry delays after a failed attempt, in seconds, before `speed`: at most 6 attempts in all. */
export const WEBHOOK_BACKOFF_SECONDS = [1, 2, 4, 8, 16] as const;
const MAX_LOGGED_ATTEMPTS = 10_000;

/**
 * Delivers final bodies to webhook URLs: non-2xx or a network failure is retried with backoff on the virtual
 * clock. Every attempt is logged and announced to listeners.
 */
export class WebhookDispatcher {
  private readonly log: WebhookAttempt[] = [];
  private readonly listeners = new Set<(attempt: WebhookAttempt) => void>();
  private nextDeliveryId = 1;

  constructor(
    private readonly clock: VirtualClock,
    private readonly send: WebhookSender,
    private readonly speed: number,
  ) {}

  deliver(account: string, url: string, resultLink: string, body: string): void {
    const deliveryId = this.nextDeliveryId++;
    const headers = { 'content-type': 'application/json', 'x-linkedapi-mock-result-link': resultLink };
    const attempt = async (number: number): Promise<void> => {
      const entry: WebhookAttempt = {
        deliveryId,
        account,
        url,
        resultLink,
        attempt: number,
        at: new Date(this.clock.now()).toISOString(),
        outcome: 'failed',
      };
      try {
        const { status } = await this.send({ url, body, headers });
        entry.status = status;
      } catch (error) {
        entry.error = error instanceof Error ? error.message : String(error);
      }
      const delivered = entry.status !== undefined && entry.status >= 200 && entry.status < 300;
      const backoff = WEBHOOK_BACKOFF_SECONDS[number - 1];
      entry.outcome = delivered ? 'delivered' : backoff === undefined ? 'failed' : 'retrying';
      this.record(entry);
      if (entry.outcome !== 'retrying') return;
      const delay = (backoff as number) * 1000 * this.speed;
      const retry = () => void attempt(number + 1);
      if (delay === 0) retry();
      else this.clock.setTimer(this.clock.now() + delay, retry);
    };
    void attempt(1);
  }

  /** Attempts so far, oldest first, optionally of one account. */
  attempts(account?: string): WebhookAttempt[] {
    return account === undefined ? [...this.log] : this.log.filter((entry) => entry.account === account);
  }

  /** Calls `listener` after every attempt; returns a function that stops it. */
  onAttempt(listener: (attempt: WebhookAttempt) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private record(entry: WebhookAttempt): void {
    this.log.push(entry);
    if (this.log.length > MAX_LOGGED_ATTEMPTS) this.log.shift();
    for (const listener of this.listeners) listener(entry);
  }
}
