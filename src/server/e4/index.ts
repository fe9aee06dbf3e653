import type { Context } from 'hono';
import {
  ACTION_CHANNEL,
  CONVERSATION_TYPES,
  PollRequest,
  type SyncConversationAction,
  WorkflowAction,
  WorkflowActions,
} from '../../contracts/e4/schemas.js';
import type { EndpointName } from '../../contracts/endpoints.js';
import { fail, ok, type Result } from '../../core/issue.js';
import type { Account } from '../../world/account.js';
import type { Job } from '../../world/job.js';
import type { MockApp, ServerContext } from '../context.js';
import { type EndpointHandler, mountEndpoints } from '../endpoints.js';
import { validate } from '../http/body.js';
import { readJson, responder, send } from '../http/respond.js';
import { E4, pollAnswer, recordWorkflow, workflowStatusBody } from './render.js';

/**
 * Mounts E4, today's Linked API, on the same world as E1: `POST /workflows`, `GET|DELETE /workflows/{id}` and
 * `POST /conversations/poll`.
 */
export function mountE4(app: MockApp, ctx: ServerContext): void {
  mountEndpoints(app, 'E4', e4Handlers(ctx));
}

/** The names of the endpoints E4's module answers. */
export type E4EndpointName = keyof ReturnType<typeof e4Handlers>;

function e4Handlers({ world, clock, options, held }: ServerContext) {
  const e4 = responder(E4, options);

  /** The caller's account and API token, or the answer refusing them. */
  const authenticate = (c: Context): Result<{ account: Account; apiToken: string }, Response> => {
    const apiToken = c.req.header('linked-api-token')?.trim();
    const auth = world.authenticate(apiToken, c.req.header('identification-token')?.trim());
    return auth.ok ? ok({ account: auth.value, apiToken: apiToken as string }) : fail(e4.refuse(c, auth.error));
  };

  /** The workflow named in the path if it belongs to the caller, or the answer refusing them. */
  const workflowOf = (c: Context): Result<{ job: Job; workflowId: string }, Response> => {
    const caller = authenticate(c);
    if (!caller.ok) return caller;
    const workflowId = c.req.param('workflowId') as string;
    const job = world.workflows.lookup(workflowId, clock.now());
    if (!job || job.account !== caller.value.account || job.accountApiToken !== caller.value.apiToken) {
      return fail(e4.error(c, 'workflowNotFound', { params: { workflowId } }));
    }
    return ok({ job, workflowId });
  };

  return {
    workflows: async function startWorkflow(c: Context): Promise<Response> {
      const caller = authenticate(c);
      if (!caller.ok) return caller.error;
      const body = await readJson(
        c,
        e4,
        'invalidWorkflow',
        'a JSON action object or an array of actions',
        (json): Result<SyncConversationAction | SyncConversationAction[]> =>
          Array.isArray(json) ? validate(json, WorkflowActions) : validate(json, WorkflowAction),
      );
      if (!body.ok) return body.error;
      const { account, apiToken } = caller.value;
      const single = !Array.isArray(body.value);
      const actions = single ? [body.value as SyncConversationAction] : (body.value as SyncConversationAction[]);
      const targets = actions.map(({ actionType, personUrl }) => ({
        channel: ACTION_CHANNEL[actionType],
        person: personUrl,
      }));
      const admission = world.submitSynchronize(account, targets, apiToken);
      if (!admission.ok) return e4.refuse(c, admission.error);
      const job = admission.value;
      recordWorkflow(job, actions, single);
      const workflowId = world.workflows.register(job, clock.now(), world.newWorkflowId(account));
      return send(c, 200, JSON.stringify({ success: true, result: { workflowId } }));
    },

    workflowStatus: function workflowStatus(c: Context): Response {
      const found = workflowOf(c);
      if (!found.ok) return found.error;
      return send(c, 200, workflowStatusBody(found.value.job, found.value.workflowId));
    },

    workflowCancel: function cancelWorkflow(c: Context): Response {
      const found = workflowOf(c);
      if (!found.ok) return found.error;
      const cancelled = world.cancel(found.value.job);
      return send(c, 200, JSON.stringify({ success: true, result: { cancelled } }));
    },

    poll: async function pollConversations(c: Context): Promise<Response> {
      const caller = authenticate(c);
      if (!caller.ok) return caller.error;
      const body = await readJson(c, e4, 'invalidRequestPayload', 'a JSON array of conversations', (json) =>
        validate(json, PollRequest),
      );
      if (!body.ok) return body.error;
      const { account, apiToken } = caller.value;
      const reads = body.value.map(({ personUrl, type, since }) => ({
        channel: CONVERSATION_TYPES[type],
        person: personUrl,
        since,
      }));
      const admission = world.submitGet(account, reads, apiToken);
      if (!admission.ok) return e4.refuse(c, admission.error);
      const job = admission.value;
      if (!job.finished) await held.untilDone(job, options.longPollTimeoutMs);
      // A poll is fast; one still waiting out its latency when the server stops is answered at once.
      if (!job.finished) job.expedite?.();
      return e4.answer(c, pollAnswer(job));
    },
  } satisfies Partial<Record<EndpointName, EndpointHandler>>;
}
