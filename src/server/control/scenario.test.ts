import { describe, expect, it } from 'vitest';
import { MockError } from '../../core/issue.js';
import { scenarioRefused } from './scenario.js';

const issue = { path: 'accounts[0].state', problem: 'expected one of active', line: 3, column: 12, hint: 'h' };

describe('a scenario refused by the control API', () => {
  it('turns what loading threw into invalidScenario: the scenario’s MockError or a setting’s', () => {
    const scenario = scenarioRefused(new MockError('invalidScenario', 'bad', [{ code: 'x', ...issue }]));
    expect(scenario?.error).toEqual({
      type: 'invalidScenario',
      message:
        '[linkedapi-mock] the scenario is invalid (1 problem); nothing changed: accounts[0].state (line 3, column 12): expected one of active (h)',
      issues: [{ code: 'x', ...issue }],
    });
    const hint = 'change this setting of the scenario';
    for (const error of [
      new MockError('invalidOption', '[linkedapi-mock] speed: expected a number >= 0', [
        { code: 'too_small', path: 'speed', problem: 'expected a number >= 0' },
      ]),
      new MockError('invalidOption', '[linkedapi-mock] speed: expected a number >= 0'),
    ]) {
      expect(scenarioRefused(error)?.error.issues).toEqual([
        { code: 'invalid', path: 'scenario', problem: 'speed: expected a number >= 0', hint },
      ]);
    }
    expect(scenarioRefused(new Error('a bug'))).toBeUndefined();
    expect(scenarioRefused(new MockError('io', 'cannot read'))).toBeUndefined();
  });
});
