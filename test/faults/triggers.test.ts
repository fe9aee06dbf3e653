import { describe, expect, it } from 'vitest';
import { deriveSeed, SeededRandom } from '../../src/core/random.js';
import { resultPath } from '../support/index.js';
import { faultMock, injectedE1, positions, RESULT_NOT_FOUND, resultOf, statuses } from './support.js';

describe('fault triggers', () => {
  it('every 3: the 3rd, 6th and 9th matching requests', async () => {
    const mock = faultMock([{ name: 'third', endpoint: 'result', every: 3, status: 503 }]);
    const seen = await statuses(10, () => resultOf(mock));
    expect(positions(seen, 503)).toEqual([3, 6, 9]);
    expect(positions(seen, 404)).toEqual([1, 2, 4, 5, 7, 8, 10]);
    expect(mock.server.faults.list()).toEqual([
      { name: 'third', endpoint: 'result', every: 3, status: 503, matched: 10, applied: 3 },
    ]);
  });

  it('first 2: the first two matching requests, then never again', async () => {
    const mock = faultMock([{ name: 'cold-start', endpoint: 'result', first: 2, status: 502 }]);
    const seen = await statuses(6, () => resultOf(mock));
    expect(seen).toEqual([502, 502, 404, 404, 404, 404]);
    expect(mock.server.faults.list()[0]).toMatchObject({ matched: 6, applied: 2 });
  });

  it('no trigger: every matching request', async () => {
    const mock = faultMock([{ name: 'down', endpoint: 'result', status: 503 }]);
    expect(await statuses(3, () => resultOf(mock))).toEqual([503, 503, 503]);
  });

  it('probability 0.5 with a seed: the pattern the seeded source draws, the same on two mocks', async () => {
    const rule = { name: 'coin', endpoint: 'result' as const, probability: 0.5, status: 503 };
    const pattern = async (seed: number) => {
      const mock = faultMock([rule], { seed });
      return (await statuses(40, () => resultOf(mock))).map((status) => status === 503);
    };
    const first = await pattern(3);
    const replay = await pattern(3);
    const random = new SeededRandom(deriveSeed('fault', 3, 'coin'));
    const expected = Array.from({ length: 40 }, () => random.next() < 0.5);
    expect(first).toEqual(expected);
    expect(replay).toEqual(first);
    const hits = first.filter(Boolean).length;
    expect(hits).toBeGreaterThan(10);
    expect(hits).toBeLessThan(30);
    expect(await pattern(4)).not.toEqual(first);
  });

  it('counts only the requests a rule matches (its endpoint), per rule', async () => {
    const mock = faultMock([{ name: 'gets', endpoint: 'get', every: 2, status: 503 }]);
    await statuses(3, () => resultOf(mock)); // another endpoint: not counted
    expect(mock.server.faults.list()[0]).toMatchObject({ matched: 0, applied: 0 });
  });
});

describe('several rules', () => {
  it('the first rule whose trigger fires applies; every matching rule counts the request', async () => {
    const mock = faultMock([
      { name: 'early', endpoint: 'result', first: 2, status: 502 },
      { name: 'third', endpoint: 'result', every: 3, status: 503 },
    ]);
    const seen = await statuses(6, () => resultOf(mock));
    expect(seen).toEqual([502, 502, 503, 404, 404, 503]);
    expect(mock.server.faults.list().map(({ name, matched, applied }) => ({ name, matched, applied }))).toEqual([
      { name: 'early', matched: 6, applied: 2 },
      { name: 'third', matched: 6, applied: 2 },
    ]);
  });

  it('an earlier rule that fires shadows a later one that fires too', async () => {
    const mock = faultMock([
      { name: 'a', endpoint: 'any', every: 2, status: 503 },
      { name: 'b', endpoint: 'result', every: 2, status: 504 },
    ]);
    expect(await statuses(4, () => resultOf(mock))).toEqual([404, 503, 404, 503]);
    expect(mock.server.faults.list()[1]).toMatchObject({ name: 'b', matched: 4, applied: 0 });
  });

  it('seeded 5 % 503s and 2 % resets together: replayable, each at its own rate, the rest untouched', async () => {
    const rules = [
      { name: 'flaky-503', endpoint: 'any' as const, probability: 0.05, status: 503 },
      { name: 'flaky-reset', endpoint: 'any' as const, probability: 0.02, reset: true as const },
    ];
    const run = async () => {
      // The self-check is off here only for speed: the answers' bodies are checked below.
      const mock = faultMock(rules, { seed: 42, selfCheck: false });
      const seen: number[] = [];
      for (let i = 0; i < 400; i++) {
        const res = await mock.send('GET', resultPath('nope'), { headers: { 'x-n': `${i}` } });
        seen.push(res.status);
        if (res.status === 404) expect(res.body).toEqual(RESULT_NOT_FOUND);
        if (res.status === 503) expect(res.body).toEqual(injectedE1('flaky-503', 503));
      }
      return { seen, list: mock.server.faults.list() };
    };
    const first = await run();
    const again = await run();
    expect(again.seen).toEqual(first.seen);
    const injected = positions(first.seen, 503).length;
    const resets = positions(first.seen, 0).length; // in process, a reset is a network error: status 0
    expect(injected).toBe(first.list[0]?.applied);
    expect(resets).toBe(first.list[1]?.applied);
    expect(injected).toBeGreaterThan(5);
    expect(injected).toBeLessThan(40);
    expect(resets).toBeGreaterThan(0);
    expect(resets).toBeLessThan(20);
    expect(injected + resets + positions(first.seen, 404).length).toBe(400);
    expect(first.list.map((rule) => rule.matched)).toEqual([400, 400]);
  });
});
