import type { z } from 'zod';
import type { Issue } from '../core/issue.js';
import type { ResponseContract, RouteContract } from './route.js';
import { dotPath, issuesFromZod } from './zod-issues.js';

/**
 * What may be wrong with an answer: where (a JSON path in its body, `body` for the whole, `headers.<name>`,
 * `status`) and what. An `Issue` as answers list it, without a code: the self-check sends it in its `500`
 * answer and `verify` prints it, both as `{path, problem}`.
 */
export type AnswerProblem = Pick<Issue, 'path' | 'problem'>;

export interface CheckAnswerOptions {
  /** Response headers, checked against the contract's documented headers (e.g. `retry-after` on 429). */
  headers?: Headers;
  /** The server sends global errors with HTTP 200: at 200, the route's error envelopes are accepted too. */
  errorHttpStatus?: 200;
}

/**
 * Validates an answer against `route.responses[status]` and lists what does not match, each with its JSON path.
 * An empty list means the answer keeps the contract; a status the route does not declare is a problem too.
 *
 * @example
 * const route = ROUTES.find((r) => r.operationId === 'getConversations')!;
 * checkAnswer(route, 200, body).map((p) => `${p.path}: ${p.problem}`);
 * // ['completion.standard[0].result.data.messages[3].time: expected YYYY-MM-DDTHH:MM:SSZ']
 */
export function checkAnswer(
  route: Pick<RouteContract, 'responses'>,
  status: number,
  body: unknown,
  options: CheckAnswerOptions = {},
): AnswerProblem[] {
  const contracts = acceptedAt(route.responses, status, options.errorHttpStatus);
  if (contracts.length === 0) {
    const declared = Object.keys(route.responses).join(', ');
    return [{ path: 'status', problem: `expected one of ${declared}, got ${status}` }];
  }
  return checkShape(contracts, body, options.headers);
}

/** Validates a body (and headers) against one or more response contracts: the best-matching one's problems. */
export function checkShape(
  contracts: readonly Pick<ResponseContract, 'schema' | 'headers'>[],
  body: unknown,
  headers?: Headers,
): AnswerProblem[] {
  let best: AnswerProblem[] | undefined;
  for (const contract of contracts) {
    const problems = [...problemsOf(contract.schema, body, 'body'), ...headerProblems(contract.headers, headers)];
    if (problems.length === 0) return [];
    if (!best || problems.length < best.length) best = problems;
  }
  return best ?? [];
}

/** The contracts an answer with this status may keep (with errorHttpStatus 200, the error envelopes too). */
function acceptedAt(
  responses: RouteContract['responses'],
  status: number,
  errorHttpStatus: 200 | undefined,
): ResponseContract[] {
  const own = responses[status];
  if (errorHttpStatus !== 200 || status !== 200) return own ? [own] : [];
  const errors = Object.entries(responses)
    .filter(([code]) => Number(code) >= 400)
    .map(([, contract]) => ({ ...contract, headers: undefined }));
  return own ? [own, ...errors] : errors;
}

/** Each documented header checked by its own schema, its problems under `headers.<name>` (names have dashes). */
function headerProblems(schema: z.ZodObject | undefined, headers: Headers | undefined): AnswerProblem[] {
  if (!schema || !headers) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([name, header]) =>
    problemsOf(header, headers.get(name) ?? undefined, `headers.${name}`),
  );
}

/** Problems of a value against a schema, with unions explained by their closest branch. */
export function problemsOf(schema: z.ZodType, value: unknown, root = 'body'): AnswerProblem[] {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return [];
  return explain(result.error.issues, [], root);
}

type ZodIssue = z.core.$ZodIssue;

function explain(issues: readonly ZodIssue[], prefix: readonly PropertyKey[], root: string): AnswerProblem[] {
  const out: AnswerProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      out.push(...closestBranch(issue.errors.map((branch) => explain(branch, path, root))));
      continue;
    }
    const [problem] = issuesFromZod([{ ...issue, path: [] } as ZodIssue], root);
    let text = problem?.problem ?? issue.message;
    if (issue.code === 'invalid_value' && text.startsWith('Invalid input')) {
      const expected = issue.values.map((value) => JSON.stringify(value)).join(' or ');
      const got = `, got ${'input' in issue && issue.input !== undefined ? preview(issue.input) : 'nothing'}`;
      text = `expected ${expected}${got}`;
    }
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: dotPath([...path, key], root), problem: text });
      continue;
    }
    out.push({ path: dotPath(path, root), problem: text });
  }
  return out;
}

/**
 * The branch of a union that came closest: the one whose problems lie deepest (it matched the most before it
 * failed), then the one with fewest problems. Branches tied on both are merged where they fail at one path.
 */
function closestBranch(branches: AnswerProblem[][]): AnswerProblem[] {
  const depth = (problems: AnswerProblem[]) => Math.min(...problems.map((p) => p.path.split(/[.[]/).length));
  const ranked = branches
    .filter((problems) => problems.length > 0)
    .sort((a, b) => depth(b) - depth(a) || a.length - b.length);
  const best = ranked[0];
  if (!best) return [];
  const tied = ranked.filter((problems) => depth(problems) === depth(best) && problems.length === best.length);
  if (tied.length === 1) return best;
  return best.map((problem, index) => {
    const alike = tied.map((problems) => problems[index]).filter((p): p is AnswerProblem => p?.path === problem.path);
    if (alike.length !== tied.length || !alike.every((p) => p.problem.startsWith('expected "'))) return problem;
    const values = alike.map((p) => /^expected (".*?")(?:,|$)/.exec(p.problem)?.[1]).filter(Boolean);
    const got = /, got .*$/.exec(problem.problem)?.[0] ?? '';
    return { path: problem.path, problem: `expected one of ${[...new Set(values)].join(', ')}${got}` };
  });
}

function preview(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 160 ? `${json.slice(0, 157)}...` : json;
}

/** `path: problem` lines. */
export function formatProblems(problems: readonly AnswerProblem[]): string[] {
  return problems.map(({ path, problem }) => `${path}: ${problem}`);
}
