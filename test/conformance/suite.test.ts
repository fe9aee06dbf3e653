import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFORMANCE_CHECKS } from '../../src/conformance/checks.js';
import { defineConformanceSuite as publicSuite } from '../../src/conformance/index.js';
import { ConformanceFailure, defineConformanceSuite, type TestApi } from '../../src/conformance/suite.js';
import { type RunningMock, startMock } from '../../src/server/listen.js';
import { type StartedMock, startMock as startTestMock } from '../../src/testing/index.js';
import { person } from '../support/index.js';
import { brokenServer, inProcessMock, TOKENS } from './support.js';

const NAMES = CONFORMANCE_CHECKS.map((check) => check.name);

// The factory as a consumer uses it: vitest's describe/it, options known only once beforeAll has run. The mock is
// the root `startMock` as `serve` runs it (a realtime clock), which test/support's socketMock (a manual clock) is not.
let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ speed: 0, selfCheck: true });
});
afterAll(() => mock.close());
defineConformanceSuite(
  { describe, it },
  () => ({ baseUrl: mock.url, ...TOKENS, identificationToken: 'suite-factory', pollIntervalMs: 5 }),
  { title: 'conformance of the mock on a socket (defineConformanceSuite)' },
);

// The same through the public entry points a README reader uses: linkedapi-mock/testing's startMock (a manual
// clock, speed 0) and linkedapi-mock/conformance.
let testMock: StartedMock;
beforeAll(async () => {
  testMock = await startTestMock({ selfCheck: true });
});
afterAll(() => testMock.close());
publicSuite(
  { describe, it },
  () => ({ baseUrl: testMock.url, ...TOKENS, identificationToken: 'testing-harness', pollIntervalMs: 5 }),
  { title: "conformance of linkedapi-mock/testing's startMock" },
);

interface Registered {
  titles: string[];
  tests: { name: string; body: (context?: unknown) => unknown; timeout: number | undefined }[];
}

/** A test framework that only records what is registered, so the tests can be run by hand. */
function recordingApi(): TestApi & Registered {
  const titles: string[] = [];
  const tests: Registered['tests'] = [];
  return {
    titles,
    tests,
    describe: (name, body) => {
      titles.push(name);
      body();
    },
    it: (name, body, timeout) => {
      tests.push({ name, body, timeout });
    },
  };
}

describe('defineConformanceSuite', () => {
  it('registers one test per check, named after it; a failing check throws its problems, line by line', async () => {
    const api = recordingApi();
    const { fetch } = brokenServer({
      answer: (json) => (json.status === 'error' ? { ...json, error: { ...json.error, errorType: 'oops' } } : json),
    });
    defineConformanceSuite(api, { baseUrl: 'http://broken.test', ...TOKENS, fetch, pollIntervalMs: 1 });
    expect(api.titles).toEqual(['Linked API conformance']);
    expect(api.tests.map((test) => [test.name, test.timeout])).toEqual(NAMES.map((name) => [name, 120_000]));
    const outcomes: Record<string, string> = {};
    for (const test of api.tests) {
      try {
        await test.body();
        outcomes[test.name] = 'passed';
      } catch (error) {
        expect(error).toBeInstanceOf(ConformanceFailure);
        outcomes[test.name] = (error as Error).message;
      }
    }
    expect(outcomes['missing-account-api-token']).toBe(
      'missing-account-api-token (mock decision) failed:\n' +
        '  POST /account/conversations.get answered 401: error.errorType: expected "accountApiTokenRequired", got "oops"',
    );
    expect(outcomes.synchronize).toBe('passed');
    expect(Object.values(outcomes).filter((outcome) => outcome !== 'passed')).toHaveLength(6);
  });

  it('registers only the selected checks; a check that skips itself calls the framework skip', async () => {
    const api = recordingApi();
    const { fetch } = inProcessMock();
    const persons = [person('missing-nobody')]; // personNotFound on the mock: nothing to read
    defineConformanceSuite(api, () => ({ baseUrl: 'http://mock.test', ...TOKENS, persons, fetch }), {
      only: ['synchronize', 'total-is-count', 'since-exclusive'],
      documentedOnly: true,
      timeoutMs: 5_000,
    });
    expect(api.tests.map((test) => [test.name, test.timeout])).toEqual([['synchronize', 5_000]]);

    const skipping = recordingApi();
    defineConformanceSuite(skipping, {
      baseUrl: 'http://mock.test',
      ...TOKENS,
      persons,
      fetch,
      only: ['total-is-count'],
    });
    const reasons: (string | undefined)[] = [];
    await skipping.tests[0]?.body({ skip: (reason?: string) => reasons.push(reason) });
    expect(reasons).toEqual(['none of the persons exists (every synchronize answered personNotFound)']);
    await expect(skipping.tests[0]?.body()).resolves.toBeUndefined(); // jest: no skip, the test passes
  });

  it('registers only the checks of the dialects asked for', () => {
    const api = recordingApi();
    defineConformanceSuite(api, () => ({ baseUrl: 'http://mock.test', ...TOKENS }), { dialects: ['E4'] });
    const e4 = NAMES.filter((name) => name.startsWith('e4-'));
    expect(e4.length).toBeGreaterThan(5);
    expect(api.tests.map((test) => test.name)).toEqual(e4);
  });
});
