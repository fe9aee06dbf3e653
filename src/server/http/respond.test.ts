import { type Context, Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../core/issue.js';
import { E1 } from '../e1/render.js';
import { E4 } from '../e4/render.js';
import { MAX_LISTED_ISSUES } from './body.js';
import { type Answer, counterpartError, readJson, responder, send } from './respond.js';

/** Answers one request with `respond(c)`; its status, content type, retry-after and body text. */
async function answered(respond: (c: Context) => Response | Promise<Response>, body?: string) {
  const app = new Hono();
  app.post('/x', respond);
  const res = await app.request('/x', { method: 'POST', ...(body !== undefined && { body }) });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    retryAfter: res.headers.get('retry-after'),
    body: await res.text(),
  };
}

describe('responder', () => {
  it('answers a world refusal in each dialect’s words, tooManyRequests with retry-after', async () => {
    const options = {};
    const e1 = await answered((c) => responder(E1, options).refuse(c, { reason: 'noSeats' }));
    expect(e1).toMatchObject({ status: 403, type: 'application/json', retryAfter: null });
    expect(JSON.parse(e1.body).error.errorType).toBe('noActiveSeats');
    const e4 = await answered((c) =>
      responder(E4, options).refuse(c, { reason: 'tooManyRequests', retryAfterSeconds: 7 }),
    );
    expect(e4).toMatchObject({ status: 429, retryAfter: '7' });
    expect(JSON.parse(e4.body)).toMatchObject({ success: false, error: { type: 'tooManyRequests' } });
  });

  it('errorHttpStatus replaces the status of errors only, read when answering', async () => {
    const options: { errorHttpStatus?: number } = {};
    const e1 = responder(E1, options);
    const failed: Answer = { status: 403, body: '{"status":"error"}' };
    const complete: Answer = { status: 200, body: '{"status":"complete"}' };
    expect((await answered((c) => e1.answer(c, failed))).status).toBe(403);
    options.errorHttpStatus = 200;
    expect((await answered((c) => e1.answer(c, failed))).status).toBe(200);
    expect((await answered((c) => e1.answer(c, complete))).status).toBe(200);
    expect((await answered((c) => e1.error(c, 'resultNotFound'))).status).toBe(200);
    expect((await answered((c) => send(c, 404, '{}'))).status).toBe(404); // send is not an error answer
  });

  it('lists at most MAX_LISTED_ISSUES issues in {details}', async () => {
    const issues = Array.from({ length: MAX_LISTED_ISSUES + 2 }, (_, i) => ({ path: `a[${i}]`, problem: 'bad' }));
    const { status, body } = await answered((c) => responder(E4, {}).invalid(c, 'invalidRequestPayload', issues));
    expect(status).toBe(400);
    expect(JSON.parse(body).error.message).toMatch(/a\[19\]: bad; and 2 more problems\.$/);
  });
});

describe('readJson', () => {
  const schemaless = (json: unknown): Result<unknown> => ok(json);

  it('gives the checked JSON value', async () => {
    let value: unknown;
    await answered(async (c) => {
      const body = await readJson(c, responder(E1, {}), 'invalidRequestBody', 'a JSON object', schemaless);
      value = body.ok && body.value;
      return send(c, 200, '{}');
    }, '{"a":1}');
    expect(value).toEqual({ a: 1 });
  });

  it('answers an empty body, bad JSON and a failed check with the dialect’s invalid type', async () => {
    const read = (body: string, check = schemaless) =>
      answered(async (c) => {
        const result = await readJson(c, responder(E4, {}), 'invalidWorkflow', 'an action', check);
        return result.ok ? send(c, 200, '{}') : result.error;
      }, body);
    expect(JSON.parse((await read('')).body).error.message).toContain('body: expected an action, got an empty body');
    expect(JSON.parse((await read('{')).body).error.type).toBe('invalidWorkflow');
    const refused = await read('{}', () => fail([{ code: 'invalid_type', path: 'actionType', problem: 'required' }]));
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body).error.message).toContain('actionType: required');
  });
});

describe('counterpartError', () => {
  it('names a world refusal or failure as the other dialect does', () => {
    expect(counterpartError('invalidLinkedApiToken', E4, E1)).toBe('invalidAccountApiToken');
    expect(counterpartError('noActiveSeats', E1, E4)).toBe('subscriptionRequired');
    expect(counterpartError('linkedinAccountSignedOut', E1, E4)).toBe('linkedinAccountSignedOut');
  });

  it('has nothing for an error of the server itself', () => {
    expect(counterpartError('invalidRequestBody', E1, E4)).toBeUndefined();
    expect(counterpartError('workflowNotFound', E4, E1)).toBeUndefined();
  });
});
