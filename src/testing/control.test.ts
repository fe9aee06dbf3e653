import { describe, expect, it } from 'vitest';
import { fail, MockError, ok } from '../core/issue.js';
import type { MockServer } from '../server/app.js';
import { testControl } from './control.js';

const NOW = { now: '2024-06-03T09:01:30.000Z', mode: 'manual', startTime: '2024-06-03T09:00:00.000Z' };
const NOT_MANUAL = { type: 'clockNotManual', message: '[linkedapi-mock] start the mock with --clock manual' };

/** A server whose control operations answer `advance` with the given outcomes, in turn. */
function serverAnswering(...outcomes: unknown[]): MockServer {
  return { control: { advance: () => outcomes.shift() } } as unknown as MockServer;
}

describe('testControl', () => {
  it('returns the value of an operation that returns a Result, and throws its error as a MockError', () => {
    const control = testControl(serverAnswering(ok(NOW), fail({ ...NOT_MANUAL, issues: [] })));
    expect(control.advance('90s')).toEqual(NOW);
    expect(() => control.advance('90s')).toThrow(
      expect.objectContaining({ code: 'controlRefused', details: { type: 'clockNotManual' } }),
    );
  });

  it('throws a refusal with its issues, each keeping its own code', () => {
    const issue = { code: 'invalid_format', path: 'by', problem: 'expected a duration' };
    const control = testControl(serverAnswering(ok(NOW), fail({ ...NOT_MANUAL, issues: [issue] })));
    expect(control.advance(90_000)).toEqual(NOW);
    const error = (() => {
      try {
        control.advance(90_000);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(MockError);
    expect(error).toMatchObject({ message: NOT_MANUAL.message, issues: [issue] });
  });
});
