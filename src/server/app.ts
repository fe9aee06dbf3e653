import { type Context, Hono } from 'hono';
import { GLOBAL_ERRORS, type GlobalErrorType } from '../contracts/e1/errors.js';
import { GetRequest, SynchronizeRequest } from '../contracts/e1/requests.js';
import { PROCESSING_MESSAGES } from '../contracts/e1/responses.js';
import type { Scenario, ScenarioInput } from '../contracts/mock/scenario.js';
import type { VirtualClock } from '../core/clock.js';
import { formatIssues, type InputIssue } from '../core/issues.js';
import { worldScenario } from '../scenarios/compile.js';
import type { Job } from '../world/job.js';
import { World } from '../world/world.js';
import { type ControlOperations, registerControl } from './control/index.js';
import { registerDocs } from './docs/index.js';
import { E1_FORMAT, e1Targets, errorBody } from './e1/format.js';
import { e4ErrorBody, isE4Path, registerE4Routes } from './e4/index.js';
import { registerFaultRoutes } from './faults/index.js';
import { FaultInjector } from './faults/injector.js';
import {
  BODY_TOO_LARGE,
  incomingOf,
  MAX_BODY_BYTES,
  MAX_LISTED_ISSUES,
  parseBody,
  parseResultHandling,
  readBodyText,
  requestOrigin,
} from './http/request.js';
import { RequestJournal } from './journal/index.js';
import { type MockOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { selfCheck } from './self-check/index.js';

/** An in-process mock: the Hono app, the world behind it and its clock. */
export interface MockServer {
  /** The Hono app: `app.request(path, init)` in tests, `app.fetch` for any server. */
  app: Hono;
  world: World;
  clock: VirtualClock;
  options: ResolvedOptions;
  /** Answers every held long poll with its result link at once (used on shutdown). */
  releaseLongPolls(): void;
  /** The fault rules in force (a scenario's `faults`, replaced on each load): add, remove, list at run time. */
  faults: FaultInjector;
  /** The control operations of `/__mock` (reset, scenario, clock, messages, state, journal, webhooks). */
  control: ControlOperations;
  /** The request journal (empty and off with `journalLimit: 0`). */
  journal: RequestJournal;
  /**
   * Loads a scenario in place of the current one (a scenario file's object): its accounts, persons, timeline,
   * faults and settings; options given to `createMockServer` still win over its settings. Everything is
   * reset as by `world.reset()`; held long polls are answered with their result links first; the clock
   * keeps its time. Throws a `ScenarioError` (and changes nothing) when the scenario is invalid.
   */
  loadScenario(scenario: ScenarioInput): void;
  /** Calls `listener` after each scenario load (at once for the current one); returns an unsubscribe. */
  onScenario(listener: (scenario: Scenario | undefined) => void): () => void;
}

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/**
 * Creates the mock in-process.
 *
 * @example
 * const { app } = createMockServer({ seed: 7, speed: 0 });
 * const res = await app.request('/account/conversations.get', { method: 'POST', headers, body });
 */
export function createMockServer(input: MockOptions = {}): MockServer {
  const options = resolveOptions(input);
  const { clock } = options;
  const world = new World({
    clock,
    seed: options.seed,
    startTime: options.startTime,
    speed: options.speed,
    latency: options.latency,
    resultTtlMs: options.resultTtlMs,
    maxUncompleted: 10,
    newResultId: options.newResultId,
    sendWebhook: options.sendWebhook,
    scenario: options.scenario && worldScenario(options.scenario, options.startTime),
  });
  const heldLongPolls = new Set<() => void>();
  const app = new Hono();
  const journal = new RequestJournal(options.journalLimit, clock);
  // First, so that it records what the client got, injected faults included. Off: not registered at all.
  if (journal.enabled) app.use(journal.middleware());
  const faults = new FaultInjector({ clock, options, held: heldLongPolls });
  faults.load(options.scenario);
  // Before the self-check: an injected answer lies outside the route contracts by design. No rules: no work.
  app.use(faults.middleware);
  // After the journal and the faults, before every route: it checks what the routes answer.
  if (options.selfCheck) app.use(selfCheck(options));
  // Before any other /__mock route, so that the control token guards them all.
  const control = registerControl(app, {
    world,
    options,
    journal,
    loadScenario: (scenario) => mock.loadScenario(scenario),
  });
  registerFaultRoutes(app, faults);
  control.onReset((account) => account === undefined && faults.reset()); // a full reset zeroes fault counters

  const send = (c: Context, status: number, body: string, headers?: Record<string, string>) =>
    c.body(body, status as 200, { ...JSON_HEADERS, ...headers });

  const sendError = (
    c: Context,
    type: GlobalErrorType,
    params?: Record<string, string>,
    headers?: Record<string, string>,
  ) => send(c, options.errorHttpStatus ?? GLOBAL_ERRORS[type].status, errorBody(type, params), headers);

  const sendInvalid = (c: Context, issues: InputIssue[], status?: number) => {
    const body = errorBody('invalidRequestBody', { details: formatIssues(issues, MAX_LISTED_ISSUES) });
    return send(c, options.errorHttpStatus ?? status ?? GLOBAL_ERRORS.invalidRequestBody.status, body);
  };

  const sendOutcome = (c: Context, job: Job) => {
    const outcome = job.outcome as NonNullable<Job['outcome']>;
    if (outcome.kind === 'complete') return send(c, 200, outcome.body);
    return send(c, options.errorHttpStatus ?? outcome.status, outcome.body);
  };

  const resultLink = (c: Context, id: string) => `${requestOrigin(c.req.raw, options.publicUrl)}/account/results/${id}`;

  const processing = (c: Context, job: Job, message: string) =>
    send(
      c,
      200,
      JSON.stringify({
        status: 'processing',
        process: { message, resultLink: resultLink(c, world.results.register(job, clock.now())) },
      }),
    );

  /** Holds a long-mode request until its job finishes, the ceiling passes, or the server shuts down. */
  const holdLongPoll = (job: Job) =>
    new Promise<void>((resolve) => {
      const release = () => {
        timer.cancel();
        heldLongPolls.delete(release);
        resolve();
      };
      const timer = clock.setTimer(clock.now() + options.longPollTimeoutMs, release);
      heldLongPolls.add(release);
      job.onFinish(release);
    });

  const conversations = (
    schema: typeof SynchronizeRequest | typeof GetRequest,
    submit: 'submitSynchronize' | 'submitGet',
  ) =>
    async function conversationsEndpoint(c: Context) {
      const apiToken = c.req.header('account-api-token');
      const auth = world.authenticate(apiToken?.trim(), c.req.header('identification-token')?.trim());
      if ('error' in auth) return sendError(c, auth.error);
      const handling = parseResultHandling(c.req.raw.headers);
      if ('issues' in handling) return sendInvalid(c, handling.issues);
      // Served by @hono/node-server, `c.env.incoming` is the Node message: the body is read straight off it.
      const text = await readBodyText(c.req.raw, MAX_BODY_BYTES, incomingOf(c));
      if ('tooLarge' in text) return sendInvalid(c, [BODY_TOO_LARGE], 413);
      const body = parseBody(text.text, schema);
      if ('issues' in body) return sendInvalid(c, body.issues);
      const admission = world[submit](auth.account, e1Targets(body.value), E1_FORMAT);
      if ('error' in admission) {
        if (admission.error === 'tooManyRequests') {
          return sendError(c, admission.error, undefined, { 'retry-after': String(admission.retryAfterSeconds) });
        }
        return sendError(c, admission.error);
      }
      const { job } = admission;
      job.accountApiToken = apiToken?.trim();
      const { mode, webhookUrl } = handling.value;
      if (mode === 'reslink') return processing(c, job, PROCESSING_MESSAGES.accepted);
      if (mode === 'webhook') {
        const link = resultLink(c, world.results.register(job, clock.now()));
        const url = webhookUrl as string;
        job.onFinish((done) => world.webhooks.deliver(auth.account.id, url, link, done.outcome?.body as string));
        return send(
          c,
          200,
          JSON.stringify({ status: 'processing', process: { message: PROCESSING_MESSAGES.webhook, webhook: url } }),
        );
      }
      if (!job.finished) await holdLongPoll(job);
      return job.finished ? sendOutcome(c, job) : processing(c, job, PROCESSING_MESSAGES.accepted);
    };

  app.get('/__mock/health', (c) => send(c, 200, '{"status":"ok"}'));
  app.post('/account/conversations.synchronize', conversations(SynchronizeRequest, 'submitSynchronize'));
  app.post('/account/conversations.get', conversations(GetRequest, 'submitGet'));
  app.get('/account/results/:id', function resultEndpoint(c) {
    const job = world.results.lookup(c.req.param('id'), clock.now());
    const apiToken = c.req.header('account-api-token')?.trim();
    const identificationToken = c.req.header('identification-token')?.trim();
    const foreign =
      (apiToken !== undefined && apiToken !== job?.accountApiToken) ||
      (identificationToken !== undefined && identificationToken !== job?.account.id);
    if (!job || foreign) return sendError(c, 'resultNotFound');
    if (!job.finished) return processing(c, job, PROCESSING_MESSAGES.pending);
    return sendOutcome(c, job);
  });
  registerE4Routes(app, { world, options, hold: holdLongPoll });
  registerDocs(app, { publicUrl: options.publicUrl });
  app.notFound(function endpointNotFound(c) {
    const params = { method: c.req.method, path: new URL(c.req.url).pathname };
    // Under E4's paths, or from a client of today's API (it sends linked-api-token), the E4 envelope it can parse.
    const e4Client = c.req.header('linked-api-token') !== undefined && c.req.header('account-api-token') === undefined;
    if (e4Client || isE4Path(params.path)) {
      return send(c, options.errorHttpStatus ?? 404, e4ErrorBody('endpointNotFound', params));
    }
    return sendError(c, 'endpointNotFound', params);
  });
  app.onError((error, c) => {
    if ((error as NodeJS.ErrnoException).code === 'ECONNRESET' || c.req.raw.signal.aborted) {
      // The client went away while its body was being read: nobody will see this answer, and it is no bug.
      return sendInvalid(c, [{ path: 'body', problem: 'the connection closed before the body was complete' }]);
    }
    console.error('[linkedapi-mock] internal error (this is a bug, please report it):', error);
    return send(
      c,
      500,
      JSON.stringify({
        status: 'error',
        error: { errorType: 'internalError', message: 'linkedapi-mock hit an internal error; this is a bug.' },
      }),
    );
  });

  const releaseLongPolls = () => {
    for (const release of [...heldLongPolls]) release();
  };
  const scenarioListeners = new Set<(scenario: Scenario | undefined) => void>();
  const mock: MockServer = {
    app,
    world,
    clock,
    options,
    releaseLongPolls,
    faults,
    control,
    journal,
    loadScenario(scenario) {
      const next = resolveOptions({ ...input, clock, startTime: options.startTime, scenario });
      releaseLongPolls();
      Object.assign(options, { ...next, clock, startTime: options.startTime });
      world.load(worldScenario(next.scenario as Scenario, options.startTime), {
        seed: next.seed,
        speed: next.speed,
        latency: next.latency,
        resultTtlMs: next.resultTtlMs,
      });
      faults.load(next.scenario);
      for (const listener of scenarioListeners) listener(next.scenario);
    },
    onScenario(listener) {
      scenarioListeners.add(listener);
      listener(options.scenario);
      return () => scenarioListeners.delete(listener);
    },
  };
  return mock;
}
