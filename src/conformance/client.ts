import { type AnswerProblem, checkAnswer, checkShape } from '../contracts/answer.js';
import { NOT_FOUND_RESPONSE } from '../contracts/e1/routes.js';
import type { RouteContract } from '../contracts/route.js';

/** `fetch`, or anything that answers like it: `(url, init) => app.request(url, init)` runs a Hono app in-process. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response> | Response;

/** One request the conformance suite sends. */
export interface OutgoingRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Absolute URL. */
  url: string;
  headers: Record<string, string>;
  /** Sent verbatim. */
  body?: string;
  /** The contract the answer must keep; undefined: the answer of an unknown endpoint (`NOT_FOUND_RESPONSE`). */
  route: RouteContract | undefined;
}

/** An answer as the suite saw it, with everything in it that breaks the contract. */
export interface Answer {
  /** `POST /account/conversations.get`, for messages. */
  request: string;
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; undefined when it is not JSON. */
  json: unknown;
  problems: AnswerProblem[];
}

export interface ClientOptions {
  fetch: FetchLike;
  requestTimeoutMs: number;
  /** The run refuses to send more requests than this. */
  maxRequests: number;
  /** Returns why a request must not be sent (the safety rules), or undefined. */
  refuse?: (request: OutgoingRequest) => string | undefined;
}

/** A request the suite did not send, or that got no answer. */
export class RequestFailed extends Error {
  override name = 'RequestFailed';
}

/**
 * Sends the suite's requests strictly one after another (never two in flight), with a timeout each, counts
 * them, and checks every answer against its route contract.
 */
export class ConformanceClient {
  /** Requests sent so far. */
  requests = 0;
  /** The most requests that were ever in flight at once (1 unless something is wrong). */
  maxInFlight = 0;
  private inFlight = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ClientOptions) {}

  send(request: OutgoingRequest): Promise<Answer> {
    const sent = this.queue.then(() => this.perform(request));
    this.queue = sent.catch(() => undefined);
    return sent;
  }

  private async perform(request: OutgoingRequest): Promise<Answer> {
    const label = `${request.method} ${new URL(request.url).pathname}`;
    const refusal = this.options.refuse?.(request);
    if (refusal) throw new RequestFailed(`refused to send ${label}: ${refusal}`);
    if (this.requests >= this.options.maxRequests) {
      throw new RequestFailed(
        `refused to send ${label}: the run's budget of ${this.options.maxRequests} requests is spent`,
      );
    }
    this.requests++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new RequestFailed(`${label}: no answer within ${this.options.requestTimeoutMs / 1000} s`));
      }, this.options.requestTimeoutMs);
    });
    try {
      const init: RequestInit = { method: request.method, headers: request.headers, signal: abort.signal };
      if (request.body !== undefined) init.body = request.body;
      const response = await Promise.race([Promise.resolve(this.options.fetch(request.url, init)), timeout]);
      const text = await Promise.race([response.text(), timeout]);
      return toAnswer(label, request.route, response, text);
    } catch (error) {
      if (error instanceof RequestFailed) throw error;
      throw new RequestFailed(`${label}: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
      this.inFlight--;
    }
  }
}

function toAnswer(label: string, route: RouteContract | undefined, response: Response, text: string): Answer {
  const answer: Answer = {
    request: label,
    status: response.status,
    headers: response.headers,
    text,
    json: undefined,
    problems: [],
  };
  const type = response.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    answer.problems.push({ path: 'content-type', problem: `expected application/json, got ${type || 'nothing'}` });
  }
  try {
    answer.json = JSON.parse(text);
  } catch {
    const start = text.length > 60 ? `${text.slice(0, 57)}...` : text;
    answer.problems.push({ path: 'body', problem: `expected JSON, got ${JSON.stringify(start)}` });
    return answer;
  }
  answer.problems.push(
    ...(route
      ? checkAnswer(route, response.status, answer.json, { headers: response.headers })
      : response.status === 404
        ? checkShape([NOT_FOUND_RESPONSE], answer.json)
        : [{ path: 'status', problem: `expected 404, got ${response.status}` }]),
  );
  return answer;
}
