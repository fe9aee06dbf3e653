import { isDeepStrictEqual } from 'node:util';
import { PERSON_ERRORS } from '../contracts/e1/errors.js';
import type { ConversationData } from '../contracts/e1/responses.js';
import { GetComplete, SynchronizeComplete } from '../contracts/e1/responses.js';
import { ProcessingAccepted } from '../contracts/e1/routes.js';
import { endpointRoute } from '../contracts/routes.js';
import type { ConformanceCheck } from './check.js';
import type { CheckContext } from './context.js';
import {
  type Completion,
  expectEntries,
  expectGlobalError,
  pollResult,
  readSince,
  readSynced,
  secondsIso,
  syncedPersons,
} from './e1-steps.js';
import { NEVER_SYNCED_PERSON } from './options.js';
import { UNKNOWN_E1_PATH } from './safety.js';

const NEVER_SYNCED_BODY = { standard: [{ person: NEVER_SYNCED_PERSON }] };

/** The synced conversations with messages, or a skip when there are none. */
async function withMessages(ctx: CheckContext, atLeast: number): Promise<[string, ConversationData][]> {
  const found = [...(await readSynced(ctx))].filter(([, data]) => data.messages.length >= atLeast);
  if (found.length === 0) {
    ctx.skip(`no person has ${atLeast} or more messages; give a --person with a longer conversation`);
  }
  return found;
}

/** The E1 checks, in the order they run. The E4 checks live in a file of their own. */
export const E1_CHECKS: ConformanceCheck[] = [
  {
    name: 'missing-account-api-token',
    dialect: 'E1',
    basis: 'mock decision',
    guarantees:
      'A request without account-api-token is refused with 401 accountApiTokenRequired (name and text from E2).',
    async run(ctx) {
      const answer = await ctx.e1('get', NEVER_SYNCED_BODY, { omit: ['account-api-token'] });
      expectGlobalError(ctx, answer, 'accountApiTokenRequired');
    },
  },
  {
    name: 'missing-identification-token',
    dialect: 'E1',
    basis: 'mock decision',
    guarantees:
      'A request without identification-token is refused with 401 identificationTokenRequired (name and text from E2).',
    async run(ctx) {
      const answer = await ctx.e1('get', NEVER_SYNCED_BODY, { omit: ['identification-token'] });
      expectGlobalError(ctx, answer, 'identificationTokenRequired');
    },
  },
  {
    name: 'invalid-body',
    dialect: 'E1',
    basis: 'documented',
    guarantees:
      'A body with a wrong field type is refused with 400 invalidRequestBody, and the message names the field (standard[0].person).',
    async run(ctx) {
      const answer = await ctx.e1('get', undefined, { rawBody: '{"standard":[{"person":42}]}' });
      expectGlobalError(ctx, answer, 'invalidRequestBody');
      const message = (answer.json as { error?: { message?: string } }).error?.message ?? '';
      ctx.expect(
        message.includes('standard[0].person'),
        `${answer.request}: error.message: expected it to name standard[0].person, got ${JSON.stringify(message)}`,
      );
    },
  },
  {
    name: 'invalid-body-not-json',
    dialect: 'E1',
    basis: 'documented',
    guarantees: 'A body that is not JSON is refused with 400 invalidRequestBody.',
    async run(ctx) {
      expectGlobalError(ctx, await ctx.e1('get', undefined, { rawBody: '{"standard": [' }), 'invalidRequestBody');
    },
  },
  {
    name: 'not-synchronized',
    dialect: 'E1',
    basis: 'documented',
    guarantees:
      'A get of a conversation never synchronized completes with a notSynchronized entry that echoes the person.',
    async run(ctx) {
      const answer = await ctx.e1('get', NEVER_SYNCED_BODY);
      const body = ctx.accept(answer);
      if (!ctx.expectShape(GetComplete, body, answer.request)) return;
      const { completion } = body as { completion: Completion };
      expectEntries(ctx, answer.request, completion, [NEVER_SYNCED_PERSON]);
      const expected = {
        success: false,
        error: { errorType: 'notSynchronized', message: PERSON_ERRORS.notSynchronized },
      };
      ctx.expect(
        isDeepStrictEqual(completion.standard[0]?.result, expected),
        `${answer.request}: completion.standard[0].result: expected ${JSON.stringify(expected)}, got ${JSON.stringify(completion.standard[0]?.result)}`,
      );
    },
  },
  {
    name: 'synchronize',
    dialect: 'E1',
    basis: 'documented',
    guarantees:
      'Synchronizing the persons (long mode) completes with one success or personNotFound entry per person, in request order, echoing each person exactly.',
    async run(ctx) {
      await syncedPersons(ctx);
    },
  },
  {
    name: 'result-link',
    dialect: 'E1',
    basis: 'documented',
    guarantees:
      'With result-handling: reslink, synchronize answers processing with an absolute resultLink; the link answers processing ("later") until it answers the complete body, and the same body again on the next GET.',
    async run(ctx) {
      const person = ctx.options.persons[0] as string;
      const accepted = await ctx.e1(
        'synchronize',
        { standard: [{ person }] },
        { headers: { 'result-handling': 'reslink' } },
      );
      const body = ctx.accept(accepted);
      if (!ctx.expectShape(ProcessingAccepted, body, accepted.request)) return;
      const link = (body as { process: { resultLink: string } }).process.resultLink;
      const { answer: first, polls, url } = await pollResult(ctx, link);
      if (!ctx.expectShape(SynchronizeComplete, first.json, `${first.request} (poll ${polls})`)) return;
      expectEntries(ctx, first.request, (first.json as { completion: Completion }).completion, [person]);
      const again = await ctx.get(url, endpointRoute('result'));
      ctx.expect(
        isDeepStrictEqual(again.json, first.json),
        `${again.request} again: expected the same body as before, got ${again.text.slice(0, 200)}`,
      );
    },
  },
  {
    name: 'get-after-sync',
    dialect: 'E1',
    basis: 'documented',
    guarantees:
      'A get of the synchronized persons completes with success and data (messages with well-formed ids and times) for each, in request order.',
    async run(ctx) {
      await readSynced(ctx);
    },
  },
  {
    name: 'messages-oldest-first',
    dialect: 'E1',
    basis: 'mock decision',
    guarantees: 'Messages come oldest first, and their ids are unique within a conversation.',
    async run(ctx) {
      for (const [person, { messages }] of await withMessages(ctx, 2)) {
        messages.forEach((message, index) => {
          const before = messages[index - 1];
          if (before && Date.parse(message.time) < Date.parse(before.time)) {
            ctx.problem(
              `${person}: messages[${index}].time ${message.time} is earlier than messages[${index - 1}].time ${before.time}`,
            );
          }
        });
        const ids = new Set(messages.map((message) => message.id));
        ctx.expect(ids.size === messages.length, `${person}: ${messages.length - ids.size} message ids appear twice`);
      }
    },
  },
  {
    name: 'total-is-count',
    dialect: 'E1',
    basis: 'mock decision',
    guarantees: '`total` is the number of messages returned.',
    async run(ctx) {
      const read = await readSynced(ctx);
      if (read.size === 0) return ctx.skip('no conversation was read');
      for (const [person, data] of read) {
        ctx.expect(
          data.total === data.messages.length,
          `${person}: data.total: expected ${data.messages.length} (the number of messages returned), got ${data.total}`,
        );
      }
    },
  },
  {
    name: 'since-exclusive',
    dialect: 'E1',
    basis: 'mock decision',
    guarantees: '`since` set to the time of a middle message returns exactly the messages strictly after it.',
    async run(ctx) {
      const found = (await withMessages(ctx, 2)).find(
        ([, data]) => new Set(data.messages.map((m) => m.time)).size >= 2,
      );
      if (!found) return ctx.skip('no conversation has messages at two different times');
      const [person, { messages }] = found;
      const times = [...new Set(messages.map((message) => message.time))];
      const since = times[Math.floor((times.length - 1) / 2)] as string;
      const latest = Math.max(...times.map((time) => Date.parse(time)));
      const expected = messages.filter((message) => Date.parse(message.time) > Date.parse(since)).map((m) => m.id);
      const { answer, data } = await readSince(ctx, person, since);
      const atSince = data.messages.filter((message) => Date.parse(message.time) === Date.parse(since));
      ctx.expect(
        atSince.length === 0,
        `${answer.request} since ${since}: ${atSince.length} message(s) at exactly since came back: since is inclusive, expected exclusive`,
      );
      // Messages newer than any read before may have arrived in between on a live service: they are fine.
      const known = data.messages.filter((message) => Date.parse(message.time) <= latest).map((m) => m.id);
      ctx.expect(
        isDeepStrictEqual(known, expected),
        `${answer.request} since ${since}: expected the ${expected.length} later message(s) ${JSON.stringify(expected)}, got ${known.length}: ${JSON.stringify(known)}`,
      );
    },
  },
  {
    name: 'since-future',
    dialect: 'E1',
    basis: 'documented',
    guarantees: 'A `since` after the last message returns no messages.',
    async run(ctx) {
      const [person, { messages }] = (await withMessages(ctx, 1))[0] as [string, ConversationData];
      const last = Date.parse(messages[messages.length - 1]?.time ?? '');
      const since = secondsIso(Math.max(Date.now(), last) + 24 * 3600 * 1000);
      const { answer, data } = await readSince(ctx, person, since);
      ctx.expect(
        data.messages.length === 0,
        `${answer.request} since ${since}: expected no messages, got ${data.messages.length}`,
      );
    },
  },
  {
    name: 'unknown-result-id',
    dialect: 'E1',
    basis: 'mock decision',
    guarantees: 'A result link with an unknown id answers 404 resultNotFound.',
    async run(ctx) {
      const answer = await ctx.get(
        ctx.url('result', { id: 'linkedapiMockVerifyUnknownResult' }),
        endpointRoute('result'),
      );
      expectGlobalError(ctx, answer, 'resultNotFound');
    },
  },
  {
    name: 'unknown-endpoint',
    dialect: 'E1',
    basis: 'mock decision',
    guarantees: 'An unknown path answers 404 endpointNotFound.',
    async run(ctx) {
      expectGlobalError(ctx, await ctx.get(UNKNOWN_E1_PATH, undefined), 'endpointNotFound');
    },
  },
];
