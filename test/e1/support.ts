import { expect } from 'vitest';
import { E1_ERRORS, type E1ErrorType, e1ErrorMessage } from '../../src/contracts/e1/errors.js';
import { person, type Reply, resultPath } from '../support/index.js';

/* Verbatim from docs/behaviour.md, so that a drift in the code is caught. */

export const NOT_SYNCHRONIZED = {
  success: false,
  error: { errorType: 'notSynchronized', message: "The conversation with this person isn't synchronized." },
};
export const PERSON_NOT_FOUND = {
  success: false,
  error: { errorType: 'personNotFound', message: 'The provided URL is not an existing LinkedIn person.' },
};
export const SIGNED_OUT = {
  status: 'error',
  error: {
    errorType: 'linkedinAccountSignedOut',
    message: 'This LinkedIn account has been signed out in our cloud browser.',
  },
};
export const PERIODICALLY = 'Your request is being processed. Please check the resultLink periodically.';
export const LATER = 'Your request is being processed. Please check the resultLink later.';
export const WEBHOOK_MESSAGE = 'Your request is being processed. The result will be sent to the webhook.';

/** A result id: at least 16 URL-safe characters (96 bits or more). */
export const RESULT_ID = /^[A-Za-z0-9_-]{16,}$/;

/** The JSON body of a one-person synchronize request. */
export const one = (slug = 'jane') => ({ standard: [{ person: person(slug) }] });

/** The exact long-mode body of a synchronize of `slugs` in the standard channel, all existing. */
export const syncedBody = (...slugs: string[]) =>
  JSON.stringify({
    status: 'complete',
    completion: {
      standard: slugs.map((slug) => ({ person: person(slug), result: { success: true } })),
      salesNavigator: [],
    },
  });

/** The exact JSON text of a global error envelope. */
export function errorText(type: E1ErrorType, params?: Record<string, string>): string {
  return JSON.stringify({ status: 'error', error: { errorType: type, message: e1ErrorMessage(type, params) } });
}

/** Asserts a global error answer: its catalogue status (or `status`), JSON content type and exact body. */
export function expectError(
  reply: Reply,
  type: E1ErrorType,
  params?: Record<string, string>,
  status: number = E1_ERRORS[type].status,
): void {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('content-type')).toBe('application/json');
  expect(reply.body).toEqual({
    status: 'error',
    error: { errorType: type, message: e1ErrorMessage(type, params) },
  });
}

/** Asserts `400 invalidRequestBody` with exactly these `path: problem` details. */
export function expectInvalid(reply: Reply, details: string, status = 400): void {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('content-type')).toBe('application/json');
  expect(reply.body).toEqual({
    status: 'error',
    error: { errorType: 'invalidRequestBody', message: `The request body is invalid: ${details}.` },
  });
}

/** Asserts a `reslink`-style processing answer and returns the result id of its link. */
export function expectProcessing(reply: Reply, message: string, origin = 'http://mock.test'): string {
  expect(reply.status).toBe(200);
  expect(reply.headers.get('content-type')).toBe('application/json');
  expect(Object.keys(reply.body)).toEqual(['status', 'process']);
  expect(reply.body.status).toBe('processing');
  expect(Object.keys(reply.body.process)).toEqual(['message', 'resultLink']);
  expect(reply.body.process.message).toBe(message);
  const link: string = reply.body.process.resultLink;
  const prefix = `${origin}${resultPath('')}`;
  expect(link.startsWith(prefix), `${link} starts with ${prefix}`).toBe(true);
  const id = link.slice(prefix.length);
  expect(id).toMatch(RESULT_ID);
  return id;
}

/** The path of a result link. */
export const linkPath = (reply: Reply): string => new URL(reply.body.process.resultLink).pathname;
