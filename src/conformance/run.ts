import { MockError } from '../core/issue.js';
import { type CheckResult, CheckSkipped, CheckStopped, type ConformanceCheck } from './check.js';
import { CONFORMANCE_CHECKS } from './checks.js';
import { CheckContext, RunState } from './context.js';
import { type ConformanceOptions, resolveConformanceOptions } from './options.js';

/** A conformance option with a bad value: a `MockError` with code `invalidOption`. */
const invalidOption = (message: string) => new MockError('invalidOption', message);

/** The outcome of a run. */
export interface ConformanceReport {
  results: CheckResult[];
  passed: number;
  failed: number;
  skipped: number;
  /** Requests sent in all. */
  requests: number;
  /** The most requests ever in flight at once (the suite sends one at a time). */
  maxInFlight: number;
  durationMs: number;
  /** Worth telling the user, e.g. that default persons were used. */
  notes: string[];
  /** True when no check failed. */
  ok: boolean;
}

/**
 * The checks `only` and `documentedOnly` pick, in list order. Throws a `MockError` (code `invalidOption`) naming the valid checks when
 * `only` names one that does not exist.
 */
export function selectChecks(
  checks: readonly ConformanceCheck[],
  { only, documentedOnly }: Pick<ConformanceOptions, 'only' | 'documentedOnly'> = {},
): { run: ConformanceCheck[]; skipped: ConformanceCheck[] } {
  const names = new Set(checks.map((check) => check.name));
  const unknown = (only ?? []).filter((name) => !names.has(name));
  if (unknown.length > 0) {
    throw invalidOption(
      `[linkedapi-mock] unknown check ${unknown.map((name) => JSON.stringify(name)).join(', ')}; the checks are: ${[...names].join(', ')}`,
    );
  }
  const picked = only && only.length > 0 ? checks.filter((check) => only.includes(check.name)) : [...checks];
  const skip = (check: ConformanceCheck) => documentedOnly === true && check.basis !== 'documented';
  return { run: picked.filter((check) => !skip(check)), skipped: picked.filter(skip) };
}

/** Runs one check in a run's shared state. Never throws: every failure is in the result. */
export async function runCheck(state: RunState, check: ConformanceCheck): Promise<CheckResult> {
  const ctx = new CheckContext(state);
  const started = performance.now();
  let status: CheckResult['status'] = 'passed';
  let reason: string | undefined;
  try {
    await check.run(ctx);
  } catch (error) {
    if (error instanceof CheckSkipped) {
      status = 'skipped';
      reason = error.message;
    } else if (!(error instanceof CheckStopped)) {
      ctx.problem(error instanceof Error ? error.message : String(error));
    }
  }
  if (ctx.problems.length > 0) status = 'failed';
  return {
    name: check.name,
    dialect: check.dialect,
    basis: check.basis,
    status,
    details: status === 'failed' ? [...ctx.problems] : reason ? [reason] : [],
    notes: [...ctx.notes],
    durationMs: Math.round(performance.now() - started),
    requests: ctx.requests,
  };
}

function skippedResult(check: ConformanceCheck, reason: string): CheckResult {
  const { name, dialect, basis } = check;
  return { name, dialect, basis, status: 'skipped', details: [reason], notes: [], durationMs: 0, requests: 0 };
}

/**
 * Runs the conformance checks against any implementation of the API (the mock, or the real Linked API), one
 * request at a time, and reports each check.
 *
 * @example
 * const report = await runConformance({
 *   baseUrl: 'http://127.0.0.1:4010', accountApiToken: 't', identificationToken: 'verify',
 * });
 * console.log(formatReport(report)); // one line per check and a summary
 * process.exitCode = report.ok ? 0 : 1;
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const resolved = resolveConformanceOptions(options);
  const checks = (options.checks ?? CONFORMANCE_CHECKS).filter((check) => resolved.dialects.includes(check.dialect));
  const selection = selectChecks(checks, options);
  const state = new RunState(resolved);
  const started = performance.now();
  const results: CheckResult[] = [];
  for (const check of checks) {
    let result: CheckResult;
    if (selection.skipped.includes(check)) result = skippedResult(check, 'a mock decision (--documented-only)');
    else if (selection.run.includes(check)) result = await runCheck(state, check);
    else continue;
    results.push(result);
    options.onResult?.(result);
  }
  const count = (status: CheckResult['status']) => results.filter((result) => result.status === status).length;
  const notes = resolved.personsDefaulted ? [defaultPersonsNote(resolved.persons)] : [];
  return {
    results,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    requests: state.client.requests,
    maxInFlight: state.client.maxInFlight,
    durationMs: Math.round(performance.now() - started),
    notes,
    ok: count('failed') === 0,
  };
}

/** The note printed when no persons were given. */
export function defaultPersonsNote(persons: readonly string[]): string {
  return `no persons given: used ${persons.join(', ')} (fine for the mock; against the real Linked API give persons of your account with --person)`;
}
