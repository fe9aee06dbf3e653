import { isDeepStrictEqual } from 'node:util';
import type { Message } from '../contracts/e1/responses.js';
import { E4_ERRORS, type E4ErrorType } from '../contracts/e4/schemas.js';
import type { ConformanceCheck } from './check.js';
import type { Answer } from './client.js';
import type { CheckContext } from './context.js';
import { secondsIso } from './e1-steps.js';
import { NEVER_SYNCED_PERSON } from './options.js';

/** The steps the E4 checks are made of: today's Linked API, as the official SDK calls it. */

/** A workflow id of the right form that no implementation has given. */
const UNKNOWN_WORKFLOW_ID = 'wf-00000000-0000-4000-8000-000000000000';

interface PollItem {
  personUrl: string;
  type: 'st' | 'nv';
  since?: string;
  messages: Message[];
}

/** Checks that an answer is the E4 error `type` with its HTTP status. */
function expectE4Error(ctx: CheckContext, answer: Answer, type: E4ErrorType): void {
  const body = ctx.accept(answer) as { success?: boolean; error?: { type?: string } };
  const status = E4_ERRORS[type].status;
  ctx.expect(
    answer.status === status && body.success === false && body.error?.type === type,
    `${answer.request}: expected ${status} ${type}, got ${answer.status} ${body.error?.type ?? `success: ${body.success}`}`,
  );
}

/**
 * Starts one workflow syncing every person in the standard inbox and polls its status until it ends; once per
 * run. Returns the workflow id and the completion.
 */
function syncedThroughWorkflow(ctx: CheckContext): Promise<{ workflowId: string; completion: unknown }> {
  return ctx.run.once('e4-sync', async () => {
    const actions = ctx.options.persons.map((personUrl) => ({ actionType: 'st.syncConversation', personUrl }));
    const started = ctx.accept(await ctx.e4('workflows', { body: actions })) as {
      result: { workflowId: string };
    };
    const { workflowId } = started.result;
    const deadline = Date.now() + ctx.options.pollDeadlineMs;
    for (;;) {
      const answer = await ctx.e4('workflowStatus', { params: { workflowId } });
      const { result } = ctx.accept(answer) as { result: { workflowStatus: string; completion?: unknown } };
      if (result.workflowStatus === 'completed') return { workflowId, completion: result.completion };
      if (result.workflowStatus === 'failed') ctx.stop(`${answer.request}: the sync workflow failed: ${answer.text}`);
      if (Date.now() > deadline) ctx.stop(`workflow ${workflowId} still ${result.workflowStatus} after the deadline`);
      await ctx.pause(ctx.options.pollIntervalMs);
    }
  });
}

/** The persons the sync workflow synced (its completion entries that succeeded), in request order. */
async function syncedPersons(ctx: CheckContext): Promise<string[]> {
  const { completion } = await syncedThroughWorkflow(ctx);
  const entries = Array.isArray(completion) ? completion : [completion];
  return ctx.options.persons.filter((_, index) => (entries[index] as { success?: boolean } | undefined)?.success);
}

/** Polls the synced persons once per run (after the sync workflow); a skip when none exists. */
function polledOnce(ctx: CheckContext): Promise<PollItem[]> {
  return ctx.run.once('e4-poll', async () => {
    const synced = await syncedPersons(ctx);
    if (synced.length === 0) ctx.skip('none of the persons exists (every sync action answered personNotFound)');
    const items = synced.map((personUrl) => ({ personUrl, type: 'st' }));
    const answer = await ctx.e4('poll', { body: items });
    const body = ctx.accept(answer) as { success: boolean; result?: PollItem[] };
    if (!body.result) ctx.stop(`${answer.request}: expected the messages of the synced persons, got ${answer.text}`);
    return body.result;
  });
}

/** The E4 checks, in the order they run. */
export const E4_CHECKS: ConformanceCheck[] = [
  {
    name: 'e4-missing-linked-api-token',
    dialect: 'E4',
    basis: 'documented',
    guarantees: 'A request without linked-api-token is refused with linkedApiTokenRequired and the documented message.',
    async run(ctx) {
      const body = [{ personUrl: NEVER_SYNCED_PERSON, type: 'st' }];
      const answer = await ctx.e4('poll', { body, omit: ['linked-api-token'] });
      expectE4Error(ctx, answer, 'linkedApiTokenRequired');
    },
  },
  {
    name: 'e4-missing-identification-token',
    dialect: 'E4',
    basis: 'documented',
    guarantees:
      'A request without identification-token is refused with identificationTokenRequired and the documented message.',
    async run(ctx) {
      const body = [{ personUrl: NEVER_SYNCED_PERSON, type: 'st' }];
      const answer = await ctx.e4('poll', { body, omit: ['identification-token'] });
      expectE4Error(ctx, answer, 'identificationTokenRequired');
    },
  },
  {
    name: 'e4-invalid-workflow',
    dialect: 'E4',
    basis: 'documented',
    guarantees: 'A workflow with an action type no implementation runs is refused with invalidWorkflow.',
    async run(ctx) {
      const body = { actionType: 'linkedapiMockVerify.noSuchAction', personUrl: ctx.options.persons[0] };
      expectE4Error(ctx, await ctx.e4('workflows', { body }), 'invalidWorkflow');
    },
  },
  {
    name: 'e4-conversations-not-synced',
    dialect: 'E4',
    basis: 'documented',
    guarantees:
      'Polling a conversation never synced answers conversationsNotSynced (the SDK returns it in errors; the HTTP status is the mock’s decision).',
    async run(ctx) {
      const body = [{ personUrl: NEVER_SYNCED_PERSON, type: 'st' }];
      const answer = await ctx.e4('poll', { body });
      expectE4Error(ctx, answer, 'conversationsNotSynced');
    },
  },
  {
    name: 'e4-sync-workflow',
    dialect: 'E4',
    basis: 'documented',
    guarantees:
      'A workflow of st.syncConversation actions answers a workflowId, its status goes pending/running to completed, and the completion holds one entry per action, in order, each success or personNotFound.',
    async run(ctx) {
      const { completion } = await syncedThroughWorkflow(ctx);
      const entries = Array.isArray(completion) ? completion : [completion];
      ctx.expect(
        entries.length === ctx.options.persons.length,
        `the completion has ${entries.length} entries for ${ctx.options.persons.length} actions`,
      );
      entries.forEach((entry, index) => {
        const { actionType, success } = entry as { actionType?: string; success?: boolean };
        ctx.expect(actionType === 'st.syncConversation', `completion[${index}].actionType: got ${actionType}`);
        if (!success) ctx.note(`${ctx.options.persons[index]}: ${JSON.stringify(entry)}`);
      });
    },
  },
  {
    name: 'e4-poll-after-sync',
    dialect: 'E4',
    basis: 'documented',
    guarantees:
      'Polling the synced conversations answers one result per conversation, in request order, echoing personUrl and type, with well-formed messages.',
    async run(ctx) {
      const items = await polledOnce(ctx);
      const synced = await syncedPersons(ctx);
      ctx.expect(
        isDeepStrictEqual(
          items.map(({ personUrl, type }) => ({ personUrl, type })),
          synced.map((personUrl) => ({ personUrl, type: 'st' })),
        ),
        `the poll result does not echo the persons in request order: ${JSON.stringify(items.map((item) => item.personUrl))}`,
      );
    },
  },
  {
    name: 'e4-poll-since-exclusive',
    dialect: 'E4',
    basis: 'mock decision',
    guarantees:
      'A poll with since set to a middle message’s time returns exactly the messages strictly after it, and echoes since.',
    async run(ctx) {
      const items = await polledOnce(ctx);
      const item = items.find((candidate) => candidate.messages.length >= 2);
      if (!item)
        return ctx.skip('no synced conversation has 2 or more messages; give a --person with a longer conversation');
      const middle = item.messages[Math.floor(item.messages.length / 2)] as Message;
      const since = secondsIso(Date.parse(middle.time));
      const body = [{ personUrl: item.personUrl, type: 'st', since }];
      const answer = ctx.accept(await ctx.e4('poll', { body })) as {
        result: PollItem[];
      };
      const got = answer.result[0];
      const expected = item.messages.filter((message) => Date.parse(message.time) > Date.parse(since));
      ctx.expect(got?.since === since, `result[0].since: expected ${since}, got ${got?.since}`);
      ctx.expect(
        isDeepStrictEqual(got?.messages, expected),
        `since ${since}: expected the ${expected.length} messages after it, got ${got?.messages.length}`,
      );
    },
  },
  {
    name: 'e4-unknown-workflow',
    dialect: 'E4',
    basis: 'mock decision',
    guarantees: 'The status of an unknown workflow id answers 404 workflowNotFound.',
    async run(ctx) {
      const answer = await ctx.e4('workflowStatus', { params: { workflowId: UNKNOWN_WORKFLOW_ID } });
      expectE4Error(ctx, answer, 'workflowNotFound');
    },
  },
  {
    name: 'e4-cancel-ended-workflow',
    dialect: 'E4',
    basis: 'mock decision',
    guarantees: 'Cancelling a workflow that has ended answers cancelled: false and leaves it completed.',
    async run(ctx) {
      const { workflowId } = await syncedThroughWorkflow(ctx);
      const params = { workflowId };
      const cancel = ctx.accept(await ctx.e4('workflowCancel', { params })) as { result: { cancelled: boolean } };
      ctx.expect(cancel.result.cancelled === false, `cancelled: expected false, got ${cancel.result.cancelled}`);
      const status = ctx.accept(await ctx.e4('workflowStatus', { params })) as { result: { workflowStatus: string } };
      ctx.expect(status.result.workflowStatus === 'completed', `status after cancel: ${status.result.workflowStatus}`);
    },
  },
];
