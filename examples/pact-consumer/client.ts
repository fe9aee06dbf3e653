/**
 * A tiny Linked API conversations client, as a consumer team might write it: plain functions over `fetch` and a
 * base URL. Its pact tests (client.pact.test.ts) record what it expects of Linked API; the mock is then verified
 * against those pacts (test/pact/provider.test.ts).
 */

export interface LinkedApiConfig {
  /** `https://api.linkedapi.io`, or the mock's URL. */
  baseUrl: string;
  accountApiToken: string;
  identificationToken: string;
}

export type Channel = 'standard' | 'salesNavigator';

export interface Message {
  id: string;
  sender: 'us' | 'them';
  text: string;
  time: string;
}

/** What one synchronized person came to: synced, or why not. */
export interface SyncOutcome {
  person: string;
  synced: boolean;
  error?: string;
}

/** A global error from Linked API (`{"status":"error"}`), with the HTTP status it came with. */
export class LinkedApiError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
    readonly httpStatus: number,
  ) {
    super(`${errorType}: ${message}`);
    this.name = 'LinkedApiError';
  }
}

/** The conversation has not been synchronized yet: call `syncConversations` first. */
export class NotSynchronizedError extends Error {
  constructor(readonly person: string) {
    super(`the conversation with ${person} is not synchronized`);
    this.name = 'NotSynchronizedError';
  }
}

interface Envelope {
  status: 'complete' | 'processing' | 'error';
  completion?: Record<Channel, { person: string; result: PersonResult }[]>;
  process?: { message: string; resultLink?: string };
  error?: { errorType: string; message: string };
}

interface PersonResult {
  success: boolean;
  data?: { total: number; messages: Message[] };
  error?: { errorType: string; message: string };
}

async function call(
  config: LinkedApiConfig,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Envelope> {
  const sent: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (config.accountApiToken) sent['account-api-token'] = config.accountApiToken;
  if (config.identificationToken) sent['identification-token'] = config.identificationToken;
  const response = await fetch(`${config.baseUrl}${path}`, {
    method: 'POST',
    headers: sent,
    body: JSON.stringify(body),
  });
  return read(response);
}

async function read(response: Response): Promise<Envelope> {
  const envelope = (await response.json()) as Envelope;
  if (envelope.status === 'error' && envelope.error) {
    throw new LinkedApiError(envelope.error.errorType, envelope.error.message, response.status);
  }
  return envelope;
}

function outcomes(envelope: Envelope, channel: Channel): SyncOutcome[] {
  return (envelope.completion?.[channel] ?? []).map(({ person, result }) =>
    result.success ? { person, synced: true } : { person, synced: false, error: result.error?.errorType },
  );
}

/** Synchronizes conversations and waits for the result (long mode). */
export async function syncConversations(
  config: LinkedApiConfig,
  persons: string[],
  channel: Channel = 'standard',
): Promise<SyncOutcome[]> {
  const envelope = await call(config, '/account/conversations.synchronize', {
    [channel]: persons.map((person) => ({ person })),
  });
  return outcomes(envelope, channel);
}

/** Starts a synchronization and returns at once with the link to poll (`result-handling: reslink`). */
export async function startSync(config: LinkedApiConfig, persons: string[], channel: Channel = 'standard') {
  const envelope = await call(
    config,
    '/account/conversations.synchronize',
    { [channel]: persons.map((person) => ({ person })) },
    { 'result-handling': 'reslink' },
  );
  const link = envelope.process?.resultLink;
  if (envelope.status !== 'processing' || !link) throw new Error(`expected a result link, got ${envelope.status}`);
  return link;
}

/** Polls a result link until the synchronization is done; returns its outcomes. */
export async function pollSyncResult(
  resultLink: string,
  channel: Channel = 'standard',
  { attempts = 30, intervalMs = 1000 } = {},
): Promise<SyncOutcome[]> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const envelope = await read(await fetch(resultLink));
    if (envelope.status === 'complete') return outcomes(envelope, channel);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`no result at ${resultLink} after ${attempts} attempts`);
}

/** The messages of a synchronized conversation, only those after `since` when given (oldest first). */
export async function getNewMessages(
  config: LinkedApiConfig,
  person: string,
  since?: string,
  channel: Channel = 'standard',
): Promise<Message[]> {
  const envelope = await call(config, '/account/conversations.get', {
    [channel]: [since === undefined ? { person } : { person, since }],
  });
  const result = envelope.completion?.[channel]?.[0]?.result;
  if (!result?.success || !result.data) throw new NotSynchronizedError(person);
  return result.data.messages;
}
