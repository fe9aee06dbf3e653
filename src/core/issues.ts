import type { z } from 'zod';

/** One problem with an input, located by a path such as `standard[0].person`. */
export interface InputIssue {
  path: string;
  problem: string;
}

/** Renders a zod path the way a JavaScript developer writes it: `standard[0].person`. */
export function formatPath(path: readonly PropertyKey[], root = 'body'): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? root : out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? 'a string' : `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an object';
  return typeof value === 'undefined' ? 'nothing' : `a ${typeof value}`;
}

/** Turns zod issues into `InputIssue`s: one per problem, unknown keys one per key. */
export function toInputIssues(issues: readonly z.core.$ZodIssue[], root = 'body'): InputIssue[] {
  const out: InputIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: formatPath([...issue.path, key], root), problem: issue.message });
      continue;
    }
    let problem = issue.message;
    if (issue.code === 'invalid_type') {
      // zod's own wording ("Invalid input: expected number, received string") is replaced by ours.
      const expected = issue.message.startsWith('Invalid input') ? `expected ${issue.expected}` : issue.message;
      problem = issue.input === undefined ? 'required' : `${expected}, got ${describe(issue.input)}`;
    }
    out.push({ path: formatPath(issue.path, root), problem });
  }
  return out;
}

/** `path: problem; path: problem`: the `{details}` of an `invalidRequestBody` message. */
export function formatIssues(issues: readonly InputIssue[], max = Number.POSITIVE_INFINITY): string {
  const listed = issues.slice(0, max);
  const text = listed.map((issue) => `${issue.path}: ${issue.problem}`).join('; ');
  return issues.length > listed.length ? `${text}; and ${issues.length - listed.length} more problems` : text;
}
