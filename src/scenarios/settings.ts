import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { formatPath, type InputIssue, toInputIssues } from '../contracts/issues.js';
import type { MockOptions } from '../server/options.js';

/**
 * The settings part of a scenario file (YAML or JSON). Accounts, persons, a timeline and faults are not part
 * of the format yet; unknown keys are refused, so a file written for a later version fails loudly.
 */
export const ScenarioSettings = z.strictObject({
  seed: z.int().optional(),
  startTime: z.iso
    .datetime({ offset: true, error: 'expected an ISO 8601 date-time such as 2024-01-01T09:30:00Z' })
    .optional(),
  speed: z.number().nonnegative().optional(),
  latency: z
    .strictObject({
      syncMs: z.number().nonnegative().optional(),
      getMs: z.number().nonnegative().optional(),
      jitter: z.number().min(0).max(1).optional(),
    })
    .optional(),
  longPollTimeoutMs: z.number().nonnegative().optional(),
  resultTtlMs: z.number().nonnegative().optional(),
});
export type ScenarioSettings = z.infer<typeof ScenarioSettings>;

/** A scenario file that cannot be used, with every problem found. */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly issues: InputIssue[],
  ) {
    super(issues.map((issue) => `[linkedapi-mock] scenario ${file}: ${issue.path}: ${issue.problem}`).join('\n'));
    this.name = 'ScenarioError';
  }
}

/** Reads and checks a scenario file; throws a `ScenarioError` listing every problem. */
export function loadScenarioSettings(file: string): MockOptions {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScenarioError(file, [
      { path: 'file', problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` },
    ]);
  }
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ScenarioError(file, [
      {
        path: 'file',
        problem: `is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
      },
    ]);
  }
  const result = ScenarioSettings.safeParse(data ?? {}, { reportInput: true });
  if (!result.success) {
    throw new ScenarioError(file, toInputIssues(result.error.issues, formatPath([], 'scenario')));
  }
  const { latency, ...rest } = result.data;
  return { ...rest, ...(latency ? { latency } : {}) };
}
