import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { endpointPath } from '../../contracts/endpoints.js';
import { ROUTES } from '../../contracts/routes.js';
import { ManualClock } from '../../core/clock.js';
import type { MockEnv } from '../context.js';
import { isOwnPath, RequestJournal } from './journal.js';

describe('what the journal records', () => {
  it('leaves out the mock’s own routes, every one of them, and any path under them', () => {
    for (const route of ROUTES.filter((candidate) => candidate.dialect === 'mock')) {
      expect(isOwnPath(route.path), route.path).toBe(true);
    }
    for (const path of ['/__mock', '/__mock/nope', '/docs/assets/x.js', '/openapi.json/x']) {
      expect(isOwnPath(path), path).toBe(true);
    }
    for (const path of ['/', '/nowhere', '/__mockery', '/docsx', endpointPath('get'), '/workflows/wf-1']) {
      expect(isOwnPath(path), path).toBe(false);
    }
  });

  it('records an unknown path as unknown, and the mock’s own paths not at all', async () => {
    const journal = new RequestJournal(10, new ManualClock(0));
    const app = new Hono<MockEnv>();
    app.use(journal.middleware());
    app.get('/__mock/health', (c) => c.text('ok'));
    for (const path of ['/nowhere', '/__mock/health', '/__mock/nope', '/docs/x']) await app.request(path);
    expect(journal.entries().map((entry) => [entry.path, entry.endpoint, entry.status])).toEqual([
      ['/nowhere', 'unknown', 404],
    ]);
  });
});
