import { type Context, Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../contracts/endpoints.js';
import { honoPath } from '../contracts/route.js';
import { createMockServer } from './app.js';
import type { MockApp, MockEnv } from './context.js';
import { mountEndpoints } from './endpoints.js';

type MockContext = Context<MockEnv>;

const routesOf = (app: { routes: { method: string; path: string }[] }) =>
  app.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path}`);
const rowsOf = (dialect: string) =>
  ENDPOINTS.filter((row) => row.dialect === dialect).map((row) => `${row.method.toUpperCase()} ${honoPath(row.path)}`);

describe('mountEndpoints', () => {
  it('mounts each row of one dialect at its method and path, with the handler named like the row', async () => {
    const app: MockApp = new Hono<MockEnv>();
    const handlers = Object.fromEntries(
      ENDPOINTS.filter((row) => row.dialect === 'E4').map((row) => [row.name, (c: MockContext) => c.text(row.name)]),
    );
    mountEndpoints(app, 'E4', handlers);
    expect(routesOf(app)).toEqual(rowsOf('E4'));
    expect(await (await app.request('/workflows/wf-1', { method: 'DELETE' })).text()).toBe('workflowCancel');
  });

  it('refuses a dialect whose rows are not all handled, naming the row', () => {
    const app: MockApp = new Hono<MockEnv>();
    expect(() => mountEndpoints(app, 'E1', { synchronize: (c) => c.text('') })).toThrow(
      '[linkedapi-mock] the E1 endpoint get has no handler',
    );
  });

  it('the mock serves every row of the endpoint table', () => {
    const served = routesOf(createMockServer({ speed: 0 }).app);
    for (const row of [...rowsOf('E1'), ...rowsOf('E4')]) expect(served).toContain(row);
  });
});
