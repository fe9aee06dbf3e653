import type { Channel } from '../contracts/e1/requests.js';
import type { RawJson } from '../core/json.js';

/*
 * What the world answers, in its own words: refusals, and how a job ended. Neither dialect's names: E1 and E4
 * each map these to their own catalogue in one place (`src/server/e1/render.ts`, `src/server/e4/render.ts`).
 */

/** Why the world refuses a caller (its tokens) or a request (the account cannot take it now). */
export type Refusal =
  | { reason: 'apiTokenRequired' | 'apiTokenInvalid' | 'identificationTokenRequired' | 'identificationTokenInvalid' }
  | { reason: 'noSeats' }
  | { reason: 'tooManyRequests'; retryAfterSeconds: number };

/** Why a job failed as a whole. */
export type FailureReason = 'accountSignedOut';

/** Every name the world gives a refusal or a failure: what each dialect maps to an error type of its catalogue. */
export type WorldErrorName = Refusal['reason'] | FailureReason;

/** A conversation to synchronize: the person URL exactly as the client sent it. */
export interface SyncTarget {
  channel: Channel;
  person: string;
}

/** A conversation to read, optionally only messages strictly after `since` (ISO 8601). */
export interface ReadTarget extends SyncTarget {
  since?: string | undefined;
}

/** What a sync did for one person: synced, or the person does not exist. */
export interface SyncEntry extends SyncTarget {
  error?: 'personNotFound';
}

/** What a read found for one conversation; no `data` when the conversation is not synced. */
export interface ReadEntry extends ReadTarget {
  data: { total: number; messages: RawJson } | undefined;
}

/** How a job ended: its entries in request order, a failure, or cancelled (an E4 workflow). */
export type JobOutcome =
  | { kind: 'synchronized'; entries: readonly SyncEntry[] }
  | { kind: 'read'; entries: readonly ReadEntry[] }
  | { kind: 'failed'; reason: FailureReason }
  | { kind: 'cancelled' };
