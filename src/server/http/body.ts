import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { z } from 'zod';
import { issuesFromZod } from '../../contracts/zod-issues.js';
import { fail, type Issue, ok, type Result } from '../../core/issue.js';
import type { MockEnv } from '../context.js';

/** Bodies larger than this are refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** At most this many problems are listed in one error message. */
export const MAX_LISTED_ISSUES = 20;

/** The problem a body over `MAX_BODY_BYTES` is refused with (HTTP 413). */
export const BODY_TOO_LARGE: Issue = {
  code: 'too_large',
  path: 'body',
  problem: `larger than the ${MAX_BODY_BYTES} byte (1 MiB) limit`,
};

/** A body as read: its text, or `tooLarge` when it passed the limit (reading stopped there). */
export type BodyText = Result<string, 'tooLarge'>;

/** The Node message a request came in as, when @hono/node-server serves it over a socket (else undefined). */
export function incomingOf(c: { env: unknown }): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

/**
 * Reads the body of `c`'s request as UTF-8, stopping as soon as it passes `limit` bytes, and tells the request's
 * `onBodyRead` hook (the journal's) what it read, so that nobody reads a body twice.
 *
 * @example
 * const body = await readBodyText(c);
 * if (!body.ok) return sendInvalid(c, [BODY_TOO_LARGE], 413);
 * const parsed = parseBody(body.value, GetRequest);
 */
export function readBodyText(c: Context<MockEnv>, limit = MAX_BODY_BYTES): Promise<BodyText> {
  // Plain promises rather than async functions: this is on every request's path, and each async layer costs ticks.
  const reading = readRequestText(c.req.raw, limit, incomingOf(c));
  const onBodyRead = c.get('onBodyRead');
  if (onBodyRead === undefined) return reading;
  return reading.then((body) => {
    onBodyRead(body);
    return body;
  });
}

/**
 * Reads a request body as UTF-8, stopping as soon as it passes `limit` bytes; tells nobody (`readBodyText(c)` is
 * the one to use in a handler). `incoming`: the Node message the request came in as (over a socket). Node's HTTP
 * parser delivers exactly the declared `content-length` bytes, so a body declared within the limit is read in one
 * piece straight off it (the fast path: no web stream).
 */
export function readRequestText(
  request: Request,
  limit = MAX_BODY_BYTES,
  incoming?: IncomingMessage,
): Promise<BodyText> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) return Promise.resolve(fail('tooLarge'));
  if (incoming && declared !== null && !incoming.readableDidRead) return readIncoming(incoming).then(ok);
  return readStream(request, limit);
}

/** `readRequestText` for a request with no Node message behind it (in process) or a body of unknown length. */
async function readStream(request: Request, limit: number): Promise<BodyText> {
  // The declared length only refuses early: an in-process request's header may understate its body.
  if (!request.body) return ok(await request.text());
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return fail('tooLarge');
    }
    chunks.push(value);
  }
  return ok(Buffer.concat(chunks).toString('utf8'));
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

/** JSON text → the value it holds, or what is wrong with it (`expected`: what an empty body should have been). */
export function parseJson(text: string, expected = 'a JSON object'): Result<unknown> {
  if (text.trim() === '') {
    return fail([{ code: 'empty', path: 'body', problem: `expected ${expected}, got an empty body` }]);
  }
  try {
    return ok(JSON.parse(text));
  } catch (error) {
    return fail([{ code: 'syntax', path: 'body', problem: `expected valid JSON (${(error as Error).message})` }]);
  }
}

/** A parsed JSON value → a value of `schema`, or the list of what is wrong with it (paths under `body`). */
export function validate<S extends z.ZodType>(json: unknown, schema: S): Result<z.infer<S>> {
  // `reportInput` (the offending values, for the messages) costs zod its fast path: ask for it only to
  // describe a body already found invalid.
  const result = schema.safeParse(json);
  if (result.success) return ok(result.data);
  const issues = issuesFromZod(schema.safeParse(json, { reportInput: true }).error?.issues ?? result.error.issues);
  return fail(issues.map((issue) => (issue.path.startsWith('[') ? { ...issue, path: `body${issue.path}` } : issue)));
}

/** JSON text → a value of `schema`, or the list of what is wrong with it. */
export function parseBody<S extends z.ZodType>(text: string, schema: S): Result<z.infer<S>> {
  const parsed = parseJson(text);
  return parsed.ok ? validate(parsed.value, schema) : parsed;
}
