import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { referenceProblems, Scenario } from '../contracts/mock/scenario.js';
import { dotPath, issuesFromZod } from '../contracts/zod-issues.js';
import { fail, formatLocated, type Issue, MockError, ok, type Result } from '../core/issue.js';
import { closest, hintFor, problemFor } from './hints.js';
import { jsonSyntaxProblem } from './json-syntax.js';

/*
 * Scenario files → a checked `Scenario`, or every problem as an `Issue` (located in the file, with a hint). The
 * locations come from the yaml library: the node ranges of the parsed document and its `LineCounter`.
 */

/**
 * A scenario that cannot be used, as the error to throw: code `invalidScenario`, every problem in `issues`, the
 * message what the command line prints (`[linkedapi-mock] scenario FILE:LINE:COL: path: problem` and a hint).
 *
 * @example
 * const read = readScenarioFile('my.yaml');
 * if (!read.ok) throw scenarioError('my.yaml', read.error);
 */
export function scenarioError(source: string, issues: readonly Issue[]): MockError {
  return new MockError('invalidScenario', formatLocated('scenario', source, issues), issues, { source });
}

type Locate = (path: readonly PropertyKey[], key?: string) => { line?: number; column?: number };

/** Checks scenario data; `locate` places each problem in the file it came from. */
function check(data: unknown, locate: Locate = () => ({})): Result<Scenario> {
  const result = Scenario.safeParse(data, { reportInput: true });
  if (result.success) return ok(result.data);
  const issues: Issue[] = [];
  const references = referenceProblems(data);
  const isReference = (issue: z.core.$ZodIssue) =>
    issue.code === 'custom' &&
    references.some((reference) => reference.message === issue.message && samePath(reference.path, issue.path));
  for (const issue of result.error.issues) {
    if (isReference(issue as z.core.$ZodIssue)) continue; // reported below, with a hint
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    issuesFromZod([issue as z.core.$ZodIssue], 'scenario').forEach((input, index) => {
      const key = keys[index];
      issues.push({
        code: input.code,
        path: input.path,
        problem: problemFor(issue as z.core.$ZodIssue, input.problem),
        ...locate(issue.path, key),
        hint: hintFor(issue as z.core.$ZodIssue, key, data),
      });
    });
  }
  // zod checks cross-references only when the rest is valid; they are checked here too, so every problem shows.
  for (const reference of references) {
    issues.push({
      code: reference.path.at(-1) === 'account' ? 'unknown_reference' : 'duplicate',
      path: dotPath(reference.path, 'scenario'),
      problem: reference.message,
      ...locate(reference.path),
      hint: referenceHint(reference, data),
    });
  }
  return fail(issues.sort(byPosition));
}

const byPosition = (a: Issue, b: Issue) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);

function referenceHint(reference: { path: (string | number)[] }, data: unknown): string {
  const scenario = data as { accounts?: { identificationToken?: unknown }[] };
  if (reference.path[0] === 'accounts') return 'remove one of the two';
  if (reference.path[0] === 'faults' && reference.path[2] === 'name') {
    return 'give each fault its own name (an unnamed fault is named fault-<its index>)';
  }
  const listed = (scenario.accounts ?? []).map((account) => account?.identificationToken).filter(isString);
  const written = reference.path.reduce<unknown>(
    (value, step) => (value as Record<PropertyKey, unknown> | undefined)?.[step],
    data,
  );
  const near = typeof written === 'string' ? closest(written, listed) : undefined;
  if (near !== undefined) return `did you mean "${near}"? Otherwise add "${String(written)}" to accounts`;
  return 'add it to accounts, or remove accounts to accept every account';
}

const isString = (value: unknown): value is string => typeof value === 'string';
const samePath = (a: readonly PropertyKey[], b: readonly PropertyKey[]) =>
  a.length === b.length && a.every((step, index) => step === b[index]);

/** The offset of the node at `path` (or of `key` in the map there), else of its nearest ancestor that exists. */
function locate(contents: Node | null, path: readonly PropertyKey[], key?: string): number | undefined {
  let node: unknown = contents;
  let offset = (contents as Node | null)?.range?.[0];
  const steps = key === undefined ? path : [...path, key];
  for (const [index, step] of steps.entries()) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(step),
      );
      if (pair && index === steps.length - 1 && key !== undefined) return (pair.key as Node).range?.[0];
      next = pair?.value;
      if (!next && pair) return (pair.key as Node).range?.[0];
    } else if (isSeq(node) && typeof step === 'number') {
      next = node.items[step];
    }
    if (!next) break;
    node = next;
    offset = (next as Node).range?.[0] ?? offset;
  }
  return offset;
}

/** The path of the map key that starts at `offset` (for a duplicate key), if any. */
function keyPathAt(node: unknown, offset: number, path: (string | number)[] = []): (string | number)[] | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) continue;
      if ((pair.key as Node).range?.[0] === offset) return [...path, key];
      const found = keyPathAt(pair.value, offset, [...path, key]);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const found = keyPathAt(item, offset, [...path, index]);
      if (found) return found;
    }
  }
  return undefined;
}

const SYNTAX_HINT =
  'fix the syntax first: indentation (spaces, one column per map), quotes, a missing colon or bracket';

function syntaxIssue(error: YAMLError, text: string, contents: unknown): Omit<Issue, 'line' | 'column'> {
  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const path = keyPathAt(contents, error.pos[0]);
      const key = path?.at(-1) ?? /^["']?([^"':\s]+)/.exec(text.slice(error.pos[0]))?.[1] ?? '?';
      return {
        code: 'duplicate',
        path: path ? dotPath(path, 'scenario') : 'file',
        problem: `duplicate key "${key}": it is already set above`,
        hint: 'keep one of the two',
      };
    }
    case 'TAB_AS_INDENT':
      return {
        code: 'syntax',
        path: 'file',
        problem: 'a tab in the indentation',
        hint: 'indent with spaces: YAML does not allow tabs',
      };
    case 'MULTIPLE_DOCS':
      return {
        code: 'syntax',
        path: 'file',
        problem: 'holds more than one YAML document (a --- line)',
        hint: 'keep one scenario per file: remove the --- line and what follows, or split the file',
      };
    default:
      return {
        code: 'syntax',
        path: 'file',
        problem: `is not valid YAML or JSON: ${error.message.split('\n')[0]}`,
        hint: SYNTAX_HINT,
      };
  }
}

/** How to read the text: YAML (the default, which reads JSON too), or strict JSON (a trailing comma is refused). */
export interface ParseOptions {
  format?: 'yaml' | 'json';
}

/**
 * Reads scenario text (YAML, or JSON) and checks it; problems come with line and column, sorted by position.
 *
 * @example
 * const read = readScenarioText('seed: 7\naccounts:\n  - identificationToken: acc-1\n');
 * if (!read.ok) console.error(formatLocated('scenario', 'inline', read.error));
 */
export function readScenarioText(text: string, options: ParseOptions = {}): Result<Scenario> {
  const lineCounter = new LineCounter();
  const position = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const jsonProblem = options.format === 'json' ? jsonSyntaxProblem(text) : undefined;
  if (jsonProblem) {
    const { offset, problem, hint } = jsonProblem;
    return fail([
      { code: 'syntax', path: 'file', problem: `is not valid JSON: ${problem}`, ...position(offset), hint },
    ]);
  }
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error) => ({
      ...syntaxIssue(error, text, doc.contents),
      ...position(error.pos[0]),
    }));
    return fail(issues.sort(byPosition));
  }
  let data: unknown;
  try {
    data = doc.toJS() ?? {};
  } catch (error) {
    // An alias to an anchor that is not defined, or an alias bomb.
    const problem = `cannot be read: ${(error as Error).message}`;
    return fail([
      { code: 'syntax', path: 'file', problem, hint: 'define each &anchor before its *alias, and use few aliases' },
    ]);
  }
  return check(data, (path, key) => position(locate(doc.contents, path, key)));
}

/**
 * Checks a scenario given as data (in process): the same rules and hints, no positions.
 *
 * @example
 * const read = readScenarioData({ accounts: [{ identificationToken: 'acc-1', state: 'noSeats' }] });
 */
export function readScenarioData(data: unknown): Result<Scenario> {
  return check(data ?? {});
}

/** A `.json` file is read as strict JSON, anything else as YAML. */
export const formatOf = (file: string): ParseOptions['format'] => (/\.json$/i.test(file) ? 'json' : 'yaml');

/**
 * Reads and checks a scenario file; never throws. A `.json` file is read as strict JSON, anything else as YAML.
 *
 * @example
 * const read = readScenarioFile('fixtures/slow-sync.yaml');
 */
export function readScenarioFile(file: string): Result<Scenario> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const hint = code === 'EISDIR' ? 'give a scenario file, not a folder' : 'check the path';
    return fail([{ code: 'io', path: 'file', problem: `cannot be read (${code})`, hint }]);
  }
  return readScenarioText(text, { format: formatOf(file) });
}

/** Reads and checks a scenario file; throws a `MockError` (code `invalidScenario`) listing every problem. */
export function loadScenarioFile(file: string): Scenario {
  const read = readScenarioFile(file);
  if (!read.ok) throw scenarioError(file, read.error);
  return read.value;
}
