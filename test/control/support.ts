import { expect } from 'vitest';
import { type MockOptions, type Reply, type TestMock, testMock } from '../support/index.js';

/** A control request: `body` is JSON-encoded unless it is a string (sent verbatim). */
export function control(
  mock: Pick<TestMock, 'send'>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return mock.send(method, path, { headers: { 'content-type': 'application/json', ...headers }, body });
}

/** A test mock with no jitter: the control API's answers carry exact virtual times. */
export function controlMock(options: MockOptions = {}): TestMock {
  return testMock({ latency: { jitter: 0 }, ...options });
}

/** Asserts a control error: status, type, and that the message starts with the prefix and holds `words`. */
export function expectControlError(answer: Reply, status: number, type: string, ...words: string[]): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.body.error.type).toBe(type);
  expect(answer.body.error.message.startsWith('[linkedapi-mock] ')).toBe(true);
  for (const word of words) expect(answer.body.error.message).toContain(word);
}

/** What the control API says of the world, to compare before and after a refused request. */
export async function snapshot(mock: Pick<TestMock, 'send'>): Promise<unknown> {
  const [state, scenario, clock] = await Promise.all([
    control(mock, 'GET', '/__mock/state'),
    control(mock, 'GET', '/__mock/scenario'),
    control(mock, 'GET', '/__mock/clock'),
  ]);
  return { state: state.body, scenario: scenario.body, clock: clock.body };
}
