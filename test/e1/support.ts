import { GET, type Reply, SYNC, settle, type TestMock } from '../support/helpers.js';

export const NOT_SYNCHRONIZED = {
  success: false,
  error: { errorType: 'notSynchronized', message: "The conversation with this person isn't synchronized." },
};
export const PERSON_NOT_FOUND = {
  success: false,
  error: { errorType: 'personNotFound', message: 'The provided URL is not an existing LinkedIn person.' },
};
export const SIGNED_OUT = {
  status: 'error',
  error: {
    errorType: 'linkedinAccountSignedOut',
    message: 'This LinkedIn account has been signed out in our cloud browser.',
  },
};

export interface ApiMessage {
  id: string;
  sender: 'us' | 'them';
  text: string;
  time: string;
}

export { settle };

/** Syncs persons in one channel (long mode, clock driven) and checks it succeeded for all. */
export async function syncPersons(
  mock: TestMock,
  persons: string[],
  channel: 'standard' | 'salesNavigator' = 'standard',
  headers: Record<string, string> = {},
): Promise<Reply> {
  const reply = await settle(mock, SYNC, { [channel]: persons.map((person) => ({ person })) }, headers);
  if (reply.status !== 200 || reply.body.status !== 'complete') throw new Error(`sync failed: ${reply.text}`);
  return reply;
}

/** Reads one conversation (long mode); returns the `result` of its completion entry. */
export async function getOne(
  mock: TestMock,
  person: string,
  options: { channel?: 'standard' | 'salesNavigator'; since?: unknown; headers?: Record<string, string> } = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON
): Promise<any> {
  const channel = options.channel ?? 'standard';
  const entry = options.since === undefined ? { person } : { person, since: options.since };
  const reply = await settle(mock, GET, { [channel]: [entry] }, options.headers);
  if (reply.status !== 200) throw new Error(`get failed: ${reply.status} ${reply.text}`);
  return reply.body.completion[channel][0].result;
}

/** The messages of a synced conversation; throws when it is not synced. */
export async function messagesOf(
  mock: TestMock,
  person: string,
  options: { channel?: 'standard' | 'salesNavigator'; since?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiMessage[]> {
  const result = await getOne(mock, person, options);
  if (!result.success) throw new Error(`not readable: ${JSON.stringify(result)}`);
  return result.data.messages;
}
