import { GLOBAL_ERRORS, type GlobalErrorType, globalErrorMessage, PERSON_ERRORS } from '../../contracts/e1/errors.js';
import { CHANNELS, type Channel } from '../../contracts/e1/requests.js';
import { toJson } from '../../core/json.js';
import type { JobOutcome } from '../../world/job.js';
import type { OutcomeFormat, ReadTarget, SyncTarget } from '../../world/world.js';

/** The JSON of an E1 global error envelope. */
export function errorBody(errorType: GlobalErrorType, params?: Record<string, string>): string {
  return JSON.stringify({ status: 'error', error: { errorType, message: globalErrorMessage(errorType, params) } });
}

function personError(errorType: keyof typeof PERSON_ERRORS) {
  return { success: false, error: { errorType, message: PERSON_ERRORS[errorType] } };
}

type Completion = Record<Channel, { person: string; result: object }[]>;

function complete(completion: Completion): JobOutcome {
  return { kind: 'complete', body: toJson({ status: 'complete', completion }) };
}

/** E1 renders outcomes as `{status: "complete", completion: {standard, salesNavigator}}` or an error envelope. */
export const E1_FORMAT: OutcomeFormat = {
  synchronized(entries) {
    const completion: Completion = { standard: [], salesNavigator: [] };
    for (const { channel, person, error } of entries) {
      completion[channel].push({ person, result: error ? personError(error) : { success: true } });
    }
    return complete(completion);
  },
  read(entries) {
    const completion: Completion = { standard: [], salesNavigator: [] };
    for (const { channel, person, data } of entries) {
      completion[channel].push({ person, result: data ? { success: true, data } : personError('notSynchronized') });
    }
    return complete(completion);
  },
  failed(errorType) {
    return { kind: 'error', errorType, status: GLOBAL_ERRORS[errorType].status, body: errorBody(errorType) };
  },
};

/** The conversations of an E1 body, in request order: `standard` first, then `salesNavigator`. */
export function e1Targets<Entry extends { person: string; since?: string }>(
  body: Partial<Record<Channel, Entry[]>>,
): (SyncTarget & ReadTarget)[] {
  return CHANNELS.flatMap((channel) =>
    (body[channel] ?? []).map(({ person, since }) => ({ channel, person, ...(since !== undefined && { since }) })),
  );
}
