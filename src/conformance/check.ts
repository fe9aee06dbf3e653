import type { CheckContext } from './context.js';

/**
 * What a check rests on. `documented`: Linked API's documentation says so. `mock decision`: the docs are
 * silent and the mock decided (see docs/decisions.md); the real service may differ.
 */
export type Basis = 'documented' | 'mock decision';

/** The API generation a check talks to. */
export type Dialect = 'E1' | 'E4';

/**
 * One conformance check: a few requests and what their answers must show. Every answer is also validated
 * against its route contract. A check fails when it records a problem, throws, or stops.
 */
export interface ConformanceCheck {
  /** Kebab-case, unique: the name `--only` takes and the name of the test the suite factory registers. */
  name: string;
  dialect: Dialect;
  basis: Basis;
  /** What a pass guarantees, in one sentence (shown by `--help`-like listings and docs/contract-kit.md). */
  guarantees: string;
  run(ctx: CheckContext): Promise<void>;
}

export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** The outcome of one check. */
export interface CheckResult {
  name: string;
  dialect: Dialect;
  basis: Basis;
  status: CheckStatus;
  /** Problems (failed), or the reason (skipped). Answer problems carry their JSON paths. */
  details: string[];
  /** Worth knowing even when the check passed, e.g. a result link on another origin. */
  notes: string[];
  durationMs: number;
  /** Requests this check sent. */
  requests: number;
}

/** Thrown by `ctx.skip(reason)`: the check cannot be run meaningfully here. */
export class CheckSkipped extends Error {
  override name = 'CheckSkipped';
}

/** Thrown by `ctx.stop(problem)`: the check cannot go on; the problem is already recorded. */
export class CheckStopped extends Error {
  override name = 'CheckStopped';
}
