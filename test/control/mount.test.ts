import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import { endpointPath } from '../../src/contracts/endpoints.js';
import { honoPath } from '../../src/contracts/route.js';
import { endpointRoute } from '../../src/contracts/routes.js';
import type { MockEnv } from '../../src/server/context.js';
import { mountControl } from '../../src/server/control/index.js';
import { mountDocs } from '../../src/server/docs/index.js';
import { mountFaults } from '../../src/server/faults/index.js';
import { HeldRequests } from '../../src/server/http/hold.js';
import { mountJournal } from '../../src/server/journal/index.js';
import { mountSelfCheck } from '../../src/server/self-check/index.js';
import { reply, testMock, tokens } from '../support/index.js';

/** The features mounted on a fresh app in the order `app.ts` mounts them, around a stand-in `get` endpoint. */
function mountedApp() {
  // A test mock lends its world, clock and options; the app here is built anew, feature by feature.
  const { server } = testMock({
    controlToken: 'secret',
    scenario: { faults: [{ name: 'down', endpoint: 'get', first: 1, status: 503 }] },
  });
  const app = new Hono<MockEnv>();
  const held = new HeldRequests(server.clock);
  const ctx = { world: server.world, clock: server.clock, options: server.options, held };
  const journal = mountJournal(app, ctx);
  const faults = mountFaults(app, ctx);
  mountSelfCheck(app, ctx);
  const control = mountControl(app, ctx, {
    journal,
    faults,
    loadScenario: (scenario) => server.loadScenario(scenario),
  });
  const get = endpointRoute('get');
  app.on(get.method.toUpperCase(), honoPath(get.path), (c) => c.json({ status: 'error', error: { errorType: 'x' } }));
  mountDocs(app, ctx);
  const call = (method: string, path: string, headers: Record<string, string> = {}) =>
    reply(app.request(`http://mock.test${path}`, { method, headers }));
  return { app, journal, faults, control, call };
}

describe('the mount functions, composed as app.ts composes them', () => {
  it('journal, faults, self-check, control (with the fault routes behind its guard) and docs work together', async () => {
    const { journal, faults, control, call } = mountedApp();
    // The fault answers the first get; the journal records what the client got.
    expect((await call('POST', endpointPath('get'), tokens())).status).toBe(503);
    expect(journal.last()).toMatchObject({ endpoint: 'get', status: 503 });
    // The second reaches the stand-in, whose answer breaks the get contract: the self-check catches it.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect((await call('POST', endpointPath('get'), tokens())).body.error.errorType).toBe('selfCheckFailed');
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
    // The fault routes are part of the control API: guarded by its token.
    expect((await call('GET', '/__mock/faults')).status).toBe(401);
    const listed = await call('GET', '/__mock/faults', { 'x-mock-control-token': 'secret' });
    expect(listed.body.faults[0]).toMatchObject({ name: 'down', matched: 2, applied: 1 });
    // A full reset zeroes the fault counters; the operations answer Results.
    expect(control.reset({})).toEqual({ ok: true, value: { reset: 'everything' } });
    expect(faults.list()[0]).toMatchObject({ matched: 0, applied: 0 });
    const refused = control.advance({ by: 'soon' });
    expect(refused.ok ? undefined : refused.error.type).toBe('invalidRequest');
    // The docs, and the mock's own routes, are not journaled.
    expect((await call('GET', '/openapi.json')).status).toBe(200);
    expect(journal.count()).toBe(2);
  });
});
