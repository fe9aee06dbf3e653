import type { Context } from 'hono';
import type { z } from 'zod';
import { CONTROL_ERRORS, type ControlErrorType, type ControlIssue } from '../../contracts/mock/control.js';
import { issuesFromZod } from '../../contracts/zod-issues.js';
import { fail, formatDetails, type Issue, ok, type Result } from '../../core/issue.js';

/*
 * The control API's refusals: why an operation changed nothing, and its envelope on the wire
 * (`{"error": {"type", "message", "issues"?}}`, the issues without their `code`).
 */

/** Why a control operation was refused; nothing changed. */
export interface ControlFailure {
  type: ControlErrorType;
  message: string;
  issues?: Issue[];
}

/** What a control operation gives: its answer, or why it was refused. */
export type ControlResult<T> = Result<T, ControlFailure>;

/** A refused control operation (fits any `ControlResult`). */
export type Refused = { readonly ok: false; readonly error: ControlFailure };

/** An `invalidRequest` failure listing every problem. */
export function invalidRequest(issues: Issue[]): Refused {
  const message = `[linkedapi-mock] the control request is invalid: ${formatDetails(issues)}. Nothing changed; fix it and send it again.`;
  return fail({ type: 'invalidRequest', message, issues });
}

/** A control failure of a type that carries no issues. */
export function controlFailure(type: ControlErrorType, message: string): Refused {
  return fail({ type, message: `[linkedapi-mock] ${message}` });
}

/**
 * `data` checked by `schema`; problems located under `root` (`body`, or `query` whose parameters are named
 * `query.<name>`), a number out of bounds said as `must be >= 0, got -5`.
 */
export function checkControl<S extends z.ZodType>(
  schema: S,
  data: unknown,
  root: 'body' | 'query',
): ControlResult<z.output<S>> {
  const result = schema.safeParse(data);
  if (result.success) return ok(result.data);
  const zodIssues = schema.safeParse(data, { reportInput: true }).error?.issues ?? result.error.issues;
  const issues = zodIssues.flatMap((issue) => issuesFromZod([issue], root).map((found) => withBound(issue, found)));
  if (root === 'body') return invalidRequest(issues);
  return invalidRequest(
    issues.map((issue) => (issue.path === root ? issue : { ...issue, path: `query.${issue.path}` })),
  );
}

/** zod's "Too small: expected number to be >=0" as "must be >= 0, got -5". */
function withBound(issue: z.core.$ZodIssue, found: Issue): Issue {
  if ((issue.code !== 'too_small' && issue.code !== 'too_big') || issue.origin !== 'number') return found;
  const small = issue.code === 'too_small';
  const bound = small ? issue.minimum : issue.maximum;
  const op = small ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
  return {
    ...found,
    problem: `must be ${op} ${bound}${issue.input === undefined ? '' : `, got ${JSON.stringify(issue.input)}`}`,
  };
}

/** The HTTP status of a failure. */
export const failureStatus = (failure: ControlFailure): number => CONTROL_ERRORS[failure.type];

/** An issue as the control API shows it: everything but its `code`, in the order it was made. */
function wireIssue({ code: _code, ...issue }: Issue): ControlIssue {
  return issue;
}

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/**
 * Sends a control failure in the control API's envelope: `{"error": {"type", "message", "issues"?}}`.
 *
 * @example
 * return sendControlFailure(c, { type: 'invalidRequest', message: '[linkedapi-mock] ...', issues });
 */
export function sendControlFailure(c: Context, failure: ControlFailure): Response {
  const { issues, ...rest } = failure;
  const error = issues === undefined ? rest : { ...rest, issues: issues.map(wireIssue) };
  return c.body(JSON.stringify({ error }), failureStatus(failure) as 400, JSON_HEADERS);
}

/** Sends an operation's answer (200), or its failure. */
export function sendControlResult<T>(c: Context, result: ControlResult<T>): Response {
  return result.ok ? c.body(JSON.stringify(result.value), 200, JSON_HEADERS) : sendControlFailure(c, result.error);
}
