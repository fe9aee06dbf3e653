import { describe, expect, it } from 'vitest';
import { flush, person, realtimeMock, START, SYNC, tokens } from '../support/index.js';
import { control, controlMock, expectControlError, snapshot } from './support.js';

describe('the clock routes on a manual clock', () => {
  it('GET /__mock/clock: now, mode and start', async () => {
    const mock = controlMock();
    const answer = await control(mock, 'GET', '/__mock/clock');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      now: '2024-06-03T09:00:00.000Z',
      mode: 'manual',
      startTime: '2024-06-03T09:00:00.000Z',
    });
  });

  it('advance by a duration string or by milliseconds; every due timer fires', async () => {
    const mock = controlMock();
    const held = mock.start(SYNC, { standard: [{ person: person('ann') }] });
    await flush();
    const first = await control(mock, 'POST', '/__mock/clock/advance', { by: '90s' });
    expect(first.status).toBe(200);
    expect(first.body.now).toBe('2024-06-03T09:01:30.000Z');
    const second = await control(mock, 'POST', '/__mock/clock/advance', { by: 1500 });
    expect(second.body.now).toBe('2024-06-03T09:01:31.500Z');
    expect(mock.clock.now()).toBe(Date.parse('2024-06-03T09:01:31.500Z'));
    // 90 s is past the sync's 1.5 s: the held long poll was answered.
    expect((await held).body.status).toBe('complete');
  });

  it('advance by 0 is allowed and changes nothing', async () => {
    const mock = controlMock();
    const answer = await control(mock, 'POST', '/__mock/clock/advance', { by: '0s' });
    expect(answer.body.now).toBe('2024-06-03T09:00:00.000Z');
  });

  it('set moves to a time (same time allowed), never backwards', async () => {
    const mock = controlMock();
    const set = await control(mock, 'POST', '/__mock/clock/set', { time: '2024-06-03T12:00:00+02:00' });
    expect(set.status).toBe(200);
    expect(set.body.now).toBe('2024-06-03T10:00:00.000Z');
    expect((await control(mock, 'POST', '/__mock/clock/set', { time: '2024-06-03T10:00:00Z' })).status).toBe(200);
    const before = await snapshot(mock);
    const back = await control(mock, 'POST', '/__mock/clock/set', { time: START });
    expectControlError(back, 400, 'invalidRequest', "time: is before the clock's time 2024-06-03T10:00:00.000Z");
    expect(back.body.error.issues).toEqual([
      {
        path: 'time',
        problem:
          "is before the clock's time 2024-06-03T10:00:00.000Z: the clock never moves backwards (restart the mock with an earlier start time to go back)",
      },
    ]);
    expect(await snapshot(mock)).toEqual(before);
  });

  it('bad bodies: 400 with every problem located, and the clock does not move', async () => {
    const mock = controlMock();
    const before = await snapshot(mock);
    const cases: [string, string, unknown, string][] = [
      [
        '/__mock/clock/advance',
        'POST',
        { by: '90 seconds' },
        'by: expected a duration such as 250ms, 90s, 5m, 2h or 30d',
      ],
      ['/__mock/clock/advance', 'POST', { by: -5 }, 'by: must be >= 0, got -5'],
      ['/__mock/clock/advance', 'POST', {}, 'by: expected a duration'],
      ['/__mock/clock/advance', 'POST', { by: '1s', extra: 1 }, 'extra: unknown field (allowed: by)'],
      ['/__mock/clock/advance', 'POST', [], 'body: expected a JSON object with the fields by'],
      ['/__mock/clock/advance', 'POST', '{"by":', 'body: expected valid JSON'],
      ['/__mock/clock/advance', 'POST', '', 'body: expected a JSON object, got an empty body'],
      ['/__mock/clock/advance', 'POST', { by: '100000000d' }, 'by: would move the clock past 9999-12-31T23:59:59.000Z'],
      ['/__mock/clock/set', 'POST', { time: 'tomorrow' }, 'time: expected an ISO 8601 date-time with a time zone'],
      ['/__mock/clock/set', 'POST', { time: '2024-06-04T00:00:00' }, 'time: expected an ISO 8601 date-time'],
      ['/__mock/clock/set', 'POST', { at: START }, 'at: unknown field (allowed: time)'],
    ];
    for (const [path, method, body, words] of cases) {
      const answer = await control(mock, method, path, body);
      expectControlError(answer, 400, 'invalidRequest', words);
      expect(answer.body.error.message).toContain('Nothing changed');
    }
    expect(await snapshot(mock)).toEqual(before);
  });

  it('a query parameter on a route that takes none is refused', async () => {
    const mock = controlMock();
    const answer = await control(mock, 'GET', '/__mock/clock?format=iso');
    expectControlError(answer, 400, 'invalidRequest', 'query.format: unknown query parameter (this route takes none)');
  });
});

describe('the clock routes on a realtime clock', () => {
  const mock = realtimeMock({ speed: 0, startTime: START });

  it('GET says realtime, and the clock runs', async () => {
    const answer = await control(mock, 'GET', '/__mock/clock');
    expect(answer.body.mode).toBe('realtime');
    expect(answer.body.startTime).toBe('2024-06-03T09:00:00.000Z');
    expect(Date.parse(answer.body.now)).toBeGreaterThanOrEqual(Date.parse(START));
  });

  it('advance and set answer 409 clockNotManual, saying to start with --clock manual', async () => {
    for (const [path, body] of [
      ['/__mock/clock/advance', { by: '1m' }],
      ['/__mock/clock/set', { time: '2030-01-01T00:00:00Z' }],
    ] as const) {
      const answer = await control(mock, 'POST', path, body);
      expectControlError(answer, 409, 'clockNotManual', '--clock manual');
    }
    const now = Date.parse((await control(mock, 'GET', '/__mock/clock')).body.now);
    expect(now).toBeLessThan(Date.parse('2030-01-01T00:00:00Z'));
  });

  it('a bad body is still a 400 first', async () => {
    expectControlError(await control(mock, 'POST', '/__mock/clock/advance', { by: 'x' }), 400, 'invalidRequest');
  });

  it('state works with any clock', async () => {
    const answer = await control(mock, 'GET', '/__mock/state', undefined, tokens());
    expect(answer.status).toBe(200);
    expect(answer.body.clock.mode).toBe('realtime');
  });
});
