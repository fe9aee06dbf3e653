import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { RESULT_HANDLING_MODES, type ResultHandlingMode } from '../../contracts/e1/requests.js';
import { type InputIssue, toInputIssues } from '../../core/issues.js';

/** Bodies larger than this are refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyText = { text: string } | { tooLarge: true };

/** The problem a body over `MAX_BODY_BYTES` is refused with (HTTP 413). */
export const BODY_TOO_LARGE: InputIssue = {
  path: 'body',
  problem: `larger than the ${MAX_BODY_BYTES} byte (1 MiB) limit`,
};

/** At most this many problems are listed in one error message. */
export const MAX_LISTED_ISSUES = 20;

/** The Node message a request came in as, when @hono/node-server serves it over a socket (else undefined). */
export function incomingOf(c: { env: unknown }): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

/** Told when a request's body has been read (the request journal); at most one per request. */
export interface BodyObserver {
  bodyRead(body: BodyText): void;
}

/** Where a request carries its observer: `readBodyText` tells it, so that nobody reads a body twice. */
export const BODY_OBSERVER: unique symbol = Symbol('linkedapi-mock body observer');

/** Sets the observer `readBodyText` tells when it has read this request's body. */
export function observeBody(request: Request, observer: BodyObserver): void {
  (request as Request & { [BODY_OBSERVER]?: BodyObserver })[BODY_OBSERVER] = observer;
}

/**
 * Reads a request body as UTF-8, stopping as soon as it passes `limit` bytes. `incoming`: the Node message the
 * request came in as (over a socket). Node's HTTP parser delivers exactly the declared `content-length` bytes,
 * so a body declared within the limit is read in one piece straight off it (the fast path: no web stream).
 */
export async function readBodyText(
  request: Request,
  limit = MAX_BODY_BYTES,
  incoming?: IncomingMessage,
): Promise<BodyText> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) return observed(request, { tooLarge: true });
  if (incoming && declared !== null && !incoming.readableDidRead)
    return observed(request, { text: await readIncoming(incoming) });
  // The declared length only refuses early: an in-process request's header may understate its body.
  if (!request.body) return observed(request, { text: await request.text() });
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return observed(request, { tooLarge: true });
    }
    chunks.push(value);
  }
  return observed(request, { text: Buffer.concat(chunks).toString('utf8') });
}

function observed(request: Request, body: BodyText): BodyText {
  (request as Request & { [BODY_OBSERVER]?: BodyObserver })[BODY_OBSERVER]?.bodyRead(body);
  return body;
}

/** The whole body of a Node message, as UTF-8; rejects if the client goes away first. */
function readIncoming(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer) => chunks.push(chunk);
    const onEnd = () => {
      cleanup();
      resolve((chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString('utf8'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => onError(new Error('Client connection prematurely closed.'));
    const cleanup = () => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    incoming.on('data', onData).once('end', onEnd).once('error', onError).once('close', onClose);
  });
}

export type Parsed<T> = { value: T } | { issues: InputIssue[] };

/** JSON text → the value it holds, or what is wrong with it. */
export function parseJsonText(text: string, expected = 'a JSON object'): { json: unknown } | { issues: InputIssue[] } {
  if (text.trim() === '') {
    return { issues: [{ path: 'body', problem: `expected ${expected}, got an empty body` }] };
  }
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    return { issues: [{ path: 'body', problem: `expected valid JSON (${(error as Error).message})` }] };
  }
}

/** A parsed JSON value → a value of `schema`, or the list of what is wrong with it (paths under `body`). */
export function validate<S extends z.ZodType>(json: unknown, schema: S): Parsed<z.infer<S>> {
  // `reportInput` (the offending values, for the messages) costs zod its fast path: ask for it only to
  // describe a body already found invalid.
  const result = schema.safeParse(json);
  if (result.success) return { value: result.data };
  const issues = toInputIssues(schema.safeParse(json, { reportInput: true }).error?.issues ?? result.error.issues);
  return {
    issues: issues.map((issue) => (issue.path.startsWith('[') ? { ...issue, path: `body${issue.path}` } : issue)),
  };
}

/** JSON text → a value of `schema`, or the list of what is wrong with it. */
export function parseBody<S extends z.ZodType>(text: string, schema: S): Parsed<z.infer<S>> {
  const parsed = parseJsonText(text);
  return 'issues' in parsed ? parsed : validate(parsed.json, schema);
}

export interface ResultHandling {
  mode: ResultHandlingMode;
  webhookUrl?: string;
}

/** The `result-handling` and `webhook-url` headers, checked together. */
export function parseResultHandling(headers: Headers): Parsed<ResultHandling> {
  const raw = headers.get('result-handling');
  const webhookUrl = headers.get('webhook-url') ?? undefined;
  const mode = raw === null ? 'long' : raw.trim();
  if (!(RESULT_HANDLING_MODES as readonly string[]).includes(mode)) {
    const problem = `expected one of ${RESULT_HANDLING_MODES.join(', ')} (or no header, which means long), got ${JSON.stringify(raw)}`;
    return { issues: [{ path: 'result-handling header', problem }] };
  }
  if (mode !== 'webhook') {
    if (webhookUrl === undefined) return { value: { mode: mode as ResultHandlingMode } };
    return { issues: [{ path: 'webhook-url header', problem: 'only allowed with result-handling: webhook' }] };
  }
  if (webhookUrl === undefined) {
    return { issues: [{ path: 'webhook-url header', problem: 'required with result-handling: webhook' }] };
  }
  const url = URL.canParse(webhookUrl) ? new URL(webhookUrl) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    const problem = `expected an absolute http or https URL such as http://127.0.0.1:3000/hooks/linkedapi, got ${JSON.stringify(webhookUrl)}`;
    return { issues: [{ path: 'webhook-url header', problem }] };
  }
  return { value: { mode: 'webhook', webhookUrl } };
}

/** The origin result links are built on: the configured public URL, else the one the request came in on. */
export function requestOrigin(request: Request, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl;
  const url = new URL(request.url);
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  const scheme = proto === 'http' || proto === 'https' ? proto : url.protocol.slice(0, -1);
  const forwardedHost = host && URL.canParse(`http://${host}`) ? new URL(`http://${host}`).host : undefined;
  return `${scheme}://${forwardedHost ?? url.host}`;
}
