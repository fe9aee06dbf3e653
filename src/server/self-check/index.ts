import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AnswerProblem } from '../../contracts/answer.js';
import type { MockApp, ServerContext } from '../context.js';

/** An answer of the mock that broke its own contract. */
export interface SelfCheckFailure {
  method: string;
  /** The request path, e.g. `/account/conversations.get`. */
  path: string;
  /** The status the mock meant to send (it sent 500 instead). */
  status: number;
  /** What does not match, each with its JSON path. */
  problems: AnswerProblem[];
  /** The body the mock meant to send. */
  body: string;
}

export interface SelfCheckOptions {
  errorHttpStatus?: 200 | undefined;
  onSelfCheckFailure?: ((failure: SelfCheckFailure) => void) | undefined;
}

type Rules = typeof import('./rules.js');
let rules: Promise<Rules> | undefined;
let loaded: Rules | undefined;

/**
 * Loads the route contracts the self-check validates with. They load lazily (a mock without the self-check
 * starts without them); `selfCheck()` starts loading them, and a test on a manual clock that counts event-loop
 * turns may await this first, so that no answer waits for a module to load.
 *
 * @example
 * await loadSelfCheckRules();
 */
export function loadSelfCheckRules(): Promise<Rules> {
  rules ??= import('./rules.js').then((module) => {
    loaded = module;
    return module;
  });
  return rules;
}

/**
 * Mounts the response self-check when `options.selfCheck` is on (it is off by default: it costs a parse per
 * answer). Mount it after the faults (an injected answer lies outside the route contracts by design) and before
 * every route, so that it checks what each answers.
 *
 * @example
 * mountSelfCheck(app, ctx);
 */
export function mountSelfCheck(app: MockApp, ctx: ServerContext): void {
  if (ctx.options.selfCheck) app.use(selfCheck(ctx.options));
}

/**
 * Middleware that checks every answer against the contract of the route Hono matched it with (`ROUTES`, by
 * `routePath(c, -1)`; an unknown route against `NOT_FOUND_RESPONSE`), on any Hono app whose routes are written as
 * in `ROUTES`. A mismatch is logged to stderr, reported to `onSelfCheckFailure`, and the answer is replaced by a
 * 500 `selfCheckFailed` listing the problems, so that no test can pass on a drifted answer.
 *
 * @example
 * const { app } = createMockServer({ selfCheck: true, onSelfCheckFailure: (f) => failures.push(f) });
 */
export function selfCheck(options: SelfCheckOptions): MiddlewareHandler {
  void loadSelfCheckRules();
  return async function selfCheckAnswer(c, next) {
    await next();
    if (c.req.method === 'HEAD') return;
    const path = new URL(c.req.url).pathname;
    const { problemsOfAnswer } = loaded ?? (await loadSelfCheckRules());
    const problems = await problemsOfAnswer(c.req.method, routePath(c, -1), c.res, options.errorHttpStatus);
    if (!problems || problems.length === 0) return;
    const failure: SelfCheckFailure = {
      method: c.req.method,
      path,
      status: c.res.status,
      problems,
      body: await c.res.clone().text(),
    };
    const details = problems.map((problem) => `${problem.path}: ${problem.problem}`).join('; ');
    const message = `${failure.method} ${path} answered ${failure.status} that does not match its contract: ${details}`;
    console.error(`[linkedapi-mock] self-check failed: ${message}`);
    options.onSelfCheckFailure?.(failure);
    c.res = undefined; // else Hono copies the old answer's headers (content-length included) onto the new one
    c.res = new Response(
      JSON.stringify({
        status: 'error',
        error: {
          errorType: 'selfCheckFailed',
          message,
          problems,
          answer: { status: failure.status, body: failure.body },
        },
      }),
      { status: 500, headers: { 'content-type': 'application/json' } },
    );
  };
}
