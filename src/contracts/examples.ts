import type { z } from 'zod';
import { GetRequest, SynchronizeRequest } from './e1/requests.js';
import { GetComplete, SynchronizeComplete } from './e1/responses.js';
import { e1ErrorEnvelope, ProcessingAccepted, ProcessingPending, ProcessingWebhook } from './e1/routes.js';

/**
 * An example body of a route: a request body, or the answer with one HTTP status. The OpenAPI document shows
 * them; a test parses each with `schema` and with the route's own schema, so an example cannot drift.
 */
export interface ContractExample {
  /** The route, by its operationId. */
  operationId: string;
  /** `request` for the request body, else the HTTP status of the answer. */
  part: 'request' | number;
  /** Key in the OpenAPI `examples` map: one word in camelCase. */
  name: string;
  /** One line; says where the example comes from. */
  summary: string;
  /** The contract schema the value is an instance of. */
  schema: z.ZodType;
  value: unknown;
}

/** Checks the value against the schema's type at compile time (the test checks it at run time). */
function example<S extends z.ZodType>(
  entry: Omit<ContractExample, 'schema' | 'value'> & { schema: S; value: z.input<S> },
) {
  return entry as ContractExample;
}

const SEED = "Linked API's docs, Retrieving conversations";
const person = (n: number) => `https://www.linkedin.com/in/person${n}`;
const LINK = 'http://127.0.0.1:4010/account/results/CIEOIejPwpGbNZPlDuYI3A';
const synced = (n: number) => ({ person: person(n), result: { success: true as const } });
const notSynced = (n: number) => ({
  person: person(n),
  result: {
    success: false as const,
    error: {
      errorType: 'notSynchronized' as const,
      message: "The conversation with this person isn't synchronized." as const,
    },
  },
});

/** Messages of the docs' `conversations.get` example, by person (ids as documented: UUID-shaped). */
const MESSAGES = {
  1: [
    ['f4d92946-8821-6da6-ff4c-c36f0671292a', 'us', 'Hello, how are you?', '2023-01-02T10:30:00Z'],
    ['2a1b7f25-daba-5e20-70e9-c6427bb4f660', 'them', "I'm doing well, thanks for asking!", '2023-01-02T10:35:00Z'],
  ],
  2: [
    ['737e3d1c-15a8-6683-060f-5147eeb6ac26', 'us', 'Hey! Are you available for a quick chat?', '2023-01-03T09:00:00Z'],
    ['a002c77f-e318-619a-b52f-6b629501e522', 'them', 'Sure! Let me know when works for you.', '2023-01-03T09:05:00Z'],
    ['2b55d567-29e0-0632-2b21-ad2caf240bef', 'us', 'How about this afternoon?', '2023-01-03T09:10:00Z'],
  ],
  3: [
    [
      '036be8c7-c205-2a32-6e48-95f2735ea89c',
      'them',
      'Hi! I saw your profile and wanted to connect.',
      '2023-01-04T11:15:00Z',
    ],
    ['c9066a7e-5698-dd05-cf8e-aae15d5e7439', 'us', "Thanks for reaching out! Let's connect.", '2023-01-04T11:20:00Z'],
  ],
} as const;

const retrieved = (n: 1 | 2 | 3) => ({
  person: person(n),
  result: {
    success: true as const,
    data: {
      total: MESSAGES[n].length,
      messages: MESSAGES[n].map(([id, sender, text, time]) => ({ id, sender, text, time })),
    },
  },
});

/**
 * Example bodies. Those of the conversations endpoints are the docs' own (their two missing commas and one
 * trailing comma mended); the result-handling ones use the docs' messages with a result link of the mock.
 */
export const EXAMPLES: ContractExample[] = [
  example({
    operationId: 'synchronizeConversations',
    part: 'request',
    name: 'threeConversations',
    summary: `Two standard conversations and one Sales Navigator conversation (${SEED})`,
    schema: SynchronizeRequest,
    value: { standard: [{ person: person(1) }, { person: person(2) }], salesNavigator: [{ person: person(3) }] },
  }),
  example({
    operationId: 'synchronizeConversations',
    part: 200,
    name: 'allSynchronized',
    summary: `All conversations synchronized (${SEED})`,
    schema: SynchronizeComplete,
    value: { status: 'complete', completion: { standard: [synced(1), synced(2)], salesNavigator: [synced(3)] } },
  }),
  example({
    operationId: 'synchronizeConversations',
    part: 200,
    name: 'somePersonNotFound',
    summary: `One person does not exist; the others are synchronized (${SEED})`,
    schema: SynchronizeComplete,
    value: {
      status: 'complete',
      completion: {
        standard: [
          synced(1),
          {
            person: person(2),
            result: {
              success: false,
              error: { errorType: 'personNotFound', message: 'The provided URL is not an existing LinkedIn person.' },
            },
          },
        ],
        salesNavigator: [synced(3)],
      },
    },
  }),
  example({
    operationId: 'synchronizeConversations',
    part: 200,
    name: 'acceptedWithResultLink',
    summary: 'result-handling: reslink: accepted, pull the result link (message from the docs, link of the mock)',
    schema: ProcessingAccepted,
    value: {
      status: 'processing',
      process: {
        message: 'Your request is being processed. Please check the resultLink periodically.',
        resultLink: LINK,
      },
    },
  }),
  example({
    operationId: 'synchronizeConversations',
    part: 200,
    name: 'acceptedForWebhook',
    summary: "result-handling: webhook: accepted, the result will be POSTed to webhook-url (the mock's wording)",
    schema: ProcessingWebhook,
    value: {
      status: 'processing',
      process: {
        message: 'Your request is being processed. The result will be sent to the webhook.',
        webhook: 'http://127.0.0.1:3000/hooks/linkedapi',
      },
    },
  }),
  example({
    operationId: 'synchronizeConversations',
    part: 429,
    name: 'tooManyRequests',
    summary: 'The 11th uncompleted request of an account (limit documented, wording the mock’s)',
    schema: e1ErrorEnvelope('tooManyRequests'),
    value: {
      status: 'error',
      error: {
        errorType: 'tooManyRequests',
        message: 'You can have up to 10 uncompleted requests in progress for this LinkedIn account.',
      },
    },
  }),
  example({
    operationId: 'getConversations',
    part: 'request',
    name: 'sinceLastMessage',
    summary: `Messages after \`since\` for two conversations, the whole history for one (${SEED})`,
    schema: GetRequest,
    value: {
      standard: [{ person: person(1), since: '2023-01-01T00:00:00Z' }, { person: person(2) }],
      salesNavigator: [{ person: person(3), since: '2023-01-01T00:00:00Z' }],
    },
  }),
  example({
    operationId: 'getConversations',
    part: 200,
    name: 'allRetrieved',
    summary: `All conversations retrieved (${SEED})`,
    schema: GetComplete,
    value: {
      status: 'complete',
      completion: { standard: [retrieved(1), retrieved(2)], salesNavigator: [retrieved(3)] },
    },
  }),
  example({
    operationId: 'getConversations',
    part: 200,
    name: 'someNotSynchronized',
    summary: `Two conversations were never synchronized (${SEED})`,
    schema: GetComplete,
    value: {
      status: 'complete',
      completion: { standard: [retrieved(1), notSynced(2)], salesNavigator: [notSynced(3)] },
    },
  }),
  example({
    operationId: 'getConversations',
    part: 400,
    name: 'invalidRequestBody',
    summary: 'A person that is not a URL (wording from the docs, details the mock’s)',
    schema: e1ErrorEnvelope('invalidRequestBody'),
    value: {
      status: 'error',
      error: {
        errorType: 'invalidRequestBody',
        message:
          'The request body is invalid: standard[0].person: expected an absolute http(s) URL such as https://www.linkedin.com/in/jane-doe.',
      },
    },
  }),
  example({
    operationId: 'getResult',
    part: 200,
    name: 'stillProcessing',
    summary: 'The job is still running: pull again later (message from the docs)',
    schema: ProcessingPending,
    value: {
      status: 'processing',
      process: { message: 'Your request is being processed. Please check the resultLink later.', resultLink: LINK },
    },
  }),
  example({
    operationId: 'getResult',
    part: 200,
    name: 'complete',
    summary: `Done: exactly the body long mode would have sent (${SEED})`,
    schema: SynchronizeComplete,
    value: { status: 'complete', completion: { standard: [synced(1), synced(2)], salesNavigator: [synced(3)] } },
  }),
];
