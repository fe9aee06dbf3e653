import type { IncomingMessage } from 'node:http';
import type { Hono } from 'hono';
import type { Endpoint } from '../contracts/endpoints.js';
import type { VirtualClock } from '../core/clock.js';
import type { Result } from '../core/issue.js';
import type { World } from '../world/world.js';
import type { HeldRequests } from './http/hold.js';
import type { ResolvedOptions } from './options.js';

/**
 * What one request carries between middleware and handlers, as Hono context variables (`c.get`/`c.set`):
 * explicit, typed, and gone with the request.
 */
export interface MockVariables {
  /** The public endpoint the request matched (from the endpoint table), set by the first middleware; absent for the mock's own routes and unknown paths. */
  endpoint: Endpoint | undefined;
  /** Told once the body has been read: its text, or `tooLarge` (the journal sets it; `readBodyText(c)` calls it). */
  onBodyRead: ((body: Result<string, 'tooLarge'>) => void) | undefined;
}

/** The Hono environment of the mock's app: its variables, and over a socket the Node message (`c.env.incoming`). */
export interface MockEnv {
  Variables: MockVariables;
  Bindings: { incoming?: IncomingMessage };
}

export type MockApp = Hono<MockEnv>;

/** What every feature of the server is mounted with (`mountX(app, ctx)`). */
export interface ServerContext {
  world: World;
  clock: VirtualClock;
  /** The options in force; replaced in place when a scenario is loaded. */
  options: ResolvedOptions;
  /** Requests held open on the clock (long polls, fault delays); all released on shutdown and scenario loads. */
  held: HeldRequests;
}
