import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type InputIssue, toInputIssues } from '../contracts/issues.js';
import { Scenario } from './schema.js';

/** A problem in a scenario, located in its file when it came from one. */
export interface ScenarioIssue extends InputIssue {
  /** 1-based line and column in the file. */
  line?: number;
  column?: number;
  /** What to do about it. */
  hint: string;
}

/** A scenario that cannot be used, with every problem found. */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly issues: ScenarioIssue[],
  ) {
    super(formatScenarioIssues(file, issues));
    this.name = 'ScenarioError';
  }
}

/** `[linkedapi-mock] scenario FILE:LINE:COL: path: problem` and an indented hint, one per problem. */
export function formatScenarioIssues(file: string, issues: readonly ScenarioIssue[]): string {
  return issues
    .map((issue) => {
      const where = issue.line === undefined ? file : `${file}:${issue.line}:${issue.column}`;
      return `[linkedapi-mock] scenario ${where}: ${issue.path}: ${issue.problem}\n  hint: ${issue.hint}`;
    })
    .join('\n');
}

const REFERENCE = 'see "Scenario files" in the README for every key';

/** Every key the format knows, for "did you mean" hints. */
const KNOWN_KEYS: string[] = collectKeys(Scenario);

function collectKeys(schema: z.core.$ZodType, seen = new Set<unknown>(), out = new Set<string>()): string[] {
  if (seen.has(schema)) return [...out];
  seen.add(schema);
  const def = schema._zod.def as unknown as Record<string, unknown>;
  if (def.type === 'object') {
    for (const [key, value] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) {
      out.add(key);
      collectKeys(value, seen, out);
    }
  }
  for (const child of ['innerType', 'element', 'in', 'out'] as const) {
    if (def[child]) collectKeys(def[child] as z.core.$ZodType, seen, out);
  }
  for (const option of (def.options as z.core.$ZodType[] | undefined) ?? []) collectKeys(option, seen, out);
  return [...out];
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

function hintFor(issue: z.core.$ZodIssue, key: string | undefined): string {
  if (issue.code === 'unrecognized_keys' && key !== undefined) {
    const best = KNOWN_KEYS.map((known) => ({ known, d: distance(key.toLowerCase(), known.toLowerCase()) })).sort(
      (a, b) => a.d - b.d,
    )[0];
    if (best && best.d <= Math.max(1, Math.floor(key.length / 3))) return `did you mean "${best.known}"?`;
    return `remove it: unknown keys are refused so that a typo fails loudly; ${REFERENCE}`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `add "${String(issue.path.at(-1) ?? 'it')}"; ${REFERENCE}`;
  }
  return REFERENCE;
}

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

/** Parses scenario text (YAML, or JSON, which YAML reads too) and checks it; problems come with line and column. */
export function parseScenarioText(text: string): { scenario: Scenario } | { issues: ScenarioIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((error) => ({
        path: 'file',
        problem: `is not valid YAML or JSON: ${error.message.split('\n')[0]}`,
        ...position(error.pos[0]),
        hint: 'fix the syntax first (indentation, quotes, a missing colon or bracket)',
      })),
    };
  }
  const data: unknown = doc.toJS() ?? {};
  const result = Scenario.safeParse(data, { reportInput: true });
  if (result.success) return { scenario: result.data };
  const issues: ScenarioIssue[] = [];
  for (const issue of result.error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    toInputIssues([issue], 'scenario').forEach((input, index) => {
      const key = keys[index];
      issues.push({ ...input, ...position(locate(doc.contents, issue.path, key)), hint: hintFor(issue, key) });
    });
  }
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { issues };
}

/** Checks a scenario given as data (in process): the same rules, no positions. */
export function parseScenarioData(data: unknown): { scenario: Scenario } | { issues: ScenarioIssue[] } {
  const result = Scenario.safeParse(data ?? {}, { reportInput: true });
  if (result.success) return { scenario: result.data };
  const issues: ScenarioIssue[] = [];
  for (const issue of result.error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    toInputIssues([issue], 'scenario').forEach((input, index) => {
      issues.push({ ...input, hint: hintFor(issue, keys[index]) });
    });
  }
  return { issues };
}

/** Reads and checks a scenario file; throws a `ScenarioError` listing every problem. */
export function loadScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ScenarioError(file, [{ path: 'file', problem: `cannot be read (${code})`, hint: 'check the path' }]);
  }
  const parsed = parseScenarioText(text);
  if ('issues' in parsed) throw new ScenarioError(file, parsed.issues);
  return parsed.scenario;
}
