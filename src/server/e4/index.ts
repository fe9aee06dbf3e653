import type { Context, Hono } from 'hono';
import type { GlobalErrorType } from '../../contracts/e1/errors.js';
import {
  ACTION_CHANNEL,
  ACTION_ERRORS,
  CONVERSATION_TYPES,
  E4_ERRORS,
  type E4ErrorType,
  e4ErrorMessage,
  PollRequest,
  type SyncConversationAction,
  WORKFLOW_FAILURES,
  WorkflowAction,
  WorkflowActions,
} from '../../contracts/e4/schemas.js';
import { formatIssues, type InputIssue } from '../../core/issues.js';
import { toJson } from '../../core/json.js';
import type { Account } from '../../world/account.js';
import type { Job, JobOutcome } from '../../world/job.js';
import type { OutcomeFormat, World } from '../../world/world.js';
import {
  BODY_TOO_LARGE,
  incomingOf,
  MAX_BODY_BYTES,
  MAX_LISTED_ISSUES,
  type Parsed,
  parseJsonText,
  readBodyText,
  validate,
} from '../http/request.js';
import type { ResolvedOptions } from '../options.js';

/** What the E4 routes need from the server they are mounted on. */
export interface E4Context {
  world: World;
  options: ResolvedOptions;
  /** Resolves when `job` finishes, the long-poll ceiling passes, or the server shuts down. */
  hold(job: Job): Promise<void>;
}

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/** The world names errors as E1 does; E4 calls some of them differently. */
const FROM_WORLD: Partial<Record<GlobalErrorType, E4ErrorType>> = {
  accountApiTokenRequired: 'linkedApiTokenRequired',
  invalidAccountApiToken: 'invalidLinkedApiToken',
  noActiveSeats: 'subscriptionRequired',
};

/** The JSON of an E4 error envelope. */
export function e4ErrorBody(type: E4ErrorType, params?: Record<string, string>): string {
  return JSON.stringify({ success: false, error: { type, message: e4ErrorMessage(type, params) } });
}

/** Whether a path lies under E4's endpoints (`/workflows…`, `/conversations/…`). */
export function isE4Path(path: string): boolean {
  return path === '/workflows' || path.startsWith('/workflows/') || path.startsWith('/conversations/');
}

const notThisKindOfJob = (): never => {
  throw new Error('a workflow only synchronizes, a poll only reads');
};

/** Renders a sync workflow's outcome as its `completion` (one object, or an array like the request) or `failure`. */
function workflowFormat(actions: SyncConversationAction[], single: boolean): OutcomeFormat {
  return {
    synchronized(entries) {
      const completion = entries.map(({ error }, index) => {
        const { actionType, label } = actions[index] as SyncConversationAction;
        return {
          actionType,
          ...(label !== undefined && { label }),
          success: error === undefined,
          ...(error !== undefined && { error: { type: error, message: ACTION_ERRORS[error as 'personNotFound'] } }),
        };
      });
      return { kind: 'complete', body: JSON.stringify(single ? completion[0] : completion) };
    },
    read: notThisKindOfJob,
    failed: (reason) => failure(reason),
  };
}

function failure(reason: keyof typeof WORKFLOW_FAILURES): JobOutcome {
  const body = JSON.stringify({ reason, message: WORKFLOW_FAILURES[reason] });
  return { kind: 'error', errorType: reason, status: 200, body };
}

/** Renders a poll: every conversation synced, or `conversationsNotSynced` naming those that are not. */
function pollFormat(items: PollRequest): OutcomeFormat {
  return {
    synchronized: notThisKindOfJob,
    read(entries) {
      const missing = entries.flatMap((entry, index) =>
        entry.data ? [] : [`${entry.person} (${(items[index] as PollRequest[number]).type})`],
      );
      if (missing.length > 0) return e4Error('conversationsNotSynced', { details: missing.join(', ') });
      const result = entries.map(({ person, since, data }, index) => ({
        personUrl: person,
        type: (items[index] as PollRequest[number]).type,
        since,
        messages: data?.messages,
      }));
      return { kind: 'complete', body: toJson({ success: true, result }) };
    },
    failed: (type) => e4Error(type),
  };
}

function e4Error(type: E4ErrorType, params?: Record<string, string>): JobOutcome {
  return { kind: 'error', errorType: type, status: E4_ERRORS[type].status, body: e4ErrorBody(type, params) };
}

/**
 * Mounts E4, today's Linked API, on the app: `POST /workflows`, `GET|DELETE /workflows/{id}` and
 * `POST /conversations/poll`, on the same world as E1.
 */
export function registerE4Routes(app: Hono, { world, options, hold }: E4Context): void {
  const { clock } = world;
  const send = (c: Context, status: number, body: string, headers?: Record<string, string>) =>
    c.body(body, status as 200, { ...JSON_HEADERS, ...headers });
  const sendError = (
    c: Context,
    type: E4ErrorType,
    params?: Record<string, string>,
    headers?: Record<string, string>,
  ) => send(c, options.errorHttpStatus ?? E4_ERRORS[type].status, e4ErrorBody(type, params), headers);
  const sendInvalid = (
    c: Context,
    type: 'invalidWorkflow' | 'invalidRequestPayload',
    issues: InputIssue[],
    status?: number,
  ) => {
    const details = formatIssues(issues, MAX_LISTED_ISSUES);
    return send(c, options.errorHttpStatus ?? status ?? E4_ERRORS[type].status, e4ErrorBody(type, { details }));
  };
  const sendOutcome = (c: Context, outcome: JobOutcome) =>
    send(c, outcome.kind === 'error' ? (options.errorHttpStatus ?? outcome.status) : 200, outcome.body);

  /** The account of the request, or the answer to send instead. */
  const authenticate = (c: Context): { account: Account; apiToken: string } | { response: Response } => {
    const apiToken = c.req.header('linked-api-token')?.trim();
    const auth = world.authenticate(apiToken, c.req.header('identification-token')?.trim());
    if ('error' in auth) return { response: sendError(c, FROM_WORLD[auth.error] ?? (auth.error as E4ErrorType)) };
    return { account: auth.account, apiToken: apiToken as string };
  };

  /** The body as JSON checked by `check`, or the answer to send instead. */
  const readJson = async <T>(
    c: Context,
    type: 'invalidWorkflow' | 'invalidRequestPayload',
    expected: string,
    check: (json: unknown) => Parsed<T>,
  ): Promise<{ value: T } | { response: Response }> => {
    const text = await readBodyText(c.req.raw, MAX_BODY_BYTES, incomingOf(c));
    if ('tooLarge' in text) return { response: sendInvalid(c, type, [BODY_TOO_LARGE], 413) };
    const parsed = parseJsonText(text.text, expected);
    const checked = 'issues' in parsed ? parsed : check(parsed.json);
    return 'issues' in checked ? { response: sendInvalid(c, type, checked.issues) } : checked;
  };

  const refuse = (c: Context, admission: { error: 'noActiveSeats' | 'tooManyRequests'; retryAfterSeconds?: number }) =>
    admission.error === 'tooManyRequests'
      ? sendError(c, 'tooManyRequests', undefined, { 'retry-after': String(admission.retryAfterSeconds) })
      : sendError(c, 'subscriptionRequired');

  app.post('/workflows', async function startWorkflow(c) {
    const auth = authenticate(c);
    if ('response' in auth) return auth.response;
    const body = await readJson(
      c,
      'invalidWorkflow',
      'a JSON action object or an array of actions',
      (json): Parsed<SyncConversationAction | SyncConversationAction[]> =>
        Array.isArray(json) ? validate(json, WorkflowActions) : validate(json, WorkflowAction),
    );
    if ('response' in body) return body.response;
    const single = !Array.isArray(body.value);
    const actions = single ? [body.value as SyncConversationAction] : (body.value as SyncConversationAction[]);
    const targets = actions.map(({ actionType, personUrl }) => ({
      channel: ACTION_CHANNEL[actionType],
      person: personUrl,
    }));
    const admission = world.submitSynchronize(auth.account, targets, workflowFormat(actions, single));
    if ('error' in admission) return refuse(c, admission);
    const { job } = admission;
    job.accountApiToken = auth.apiToken;
    const workflowId = world.workflows.register(job, clock.now(), world.newWorkflowId(auth.account));
    return send(c, 200, JSON.stringify({ success: true, result: { workflowId } }));
  });

  /** The workflow named in the path if it belongs to the caller, or the answer to send instead. */
  const workflowOf = (c: Context): { job: Job; workflowId: string } | { response: Response } => {
    const auth = authenticate(c);
    if ('response' in auth) return auth;
    const workflowId = c.req.param('workflowId') as string;
    const job = world.workflows.lookup(workflowId, clock.now());
    if (!job || job.account !== auth.account || job.accountApiToken !== auth.apiToken) {
      return { response: sendError(c, 'workflowNotFound', { workflowId }) };
    }
    return { job, workflowId };
  };

  app.get('/workflows/:workflowId', function workflowStatus(c) {
    const found = workflowOf(c);
    if ('response' in found) return found.response;
    const { job, workflowId } = found;
    const { outcome } = job;
    const head = `{"success":true,"result":{"workflowId":${JSON.stringify(workflowId)},"workflowStatus":`;
    if (!outcome) return send(c, 200, `${head}"${job.startedAt === undefined ? 'pending' : 'running'}"}}`);
    if (outcome.kind === 'complete') return send(c, 200, `${head}"completed","completion":${outcome.body}}}`);
    return send(c, 200, `${head}"failed","failure":${outcome.body}}}`);
  });

  app.delete('/workflows/:workflowId', function cancelWorkflow(c) {
    const found = workflowOf(c);
    if ('response' in found) return found.response;
    const cancelled = world.cancel(found.job, failure('workflowCancelled'));
    return send(c, 200, JSON.stringify({ success: true, result: { cancelled } }));
  });

  app.post('/conversations/poll', async function pollConversations(c) {
    const auth = authenticate(c);
    if ('response' in auth) return auth.response;
    const body = await readJson(c, 'invalidRequestPayload', 'a JSON array of conversations', (json) =>
      validate(json, PollRequest),
    );
    if ('response' in body) return body.response;
    const reads = body.value.map(({ personUrl, type, since }) => ({
      channel: CONVERSATION_TYPES[type],
      person: personUrl,
      since,
    }));
    const admission = world.submitGet(auth.account, reads, pollFormat(body.value));
    if ('error' in admission) return refuse(c, admission);
    const { job } = admission;
    if (!job.finished) await hold(job);
    // A poll is fast; one still waiting out its latency when the server stops is answered at once.
    if (!job.finished) job.expedite?.();
    return sendOutcome(c, job.outcome as JobOutcome);
  });
}
