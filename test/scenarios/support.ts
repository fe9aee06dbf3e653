import type { ScenarioInput } from '../../src/contracts/mock/scenario.js';
import { type MockOptions, type TestMock, testMock } from '../support/index.js';

/** A test mock with a scenario and no jitter (exact virtual times). */
export function scenarioMock(scenario: ScenarioInput, options: MockOptions = {}): TestMock {
  return testMock({ latency: { jitter: 0 }, ...options, scenario });
}
