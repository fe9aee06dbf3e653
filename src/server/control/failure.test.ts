import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkControl, invalidRequest, sendControlFailure } from './failure.js';
import { queryOf } from './request.js';

describe('the control API’s refusals', () => {
  it('are sent without each issue’s code, the other fields in the order they were made', async () => {
    const app = new Hono();
    const refused = invalidRequest([
      { code: 'syntax', path: 'file', problem: 'p', hint: 'h', line: 2, column: 3 },
      { code: 'custom', path: 'x', problem: 'q' },
    ]);
    app.get('/', (c) => sendControlFailure(c, refused.ok ? (undefined as never) : refused.error));
    const res = await app.request('/');
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(
      '{"error":{"type":"invalidRequest","message":"[linkedapi-mock] the control request is invalid: file: p; x: q. Nothing changed; fix it and send it again.","issues":[{"path":"file","problem":"p","hint":"h","line":2,"column":3},{"path":"x","problem":"q"}]}}',
    );
  });

  it('locate a query’s problems under query, and say numbers out of bounds plainly', () => {
    const Query = z.strictObject({ limit: z.coerce.number().int().min(1) });
    expect(checkControl(Query, { limit: '0' }, 'query')).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'query.limit', problem: 'must be >= 1, got 0' }] },
    });
    expect(checkControl(Query, { limit: '3' }, 'query')).toEqual({ ok: true, value: { limit: 3 } });
  });

  it('name an unknown query parameter once however often it is given; a repeated known one is a problem', () => {
    const c = (url: string) => ({ req: { url } }) as Parameters<typeof queryOf>[0];
    const paths = (result: ReturnType<typeof queryOf>) => (result.ok ? [] : result.error.issues?.map((i) => i.path));
    expect(paths(queryOf(c('http://m/x?a=1&a=2&b=3'), false))).toEqual(['query.a', 'query.b']);
    expect(paths(queryOf(c('http://m/x?a=1&a=2'), true))).toEqual(['query.a']);
    expect(queryOf(c('http://m/x?a=1&b=2'), true)).toEqual({ ok: true, value: { a: '1', b: '2' } });
  });
});
