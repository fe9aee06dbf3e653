import {
  E1_ERRORS,
  type E1ErrorType,
  e1ErrorMessage,
  PERSON_ERRORS,
  type PersonErrorType,
} from '../../contracts/e1/errors.js';
import type { Channel } from '../../contracts/e1/requests.js';
import { toJson } from '../../core/json.js';
import type { Job } from '../../world/job.js';
import type { JobOutcome, WorldErrorName } from '../../world/outcome.js';
import type { Answer, Dialect } from '../http/respond.js';

/** The world's refusals and failures as E1 names them: the one place E1 maps the world's names. */
export const E1_WORLD_ERRORS = {
  apiTokenRequired: 'accountApiTokenRequired',
  apiTokenInvalid: 'invalidAccountApiToken',
  identificationTokenRequired: 'identificationTokenRequired',
  identificationTokenInvalid: 'invalidIdentificationToken',
  noSeats: 'noActiveSeats',
  tooManyRequests: 'tooManyRequests',
  accountSignedOut: 'linkedinAccountSignedOut',
} as const satisfies Record<WorldErrorName, E1ErrorType>;

/** The JSON of an E1 global error envelope. */
export function e1ErrorBody(errorType: E1ErrorType, params?: Record<string, string>): string {
  return JSON.stringify({ status: 'error', error: { errorType, message: e1ErrorMessage(errorType, params) } });
}

/** E1's catalogue and envelope, for `responder`. */
export const E1: Dialect<E1ErrorType> = { errors: E1_ERRORS, errorBody: e1ErrorBody, worldErrors: E1_WORLD_ERRORS };

function personError(errorType: PersonErrorType) {
  return { success: false, error: { errorType, message: PERSON_ERRORS[errorType] } };
}

type Completion = Record<Channel, { person: string; result: object }[]>;

function render(outcome: JobOutcome): Answer {
  const completion: Completion = { standard: [], salesNavigator: [] };
  switch (outcome.kind) {
    case 'synchronized':
      for (const { channel, person, error } of outcome.entries) {
        completion[channel].push({ person, result: error ? personError(error) : { success: true } });
      }
      break;
    case 'read':
      for (const { channel, person, data } of outcome.entries) {
        completion[channel].push({ person, result: data ? { success: true, data } : personError('notSynchronized') });
      }
      break;
    case 'failed': {
      const type = E1_WORLD_ERRORS[outcome.reason];
      return { status: E1_ERRORS[type].status, body: e1ErrorBody(type) };
    }
    case 'cancelled':
      throw new Error('an E1 request cannot be cancelled');
  }
  return { status: 200, body: toJson({ status: 'complete', completion }) };
}

const rendered = new WeakMap<Job, Answer>();

/**
 * A finished job's answer in E1: `{status: "complete", completion: {standard, salesNavigator}}` (entries in request
 * order within each channel), or a global error envelope with its status. Rendered once and kept for a job with a
 * result link, which the result link and the webhook both send; a job without one is answered once, in long mode.
 */
export function e1Answer(job: Job): Answer {
  const outcome = job.outcome as JobOutcome;
  if (job.resultId === undefined) return render(outcome);
  let answer = rendered.get(job);
  if (answer === undefined) {
    answer = render(outcome);
    rendered.set(job, answer);
  }
  return answer;
}
