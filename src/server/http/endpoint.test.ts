import { Hono } from 'hono';
import { routePath } from 'hono/route';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS, endpointNamed, endpointPath } from '../../contracts/endpoints.js';
import { honoPath } from '../../contracts/route.js';
import type { MockEnv } from '../context.js';
import { pathParams, requestEndpoint } from './endpoint.js';

/** An app shaped like the mock's: middleware first (which asks), then one route per endpoint and a route of its own. */
function probeApp() {
  const seen: { endpoint: string | undefined; routePath: string; cached: boolean }[] = [];
  const app = new Hono<MockEnv>();
  app.use(function first(c, next) {
    seen.push({ endpoint: requestEndpoint(c)?.name, routePath: routePath(c, -1), cached: false });
    return next();
  });
  app.use(function second(c, next) {
    // The second middleware gets what the first worked out, from the context.
    (seen.at(-1) as { cached: boolean }).cached = c.get('endpoint') !== undefined;
    return next();
  });
  for (const endpoint of ENDPOINTS) {
    app.on(endpoint.method.toUpperCase(), honoPath(endpoint.path), (c) => c.text(endpoint.name));
  }
  app.get('/__mock/health', (c) => c.text('ok'));
  return { app, seen };
}

describe('requestEndpoint: the endpoint from Hono’s match', () => {
  it('names every endpoint of the table by the route its request matched, once per request', async () => {
    const { app, seen } = probeApp();
    for (const endpoint of ENDPOINTS) {
      const path = endpointPath(endpoint.name, { id: 'res-1', workflowId: 'wf-1' });
      const res = await app.request(path, { method: endpoint.method.toUpperCase() });
      expect(await res.text()).toBe(endpoint.name);
      expect(seen.at(-1)).toEqual({
        endpoint: endpoint.name,
        routePath: honoPath(endpoint.path),
        cached: true,
      });
    }
  });

  it('an unknown path matches only the middleware (routePath "/*"): no endpoint', async () => {
    const { app, seen } = probeApp();
    for (const [method, path] of [
      ['POST', '/nowhere'],
      ['GET', endpointPath('get')], // a known path, another method
      ['GET', `${endpointPath('result', { id: 'a' })}/b`],
      ['POST', endpointPath('workflowStatus', { workflowId: 'wf-1' })],
      ['GET', '/__mock/health'], // the mock's own route
    ] as const) {
      await app.request(path, { method });
      expect(seen.at(-1)?.endpoint, `${method} ${path}`).toBeUndefined();
      expect(seen.at(-1)?.cached).toBe(false);
    }
    expect(seen.slice(0, 4).map((probe) => probe.routePath)).toEqual(['/*', '/*', '/*', '/*']);
    expect(seen[4]?.routePath).toBe('/__mock/health');
  });
});

describe('pathParams', () => {
  it('reads the parameters of an endpoint’s path as they are written', () => {
    expect(pathParams(endpointNamed('workflowCancel'), '/workflows/wf%201')).toEqual({ workflowId: 'wf%201' });
    expect(pathParams(endpointNamed('result'), endpointPath('result', { id: 'res-1' }))).toEqual({ id: 'res-1' });
    expect(pathParams(endpointNamed('get'), endpointPath('get'))).toEqual({});
  });
});
