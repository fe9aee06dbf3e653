import type { ScenarioInput } from '../../src/contracts/mock/scenario.js';
import { GET, type Reply, SYNC, settle, type TestMock, testMock, tokens } from '../support/helpers.js';

export { GET, SYNC };

/** An in-process mock with a scenario, on a manual clock at START, no jitter (exact virtual times). */
export function scenarioMock(scenario: ScenarioInput, options: Parameters<typeof testMock>[0] = {}): TestMock {
  return testMock({ latency: { jitter: 0 }, ...options, scenario });
}

/** Starts a `reslink` request; returns the path of its result link. */
export async function reslink(
  mock: TestMock,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<string> {
  const reply = await mock.post(path, body, { 'result-handling': 'reslink', ...headers });
  if (reply.body?.status !== 'processing') throw new Error(`not accepted: ${reply.status} ${reply.text}`);
  return new URL(reply.body.process.resultLink).pathname;
}

/** Reads a result link (with the tokens of `identificationToken`, default acc-1). */
export function result(mock: TestMock, link: string, headers: Record<string, string> = {}): Promise<Reply> {
  return mock.get(link, { ...tokens(), ...headers });
}

/** A long-mode request; the clock moves in `stepMs` steps until it is answered. */
export const long = settle;

/** Long-mode synchronize of persons in one channel. */
export function syncLong(
  mock: TestMock,
  persons: string[],
  headers: Record<string, string> = {},
  channel: 'standard' | 'salesNavigator' = 'standard',
): Promise<Reply> {
  return long(mock, SYNC, { [channel]: persons.map((person) => ({ person })) }, headers);
}

/** Long-mode get of one conversation; returns its messages (throws when it is not readable). */
export async function readThread(
  mock: TestMock,
  person: string,
  options: { channel?: 'standard' | 'salesNavigator'; since?: string; headers?: Record<string, string> } = {},
): Promise<{ id: string; sender: string; text: string; time: string }[]> {
  const channel = options.channel ?? 'standard';
  const entry = options.since === undefined ? { person } : { person, since: options.since };
  const reply = await long(mock, GET, { [channel]: [entry] }, options.headers, 50);
  const found = reply.body?.completion?.[channel]?.[0]?.result;
  if (!found?.success) throw new Error(`not readable: ${reply.status} ${reply.text}`);
  return found.data.messages;
}

/** The per-person results of a synchronize completion, as `person → true | errorType`. */
export function syncResults(reply: Reply, channel: 'standard' | 'salesNavigator' = 'standard') {
  return Object.fromEntries(
    (
      reply.body.completion[channel] as {
        person: string;
        result: { success: boolean; error?: { errorType: string } };
      }[]
    ).map((entry) => [entry.person, entry.result.success ? true : entry.result.error?.errorType]),
  );
}
