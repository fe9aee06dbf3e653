import type { Context } from 'hono';
import type { MockApp } from '../context.js';
import { controlFailure, invalidRequest, sendControlFailure } from '../control/failure.js';
import { bodyJson, withoutQuery } from '../control/request.js';
import type { FaultInjector } from './injector.js';

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

const send = (c: Context, status: number, value: unknown) => c.body(JSON.stringify(value), status as 200, JSON_HEADERS);

const known = (names: string[]) => (names.length === 0 ? 'there are no faults' : `faults: ${names.join(', ')}`);

/**
 * Mounts the fault control routes: `GET /__mock/faults` (the rules with their counters), `POST /__mock/faults`
 * (add one rule, the shape of an entry of a scenario's `faults`), `DELETE /__mock/faults/{name}` and
 * `DELETE /__mock/faults` (all). Errors in the control API's envelope; part of the control API, they are mounted
 * by `mountControl`, behind its token guard.
 *
 * @example
 * mountFaultRoutes(app, faults);
 * // curl -d '{"name":"flaky","endpoint":"get","every":3,"status":503}' http://127.0.0.1:4010/__mock/faults
 */
export function mountFaultRoutes(app: MockApp, faults: FaultInjector): void {
  app.get(
    '/__mock/faults',
    withoutQuery(function listFaults(c) {
      return send(c, 200, { faults: faults.list() });
    }),
  );

  app.post(
    '/__mock/faults',
    withoutQuery(async function addFault(c) {
      const json = await bodyJson(c, { expected: 'a fault rule (a JSON object)' });
      if (!json.ok) return sendControlFailure(c, json.error);
      const added = faults.add(json.value);
      if (added.ok) return send(c, 201, { fault: added.value });
      const refusal = added.error;
      if (refusal.type === 'invalidFault') return sendControlFailure(c, invalidRequest(refusal.issues).error);
      const path = `/__mock/faults/${encodeURIComponent(refusal.name)}`;
      const message = `there is already a fault named ${refusal.name}: remove it first (DELETE ${path}) or give this one another name; nothing changed`;
      return sendControlFailure(c, controlFailure('faultExists', message).error);
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
      return sendControlFailure(c, controlFailure('faultNotFound', message).error);
    }),
  );
}
