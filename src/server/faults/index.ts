import type { Context, Hono } from 'hono';
import { sendControlFailure } from '../control/index.js';
import { controlFailure, invalidRequest } from '../control/ops.js';
import { MAX_BODY_BYTES, parseJsonText, readBodyText } from '../http/request.js';
import type { FaultInjector } from './injector.js';

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

const send = (c: Context, status: number, value: unknown) => c.body(JSON.stringify(value), status as 200, JSON_HEADERS);

/** Runs `handle` when the request has no query parameters (these routes take none), else refuses it. */
const withoutQuery = (handle: (c: Context) => Response | Promise<Response>) => (c: Context) => {
  const keys = [...new Set(new URL(c.req.url).searchParams.keys())];
  if (keys.length === 0) return handle(c);
  const issues = keys.map((key) => ({
    path: `query.${key}`,
    problem: 'unknown query parameter (this route takes none)',
  }));
  return sendControlFailure(c, invalidRequest(issues).failure);
};

const known = (names: string[]) => (names.length === 0 ? 'there are no faults' : `faults: ${names.join(', ')}`);

/**
 * Mounts the fault control routes: `GET /__mock/faults` (the rules with their counters), `POST /__mock/faults`
 * (add one rule, the shape of an entry of a scenario's `faults`), `DELETE /__mock/faults/{name}` and
 * `DELETE /__mock/faults` (all). Errors in the control API's envelope; the control token, when the mock has
 * one, is checked by the guard of every `/__mock/*` route (`registerControl`, registered first).
 *
 * @example
 * registerFaultRoutes(app, faults);
 * // curl -d '{"name":"flaky","endpoint":"get","every":3,"status":503}' http://127.0.0.1:4010/__mock/faults
 */
export function registerFaultRoutes(app: Hono, faults: FaultInjector): void {
  app.get(
    '/__mock/faults',
    withoutQuery(function listFaults(c) {
      return send(c, 200, { faults: faults.list() });
    }),
  );

  app.post(
    '/__mock/faults',
    withoutQuery(async function addFault(c) {
      const text = await readBodyText(c.req.raw, MAX_BODY_BYTES);
      if ('tooLarge' in text) {
        const message = `the body is larger than the ${MAX_BODY_BYTES} byte limit; nothing changed`;
        return sendControlFailure(c, controlFailure('bodyTooLarge', message).failure);
      }
      const json = parseJsonText(text.text, 'a fault rule (a JSON object)');
      if ('issues' in json) return sendControlFailure(c, invalidRequest(json.issues).failure);
      const added = faults.add(json.json);
      if ('fault' in added) return send(c, 201, added);
      if (added.error === 'invalidFault') return sendControlFailure(c, invalidRequest(added.issues).failure);
      const path = `/__mock/faults/${encodeURIComponent(added.name)}`;
      const message = `there is already a fault named ${added.name}: remove it first (DELETE ${path}) or give this one another name; nothing changed`;
      return sendControlFailure(c, controlFailure('faultExists', message).failure);
    }),
  );

  app.delete(
    '/__mock/faults',
    withoutQuery(function clearFaults(c) {
      return send(c, 200, { removed: faults.clear() });
    }),
  );

  app.delete(
    '/__mock/faults/:name',
    withoutQuery(function removeFault(c) {
      const name = c.req.param('name') ?? '';
      const removed = faults.remove(name);
      if (removed) return send(c, 200, { removed });
      const message = `there is no fault named ${name} (${known(faults.names())}); list them with GET /__mock/faults`;
      return sendControlFailure(c, controlFailure('faultNotFound', message).failure);
    }),
  );
}
