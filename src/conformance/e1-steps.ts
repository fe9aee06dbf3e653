import { E1_ERRORS, type E1ErrorType } from '../contracts/e1/errors.js';
import { type ConversationData, GetComplete, SynchronizeComplete } from '../contracts/e1/responses.js';
import { endpointRoute } from '../contracts/routes.js';
import type { Answer } from './client.js';
import type { CheckContext } from './context.js';

/** The steps the E1 checks are made of. Each records its problems in the calling check. */

interface Entry {
  person: string;
  result: { success: boolean; data?: ConversationData; error?: { errorType: string } };
}
export interface Completion {
  standard: Entry[];
  salesNavigator: Entry[];
}
interface Envelope {
  status: string;
  completion?: Completion;
  process?: { resultLink?: string };
  error?: { errorType?: string; message?: string };
}

/** Checks that an answer is the global error `type` with its HTTP status. */
export function expectGlobalError(ctx: CheckContext, answer: Answer, type: E1ErrorType): void {
  const body = ctx.accept(answer) as Envelope;
  const status = E1_ERRORS[type].status;
  const got = body.status === 'error' ? `${answer.status} ${body.error?.errorType}` : `${answer.status} ${body.status}`;
  ctx.expect(
    answer.status === status && body.error?.errorType === type,
    `${answer.request}: expected ${status} ${type}, got ${got}`,
  );
}

/** `2024-05-21T14:38:47Z` */
export function secondsIso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The URL to poll for a result link: the link itself, or its path on the base URL when it names another origin. */
function pollUrl(ctx: CheckContext, link: string): string {
  const url = new URL(link);
  const base = new URL(ctx.options.baseUrl);
  if (url.origin === base.origin) return link;
  ctx.note(`the result link ${link} names another origin than the base URL; its path was followed on the base URL`);
  return `${ctx.options.baseUrl}${url.pathname}${url.search}`;
}

/**
 * Polls a result link every `pollIntervalMs` until it is no longer `processing` (each `processing` answer is
 * checked against the contract: the "later" message) and returns the final answer.
 */
export async function pollResult(
  ctx: CheckContext,
  link: string,
): Promise<{ answer: Answer; polls: number; url: string }> {
  const url = pollUrl(ctx, link);
  const route = endpointRoute('result');
  const started = Date.now();
  for (let polls = 1; ; polls++) {
    await ctx.pause(ctx.options.pollIntervalMs);
    const answer = await ctx.get(url, route);
    const body = ctx.accept(answer) as Envelope;
    if (body.status !== 'processing') return { answer, polls, url };
    if (Date.now() - started > ctx.options.pollDeadlineMs) {
      const deadline = ctx.options.pollDeadlineMs;
      const after = deadline < 10_000 ? `${deadline} ms` : `${Math.round(deadline / 1000)} s`;
      ctx.stop(`${link} was still processing after ${after} (${polls} polls)`);
    }
  }
}

/** Checks a completion's arrays: `standard` echoes `persons` exactly and in order, `salesNavigator` is empty. */
export function expectEntries(ctx: CheckContext, where: string, completion: Completion, persons: readonly string[]) {
  const sent = JSON.stringify(persons);
  const echoed = JSON.stringify(completion.standard.map((entry) => entry.person));
  ctx.expect(echoed === sent, `${where}: completion.standard persons: expected ${sent} (request order), got ${echoed}`);
  ctx.expect(
    completion.salesNavigator.length === 0,
    `${where}: completion.salesNavigator: expected [] (the request left it out), got ${completion.salesNavigator.length} entries`,
  );
}

/** A long-mode request's completion; a `processing` answer (the long-poll ceiling) is followed to its result. */
async function completed(ctx: CheckContext, answer: Answer, schema: typeof GetComplete | typeof SynchronizeComplete) {
  let final = answer;
  let body = ctx.accept(answer) as Envelope;
  if (body.status === 'processing' && body.process?.resultLink) {
    ctx.note(`${answer.request} answered processing in long mode; its result link was polled`);
    final = (await pollResult(ctx, body.process.resultLink)).answer;
    body = ctx.accept(final) as Envelope;
  }
  if (!ctx.expectShape(schema, body, final.request)) ctx.stop(`${final.request}: expected a complete body`);
  return { answer: final, completion: body.completion as Completion };
}

/** Synchronizes `persons` (standard inbox, long mode) and checks the completion. */
export async function synchronize(ctx: CheckContext, persons: readonly string[]): Promise<Completion> {
  const body = { standard: persons.map((person) => ({ person })) };
  const { answer, completion } = await completed(ctx, await ctx.e1('synchronize', body), SynchronizeComplete);
  expectEntries(ctx, answer.request, completion, persons);
  return completion;
}

/** The given persons that exist, synchronized once per run (by the `synchronize` check or whoever comes first). */
export function syncedPersons(ctx: CheckContext): Promise<string[]> {
  return ctx.run.once('e1:synced', async () => {
    const completion = await synchronize(ctx, ctx.options.persons);
    return completion.standard.filter((entry) => entry.result.success).map((entry) => entry.person);
  });
}

/** Reads the synced persons' conversations (long mode), once per run; checks the completion. */
export function readSynced(ctx: CheckContext): Promise<Map<string, ConversationData>> {
  return ctx.run.once('e1:read', async () => {
    const persons = await syncedPersons(ctx);
    if (persons.length === 0) ctx.skip('none of the persons exists (every synchronize answered personNotFound)');
    const request = { standard: persons.map((person) => ({ person })) };
    const { answer, completion } = await completed(ctx, await ctx.e1('get', request), GetComplete);
    expectEntries(ctx, answer.request, completion, persons);
    const out = new Map<string, ConversationData>();
    completion.standard.forEach((entry, index) => {
      if (entry.result.data) out.set(entry.person, entry.result.data);
      else {
        ctx.problem(
          `${answer.request}: completion.standard[${index}].result: expected success with data right after a successful synchronize, got ${entry.result.error?.errorType}`,
        );
      }
    });
    return out;
  });
}

/** A get of one person with `since`; the messages it returned. */
export async function readSince(ctx: CheckContext, person: string, since: string) {
  const { answer, completion } = await completed(
    ctx,
    await ctx.e1('get', { standard: [{ person, since }] }),
    GetComplete,
  );
  expectEntries(ctx, answer.request, completion, [person]);
  const data = completion.standard[0]?.result.data;
  if (!data) ctx.stop(`${answer.request}: completion.standard[0].result: expected success with data`);
  return { answer, data };
}
