import { z } from 'zod';
import type { Issue } from '../core/issue.js';

/** A zod path the way a JavaScript developer writes it (`standard[0].person`), `root` for the whole input. */
export function dotPath(path: readonly PropertyKey[], root = 'body'): string {
  return path.length === 0 ? root : z.core.toDotPath(path as PropertyKey[]);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? 'a string' : `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an object';
  return typeof value === 'undefined' ? 'nothing' : `a ${typeof value}`;
}

/**
 * Turns zod's issues into the mock's: one per problem, an unknown key one per key, zod's wording of a wrong type
 * replaced by `expected X, got Y` (needs `reportInput: true` on the parse to name what was got).
 */
export function issuesFromZod(issues: readonly z.core.$ZodIssue[], root = 'body'): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ code: issue.code, path: dotPath([...issue.path, key], root), problem: issue.message });
      }
      continue;
    }
    let problem = issue.message;
    if (issue.code === 'invalid_type') {
      const expected = issue.message.startsWith('Invalid input') ? `expected ${issue.expected}` : issue.message;
      problem = issue.input === undefined ? 'required' : `${expected}, got ${describe(issue.input)}`;
    }
    out.push({ code: issue.code, path: dotPath(issue.path, root), problem });
  }
  return out;
}
