import type { Context } from 'hono';
import type { Issue } from '../../core/issue.js';
import { ok } from '../../core/issue.js';
import type { MockEnv } from '../context.js';
import { MAX_BODY_BYTES, parseJson, readBodyText } from '../http/body.js';
import { type ControlResult, controlFailure, invalidRequest, sendControlFailure } from './failure.js';

/*
 * What a control route reads of its request: the body (text or JSON) and the query parameters, each refused in
 * the control API's terms.
 */

/** The body as text, at most `limit` bytes. */
export async function bodyText(c: Context<MockEnv>, limit = MAX_BODY_BYTES): Promise<ControlResult<string>> {
  const body = await readBodyText(c, limit);
  if (!body.ok) {
    return controlFailure('bodyTooLarge', `the body is larger than the ${limit} byte limit; nothing changed`);
  }
  return body;
}

/** The body as JSON (`expected`: what an empty body should have been); an empty body is `empty` when given. */
export async function bodyJson(
  c: Context<MockEnv>,
  options: { empty?: object; expected?: string } = {},
): Promise<ControlResult<unknown>> {
  const text = await bodyText(c);
  if (!text.ok) return text;
  if (options.empty !== undefined && text.value.trim() === '') return ok(options.empty);
  const parsed = parseJson(text.value, options.expected);
  return parsed.ok ? parsed : invalidRequest(parsed.error);
}

/** The query parameters as an object; `takesQuery` false: any parameter is a problem (each name once). */
export function queryOf(c: Context, takesQuery: boolean): ControlResult<Record<string, string>> {
  const params = new Map<string, string>();
  const issues: Issue[] = [];
  for (const [key, value] of new URL(c.req.url).searchParams) {
    const path = `query.${key}`;
    if (!takesQuery) {
      const problem = 'unknown query parameter (this route takes none)';
      if (!params.has(key)) issues.push({ code: 'unrecognized_keys', path, problem });
    } else if (params.has(key)) issues.push({ code: 'duplicate', path, problem: 'given more than once' });
    params.set(key, value);
  }
  return issues.length > 0 ? invalidRequest(issues) : ok(Object.fromEntries(params));
}

/** A route handler that runs `handle` when the request has no query parameters (it takes none), else refuses it. */
export const withoutQuery =
  (handle: (c: Context<MockEnv>) => Response | Promise<Response>) => (c: Context<MockEnv>) => {
    const query = queryOf(c, false);
    return query.ok ? handle(c) : sendControlFailure(c, query.error);
  };
