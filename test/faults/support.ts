import { FAULT_TARGETS } from '../../src/contracts/endpoints.js';
import type { FaultRule } from '../../src/contracts/mock/scenario.js';
import { type MockOptions, type Reply, resultPath, SYNC, type TestMock, testMock, tokens } from '../support/index.js';

export type RuleInput = Partial<FaultRule> & Record<string, unknown>;

/** A test mock at speed 0 with these fault rules in its scenario. */
export function faultMock(faults: RuleInput[], options: MockOptions = {}): TestMock {
  return testMock({
    speed: 0,
    ...options,
    scenario: { ...(options.scenario as object), faults } as MockOptions['scenario'],
  });
}

/** `GET /account/results/nope` with E1 tokens: 404 resultNotFound unless a fault answers. Cheap: no job. */
export const resultOf = (mock: TestMock, account = 'acc-1') =>
  mock.send('GET', resultPath('nope'), { headers: tokens(account) });

/** A reslink synchronize of these persons (answered at once). */
export const syncOf = (mock: TestMock, persons: string[], account = 'acc-1') =>
  mock.post(
    SYNC,
    { standard: persons.map((person) => ({ person })) },
    { 'result-handling': 'reslink', ...tokens(account) },
  );

/** The statuses of `count` requests made one after another. */
export async function statuses(count: number, request: () => Promise<Reply>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push((await request()).status);
  return out;
}

/** The 1-based positions of the requests a fault answered (`status`). */
export const positions = (list: number[], status: number) =>
  list.flatMap((value, index) => (value === status ? [index + 1] : []));

export const RESULT_NOT_FOUND = {
  status: 'error',
  error: { errorType: 'resultNotFound', message: 'The result link is unknown or has expired.' },
};

/** The E1 body of a `status` fault. */
export const injectedE1 = (name: string, status: number) => ({
  status: 'error',
  error: { errorType: 'injectedFault', message: `linkedapi-mock fault ${name} answered HTTP ${status}.` },
});

/** The E4 body of a `status` fault. */
export const injectedE4 = (name: string, status: number) => ({
  success: false,
  error: { type: 'injectedFault', message: `linkedapi-mock fault ${name} answered HTTP ${status}.` },
});

/**
 * The fault endpoint (what a rule's `endpoint` names) a request goes to, seen from outside: a mock with one rule
 * per endpoint, none of which ever fires, answers the request; the rules it counted on name it (undefined: none).
 */
export async function faultEndpointOf(method: string, path: string): Promise<string | undefined> {
  const rules = FAULT_TARGETS.map((endpoint) => ({ name: endpoint, endpoint, probability: 0, status: 503 }));
  const mock = faultMock(rules);
  await mock.send(method, path, { headers: tokens() });
  const counted = mock.server.faults.list().filter((rule) => rule.matched > 0);
  return counted.length === 0 ? undefined : counted.map((rule) => rule.name).join(' and ');
}
