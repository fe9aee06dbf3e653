import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { CONTROL_TOKEN_HEADER, type ControlIssue } from '../../contracts/mock/control.js';
import { incomingOf, MAX_BODY_BYTES, parseJsonText, readBodyText } from '../http/request.js';
import {
  type ControlContext,
  type ControlFailure,
  type ControlOperations,
  type ControlResult,
  controlFailure,
  createControlOperations,
  failureStatus,
  invalidRequest,
} from './ops.js';

export type { ControlFailure, ControlOperations, ControlResult, ScenarioSource } from './ops.js';

const JSON_HEADERS = { 'content-type': 'application/json' } as const;
/** A scenario may be large (a big inbox given message by message): its body may hold up to 16 MiB. */
export const MAX_SCENARIO_BYTES = 16 * 1024 * 1024;
const YAML_TYPE = /^(application|text)\/(x-)?yaml\s*(;|$)/i;

/**
 * Sends a control failure in the control API's envelope: `{"error": {"type", "message", "issues"?}}`.
 *
 * @example
 * return sendControlFailure(c, { type: 'invalidRequest', message: '[linkedapi-mock] ...', issues });
 */
export function sendControlFailure(c: Context, failure: ControlFailure): Response {
  return c.body(JSON.stringify({ error: failure }), failureStatus(failure) as 400, JSON_HEADERS);
}

const sendOk = (c: Context, value: unknown) => c.body(JSON.stringify(value), 200, JSON_HEADERS);
const send = <T>(c: Context, result: ControlResult<T>) =>
  'failure' in result ? sendControlFailure(c, result.failure) : sendOk(c, result.ok);

async function bodyText(c: Context, limit: number): Promise<ControlResult<string>> {
  const incoming = incomingOf(c);
  const body = await readBodyText(c.req.raw, limit, incoming);
  if ('tooLarge' in body) {
    return controlFailure('bodyTooLarge', `the body is larger than the ${limit} byte limit; nothing changed`);
  }
  return { ok: body.text };
}

/** The body as JSON; an empty body is `empty` when given, else a problem. */
async function bodyJson(c: Context, empty?: object): Promise<ControlResult<unknown>> {
  const text = await bodyText(c, MAX_BODY_BYTES);
  if ('failure' in text) return text;
  if (empty !== undefined && text.ok.trim() === '') return { ok: empty };
  const parsed = parseJsonText(text.ok);
  return 'issues' in parsed ? invalidRequest(parsed.issues) : { ok: parsed.json };
}

/** The query parameters as an object; `takesQuery` false: any parameter is a problem. */
function queryOf(c: Context, takesQuery: boolean): ControlResult<Record<string, string>> {
  const params = new Map<string, string>();
  const issues: ControlIssue[] = [];
  for (const [key, value] of new URL(c.req.url).searchParams) {
    if (!takesQuery) issues.push({ path: `query.${key}`, problem: 'unknown query parameter (this route takes none)' });
    else if (params.has(key)) issues.push({ path: `query.${key}`, problem: 'given more than once' });
    params.set(key, value);
  }
  return issues.length > 0 ? invalidRequest(issues) : { ok: Object.fromEntries(params) };
}

/** Runs `handle` when the request has no query parameters, else answers the problem. */
const withoutQuery = (handle: (c: Context) => Response | Promise<Response>) => (c: Context) => {
  const query = queryOf(c, false);
  return 'failure' in query ? sendControlFailure(c, query.failure) : handle(c);
};

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Refuses every `/__mock/*` request but `/__mock/health` that lacks the control token. Never logs it. */
function controlTokenGuard(token: string): MiddlewareHandler {
  const expected = digest(token);
  return async function controlToken(c, next) {
    if (c.req.path === '/__mock/health') return next();
    const given = c.req.header(CONTROL_TOKEN_HEADER);
    if (given === undefined) {
      const message = `this mock was started with a control token: send it in the ${CONTROL_TOKEN_HEADER} header`;
      return sendControlFailure(c, controlFailure('controlTokenRequired', message).failure);
    }
    if (!timingSafeEqual(digest(given), expected)) {
      const message = `the ${CONTROL_TOKEN_HEADER} header does not match the control token this mock was started with (--control-token)`;
      return sendControlFailure(c, controlFailure('invalidControlToken', message).failure);
    }
    return next();
  };
}

/**
 * Mounts the control API under `/__mock` (reset, scenario, state, clock, messages, journal, webhooks) and,
 * when `options.controlToken` is set, the guard of every `/__mock/*` route (register this before any other
 * `/__mock` route, so that the guard covers it). Returns the operations, for the in-process test harness.
 *
 * @example
 * const control = registerControl(app, { world, options, journal, loadScenario });
 * control.advance({ by: '90s' });
 */
export function registerControl(app: Hono, context: ControlContext): ControlOperations {
  const ops = createControlOperations(context);
  if (context.options.controlToken !== undefined) app.use('/__mock/*', controlTokenGuard(context.options.controlToken));

  app.post(
    '/__mock/reset',
    withoutQuery(async function resetMock(c) {
      const body = await bodyJson(c, {});
      return send(c, 'failure' in body ? body : ops.reset(body.ok));
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
      if ('failure' in text) return sendControlFailure(c, text.failure);
      const yaml = YAML_TYPE.test(c.req.header('content-type') ?? '');
      if (!yaml && text.ok.trim() === '') {
        const problem =
          'expected a scenario as JSON (or YAML with content-type application/yaml), got an empty body; send {} for the default world';
        return send(c, invalidRequest([{ path: 'body', problem }]));
      }
      return send(c, ops.loadScenario({ text: text.ok, format: yaml ? 'yaml' : 'json' }));
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
      return send(c, 'failure' in body ? body : operation(body.ok));
    });
  app.post('/__mock/clock/advance', jsonRoute(ops.advance));
  app.post('/__mock/clock/set', jsonRoute(ops.setTime));
  app.post('/__mock/messages', jsonRoute(ops.injectMessage));
  app.get('/__mock/journal', function getJournal(c) {
    const query = queryOf(c, true);
    return send(c, 'failure' in query ? query : ops.journal(query.ok));
  });
  app.delete(
    '/__mock/journal',
    withoutQuery((c) => sendOk(c, ops.clearJournal())),
  );
  app.get('/__mock/webhooks', function getWebhookAttempts(c) {
    const query = queryOf(c, true);
    return send(c, 'failure' in query ? query : ops.webhooks(query.ok));
  });
  return ops;
}
