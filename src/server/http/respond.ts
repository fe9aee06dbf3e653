import type { Context } from 'hono';
import { fail, formatDetails, type Issue, ok, type Result } from '../../core/issue.js';
import type { Refusal, WorldErrorName } from '../../world/outcome.js';
import type { MockEnv } from '../context.js';
import { BODY_TOO_LARGE, MAX_LISTED_ISSUES, parseJson, readBodyText } from './body.js';

/*
 * One way to answer a public endpoint: every E1 and E4 answer is JSON text sent by `send`; an error is a type of
 * the dialect's catalogue, sent in the dialect's envelope with the catalogue's status (or `errorHttpStatus`).
 */

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/** A dialect's error catalogue, its envelope, and the names it gives the world's refusals and failures. */
export interface Dialect<T extends string> {
  /** Each error type's HTTP status. */
  readonly errors: { readonly [K in T]: { readonly status: number } };
  /** The JSON text of an error answer: the envelope around the type and its catalogue message. */
  errorBody(type: T, params?: Record<string, string>): string;
  /** The world's names → this dialect's error types: the one place the dialect names them. */
  readonly worldErrors: { readonly [K in WorldErrorName]: T };
}

/**
 * The error type `to` gives the world refusal or failure that `from` calls `type`; undefined when `type` is none of
 * the world's (the errors of the server itself, such as E1's `invalidRequestBody`, have no world name).
 *
 * @example counterpartError('invalidLinkedApiToken', E4, E1); // 'invalidAccountApiToken'
 */
export function counterpartError<F extends string, T extends string>(
  type: string,
  from: Dialect<F>,
  to: Dialect<T>,
): T | undefined {
  for (const [name, named] of Object.entries(from.worldErrors) as [WorldErrorName, F][]) {
    if (named === type) return to.worldErrors[name];
  }
  return undefined;
}

/** An answer ready to send: status and JSON text. */
export interface Answer {
  status: number;
  body: string;
}

/** Sends JSON text with its status and any extra headers. */
export function send(c: Context, status: number, body: string, headers?: Record<string, string>): Response {
  return c.body(body, status as 200, headers ? { ...JSON_HEADERS, ...headers } : JSON_HEADERS);
}

/** How one dialect answers, with the options in force read at each answer (`errorHttpStatus`). */
export interface Responder<T extends string> {
  /** An answer already rendered; `errorHttpStatus`, when set, replaces an error's status (400 and up). */
  answer(c: Context, answer: Answer): Response;
  /** A catalogue error: its status (or `status`, e.g. 413; `errorHttpStatus` over both), its envelope. */
  error(c: Context, type: T, init?: ErrorInit): Response;
  /** A body or header refused with its issues listed in `{details}` (at most `MAX_LISTED_ISSUES`). */
  invalid(c: Context, type: T, issues: readonly Pick<Issue, 'path' | 'problem'>[], status?: number): Response;
  /** A refusal of the world in the dialect's words; `tooManyRequests` says when to retry (`retry-after`). */
  refuse(c: Context, refusal: Refusal): Response;
}

export interface ErrorInit {
  params?: Record<string, string>;
  headers?: Record<string, string>;
  status?: number;
}

/**
 * The responder of a dialect.
 *
 * @example
 * const e1 = responder(E1, options);
 * if (!auth.ok) return e1.refuse(c, auth.error);
 */
export function responder<T extends string>(
  dialect: Dialect<T>,
  options: { readonly errorHttpStatus?: number | undefined },
): Responder<T> {
  const error: Responder<T>['error'] = (c, type, init = {}) =>
    send(
      c,
      options.errorHttpStatus ?? init.status ?? dialect.errors[type].status,
      dialect.errorBody(type, init.params),
      init.headers,
    );
  return {
    answer: (c, { status, body }) => send(c, status >= 400 ? (options.errorHttpStatus ?? status) : status, body),
    error,
    invalid: (c, type, issues, status) =>
      error(c, type, { params: { details: formatDetails(issues, MAX_LISTED_ISSUES) }, ...(status && { status }) }),
    refuse(c, refusal) {
      const type = dialect.worldErrors[refusal.reason];
      if (refusal.reason !== 'tooManyRequests') return error(c, type);
      return error(c, type, { headers: { 'retry-after': String(refusal.retryAfterSeconds) } });
    },
  };
}

/**
 * The request body, JSON checked by `check`, or the answer refusing it with `type` and the issues found
 * (413 over the size limit; `expected` says what an empty body should have been).
 *
 * @example
 * const body = await readJson(c, e1, 'invalidRequestBody', 'a JSON object', (json) => validate(json, GetRequest));
 * if (!body.ok) return body.error;
 */
export function readJson<T, E extends string>(
  c: Context,
  respond: Responder<E>,
  type: E,
  expected: string,
  check: (json: unknown) => Result<T>,
): Promise<Result<T, Response>> {
  return readBodyText(c as Context<MockEnv>).then((text) => {
    if (!text.ok) return fail(respond.invalid(c, type, [BODY_TOO_LARGE], 413));
    const parsed = parseJson(text.value, expected);
    const checked = parsed.ok ? check(parsed.value) : parsed;
    return checked.ok ? ok(checked.value) : fail(respond.invalid(c, type, checked.error));
  });
}
