import { z } from 'zod';

/**
 * The global error catalogue: errorType → HTTP status → message. `{details}`, `{method}` and `{path}` are
 * filled in by `e1ErrorMessage`. `source` says where the name and text come from (see docs/e1.md).
 */
export const E1_ERRORS = {
  invalidRequestBody: {
    status: 400,
    message: 'The request body is invalid: {details}.',
    source: 'Linked API docs (E1)',
  },
  accountApiTokenRequired: {
    status: 401,
    message: 'Account API token is missing in request headers.',
    source: 'Linked API docs (E2)',
  },
  invalidAccountApiToken: {
    status: 401,
    message: 'The provided account-api-token is invalid.',
    source: 'Linked API docs (E2)',
  },
  identificationTokenRequired: {
    status: 401,
    message: 'Identification token is missing in request headers.',
    source: 'Linked API docs (E2)',
  },
  invalidIdentificationToken: {
    status: 401,
    message: 'The provided identification-token is invalid.',
    source: 'Linked API docs (E2)',
  },
  noActiveSeats: {
    status: 403,
    message: 'No active seats available for this LinkedIn account.',
    source: 'Linked API docs (E2)',
  },
  linkedinAccountSignedOut: {
    status: 403,
    message: 'This LinkedIn account has been signed out in our cloud browser.',
    source: 'Linked API docs (E1)',
  },
  tooManyRequests: {
    status: 429,
    message: 'You can have up to 10 uncompleted requests in progress for this LinkedIn account.',
    source: 'limit documented by Linked API; name and text are the mock’s',
  },
  resultNotFound: { status: 404, message: 'The result link is unknown or has expired.', source: 'the mock’s' },
  endpointNotFound: { status: 404, message: 'There is no endpoint at {method} {path}.', source: 'the mock’s' },
} as const satisfies Record<string, { status: number; message: string; source: string }>;

export type E1ErrorType = keyof typeof E1_ERRORS;
export const E1ErrorType = z.enum(Object.keys(E1_ERRORS) as [E1ErrorType, ...E1ErrorType[]]);

/** Renders a catalogue message, filling its `{placeholders}`. */
export function e1ErrorMessage(type: E1ErrorType, params: Record<string, string> = {}): string {
  return E1_ERRORS[type].message.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
}

/** A catalogue message as a schema: the exact text, or a pattern where the template has `{placeholders}`. */
export function messageSchema(template: string): z.ZodType<string> {
  if (!template.includes('{')) return z.literal(template);
  const pattern = template
    .split(/\{\w+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]+');
  // `[\s\S]`: a placeholder may hold a newline (a JSON parser's message quoting the body). Not the `s` flag:
  // an OpenAPI (JSON Schema) pattern has no flags, and zod-to-openapi would print `/s` into it.
  return z.string().regex(new RegExp(`^${pattern}$`), `expected a message of the form "${template}"`);
}

/** Per-conversation errors, reported inside a `complete` envelope, never as global errors. */
export const PERSON_ERRORS = {
  personNotFound: 'The provided URL is not an existing LinkedIn person.',
  notSynchronized: "The conversation with this person isn't synchronized.",
} as const;
export type PersonErrorType = keyof typeof PERSON_ERRORS;
