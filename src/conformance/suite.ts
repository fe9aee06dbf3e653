import type { CheckResult } from './check.js';
import { CONFORMANCE_CHECKS } from './checks.js';
import { RunState } from './context.js';
import { type ConformanceOptions, resolveConformanceOptions } from './options.js';
import { runCheck, selectChecks } from './run.js';

/** The test functions of vitest or jest (or any framework with the same shape). */
export interface TestApi {
  describe(name: string, body: () => void): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: vitest and jest type their test functions differently
  it(name: string, body: (...args: any[]) => unknown, timeout?: number): unknown;
}

export interface SuiteSelection {
  /** Title of the describe block. Default `Linked API conformance`. */
  title?: string;
  /** Run only these checks; the others are not registered. */
  only?: string[];
  /** Do not register the checks whose basis is a mock decision. */
  documentedOnly?: boolean;
  /** Register only the checks of these API generations. Default both (E1 and E4). */
  dialects?: ('E1' | 'E4')[];
  /** Timeout of each test. Default 120 000 ms (a sync against the real service is slow). */
  timeoutMs?: number;
}

/** A failed check as an Error: its name, then one problem per line (answer problems with JSON paths). */
export class ConformanceFailure extends Error {
  override name = 'ConformanceFailure';
  constructor(readonly result: CheckResult) {
    super(`${result.name} (${result.basis}) failed:\n${result.details.map((line) => `  ${line}`).join('\n')}`);
  }
}

/**
 * Registers the conformance checks as tests: one `describe` block, one `it` per check, named after the check.
 * `options` may be a function, called when the first test runs (after your `beforeAll` started the server).
 * The checks share one run (what one synchronized, the next reads), so keep the tests in order, not concurrent.
 * A check that skips itself calls the framework's `ctx.skip()` when there is one (vitest), else passes.
 *
 * @example
 * import { afterAll, beforeAll, describe, it } from 'vitest';
 * import { defineConformanceSuite } from 'linkedapi-mock/conformance';
 * import { type StartedMock, startMock } from 'linkedapi-mock/testing';
 *
 * let mock: StartedMock;
 * beforeAll(async () => { mock = await startMock(); });
 * afterAll(() => mock.close());
 * defineConformanceSuite({ describe, it }, () => ({
 *   baseUrl: mock.url, accountApiToken: 'token', identificationToken: 'conformance',
 *   pollIntervalMs: 10,
 * }));
 */
export function defineConformanceSuite(
  test: TestApi,
  options: ConformanceOptions | (() => ConformanceOptions),
  selection: SuiteSelection = {},
): void {
  const all = typeof options === 'function' ? CONFORMANCE_CHECKS : (options.checks ?? CONFORMANCE_CHECKS);
  const dialects = selection.dialects ?? (typeof options === 'function' ? undefined : options.dialects);
  const checks = dialects?.length ? all.filter((check) => dialects.includes(check.dialect)) : all;
  const picked = selectChecks(checks, {
    only: selection.only ?? (typeof options === 'function' ? undefined : options.only),
    documentedOnly: selection.documentedOnly ?? (typeof options === 'function' ? undefined : options.documentedOnly),
  }).run;
  let state: RunState | undefined;
  const shared = () => {
    state ??= new RunState(resolveConformanceOptions(typeof options === 'function' ? options() : options));
    return state;
  };
  test.describe(selection.title ?? 'Linked API conformance', () => {
    for (const check of picked) {
      test.it(
        check.name,
        async (context?: { skip?: (note?: string) => void }) => {
          const result = await runCheck(shared(), check);
          if (result.status === 'failed') throw new ConformanceFailure(result);
          if (result.status === 'skipped' && typeof context?.skip === 'function') context.skip(result.details[0]);
        },
        selection.timeoutMs ?? 120_000,
      );
    }
  });
}
