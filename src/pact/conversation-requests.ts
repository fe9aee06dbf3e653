/**
 * The parameters of the `linkedApiInteractions` helpers, and how they become requests: headers, bodies,
 * descriptions and the provider states an example answer implies.
 */
import type { Channel } from '../contracts/e1/requests.js';
import { endpointPath } from '../contracts/endpoints.js';
import { EXAMPLE_START_TIME, type ExampleAnswer, exampleAnswer, type ProviderState } from './examples.js';
import type { PactMockServer } from './interaction.js';
import { PROVIDER_STATES } from './provider-states.js';

const DEFAULT_ACCOUNT_API_TOKEN = 'my-account-api-token';
export const DEFAULT_PERSON = 'https://www.linkedin.com/in/jane-doe';

/** The two headers that name the caller. */
export interface AccountTokens {
  /** The LinkedIn account (one account = one identification token). */
  identificationToken: string;
  /** Default `my-account-api-token`. */
  accountApiToken?: string;
}

/** A conversation to synchronize. */
export interface ConversationToSynchronize {
  person: string;
  /** `false` expects `personNotFound` (state "the person does not exist on LinkedIn"); needs an `/in/missing-…` URL. */
  exists?: boolean;
}

/** A conversation to read. */
export interface ConversationToGet {
  person: string;
  /** Only messages strictly after this instant (ISO 8601 with a zone). */
  since?: string;
  /** Default true (state "the conversation is synchronized"); `false` expects `notSynchronized`. */
  synchronized?: boolean;
}

export interface SynchronizeParams extends AccountTokens {
  standard?: ConversationToSynchronize[];
  salesNavigator?: ConversationToSynchronize[];
  /** Overrides the interaction's description (descriptions must be unique within a pact). */
  description?: string;
}

export interface GetParams extends AccountTokens {
  standard?: ConversationToGet[];
  salesNavigator?: ConversationToGet[];
  description?: string;
}

export interface ResultParams {
  identificationToken: string;
  /** The synchronized conversation whose result is read. */
  person: string;
  /** Default `standard`. */
  channel?: Channel;
  description?: string;
}

/** The global errors a consumer can provoke on the two POST endpoints. */
export type RejectionType =
  | 'accountApiTokenRequired'
  | 'invalidAccountApiToken'
  | 'identificationTokenRequired'
  | 'invalidIdentificationToken'
  | 'invalidRequestBody'
  | 'noActiveSeats'
  | 'linkedinAccountSignedOut';

export interface RejectionParams {
  endpoint: 'synchronize' | 'get';
  errorType: RejectionType;
  /** Default `my-account`; for `invalidIdentificationToken` `invalid-account` (it must start with `invalid`). */
  identificationToken?: string;
  /** Default `my-account-api-token`; for `invalidAccountApiToken` `invalid-account-api-token`. */
  accountApiToken?: string;
  /** The request body. Default: one conversation, or `{}` for `invalidRequestBody`. */
  body?: unknown;
  description?: string;
}

/** Pact's mock server plus the result link of the example result. */
export interface ResultMockServer extends PactMockServer {
  /** `<mock url>/account/results/<id>`: what your client got as `resultLink` and now polls. */
  resultLink: string;
}

export type Channels<Entry> = { standard?: Entry[]; salesNavigator?: Entry[] };
export const CHANNELS_OF = (params: Channels<unknown>) =>
  (['standard', 'salesNavigator'] as const).filter((channel) => params[channel] !== undefined);

export function headersOf(tokens: AccountTokens, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'account-api-token': tokens.accountApiToken ?? DEFAULT_ACCOUNT_API_TOKEN,
    'identification-token': tokens.identificationToken,
    ...extra,
  };
}

export function bodyOf<Entry extends { person: string }>(params: Channels<Entry>, fields: (keyof Entry)[]) {
  const body: Record<string, unknown[]> = {};
  for (const channel of CHANNELS_OF(params)) {
    body[channel] = (params[channel] ?? []).map((entry) => {
      const sent: Record<string, unknown> = { person: entry.person };
      for (const field of fields) if (entry[field] !== undefined) sent[field as string] = entry[field];
      return sent;
    });
  }
  return body;
}

/** Names the conversations of a request, `since` included: descriptions must tell interactions apart. */
export function describePersons(params: Channels<{ person: string; since?: string }>): string {
  const describe = (entry: { person: string; since?: string }) =>
    entry.since === undefined ? entry.person : `${entry.person} since ${entry.since}`;
  return CHANNELS_OF(params)
    .map((channel) => `${channel} ${(params[channel] ?? []).map(describe).join(', ')}`)
    .join('; ');
}

interface Completion {
  status: string;
  completion?: Record<Channel, { person: string; result: { success: boolean; data?: { messages: unknown[] } } }[]>;
}

/** Persons the example answer reports as `personNotFound`: the pact states they do not exist. */
export function missingPersonStates(answer: ExampleAnswer): ProviderState[] {
  const { completion } = answer.body as Completion;
  if (!completion) return [];
  return [...completion.standard, ...completion.salesNavigator]
    .filter((entry) => !entry.result.success)
    .map((entry) => ({ name: PROVIDER_STATES.personDoesNotExist, params: { person: entry.person } }));
}

/**
 * A list of messages with no example item cannot tell Pact the shape of a message: an empty list in the example
 * (an empty thread, or nothing after `since`) gets the first message, after the same `since`, of another
 * generated conversation instead.
 */
export async function withExampleMessages(answer: ExampleAnswer, params: GetParams): Promise<ExampleAnswer> {
  const { completion } = answer.body as Completion;
  if (!completion) return answer;
  for (const channel of CHANNELS_OF(params)) {
    for (const [index, entry] of completion[channel].entries()) {
      const data = entry.result.data;
      if (data?.messages.length !== 0) continue;
      const message = await exampleMessage(params.identificationToken, params[channel]?.[index]?.since);
      entry.result.data = { ...data, total: 1, messages: [message] } as never;
    }
  }
  return answer;
}

async function exampleMessage(identificationToken: string, since: string | undefined): Promise<unknown> {
  for (let n = 1; n <= 50; n++) {
    const person = `https://www.linkedin.com/in/example-person-${n}`;
    const other = await exampleAnswer({
      method: 'POST',
      path: endpointPath('get'),
      headers: headersOf({ identificationToken }),
      body: { standard: [since === undefined ? { person } : { person, since }] },
      states: [
        {
          name: PROVIDER_STATES.conversationSynchronized,
          params: { identificationToken, channel: 'standard', person },
        },
      ],
    });
    const message = (other.body as Completion).completion?.standard[0]?.result.data?.messages[0];
    if (message !== undefined) return message;
  }
  throw new Error(
    `[linkedapi-mock] no generated conversation has a message after ${since}: give a since before the mock's clock start (${EXAMPLE_START_TIME})`,
  );
}
