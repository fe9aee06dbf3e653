import type { MockApp, ServerContext } from '../context.js';
import { RequestJournal } from './journal.js';

export { RequestJournal } from './journal.js';
export type { JournalFilter } from './record.js';

/**
 * Mounts the request journal: the last `options.journalLimit` requests to the public endpoints and to unknown
 * paths. Mount it first, before every other middleware and route, so that it records what the client got
 * (injected faults included). With `journalLimit: 0` it is off and mounts nothing.
 *
 * @example
 * const journal = mountJournal(app, ctx);
 * journal.count({ account: 'acc-1', endpoint: 'synchronize' });
 */
export function mountJournal(app: MockApp, ctx: ServerContext): RequestJournal {
  const journal = new RequestJournal(ctx.options.journalLimit, ctx.clock);
  if (journal.enabled) app.use(journal.middleware());
  return journal;
}
