import { z } from 'zod';
import { messageSchema } from '../e1/errors.js';
import { PersonUrl, Since } from '../e1/requests.js';
import { Message } from '../e1/responses.js';

/*
 * E4, today's Linked API (what `@linkedapi/node` speaks): `POST /workflows` with sync actions,
 * `GET|DELETE /workflows/{id}`, `POST /conversations/poll`; headers `linked-api-token` and
 * `identification-token`; every answer `{success, result}` or `{success: false, error: {type, message}}`.
 */

/** The E4 global errors: type → HTTP status → message. `source` says where the name and text come from. */
export const E4_ERRORS = {
  linkedApiTokenRequired: {
    status: 401,
    message: "'linked-api-token' is missing in request headers.",
    source: 'Linked API docs (E4)',
  },
  invalidLinkedApiToken: {
    status: 401,
    message: "The provided 'linked-api-token' is invalid.",
    source: 'Linked API docs (E4)',
  },
  identificationTokenRequired: {
    status: 401,
    message: "'identification-token' is missing in request headers.",
    source: 'Linked API docs (E4)',
  },
  invalidIdentificationToken: {
    status: 401,
    message: "The provided 'identification-token' is invalid.",
    source: 'Linked API docs (E4)',
  },
  subscriptionRequired: {
    status: 403,
    message: 'No purchased subscription seats available for this LinkedIn account.',
    source: 'Linked API docs (E4)',
  },
  invalidWorkflow: {
    status: 400,
    message:
      'Workflow configuration is not valid due to violated action constraints or invalid action parameters: {details}.',
    source: 'type and wording from Linked API docs (E3/E4); the exact text is the mock’s',
  },
  invalidRequestPayload: {
    status: 400,
    message: 'The request payload is invalid: {details}.',
    source: 'type from the SDK; text the mock’s',
  },
  linkedinAccountSignedOut: {
    status: 403,
    message:
      "Your LinkedIn account has been signed out in our cloud browser. This occasionally happens as LinkedIn may sign out accounts after an extended period. You'll need to visit our platform and reconnect your account.",
    source: 'Linked API docs (E4), as described there',
  },
  tooManyRequests: {
    status: 429,
    message: 'You can have up to 10 uncompleted requests in progress for this LinkedIn account.',
    source: 'type from the SDK; limit documented; text the mock’s',
  },
  conversationsNotSynced: {
    status: 400,
    message:
      'These conversations are not synced: {details}. Sync them with st.syncConversation or nv.syncConversation first.',
    source: 'type from the SDK; status and text the mock’s',
  },
  workflowNotFound: {
    status: 404,
    message: 'There is no workflow {workflowId} for this account, or it has expired.',
    source: 'the mock’s',
  },
  endpointNotFound: { status: 404, message: 'There is no endpoint at {method} {path}.', source: 'the mock’s' },
} as const satisfies Record<string, { status: number; message: string; source: string }>;

export type E4ErrorType = keyof typeof E4_ERRORS;

/** Renders an E4 catalogue message, filling its `{placeholders}`. */
export function e4ErrorMessage(type: E4ErrorType, params: Record<string, string> = {}): string {
  return E4_ERRORS[type].message.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
}

/** Why a workflow ended as `failed`: `failure.reason` → `failure.message`. */
export const WORKFLOW_FAILURES = {
  linkedinAccountSignedOut: E4_ERRORS.linkedinAccountSignedOut.message,
  workflowCancelled: 'The workflow was cancelled.',
} as const;
export type WorkflowFailureReason = keyof typeof WORKFLOW_FAILURES;

/** Per-action errors inside a completion (`error.type`, not E1's `errorType`). */
export const ACTION_ERRORS = {
  personNotFound: 'The provided URL is not an existing LinkedIn person.',
} as const;

/** Conversation types of E4 and the E1 channels they are the same inbox as. */
export const CONVERSATION_TYPES = { st: 'standard', nv: 'salesNavigator' } as const;
export type ConversationType = keyof typeof CONVERSATION_TYPES;

/** The workflow actions the mock runs; any other `actionType` is an `invalidWorkflow`. */
export const SYNC_ACTION_TYPES = ['st.syncConversation', 'nv.syncConversation'] as const;
export type SyncActionType = (typeof SYNC_ACTION_TYPES)[number];
export const ACTION_CHANNEL = { 'st.syncConversation': 'standard', 'nv.syncConversation': 'salesNavigator' } as const;

const ACTION_FIELDS = 'actionType, personUrl, label';
const SUPPORTED = `supported: ${SYNC_ACTION_TYPES.join(', ')}`;

/** One sync action: `{actionType, personUrl, label?}`. */
export const SyncConversationAction = z.strictObject(
  {
    actionType: z.enum(SYNC_ACTION_TYPES, {
      error: (issue) =>
        issue.input === undefined ? `required (${SUPPORTED})` : `expected an action type (${SUPPORTED})`,
    }),
    personUrl: PersonUrl,
    label: z.string().optional(),
  },
  {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown field (allowed: ${ACTION_FIELDS})`;
      if (issue.code === 'invalid_type') {
        return 'expected an action object such as {"actionType": "st.syncConversation", "personUrl": "…"}';
      }
      return undefined;
    },
  },
);
export type SyncConversationAction = z.infer<typeof SyncConversationAction>;

/**
 * An action as validated: an unsupported `actionType` is reported once, by name (its other fields are not
 * judged against a sync action's); otherwise the action's own fields. Documented as `SyncConversationAction`.
 */
export const WorkflowAction = z
  .preprocess((value, ctx) => {
    const type =
      value !== null && typeof value === 'object' ? (value as { actionType?: unknown }).actionType : undefined;
    if (typeof type === 'string' && !(SYNC_ACTION_TYPES as readonly string[]).includes(type)) {
      ctx.addIssue({
        code: 'custom',
        path: ['actionType'],
        message: `${JSON.stringify(type)} is not supported by linkedapi-mock (${SUPPORTED})`,
      });
      return { actionType: type };
    }
    return value;
  }, SyncConversationAction)
  .meta({ id: 'WorkflowAction' });

/** A workflow of several actions, run in order. */
export const WorkflowActions = z
  .array(WorkflowAction, { error: 'expected an action object or an array of them' })
  .min(1, 'expected at least one action')
  .meta({ id: 'WorkflowActions' });

/** Body of `POST /workflows`: one action, or a non-empty array of actions run in order. */
export const WorkflowRequest = z.union([WorkflowAction, WorkflowActions]).meta({ id: 'WorkflowRequest' });
export type WorkflowRequest = z.infer<typeof WorkflowRequest>;

/** One conversation of a poll: `{personUrl, type, since?}`. */
export const PollItem = z
  .strictObject(
    { personUrl: PersonUrl, type: z.enum(['st', 'nv'], { error: 'expected "st" or "nv"' }), since: Since.optional() },
    {
      error: (issue) => {
        if (issue.code === 'unrecognized_keys') return 'unknown field (allowed: personUrl, type, since)';
        if (issue.code === 'invalid_type') return 'expected an object such as {"personUrl": "…", "type": "st"}';
        return undefined;
      },
    },
  )
  .meta({ id: 'PollItem' });

/** Body of `POST /conversations/poll`: a non-empty array of conversations. */
export const PollRequest = z
  .array(PollItem, { error: 'expected an array of conversations such as [{"personUrl": "…", "type": "st"}]' })
  .min(1, 'expected at least one conversation')
  .meta({ id: 'PollRequest' });
export type PollRequest = z.infer<typeof PollRequest>;

const TOKEN = z.string().min(1);

/** Headers of every E4 endpoint. */
export const E4Headers = z.object({
  'linked-api-token': TOKEN.describe('Your Linked API token.'),
  'identification-token': TOKEN.describe('Names the LinkedIn account (one account = one identification token).'),
});

/** `{success: true, result}` around a result schema. */
export const e4Success = <R extends z.ZodType>(result: R) => z.object({ success: z.literal(true), result });

/** The E4 error envelope restricted to some error types, each with its catalogue message. */
export function e4ErrorEnvelope(...types: E4ErrorType[]): z.ZodType {
  const errors = types.map((type) =>
    z
      .object({ type: z.literal(type), message: messageSchema(E4_ERRORS[type].message) })
      .meta({ id: `E4Error.${type}` }),
  );
  return z.object({
    success: z.literal(false),
    error: errors.length === 1 ? (errors[0] as z.ZodType) : z.union(errors),
  });
}

export const WorkflowId = z
  .string()
  .regex(/^wf-[0-9a-f-]{36}$/, 'expected wf- and a UUID')
  .meta({ id: 'WorkflowId' });

export const WorkflowStarted = e4Success(z.object({ workflowId: WorkflowId })).meta({ id: 'WorkflowStarted' });

const actionResult = {
  actionType: z.enum(SYNC_ACTION_TYPES),
  /** Only when the action had one. */
  label: z.string().optional(),
};
export const ActionCompletion = z
  .discriminatedUnion('success', [
    z.object({ ...actionResult, success: z.literal(true) }),
    z.object({
      ...actionResult,
      success: z.literal(false),
      error: z.object({ type: z.literal('personNotFound'), message: z.literal(ACTION_ERRORS.personNotFound) }),
    }),
  ])
  .meta({ id: 'ActionCompletion' });
export type ActionCompletion = z.infer<typeof ActionCompletion>;

export const WorkflowFailure = z
  .union(
    Object.entries(WORKFLOW_FAILURES).map(([reason, message]) =>
      z.object({ reason: z.literal(reason), message: z.literal(message) }),
    ),
  )
  .meta({ id: 'WorkflowFailure' });

/** `GET /workflows/{id}`: pending (waiting behind the account's other syncs), running, completed or failed. */
export const WorkflowStatus = e4Success(
  z.discriminatedUnion('workflowStatus', [
    z.object({ workflowId: WorkflowId, workflowStatus: z.enum(['pending', 'running']) }),
    z.object({
      workflowId: WorkflowId,
      workflowStatus: z.literal('completed'),
      completion: z.union([ActionCompletion, z.array(ActionCompletion)]),
    }),
    z.object({ workflowId: WorkflowId, workflowStatus: z.literal('failed'), failure: WorkflowFailure }),
  ]),
).meta({ id: 'WorkflowStatus' });

export const WorkflowCancelled = e4Success(z.object({ cancelled: z.boolean() })).meta({ id: 'WorkflowCancelled' });

/** One polled conversation: the request item echoed, with its messages (oldest first, after `since`). */
export const PollResult = z
  .object({
    personUrl: z.string(),
    type: z.enum(['st', 'nv']),
    since: z.string().optional(),
    messages: z.array(Message),
  })
  .meta({ id: 'PollResult' });
export const PollResponse = e4Success(z.array(PollResult)).meta({ id: 'PollResponse' });
