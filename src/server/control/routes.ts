import type { Context } from 'hono';
import type { MockApp } from '../context.js';
import { type ControlResult, invalidRequest, sendControlFailure, sendControlResult } from './failure.js';
import type { ControlOperations } from './operations.js';
import { bodyJson, bodyText, queryOf, withoutQuery } from './request.js';

/** A scenario may be large (a big inbox given message by message): its body may hold up to 16 MiB. */
export const MAX_SCENARIO_BYTES = 16 * 1024 * 1024;
const YAML_TYPE = /^(application|text)\/(x-)?yaml\s*(;|$)/i;

const sendOk = (c: Context, value: unknown) => sendControlResult(c, { ok: true, value });

/**
 * Mounts the routes of the control API under `/__mock` (reset, scenario, state, clock, messages, journal,
 * webhooks), each a thin HTTP face of one of `ops`.
 */
export function mountControlRoutes(app: MockApp, ops: ControlOperations): void {
  app.post(
    '/__mock/reset',
    withoutQuery(async function resetMock(c) {
      const body = await bodyJson(c, { empty: {} });
      return sendControlResult(c, body.ok ? ops.reset(body.value) : body);
    }),
  );
  app.get(
    '/__mock/scenario',
    withoutQuery((c) => sendOk(c, ops.scenario())),
  );
  app.put(
    '/__mock/scenario',
    withoutQuery(async function loadScenario(c) {
      const text = await bodyText(c, MAX_SCENARIO_BYTES);
      if (!text.ok) return sendControlFailure(c, text.error);
      const yaml = YAML_TYPE.test(c.req.header('content-type') ?? '');
      if (!yaml && text.value.trim() === '') {
        const problem =
          'expected a scenario as JSON (or YAML with content-type application/yaml), got an empty body; send {} for the default world';
        return sendControlResult(c, invalidRequest([{ code: 'empty', path: 'body', problem }]));
      }
      return sendControlResult(c, ops.loadScenario({ text: text.value, format: yaml ? 'yaml' : 'json' }));
    }),
  );
  app.get(
    '/__mock/state',
    withoutQuery((c) => sendOk(c, ops.state())),
  );
  app.get(
    '/__mock/clock',
    withoutQuery((c) => sendOk(c, ops.clock())),
  );
  const jsonRoute = (operation: (body: unknown) => ControlResult<unknown>) =>
    withoutQuery(async (c) => {
      const body = await bodyJson(c);
      return sendControlResult(c, body.ok ? operation(body.value) : body);
    });
  app.post('/__mock/clock/advance', jsonRoute(ops.advance));
  app.post('/__mock/clock/set', jsonRoute(ops.setTime));
  app.post('/__mock/messages', jsonRoute(ops.injectMessage));
  app.get('/__mock/journal', function getJournal(c) {
    const query = queryOf(c, true);
    return sendControlResult(c, query.ok ? ops.journal(query.value) : query);
  });
  app.delete(
    '/__mock/journal',
    withoutQuery((c) => sendOk(c, ops.clearJournal())),
  );
  app.get('/__mock/webhooks', function getWebhookAttempts(c) {
    const query = queryOf(c, true);
    return sendControlResult(c, query.ok ? ops.webhooks(query.value) : query);
  });
}
