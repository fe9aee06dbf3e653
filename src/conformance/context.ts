import type { z } from 'zod';
import { formatProblems, problemsOf } from '../contracts/answer.js';
import { routeById } from '../contracts/find-route.js';
import type { RouteContract } from '../contracts/route.js';
import { CheckSkipped, CheckStopped } from './check.js';
import { type Answer, ConformanceClient, type OutgoingRequest } from './client.js';
import type { ResolvedConformanceOptions } from './options.js';
import { safetyRefusal } from './safety.js';

/** State shared by the checks of one run, e.g. what is already synchronized. Checks keep theirs by key. */
export class RunState {
  readonly client: ConformanceClient;
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(readonly options: ResolvedConformanceOptions) {
    this.client = new ConformanceClient({
      fetch: options.fetch,
      requestTimeoutMs: options.requestTimeoutMs,
      maxRequests: options.maxRequests,
      refuse: (request) => safetyRefusal(request, options.baseUrl, options.persons),
    });
  }

  /** Runs `make` once per run and key; later callers share its result (a failure is not kept). */
  once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let value = this.memo.get(key) as Promise<T> | undefined;
    if (!value) {
      value = make();
      this.memo.set(key, value);
      value.catch(() => this.memo.delete(key));
    }
    return value;
  }
}

export interface E1RequestOptions {
  /** Headers to add or override, e.g. `result-handling`. */
  headers?: Record<string, string>;
  /** Auth headers to leave out. */
  omit?: ('account-api-token' | 'identification-token')[];
  /** Send this text instead of the JSON of the body. */
  rawBody?: string;
}

/** What a check works with: the options, the requests it sends, and where it records problems. */
export class CheckContext {
  readonly problems: string[] = [];
  readonly notes: string[] = [];
  requests = 0;

  constructor(readonly run: RunState) {}

  get options(): ResolvedConformanceOptions {
    return this.run.options;
  }

  /** Sends a request; every problem of its answer (content type, JSON, contract) is recorded. */
  async send(request: OutgoingRequest): Promise<Answer> {
    this.requests++;
    const answer = await this.run.client.send(request);
    const where = `${answer.request} answered ${answer.status}`;
    for (const line of formatProblems(answer.problems)) this.problem(`${where}: ${line}`);
    return answer;
  }

  /** The E1 auth headers (and content type), with `options` applied. */
  e1Headers(options: E1RequestOptions = {}): Record<string, string> {
    const headers: Record<string, string> = {
      'account-api-token': this.options.accountApiToken,
      'identification-token': this.options.identificationToken,
      'content-type': 'application/json',
      ...options.headers,
    };
    for (const name of options.omit ?? []) delete headers[name];
    return headers;
  }

  /** POSTs to an E1 conversations endpoint. */
  e1(endpoint: 'synchronize' | 'get', body: unknown, options: E1RequestOptions = {}): Promise<Answer> {
    const route = routeById(endpoint === 'get' ? 'getConversations' : 'synchronizeConversations');
    return this.send({
      method: 'POST',
      url: `${this.options.baseUrl}/account/conversations.${endpoint}`,
      headers: this.e1Headers(options),
      body: options.rawBody ?? JSON.stringify(body),
      route,
    });
  }

  /** The E4 auth headers (and content type, which the official SDK sends on every call). */
  e4Headers(omit: ('linked-api-token' | 'identification-token')[] = []): Record<string, string> {
    const headers: Record<string, string> = {
      'linked-api-token': this.options.linkedApiToken,
      'identification-token': this.options.identificationToken,
      'content-type': 'application/json',
    };
    for (const name of omit) delete headers[name];
    return headers;
  }

  /** Sends an E4 request to `path` under the base URL, checked against the route `operationId`. */
  e4(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    operationId: string,
    body?: unknown,
    options: { omit?: ('linked-api-token' | 'identification-token')[]; rawBody?: string } = {},
  ): Promise<Answer> {
    return this.send({
      method,
      url: `${this.options.baseUrl}${path}`,
      headers: this.e4Headers(options.omit),
      ...(body !== undefined || options.rawBody !== undefined ? { body: options.rawBody ?? JSON.stringify(body) } : {}),
      route: routeById(operationId),
    });
  }

  /** GETs a path under the base URL (or an absolute URL on its origin) with the E1 auth headers. */
  get(pathOrUrl: string, route: RouteContract | undefined): Promise<Answer> {
    const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : `${this.options.baseUrl}${pathOrUrl}`;
    const { 'content-type': _, ...headers } = this.e1Headers();
    return this.send({ method: 'GET', url, headers, route });
  }

  /** The JSON of an answer that keeps its contract; ends the check when it does not (problems are recorded). */
  accept(answer: Answer): unknown {
    if (answer.problems.length > 0) throw new CheckStopped(`${answer.request}: the answer breaks its contract`);
    return answer.json;
  }

  /** Records a problem; the check goes on (and fails). */
  problem(text: string): void {
    this.problems.push(text);
  }

  /** Records `text` as a problem unless `ok`; returns `ok`. */
  expect(ok: boolean, text: string): boolean {
    if (!ok) this.problem(text);
    return ok;
  }

  /** Records a problem and ends the check. */
  stop(text: string): never {
    this.problem(text);
    throw new CheckStopped(text);
  }

  /** Ends the check as skipped. */
  skip(reason: string): never {
    throw new CheckSkipped(reason);
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /** Validates a value against a schema more precise than the route's; problems are recorded under `where`. */
  expectShape(schema: z.ZodType, value: unknown, where: string): boolean {
    const problems = formatProblems(problemsOf(schema, value));
    for (const line of problems) this.problem(`${where}: ${line}`);
    return problems.length === 0;
  }

  /** Pauses between polls. */
  pause(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
