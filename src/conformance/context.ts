import type { z } from 'zod';
import { formatProblems, problemsOf } from '../contracts/answer.js';
import { type EndpointName, endpointPath } from '../contracts/endpoints.js';
import type { RouteContract } from '../contracts/route.js';
import { endpointRoute } from '../contracts/routes.js';
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

/** The endpoints of today's Linked API (E4). */
export type E4EndpointName = 'workflows' | 'workflowStatus' | 'workflowCancel' | 'poll';

export interface E4Request {
  /** The path parameters, e.g. `{ workflowId }`. */
  params?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Auth headers to leave out. */
  omit?: ('linked-api-token' | 'identification-token')[];
  /** Send this text instead of the JSON of the body. */
  rawBody?: string;
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
    return this.send({
      method: 'POST',
      url: this.url(endpoint),
      headers: this.e1Headers(options),
      body: options.rawBody ?? JSON.stringify(body),
      route: endpointRoute(endpoint),
    });
  }

  /** The URL of a public endpoint under the base URL, its `{params}` filled in. */
  url(endpoint: EndpointName, params: Record<string, string> = {}): string {
    return `${this.options.baseUrl}${endpointPath(endpoint, params)}`;
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

  /** Sends a request to an E4 endpoint (method and path from the endpoint table), checked against its route. */
  e4(endpoint: E4EndpointName, request: E4Request = {}): Promise<Answer> {
    const route = endpointRoute(endpoint);
    const { body, rawBody } = request;
    return this.send({
      method: route.method.toUpperCase() as OutgoingRequest['method'],
      url: this.url(endpoint, request.params),
      headers: this.e4Headers(request.omit),
      ...(body !== undefined || rawBody !== undefined ? { body: rawBody ?? JSON.stringify(body) } : {}),
      route,
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
