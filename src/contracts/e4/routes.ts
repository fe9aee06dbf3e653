import { z } from 'zod';
import { endpointRouteFields } from '../endpoints.js';
import { errorResponsesByStatus } from '../error-responses.js';
import type { ResponseContract, RouteContract } from '../route.js';
import {
  E4_ERRORS,
  type E4ErrorType,
  E4Headers,
  e4ErrorEnvelope,
  PollRequest,
  PollResponse,
  WorkflowCancelled,
  WorkflowRequest,
  WorkflowStarted,
  WorkflowStatus,
} from './schemas.js';

/** The error responses of some E4 error types, grouped by the HTTP status each is sent with. */
export function e4ErrorResponses(...types: E4ErrorType[]): Record<number, ResponseContract> {
  return errorResponsesByStatus(types, E4_ERRORS, e4ErrorEnvelope, 'Error');
}

const AUTH_ERRORS: E4ErrorType[] = [
  'linkedApiTokenRequired',
  'invalidLinkedApiToken',
  'identificationTokenRequired',
  'invalidIdentificationToken',
];

const TOO_MANY: Record<number, ResponseContract> = {
  429: {
    description: 'Error: tooManyRequests (the 11th uncompleted request of an account)',
    schema: e4ErrorEnvelope('tooManyRequests'),
    headers: z.object({ 'retry-after': z.string().regex(/^[1-9]\d*$/) }),
  },
};

const WORKFLOW_PARAMS = z.object({ workflowId: z.string().describe('The id `POST /workflows` answered.') });

/** `POST /workflows`. */
export const StartWorkflowRoute: RouteContract = {
  ...endpointRouteFields('workflows'),
  summary: 'Start a workflow of st.syncConversation / nv.syncConversation actions (one, or an array run in order)',
  headers: E4Headers,
  body: WorkflowRequest,
  responses: {
    200: { description: 'Accepted: the workflow id to poll', schema: WorkflowStarted },
    ...e4ErrorResponses(...AUTH_ERRORS, 'invalidWorkflow', 'subscriptionRequired'),
    413: { description: 'Body over 1 MiB: invalidWorkflow', schema: e4ErrorEnvelope('invalidWorkflow') },
    ...TOO_MANY,
  },
};

/** `GET /workflows/{workflowId}`. */
export const GetWorkflowRoute: RouteContract = {
  ...endpointRouteFields('workflowStatus'),
  summary: 'Workflow status: pending, running, then completed (with the completion) or failed (with the failure)',
  headers: E4Headers,
  params: WORKFLOW_PARAMS,
  responses: {
    200: { description: 'The status', schema: WorkflowStatus },
    ...e4ErrorResponses(...AUTH_ERRORS, 'workflowNotFound'),
  },
};

/** `DELETE /workflows/{workflowId}`. */
export const CancelWorkflowRoute: RouteContract = {
  ...endpointRouteFields('workflowCancel'),
  summary: 'Cancel a workflow that has not ended; persons already synced stay synced',
  headers: E4Headers,
  params: WORKFLOW_PARAMS,
  responses: {
    200: { description: 'cancelled: false when the workflow had already ended', schema: WorkflowCancelled },
    ...e4ErrorResponses(...AUTH_ERRORS, 'workflowNotFound'),
  },
};

/** `POST /conversations/poll`. */
export const PollRoute: RouteContract = {
  ...endpointRouteFields('poll'),
  summary: 'Messages of synced conversations (fast), optionally only those after `since`',
  headers: E4Headers,
  body: PollRequest,
  responses: {
    200: { description: 'One result per requested conversation, in request order', schema: PollResponse },
    ...e4ErrorResponses(
      ...AUTH_ERRORS,
      'invalidRequestPayload',
      'conversationsNotSynced',
      'subscriptionRequired',
      'linkedinAccountSignedOut',
    ),
    413: { description: 'Body over 1 MiB: invalidRequestPayload', schema: e4ErrorEnvelope('invalidRequestPayload') },
    ...TOO_MANY,
  },
};

/** The E4 routes: what `@linkedapi/node` calls for conversations. */
export const E4_ROUTES: RouteContract[] = [StartWorkflowRoute, GetWorkflowRoute, CancelWorkflowRoute, PollRoute];
