/*
 * The body and header helpers as they were called before the house was restructured, kept only until the E1 and
 * E4 handlers call the new ones (`./body.js`: `readBodyText(c)`, `parseJson`, `validate`, `parseBody` returning a
 * `Result`; `./result-handling.js`; `./origin.js`). Nothing else uses this file: delete it then, with the
 * `bridgeBodyHook(c)` line of the journal's middleware.
 */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { Issue } from '../../core/issue.js';
import type { MockEnv } from '../context.js';
import { type BodyText as BodyResult, validate as check, MAX_BODY_BYTES, parseJson, readRequestText } from './body.js';
import { parseResultHandling as checkResultHandling, type ResultHandling } from './result-handling.js';

export { BODY_TOO_LARGE, incomingOf, MAX_BODY_BYTES, MAX_LISTED_ISSUES } from './body.js';
export { requestOrigin } from './origin.js';
export type { ResultHandling } from './result-handling.js';

/** @deprecated `BodyText` of `./body.js` (a `Result`). */
export type BodyText = { text: string } | { tooLarge: true };
/** An issue as the old helpers' callers may make them: `code` optional. */
type LegacyIssue = Omit<Issue, 'code'> & { code?: string };
/** @deprecated `Result<T>` of `core/issue.js`. */
export type Parsed<T> = { value: T } | { issues: LegacyIssue[] };

/**
 * Where a request carries the journal's hook, for the old `readBodyText(request, …)` that is not given the context
 * (a property rather than a WeakMap keyed by requests: ephemerons cost the garbage collector dearly under load).
 */
const BODY_HOOK: unique symbol = Symbol('linkedapi-mock onBodyRead');
type Hooked = Request & { [BODY_HOOK]?: (body: BodyResult) => void };

/** Lets `readBodyText(c.req.raw, …)` tell the request's `onBodyRead` hook, as `readBodyText(c)` does. */
export function bridgeBodyHook(c: Context<MockEnv>): void {
  const hook = c.get('onBodyRead');
  if (hook) (c.req.raw as Hooked)[BODY_HOOK] = hook;
}

/** @deprecated `readBodyText(c, limit)` of `./body.js`. */
export async function readBodyText(
  request: Request,
  limit = MAX_BODY_BYTES,
  incoming?: IncomingMessage,
): Promise<BodyText> {
  const body = await readRequestText(request, limit, incoming);
  (request as Hooked)[BODY_HOOK]?.(body);
  return body.ok ? { text: body.value } : { tooLarge: true };
}

const parsed = <T>(result: { ok: true; value: T } | { ok: false; error: LegacyIssue[] }): Parsed<T> =>
  result.ok ? { value: result.value } : { issues: result.error };

/** @deprecated `parseJson` of `./body.js`. */
export function parseJsonText(text: string, expected = 'a JSON object'): { json: unknown } | { issues: LegacyIssue[] } {
  const result = parseJson(text, expected);
  return result.ok ? { json: result.value } : { issues: result.error };
}

/** @deprecated `validate` of `./body.js`. */
export function validate<S extends z.ZodType>(json: unknown, schema: S): Parsed<z.infer<S>> {
  return parsed(check(json, schema));
}

/** @deprecated `parseBody` of `./body.js`. */
export function parseBody<S extends z.ZodType>(text: string, schema: S): Parsed<z.infer<S>> {
  const json = parseJson(text);
  return json.ok ? validate(json.value, schema) : { issues: json.error };
}

/** @deprecated `parseResultHandling` of `./result-handling.js`. */
export function parseResultHandling(headers: Headers): Parsed<ResultHandling> {
  return parsed(checkResultHandling(headers));
}
