import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Result } from '../../core/issue.js';
import type { MockEnv } from '../context.js';
import { type BodyText, parseBody, parseJson, readBodyText, readRequestText } from './body.js';

/** An app whose one route reads the body with `read`, a middleware before it setting the `onBodyRead` hook. */
function hookedApp(read: (c: Parameters<typeof readBodyText>[0]) => Promise<unknown>) {
  const told: BodyText[] = [];
  const app = new Hono<MockEnv>();
  app.use(function hook(c, next) {
    c.set('onBodyRead', (body) => told.push(body));
    return next();
  });
  app.post('/read', async (c) => c.json(await read(c)));
  return { app, told };
}

const post = (app: Hono<MockEnv>, body: string) => app.request('/read', { method: 'POST', body });

describe('readBodyText(c): the body, and the request’s onBodyRead hook told of it', () => {
  it('tells the hook once what it read', async () => {
    const { app, told } = hookedApp((c) => readBodyText(c));
    expect(await (await post(app, '{"a":1}')).json()).toEqual({ ok: true, value: '{"a":1}' });
    expect(told).toEqual([{ ok: true, value: '{"a":1}' }]);
  });

  it('past the limit: tooLarge, told too', async () => {
    const { app, told } = hookedApp((c) => readBodyText(c, 4));
    expect(await (await post(app, '12345')).json()).toEqual({ ok: false, error: 'tooLarge' });
    expect(told).toEqual([{ ok: false, error: 'tooLarge' }]);
  });

  it('readRequestText tells nobody (a fault reading a copy)', async () => {
    const { app, told } = hookedApp((c) => readRequestText(c.req.raw.clone()));
    expect(await (await post(app, 'x')).json()).toEqual({ ok: true, value: 'x' });
    expect(told).toEqual([]);
  });

  it('with no hook, reads all the same', async () => {
    const app = new Hono<MockEnv>();
    app.post('/read', async (c) => c.json(await readBodyText(c)));
    expect(await (await post(app, 'z')).json()).toEqual({ ok: true, value: 'z' });
  });
});

describe('parsing a body', () => {
  const Body = z.strictObject({ n: z.number() });

  it('JSON text → the value, or the problems as Issues', () => {
    expect(parseJson('[1]')).toEqual({ ok: true, value: [1] });
    const problems = (result: Result<unknown>) => (result.ok ? [] : result.error.map((issue) => issue.problem));
    expect(problems(parseJson(' ', 'a fault rule'))).toEqual(['expected a fault rule, got an empty body']);
    expect(problems(parseJson('{'))[0]).toMatch(/^expected valid JSON \(/);
  });

  it('validated by a schema, paths under body', () => {
    expect(parseBody('{"n":1}', Body)).toEqual({ ok: true, value: { n: 1 } });
    expect(parseBody('{"n":"1","m":2}', Body)).toEqual({
      ok: false,
      error: [
        { code: 'invalid_type', path: 'n', problem: 'expected number, got the string "1"' },
        { code: 'unrecognized_keys', path: 'm', problem: 'Unrecognized key: "m"' },
      ],
    });
    expect(parseBody('[{"n":1}]', Body)).toMatchObject({ ok: false, error: [{ path: 'body' }] });
    expect(parseBody('[{"n":true}]', z.array(Body))).toMatchObject({ ok: false, error: [{ path: 'body[0].n' }] });
  });
});
