import type { Scenario } from '../../contracts/mock/scenario.js';
import { fail, type Issue, MockError, ok, type Result } from '../../core/issue.js';
import { ScenarioError } from '../../scenarios/load.js';
import type { Refused } from './failure.js';

/*
 * A scenario refused by the control API (`invalidScenario`), from the loader's issues or from what loading it
 * threw. The loader is moving to the one error model (a `Result`, a `MockError` with code `invalidScenario`, an
 * option's `MockError` with code `invalidOption`); both the old and the new shapes are read here, and only here,
 * until it has.
 */

/** A problem of a scenario as the loader reports it (its `code` once the loader gives one). */
type ScenarioIssue = Omit<Issue, 'code'> & { code?: string };

/** What the loader's `parseScenarioData`/`parseScenarioText` give: `{ scenario } | { issues }`, or a `Result`. */
export function scenarioOutcome(parsed: object): Result<Scenario, readonly ScenarioIssue[]> {
  const outcome = parsed as {
    ok?: boolean;
    value?: Scenario;
    error?: readonly ScenarioIssue[];
    scenario?: Scenario;
    issues?: readonly ScenarioIssue[];
  };
  if (outcome.ok !== undefined) return outcome.ok ? ok(outcome.value as Scenario) : fail(outcome.error ?? []);
  return outcome.issues ? fail(outcome.issues) : ok(outcome.scenario as Scenario);
}

/** An `invalidScenario` failure listing every problem, each with its place (when it has one) and hint. */
export function scenarioFailure(issues: readonly ScenarioIssue[]): Refused {
  const listed = issues.map((issue) => {
    const where = issue.line === undefined ? '' : ` (line ${issue.line}, column ${issue.column})`;
    return `${issue.path}${where}: ${issue.problem} (${issue.hint})`;
  });
  const count = `${issues.length} problem${issues.length === 1 ? '' : 's'}`;
  const message = `[linkedapi-mock] the scenario is invalid (${count}); nothing changed: ${listed.join('; ')}`;
  return fail({ type: 'invalidScenario', message, issues: issues.map((issue) => ({ code: 'invalid', ...issue })) });
}

/** Why loading a scenario threw, as an `invalidScenario` failure; undefined when it is not the scenario's fault. */
export function scenarioRefused(error: unknown): Refused | undefined {
  const hint = 'change this setting of the scenario';
  if (error instanceof MockError) {
    if (error.code === 'invalidScenario') return scenarioFailure(error.issues);
    if (error.code !== 'invalidOption') return undefined;
    // One problem per option, each said as the option and what is wrong with it.
    const problems =
      error.issues.length > 0
        ? error.issues.map((issue) => `${issue.path}: ${issue.problem}`)
        : [error.message.replace('[linkedapi-mock] ', '')];
    return scenarioFailure(problems.map((problem) => ({ path: 'scenario', problem, hint })));
  }
  // The loader's and the options' errors before the one error model (`ScenarioError`, a prefixed `RangeError`).
  if (error instanceof RangeError && error.message.startsWith('[linkedapi-mock]')) {
    return scenarioFailure([{ path: 'scenario', problem: error.message.replace('[linkedapi-mock] ', ''), hint }]);
  }
  return error instanceof ScenarioError ? scenarioFailure(error.issues) : undefined;
}
