import { z } from 'zod';
import { endpointRouteFields } from '../endpoints.js';
import { errorResponsesByStatus } from '../error-responses.js';
import type { ResponseContract, RouteContract } from '../route.js';
import { E1_ERRORS, type E1ErrorType, messageSchema } from './errors.js';
import { GetRequest, RESULT_HANDLING_MODES, SynchronizeRequest } from './requests.js';
import { GetComplete, PROCESSING_MESSAGES, SynchronizeComplete } from './responses.js';

/** The E1 global error envelope restricted to some error types, each with its exact catalogue message. */
export function e1ErrorEnvelope(...types: E1ErrorType[]): z.ZodType {
  const errors = types.map((type) =>
    z
      .object({ errorType: z.literal(type), message: messageSchema(E1_ERRORS[type].message) })
      .meta({ id: `E1Error.${type}` }),
  );
  return z.object({
    status: z.literal('error'),
    error: errors.length === 1 ? (errors[0] as z.ZodType) : z.union(errors),
  });
}

/** The error responses of some error types, grouped by the HTTP status each is sent with. */
export function e1ErrorResponses(...types: E1ErrorType[]): Record<number, ResponseContract> {
  return errorResponsesByStatus(types, E1_ERRORS, e1ErrorEnvelope, 'Global error');
}

/** `process` of a `processing` answer, one schema per situation. */
export const ProcessingAccepted = z
  .object({
    status: z.literal('processing'),
    process: z.object({ message: z.literal(PROCESSING_MESSAGES.accepted), resultLink: z.url() }),
  })
  .meta({ id: 'ProcessingAccepted' });
export const ProcessingPending = z
  .object({
    status: z.literal('processing'),
    process: z.object({ message: z.literal(PROCESSING_MESSAGES.pending), resultLink: z.url() }),
  })
  .meta({ id: 'ProcessingPending' });
export const ProcessingWebhook = z
  .object({
    status: z.literal('processing'),
    process: z.object({ message: z.literal(PROCESSING_MESSAGES.webhook), webhook: z.url() }),
  })
  .meta({ id: 'ProcessingWebhook' });

const TOKEN = z.string().min(1);

/** Headers of the E1 conversations endpoints. */
export const E1Headers = z.object({
  'account-api-token': TOKEN.describe('Your Account API token.'),
  'identification-token': TOKEN.describe('Names the LinkedIn account (one account = one identification token).'),
  'result-handling': z
    .enum(RESULT_HANDLING_MODES)
    .optional()
    .describe(
      'How the result comes back: long (default) holds the request, reslink answers a result link at once, webhook POSTs the result to webhook-url.',
    ),
  'webhook-url': z
    .url()
    .optional()
    .describe('Absolute http(s) URL the result is POSTed to; required with result-handling: webhook.'),
});

/** Headers accepted on a result link: optional, but if sent they must belong to the job's account. */
export const ResultLinkHeaders = z.object({
  'account-api-token': TOKEN.optional(),
  'identification-token': TOKEN.optional(),
});

const RETRY_AFTER = z.object({
  'retry-after': z
    .string()
    .regex(/^[1-9]\d*$/)
    .describe('Whole seconds until the earliest running request of the account is due.'),
});

const E1_REQUEST_ERRORS: E1ErrorType[] = [
  'invalidRequestBody',
  'accountApiTokenRequired',
  'invalidAccountApiToken',
  'identificationTokenRequired',
  'invalidIdentificationToken',
  'noActiveSeats',
  'linkedinAccountSignedOut',
];

function conversationsRoute(
  name: 'synchronize' | 'get',
  summary: string,
  body: z.ZodType,
  complete: z.ZodType,
): RouteContract {
  const errors = e1ErrorResponses(...E1_REQUEST_ERRORS);
  return {
    ...endpointRouteFields(name),
    summary,
    headers: E1Headers,
    body,
    responses: {
      200: {
        description: 'Complete (long mode, or the final body), or accepted for processing (reslink, webhook).',
        schema: z.union([complete, ProcessingAccepted, ProcessingWebhook]),
      },
      ...errors,
      413: { description: 'Body over 1 MiB: invalidRequestBody', schema: e1ErrorEnvelope('invalidRequestBody') },
      429: {
        description: 'Global error: tooManyRequests (the 11th uncompleted request of an account)',
        schema: e1ErrorEnvelope('tooManyRequests'),
        headers: RETRY_AFTER,
      },
    },
  };
}

/** `POST /account/conversations.synchronize`. */
export const SynchronizeRoute = conversationsRoute(
  'synchronize',
  'Synchronize conversations (slow: one conversation after another in a cloud browser)',
  SynchronizeRequest,
  SynchronizeComplete,
);

/** `POST /account/conversations.get`. */
export const GetRoute = conversationsRoute(
  'get',
  'Get messages of synchronized conversations (fast), optionally only those after `since`',
  GetRequest,
  GetComplete,
);

/** `GET /account/results/{id}`: a result link. */
export const ResultRoute: RouteContract = {
  ...endpointRouteFields('result'),
  summary: 'Pull the result of a request made with result-handling reslink (or webhook)',
  headers: ResultLinkHeaders,
  params: z.object({ id: z.string().describe('The result id, the last segment of resultLink.') }),
  responses: {
    200: {
      description: 'Still processing, or exactly the body long mode would have sent.',
      schema: z.union([SynchronizeComplete, GetComplete, ProcessingPending]),
    },
    ...e1ErrorResponses('linkedinAccountSignedOut', 'resultNotFound'),
  },
};

/** The E1 routes, in the order they are documented. */
export const E1_ROUTES: RouteContract[] = [SynchronizeRoute, GetRoute, ResultRoute];

/** The answer any unknown method and path gets. */
export const NOT_FOUND_RESPONSE: ResponseContract = {
  description: 'No such endpoint: endpointNotFound',
  schema: e1ErrorEnvelope('endpointNotFound'),
};
