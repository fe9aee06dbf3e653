import type { Channel } from '../../contracts/e1/requests.js';
import {
  ACTION_ERRORS,
  CONVERSATION_TYPES,
  type ConversationType,
  E4_ERRORS,
  type E4ErrorType,
  e4ErrorMessage,
  type SyncConversationAction,
  WORKFLOW_FAILURES,
  type WorkflowFailureReason,
} from '../../contracts/e4/schemas.js';
import { toJson } from '../../core/json.js';
import type { Job } from '../../world/job.js';
import type { JobOutcome, WorldErrorName } from '../../world/outcome.js';
import type { Answer, Dialect } from '../http/respond.js';

/** The world's refusals and failures as E4 names them: the one place E4 maps the world's names. */
export const E4_WORLD_ERRORS = {
  apiTokenRequired: 'linkedApiTokenRequired',
  apiTokenInvalid: 'invalidLinkedApiToken',
  identificationTokenRequired: 'identificationTokenRequired',
  identificationTokenInvalid: 'invalidIdentificationToken',
  noSeats: 'subscriptionRequired',
  tooManyRequests: 'tooManyRequests',
  accountSignedOut: 'linkedinAccountSignedOut',
} as const satisfies Record<WorldErrorName, E4ErrorType>;

/** The JSON of an E4 error envelope. */
export function e4ErrorBody(type: E4ErrorType, params?: Record<string, string>): string {
  return JSON.stringify({ success: false, error: { type, message: e4ErrorMessage(type, params) } });
}

/** E4's catalogue and envelope, for `responder`. */
export const E4: Dialect<E4ErrorType> = { errors: E4_ERRORS, errorBody: e4ErrorBody, worldErrors: E4_WORLD_ERRORS };

const errorAnswer = (type: E4ErrorType, params?: Record<string, string>): Answer => ({
  status: E4_ERRORS[type].status,
  body: e4ErrorBody(type, params),
});

/** A world channel as E4 names its conversations: `st`, `nv`. */
const CONVERSATION_TYPE = Object.fromEntries(
  Object.entries(CONVERSATION_TYPES).map(([type, channel]) => [channel, type]),
) as Record<Channel, ConversationType>;

/**
 * A finished poll's answer: every conversation with its messages, `conversationsNotSynced` naming those that
 * are not synced, or `linkedinAccountSignedOut`.
 */
export function pollAnswer(job: Job): Answer {
  const outcome = job.outcome as JobOutcome;
  if (outcome.kind === 'failed') return errorAnswer(E4_WORLD_ERRORS[outcome.reason]);
  if (outcome.kind !== 'read') throw new Error('a poll only reads');
  const missing = outcome.entries.flatMap(({ person, channel, data }) =>
    data ? [] : [`${person} (${CONVERSATION_TYPE[channel]})`],
  );
  if (missing.length > 0) return errorAnswer('conversationsNotSynced', { details: missing.join(', ') });
  const result = outcome.entries.map(({ person, channel, since, data }) => ({
    personUrl: person,
    type: CONVERSATION_TYPE[channel],
    since,
    messages: data?.messages,
  }));
  return { status: 200, body: toJson({ success: true, result }) };
}

/** A started workflow as asked for (its actions' types and labels, one action or an array), and its end once rendered. */
interface Workflow {
  actions: readonly SyncConversationAction[];
  single: boolean;
  end?: string;
}

const workflows = new WeakMap<Job, Workflow>();

/** Remembers how a workflow was asked for, to answer its status in the same shape. */
export function recordWorkflow(job: Job, actions: readonly SyncConversationAction[], single: boolean): void {
  workflows.set(job, { actions, single });
}

/**
 * The JSON of a workflow's status: `pending` (waiting behind the account's other syncs), `running`, or its end,
 * rendered once: `completed` with its `completion` (one object, or an array like the request), or `failed`.
 */
export function workflowStatusBody(job: Job, workflowId: string): string {
  const head = `{"success":true,"result":{"workflowId":${JSON.stringify(workflowId)},"workflowStatus":`;
  const { outcome } = job;
  if (!outcome) return `${head}"${job.startedAt === undefined ? 'pending' : 'running'}"}}`;
  const workflow = workflows.get(job) as Workflow;
  workflow.end ??= workflowEnd(outcome, workflow);
  return `${head}${workflow.end}}}`;
}

function workflowEnd(outcome: JobOutcome, { actions, single }: Workflow): string {
  switch (outcome.kind) {
    case 'synchronized': {
      const completion = outcome.entries.map(({ error }, index) => {
        const { actionType, label } = actions[index] as SyncConversationAction;
        return {
          actionType,
          ...(label !== undefined && { label }),
          success: error === undefined,
          ...(error !== undefined && { error: { type: error, message: ACTION_ERRORS[error] } }),
        };
      });
      return `"completed","completion":${JSON.stringify(single ? completion[0] : completion)}`;
    }
    case 'failed':
      return failed(E4_WORLD_ERRORS[outcome.reason]);
    case 'cancelled':
      return failed('workflowCancelled');
    case 'read':
      throw new Error('a workflow only synchronizes');
  }
}

function failed(reason: WorkflowFailureReason): string {
  return `"failed","failure":${JSON.stringify({ reason, message: WORKFLOW_FAILURES[reason] })}`;
}
