import { fail, type Issue, MockError } from '../../core/issue.js';
import type { Refused } from './failure.js';

/** A scenario refused by the control API: an `invalidScenario` failure listing every problem, each with its place (when it has one) and hint. */
export function scenarioFailure(issues: readonly Issue[]): Refused {
  const listed = issues.map((issue) => {
    const where = issue.line === undefined ? '' : ` (line ${issue.line}, column ${issue.column})`;
    return `${issue.path}${where}: ${issue.problem} (${issue.hint})`;
  });
  const count = `${issues.length} problem${issues.length === 1 ? '' : 's'}`;
  const message = `[linkedapi-mock] the scenario is invalid (${count}); nothing changed: ${listed.join('; ')}`;
  return fail({ type: 'invalidScenario', message, issues: [...issues] });
}

/** Why loading a scenario threw, as an `invalidScenario` failure; undefined when it is not the scenario's fault. */
export function scenarioRefused(error: unknown): Refused | undefined {
  const hint = 'change this setting of the scenario';
  if (!(error instanceof MockError)) return undefined;
  if (error.code === 'invalidScenario') return scenarioFailure(error.issues);
  if (error.code !== 'invalidOption') return undefined;
  // One problem per option, each said as the option and what is wrong with it.
  const problems =
    error.issues.length > 0
      ? error.issues.map((issue) => `${issue.path}: ${issue.problem}`)
      : [error.message.replace('[linkedapi-mock] ', '')];
  return scenarioFailure(problems.map((problem) => ({ code: 'invalid', path: 'scenario', problem, hint })));
}
