import type { Context } from 'hono';
import { CHANNELS, type Channel, GetRequest, SynchronizeRequest } from '../../contracts/e1/requests.js';
import { PROCESSING_MESSAGES } from '../../contracts/e1/responses.js';
import { type EndpointName, endpointPath } from '../../contracts/endpoints.js';
import { fail, ok, type Result } from '../../core/issue.js';
import type { Account } from '../../world/account.js';
import type { Job } from '../../world/job.js';
import type { ReadTarget } from '../../world/outcome.js';
import type { MockApp, ServerContext } from '../context.js';
import { type EndpointHandler, mountEndpoints } from '../endpoints.js';
import { validate } from '../http/body.js';
import { requestOrigin } from '../http/origin.js';
import { readJson, responder, send } from '../http/respond.js';
import { parseResultHandling } from '../http/result-handling.js';
import { E1, e1Answer } from './render.js';

/**
 * Mounts E1, the Account API: `POST /account/conversations.synchronize`, `POST /account/conversations.get` and
 * the result link `GET /account/results/{id}`, each with result handling long (held until done or the ceiling),
 * reslink or webhook.
 */
export function mountE1(app: MockApp, ctx: ServerContext): void {
  mountEndpoints(app, 'E1', e1Handlers(ctx));
}

/** The names of the endpoints E1's module answers. */
export type E1EndpointName = keyof ReturnType<typeof e1Handlers>;

/** The conversations of an E1 body, in request order: `standard` first, then `salesNavigator`. */
function e1Targets<Entry extends { person: string; since?: string }>(
  body: Partial<Record<Channel, Entry[]>>,
): ReadTarget[] {
  return CHANNELS.flatMap((channel) =>
    (body[channel] ?? []).map(({ person, since }) => ({ channel, person, ...(since !== undefined && { since }) })),
  );
}

function e1Handlers({ world, clock, options, held }: ServerContext) {
  const e1 = responder(E1, options);

  /** The caller's account and API token, or the answer refusing them. */
  const authenticate = (c: Context): Result<{ account: Account; apiToken: string | undefined }, Response> => {
    const apiToken = c.req.header('account-api-token')?.trim();
    const auth = world.authenticate(apiToken, c.req.header('identification-token')?.trim());
    return auth.ok ? ok({ account: auth.value, apiToken }) : fail(e1.refuse(c, auth.error));
  };

  /** The result link of `job` (given one now if it has none), on the origin the client called. */
  const resultLink = (c: Context, job: Job) =>
    `${requestOrigin(c.req.raw, options.publicUrl)}${endpointPath('result', { id: world.results.register(job, clock.now()) })}`;

  const processing = (c: Context, job: Job, message: string) =>
    send(c, 200, JSON.stringify({ status: 'processing', process: { message, resultLink: resultLink(c, job) } }));

  const conversations = (schema: typeof SynchronizeRequest | typeof GetRequest, submit: 'synchronize' | 'get') =>
    async function conversationsEndpoint(c: Context): Promise<Response> {
      const caller = authenticate(c);
      if (!caller.ok) return caller.error;
      const handling = parseResultHandling(c.req.raw.headers);
      if (!handling.ok) return e1.invalid(c, 'invalidRequestBody', handling.error);
      const body = await readJson(c, e1, 'invalidRequestBody', 'a JSON object', (json) => validate(json, schema));
      if (!body.ok) return body.error;
      const { account, apiToken } = caller.value;
      const targets = e1Targets(body.value);
      const admission =
        submit === 'synchronize'
          ? world.submitSynchronize(account, targets, apiToken)
          : world.submitGet(account, targets, apiToken);
      if (!admission.ok) return e1.refuse(c, admission.error);
      const job = admission.value;
      const { mode, webhookUrl } = handling.value;
      if (mode === 'reslink') return processing(c, job, PROCESSING_MESSAGES.accepted);
      if (mode === 'webhook') {
        const link = resultLink(c, job);
        const url = webhookUrl as string;
        job.onFinish((done) => world.webhooks.deliver(account.id, url, link, e1Answer(done).body));
        const process = { message: PROCESSING_MESSAGES.webhook, webhook: url };
        return send(c, 200, JSON.stringify({ status: 'processing', process }));
      }
      if (!job.finished) await held.untilDone(job, options.longPollTimeoutMs);
      return job.finished ? e1.answer(c, e1Answer(job)) : processing(c, job, PROCESSING_MESSAGES.accepted);
    };

  return {
    synchronize: conversations(SynchronizeRequest, 'synchronize'),
    get: conversations(GetRequest, 'get'),
    result: function resultEndpoint(c: Context): Response {
      const job = world.results.lookup(c.req.param('id') as string, clock.now());
      const apiToken = c.req.header('account-api-token')?.trim();
      const identificationToken = c.req.header('identification-token')?.trim();
      const foreign =
        (apiToken !== undefined && apiToken !== job?.accountApiToken) ||
        (identificationToken !== undefined && identificationToken !== job?.account.id);
      if (!job || foreign) return e1.error(c, 'resultNotFound');
      if (!job.finished) return processing(c, job, PROCESSING_MESSAGES.pending);
      return e1.answer(c, e1Answer(job));
    },
  } satisfies Partial<Record<EndpointName, EndpointHandler>>;
}
