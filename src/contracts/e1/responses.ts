import { z } from 'zod';
import { E1ErrorType, PERSON_ERRORS } from './errors.js';

/** `time` of a message: UTC, second precision. */
export const MessageTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'expected YYYY-MM-DDTHH:MM:SSZ')
  .meta({ id: 'MessageTime' });

export const Message = z
  .object({
    /** UUID-shaped (8-4-4-4-12 hex); not `z.uuid()`: the docs' own ids have no RFC 9562 version or variant. */
    id: z.guid(),
    sender: z.enum(['us', 'them']),
    text: z.string(),
    time: MessageTime,
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof Message>;

const personError = <T extends keyof typeof PERSON_ERRORS>(type: T) =>
  z.object({ errorType: z.literal(type), message: z.literal(PERSON_ERRORS[type]) });

export const SynchronizeResult = z
  .discriminatedUnion('success', [
    // Strict: a get result (with `data`) must not pass for a synchronize result on a result link.
    z.strictObject({ success: z.literal(true) }),
    z.object({ success: z.literal(false), error: personError('personNotFound') }),
  ])
  .meta({ id: 'SynchronizeResult' });
export type SynchronizeResult = z.infer<typeof SynchronizeResult>;

export const ConversationData = z
  .object({
    /** The number of messages returned (after `since`). */
    total: z.int().nonnegative(),
    /** Oldest first. */
    messages: z.array(Message),
  })
  .meta({ id: 'ConversationData' });
export type ConversationData = z.infer<typeof ConversationData>;

export const GetResult = z
  .discriminatedUnion('success', [
    z.object({ success: z.literal(true), data: ConversationData }),
    z.object({ success: z.literal(false), error: personError('notSynchronized') }),
  ])
  .meta({ id: 'GetResult' });
export type GetResult = z.infer<typeof GetResult>;

function completionOf<R extends z.ZodType>(result: R) {
  const entry = z.object({ person: z.string(), result });
  return z.object({ standard: z.array(entry), salesNavigator: z.array(entry) });
}

export const SynchronizeCompletion = completionOf(SynchronizeResult).meta({ id: 'SynchronizeCompletion' });
export type SynchronizeCompletion = z.infer<typeof SynchronizeCompletion>;
export const GetCompletion = completionOf(GetResult).meta({ id: 'GetCompletion' });
export type GetCompletion = z.infer<typeof GetCompletion>;

export const completeEnvelope = <C extends z.ZodType>(completion: C) =>
  z.object({ status: z.literal('complete'), completion });
export const SynchronizeComplete = completeEnvelope(SynchronizeCompletion).meta({ id: 'SynchronizeComplete' });
export const GetComplete = completeEnvelope(GetCompletion).meta({ id: 'GetComplete' });

/** The `process.message` strings, verbatim from Linked API's result-handling page (webhook: the mock's). */
export const PROCESSING_MESSAGES = {
  accepted: 'Your request is being processed. Please check the resultLink periodically.',
  pending: 'Your request is being processed. Please check the resultLink later.',
  webhook: 'Your request is being processed. The result will be sent to the webhook.',
} as const;

export const ProcessingEnvelope = z.object({
  status: z.literal('processing'),
  process: z.union([
    z.object({
      message: z.enum([PROCESSING_MESSAGES.accepted, PROCESSING_MESSAGES.pending]),
      resultLink: z.url(),
    }),
    z.object({ message: z.literal(PROCESSING_MESSAGES.webhook), webhook: z.url() }),
  ]),
});
export type ProcessingEnvelope = z.infer<typeof ProcessingEnvelope>;

export const ErrorEnvelope = z.object({
  status: z.literal('error'),
  error: z.object({ errorType: E1ErrorType, message: z.string() }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

export const HealthResponse = z.object({ status: z.literal('ok') }).meta({ id: 'HealthResponse' });
