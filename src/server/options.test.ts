import { describe, expect, it } from 'vitest';
import { ManualClock, RealtimeClock } from '../core/clock.js';
import { MockError } from '../core/issue.js';
import { type MockOptions, resolveOptions } from './options.js';

/** The MockError `resolveOptions` throws on `options`. */
function refusalOf(options: MockOptions): MockError {
  try {
    resolveOptions(options);
  } catch (error) {
    if (error instanceof MockError) return error;
    throw error;
  }
  throw new Error(`resolveOptions accepted ${JSON.stringify(options)}`);
}

describe('resolveOptions', () => {
  it('fills in every default from the settings schema', () => {
    const resolved = resolveOptions();
    expect(resolved).toMatchObject({
      scenario: undefined,
      seed: 1,
      speed: 1,
      latency: { syncMs: 1500, getMs: 100, jitter: 0.3 },
      longPollTimeoutMs: 120_000,
      resultTtlMs: 86_400_000,
      journalLimit: 1000,
      selfCheck: false,
      onSelfCheckFailure: undefined,
    });
    expect(resolved.publicUrl).toBeUndefined();
    expect(resolved.controlToken).toBeUndefined();
    expect(resolved.clock).toBeInstanceOf(RealtimeClock);
    expect(resolved.newResultId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it.each([
    [{ seed: 1.5 }, 'seed', '[linkedapi-mock] seed: expected an integer, got 1.5'],
    [{ speed: -1 }, 'speed', '[linkedapi-mock] speed: expected a number >= 0, got -1'],
    [
      { latency: { jitter: 2 } },
      'latency.jitter',
      '[linkedapi-mock] latency.jitter: expected a fraction from 0 to 1, got 2',
    ],
    [{ startTime: 'soon' }, 'startTime', '[linkedapi-mock] startTime: expected an ISO 8601 date-time, got soon'],
    [
      { publicUrl: 'ftp://x' },
      'publicUrl',
      '[linkedapi-mock] publicUrl: expected an http(s) origin such as https://mock.example.test, got ftp://x',
    ],
    [
      { errorHttpStatus: 500 as 200 },
      'errorHttpStatus',
      '[linkedapi-mock] errorHttpStatus: only 200 is supported, got 500',
    ],
    [
      { controlToken: ' ' },
      'controlToken',
      '[linkedapi-mock] controlToken: expected a non-empty string (leave it out for no token)',
    ],
    [
      { journalLimit: 1.5 },
      'journalLimit',
      '[linkedapi-mock] journalLimit: expected a whole number >= 0 (0 turns it off), got 1.5',
    ],
  ])('refuses %j: a MockError invalidOption naming %s', (options, path, message) => {
    const error = refusalOf(options);
    expect(error.code).toBe('invalidOption');
    expect(error.message).toBe(message);
    expect(error.issues).toEqual([expect.objectContaining({ path })]);
  });

  it('lists every bad option at once', () => {
    const error = refusalOf({ seed: 0.5, speed: -2 });
    expect(error.message.split('\n')).toEqual([
      '[linkedapi-mock] seed: expected an integer, got 0.5',
      '[linkedapi-mock] speed: expected a number >= 0, got -2',
    ]);
  });

  it('takes a scenario’s settings, under the options given (undefined hides nothing; latency key by key)', () => {
    const resolved = resolveOptions({
      scenario: { seed: 7, speed: 0.5, startTime: '2024-06-03T09:00:00Z', latency: { syncMs: 10, getMs: 20 } },
      seed: undefined,
      speed: 0,
      latency: { getMs: 5 },
    });
    expect(resolved).toMatchObject({
      seed: 7,
      speed: 0,
      startTime: Date.parse('2024-06-03T09:00:00Z'),
      latency: { syncMs: 10, getMs: 5, jitter: 0.3 },
    });
    expect(resolved.scenario?.seed).toBe(7);
  });

  it('refuses an invalid scenario with a MockError invalidScenario listing its problems', () => {
    const error = refusalOf({ scenario: { seed: 'x' as unknown as number, colour: 1 } as MockOptions['scenario'] });
    expect(error.code).toBe('invalidScenario');
    expect(error.details).toEqual({ source: '(the scenario option)' });
    expect(error.issues.map((issue) => issue.path)).toEqual(['seed', 'colour']);
    expect(error.message).toContain(
      '[linkedapi-mock] scenario (the scenario option): seed: expected number, got the string "x"\n  hint: ',
    );
  });

  it('normalises publicUrl to its origin, and keeps a clock of your own (its time is the start)', () => {
    expect(resolveOptions({ publicUrl: 'http://10.0.0.5:4010/' }).publicUrl).toBe('http://10.0.0.5:4010');
    const clock = new ManualClock(Date.parse('2024-01-01T00:00:00Z'));
    const resolved = resolveOptions({ clock });
    expect(resolved.clock).toBe(clock);
    expect(resolved.startTime).toBe(clock.now());
    expect(resolveOptions({ clock: 'manual', startTime: 5 }).clock).toBeInstanceOf(ManualClock);
  });
});
