import type { JournalEntry } from '../contracts/mock/control.js';
import type { MockServer } from '../server/app.js';
import type { JournalFilter } from '../server/journal/index.js';

/** The request journal, with helpers to assert on. */
export interface MockJournal {
  /** Matching entries (tokens redacted), oldest first. */
  entries(filter?: JournalFilter): JournalEntry[];
  /** How many requests match, e.g. `count({ account: 'acc-1', endpoint: 'synchronize' })`. */
  count(filter?: JournalFilter): number;
  last(filter?: JournalFilter): JournalEntry | undefined;
  /** Drops every entry; returns how many. */
  clear(): number;
  /**
   * Resolves with the latest matching entry once `count` (default 1) matching requests have been taken in by
   * the mock (their body read, so the world has seen them; a held long poll counts). Rejects after
   * `timeoutMs` (default 5000) of real time. Use it before advancing a manual clock under a request in flight.
   */
  waitFor(filter?: JournalFilter, options?: { count?: number; timeoutMs?: number }): Promise<JournalEntry>;
}

/** The journal of a mock server, for tests. */
export function testJournal(server: MockServer): MockJournal {
  const recorded = server.journal;
  const last = (filter?: JournalFilter) => recorded.last(filter);
  return {
    entries: (filter) => recorded.entries(filter),
    count: (filter) => recorded.count(filter),
    last,
    clear: () => recorded.clear(),
    waitFor(filter, { count = 1, timeoutMs = 5000 } = {}) {
      if (!recorded.enabled)
        return Promise.reject(new Error('[linkedapi-mock] journal.waitFor: the journal is off (journalLimit 0)'));
      return new Promise((resolve, reject) => {
        let scheduled = false;
        // A turn later: by then the endpoint that read the body has handed the request to the world.
        const check = () => {
          scheduled = false;
          if (recorded.countTaken(filter) < count) return;
          finish();
          resolve(last(filter) as JournalEntry);
        };
        const unsubscribe = recorded.onChange(() => {
          if (!scheduled) {
            scheduled = true;
            setImmediate(check);
          }
        });
        const timer = setTimeout(() => {
          finish();
          const seen = recorded.countTaken(filter);
          reject(
            new Error(`[linkedapi-mock] journal.waitFor: ${seen} of ${count} matching requests after ${timeoutMs} ms`),
          );
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          unsubscribe();
        };
        scheduled = true;
        setImmediate(check);
      });
    },
  };
}
