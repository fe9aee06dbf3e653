import { describe, expect, it } from 'vitest';
import type { TestMock } from '../support/index.js';
import { faultMock, injectedE1, positions, resultOf, statuses } from './support.js';

const JSON_TYPE = { 'content-type': 'application/json' };
const addFault = (mock: TestMock, body: unknown, headers = {}) =>
  mock.send('POST', '/__mock/faults', { headers: { ...JSON_TYPE, ...headers }, body });
const listFaults = (mock: TestMock, headers = {}) => mock.send('GET', '/__mock/faults', { headers });

const invalid = (details: string, issues: object[]) => ({
  error: {
    type: 'invalidRequest',
    message: `[linkedapi-mock] the control request is invalid: ${details}. Nothing changed; fix it and send it again.`,
    issues,
  },
});

describe('the fault control routes', () => {
  it('add, list (with counters), remove one, remove all', async () => {
    const mock = faultMock([]);
    const added = await addFault(mock, { name: 'flaky', endpoint: 'result', every: 2, status: 503 });
    expect([added.status, added.body]).toEqual([
      201,
      { fault: { name: 'flaky', endpoint: 'result', every: 2, status: 503, matched: 0, applied: 0 } },
    ]);
    expect(await statuses(4, () => resultOf(mock))).toEqual([404, 503, 404, 503]);
    const unnamed = await addFault(mock, { delay: '2s' });
    expect(unnamed.body).toEqual({ fault: { name: 'fault-1', endpoint: 'any', delay: '2s', matched: 0, applied: 0 } });
    expect((await listFaults(mock)).body).toEqual({
      faults: [
        { name: 'flaky', endpoint: 'result', every: 2, status: 503, matched: 4, applied: 2 },
        { name: 'fault-1', endpoint: 'any', delay: '2s', matched: 0, applied: 0 },
      ],
    });
    const removed = await mock.send('DELETE', '/__mock/faults/flaky');
    expect([removed.status, removed.body]).toEqual([
      200,
      { removed: { name: 'flaky', endpoint: 'result', every: 2, status: 503, matched: 4, applied: 2 } },
    ]);
    await addFault(mock, { name: 'x y', status: 500 });
    expect((await mock.send('DELETE', `/__mock/faults/${encodeURIComponent('x y')}`)).status).toBe(200);
    const cleared = await mock.send('DELETE', '/__mock/faults');
    expect([cleared.status, cleared.body]).toEqual([200, { removed: ['fault-1'] }]);
    expect((await listFaults(mock)).body).toEqual({ faults: [] });
    expect((await resultOf(mock)).status).toBe(404);
  });

  it('a rule added at run time applies to the next request, and goes after the scenario’s', async () => {
    const mock = faultMock([{ name: 'first', endpoint: 'result', first: 1, status: 502 }]);
    await addFault(mock, { name: 'then', endpoint: 'result', status: 504 });
    expect(await statuses(3, () => resultOf(mock))).toEqual([502, 504, 504]);
    expect((await resultOf(mock)).body).toEqual(injectedE1('then', 504));
  });

  it('generated names skip names in use', async () => {
    const mock = faultMock([{ status: 503 }, { name: 'fault-2', status: 503 }]);
    expect((await addFault(mock, { status: 500 })).body.fault.name).toBe('fault-3');
    expect(mock.server.faults.names()).toEqual(['fault-0', 'fault-2', 'fault-3']);
  });

  it('a duplicate name is refused with 409 and nothing changes', async () => {
    const mock = faultMock([{ name: 'flaky', status: 503 }]);
    const answer = await addFault(mock, { name: 'flaky', reset: true });
    expect([answer.status, answer.body]).toEqual([
      409,
      {
        error: {
          type: 'faultExists',
          message:
            '[linkedapi-mock] there is already a fault named flaky: remove it first (DELETE /__mock/faults/flaky) or give this one another name; nothing changed',
        },
      },
    ]);
    expect(mock.server.faults.list()).toEqual([
      { name: 'flaky', endpoint: 'any', status: 503, matched: 0, applied: 0 },
    ]);
  });

  it('removing an unknown name is 404 and names the rules there are', async () => {
    const mock = faultMock([{ name: 'a', status: 503 }]);
    const answer = await mock.send('DELETE', '/__mock/faults/b');
    expect([answer.status, answer.body]).toEqual([
      404,
      {
        error: {
          type: 'faultNotFound',
          message: '[linkedapi-mock] there is no fault named b (faults: a); list them with GET /__mock/faults',
        },
      },
    ]);
    await mock.send('DELETE', '/__mock/faults');
    expect((await mock.send('DELETE', '/__mock/faults/b')).body.error.message).toBe(
      '[linkedapi-mock] there is no fault named b (there are no faults); list them with GET /__mock/faults',
    );
  });

  it('bad bodies: every problem with its path and a hint, and no change', async () => {
    const mock = faultMock([{ name: 'kept', endpoint: 'get', status: 503 }], {
      scenario: { accounts: [{ identificationToken: 'acc-1' }] },
    });
    const before = mock.server.faults.list();
    const cases: [unknown, number, object][] = [
      [
        {},
        400,
        invalid('body: a fault needs an effect: error, status, reset or delay', [
          {
            path: 'body',
            problem: 'a fault needs an effect: error, status, reset or delay',
            hint: 'add one, such as status: 503, error: tooManyRequests, reset: true or delay: 5s',
          },
        ]),
      ],
      [
        { every: 0, status: 200 },
        400,
        invalid('every: must be >= 1, got 0; status: must be >= 400, got 200', [
          { path: 'every', problem: 'must be >= 1, got 0', hint: 'see docs/scenario-reference.md for every key' },
          {
            path: 'status',
            problem: 'must be >= 400, got 200',
            hint: 'see docs/scenario-reference.md for every key',
          },
        ]),
      ],
      [
        { every: 2, first: 1, status: 503, reset: true },
        400,
        invalid(
          'first: use one of every, first, probability (got every and first); reset: use one of error, status, reset (got status and reset)',
          [
            {
              path: 'first',
              problem: 'use one of every, first, probability (got every and first)',
              hint: expect.any(String),
            },
            {
              path: 'reset',
              problem: 'use one of error, status, reset (got status and reset)',
              hint: expect.any(String),
            },
          ],
        ),
      ],
      [
        { error: 'noActiveSeat' },
        400,
        invalid('error: expected an error type of the error tables in docs/e1.md or docs/e4.md', [
          {
            path: 'error',
            problem: 'expected an error type of the error tables in docs/e1.md or docs/e4.md',
            hint: 'did you mean "noActiveSeats"?',
          },
        ]),
      ],
      [
        { oops: 1, status: 503 },
        400,
        invalid('oops: unknown key', [
          {
            path: 'oops',
            problem: 'unknown key',
            hint: 'remove it or use one of: name, endpoint, account, person, every, first, probability, error, status, delay, reset',
          },
        ]),
      ],
      [
        { account: 'acc-2', status: 503 },
        400,
        invalid('account: is not one of the accounts listed (acc-1)', [
          {
            path: 'account',
            problem: 'is not one of the accounts listed (acc-1)',
            hint: 'did you mean "acc-1"? Otherwise add "acc-2" to accounts',
          },
        ]),
      ],
      [
        [{ status: 503 }],
        400,
        invalid('body: expected object, got an array', [
          {
            path: 'body',
            problem: 'expected object, got an array',
            hint: 'send one rule as a JSON object, such as {"endpoint": "get", "every": 3, "status": 503}',
          },
        ]),
      ],
      [
        '',
        400,
        invalid('body: expected a fault rule (a JSON object), got an empty body', [
          { path: 'body', problem: 'expected a fault rule (a JSON object), got an empty body' },
        ]),
      ],
      [
        '{"status": 503',
        400,
        invalid("body: expected valid JSON (Expected ',' or '}' after property value in JSON at position 14)", [
          {
            path: 'body',
            problem: "expected valid JSON (Expected ',' or '}' after property value in JSON at position 14)",
          },
        ]),
      ],
    ];
    for (const [body, status, expected] of cases) {
      const answer = await addFault(mock, body);
      expect([answer.status, answer.body], JSON.stringify(body)).toEqual([status, expected]);
    }
    const big = await addFault(mock, `{"name":"${'x'.repeat(1024 * 1024)}","status":503}`);
    expect([big.status, big.body.error.type]).toEqual([413, 'bodyTooLarge']);
    const query = await mock.send('GET', '/__mock/faults?all=1');
    expect([query.status, query.body.error.issues]).toEqual([
      400,
      [{ path: 'query.all', problem: 'unknown query parameter (this route takes none)' }],
    ]);
    expect(mock.server.faults.list()).toEqual(before);
  });

  it('with a control token, the fault routes need it', async () => {
    const mock = faultMock([], { controlToken: 'secret' });
    const missing = await listFaults(mock);
    expect([missing.status, missing.body.error.type]).toEqual([401, 'controlTokenRequired']);
    const wrong = await addFault(mock, { status: 503 }, { 'x-mock-control-token': 'guess' });
    expect([wrong.status, wrong.body.error.type]).toEqual([401, 'invalidControlToken']);
    expect(mock.server.faults.list()).toEqual([]);
    const right = await addFault(mock, { status: 503 }, { 'x-mock-control-token': 'secret' });
    expect(right.status).toBe(201);
  });
});

describe('faults and the scenario', () => {
  it('loading a scenario replaces the rules and restarts counters and seeded sources', async () => {
    const coin = { name: 'coin', endpoint: 'result' as const, probability: 0.5, status: 503 };
    const mock = faultMock([coin, { name: 'old', status: 500 }], { seed: 5 });
    const before = await statuses(12, () => resultOf(mock));
    await addFault(mock, { name: 'runtime', status: 502 });
    mock.server.loadScenario({ faults: [coin] });
    expect(mock.server.faults.list()).toEqual([{ ...coin, matched: 0, applied: 0 }]);
    const after = await statuses(12, () => resultOf(mock));
    expect(positions(after, 503)).toEqual(positions(before, 503));
    expect(positions(after, 503).length).toBeGreaterThan(0);
    mock.server.loadScenario({});
    expect(mock.server.faults.list()).toEqual([]);
  });

  it('a full reset (POST /__mock/reset) zeroes the counters and keeps the rules', async () => {
    const mock = faultMock([{ name: 'third', endpoint: 'result', every: 3, status: 503 }]);
    await statuses(2, () => resultOf(mock));
    expect((await mock.send('POST', '/__mock/reset', { headers: JSON_TYPE, body: {} })).status).toBe(200);
    expect(mock.server.faults.list()[0]).toMatchObject({ name: 'third', matched: 0, applied: 0 });
    expect(await statuses(3, () => resultOf(mock))).toEqual([404, 404, 503]);
  });

  it('a scenario with two faults of the same name is refused, naming both', () => {
    expect(() => faultMock([{ status: 503 }, { name: 'fault-0', status: 500 }])).toThrow(
      'faults[1].name: fault-0 is the name of faults[0] too',
    );
  });
});
