import { z } from 'zod';
import { CHANNELS, PersonUrl } from '../e1/requests.js';
import { ENDPOINT_NAMES, type EndpointName } from '../endpoints.js';
import { DateTime, Duration, Scenario } from './scenario.js';

/*
 * The control API under /__mock: the bodies it takes and the answers it gives, as zod schemas. The server
 * validates with them; the route table (`CONTROL_ROUTES`, control.ts) documents them.
 */

/** The header that carries the control token, when the mock was started with one. */
export const CONTROL_TOKEN_HEADER = 'x-mock-control-token';

/** Every error of the control API, with the HTTP status it is sent with. */
export const CONTROL_ERRORS = {
  invalidRequest: 400,
  invalidScenario: 400,
  controlTokenRequired: 401,
  invalidControlToken: 401,
  faultNotFound: 404,
  clockNotManual: 409,
  faultExists: 409,
  bodyTooLarge: 413,
} as const;
export type ControlErrorType = keyof typeof CONTROL_ERRORS;

/** One problem with a control request (or a scenario): where, what, and for a scenario its place and a hint. */
export const ControlIssue = z
  .strictObject({
    path: z.string().describe('Where: `by`, `query.limit`, `scenario.accounts[0].state`.'),
    problem: z.string(),
    line: z.int().min(1).optional().describe('1-based line in the YAML or JSON text of a scenario.'),
    column: z.int().min(1).optional(),
    hint: z.string().optional().describe('What to do about it.'),
  })
  .meta({ id: 'ControlIssue' });
export type ControlIssue = z.infer<typeof ControlIssue>;

/** The control API's error envelope, restricted to some error types. */
export function controlErrorEnvelope(...types: ControlErrorType[]): z.ZodType {
  return z.strictObject({
    error: z.strictObject({
      type: types.length === 1 ? z.literal(types[0] as ControlErrorType) : z.enum(types),
      message: z.string().startsWith('[linkedapi-mock] '),
      issues: z
        .array(ControlIssue)
        .optional()
        .describe('Every problem found, as data (invalidRequest, invalidScenario).'),
    }),
  });
}

/** A strict object whose unknown fields are named with the allowed ones, like the public endpoints' bodies. */
function strictBody<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown field (allowed: ${allowed})`;
      if (issue.code === 'invalid_type') return `expected a JSON object with the fields ${allowed}`;
      return undefined;
    },
  });
}

const Token = z.string({ error: 'expected an identification token (a non-empty string)' }).min(1, {
  error: 'expected an identification token (a non-empty string)',
});

export const ResetRequest = strictBody({
  account: Token.optional().describe('Reset only this account (its identification token); absent: everything.'),
}).meta({ id: 'ResetRequest' });
export type ResetRequest = z.infer<typeof ResetRequest>;

export const ResetAnswer = z
  .strictObject({
    reset: z.enum(['everything', 'account']),
    account: z.string().optional(),
  })
  .meta({ id: 'ResetAnswer' });
export type ResetAnswer = z.infer<typeof ResetAnswer>;

/** A scenario, as the control API takes and shows it: the format of a scenario file (scenario.schema.json). */
export const MockScenario = Scenario.describe(
  'A scenario: the same format as a scenario file (scenario.schema.json). PUT /__mock/scenario also takes it as YAML text, with content-type application/yaml or text/yaml.',
).meta({ id: 'MockScenario' });

export const ScenarioAnswer = z
  .strictObject({
    scenario: MockScenario.nullable().describe('The scenario in force, defaults filled in; null: the default world.'),
    summary: z.string().describe('What it holds, in one line.'),
  })
  .meta({ id: 'ScenarioAnswer' });
export type ScenarioAnswer = z.infer<typeof ScenarioAnswer>;

const CLOCK_MODES = ['manual', 'realtime', 'custom'] as const;
const Instant = z.iso.datetime();

export const ClockAnswer = z
  .strictObject({
    now: Instant.describe('Virtual time now.'),
    mode: z
      .enum(CLOCK_MODES)
      .describe('manual: moves only through the control API; realtime: runs by itself; custom: a clock of your own.'),
    startTime: Instant.describe('Where the clock started.'),
  })
  .meta({ id: 'ClockAnswer' });
export type ClockAnswer = z.infer<typeof ClockAnswer>;

export const AdvanceClockRequest = strictBody({
  by: Duration.describe('How far to move the manual clock: a number of ms, or 90s, 5m, 2h, 1d.'),
}).meta({ id: 'AdvanceClockRequest' });
export type AdvanceClockRequest = z.input<typeof AdvanceClockRequest>;

export const SetClockRequest = strictBody({
  time: DateTime.describe('Where to move the manual clock: an ISO 8601 date-time, not before now.'),
}).meta({ id: 'SetClockRequest' });
export type SetClockRequest = z.infer<typeof SetClockRequest>;

const Sender = z.enum(['us', 'them'], { error: 'expected "us" or "them"' });
const Channel = z.enum(CHANNELS, { error: 'expected "standard" or "salesNavigator"' });

export const InjectMessageRequest = strictBody({
  account: Token.describe('The account (identification token) whose conversation receives it.'),
  person: PersonUrl,
  channel: Channel.default('standard'),
  from: Sender.describe('us: the account sent it; them: the person did.'),
  text: z.string({ error: 'expected the text of the message (a string)' }),
  time: DateTime.optional().describe('When it was sent (not after now); default: now.'),
}).meta({ id: 'InjectMessageRequest' });
export type InjectMessageRequest = z.input<typeof InjectMessageRequest>;

export const InjectedMessage = z
  .strictObject({
    account: z.string(),
    channel: Channel,
    person: z.string(),
    message: z.strictObject({ from: Sender, text: z.string(), time: z.string() }),
    synced: z.boolean().describe('Whether the conversation is synced, so that a get shows the message now.'),
  })
  .meta({ id: 'InjectedMessage' });
export type InjectedMessage = z.infer<typeof InjectedMessage>;

const Job = z.strictObject({
  kind: z.enum(['synchronize', 'get']),
  createdAt: Instant,
  startedAt: Instant.nullable().describe('null while the job waits behind the account’s other syncs.'),
  estimatedDoneAt: Instant.nullable(),
  resultId: z.string().nullable().describe('The result-link id (E1), once the job has one.'),
  workflowId: z.string().nullable().describe('The workflow id (E4).'),
});

const StateAccount = z.strictObject({
  identificationToken: z.string(),
  state: z.enum(['active', 'noSeats', 'signedOut']),
  synced: z
    .strictObject({ standard: z.array(z.string()), salesNavigator: z.array(z.string()) })
    .describe('Synced conversations per channel, as canonical person keys.'),
  jobs: z.array(Job).describe('Uncompleted jobs, oldest first.'),
});

const PendingEvent = z.strictObject({
  at: Instant,
  remaining: z.int().min(1).describe('Occurrences left, this one included.'),
  event: z.union([
    z.strictObject({
      type: z.literal('message'),
      account: z.string(),
      person: z.string(),
      channel: Channel,
      from: Sender,
      text: z.string().optional(),
    }),
    z.strictObject({
      type: z.literal('accountState'),
      account: z.string(),
      state: z.enum(['active', 'noSeats', 'signedOut']),
    }),
    z.strictObject({ type: z.literal('personDisappears'), person: z.string() }),
  ]),
});

export const StateAnswer = z
  .strictObject({
    clock: ClockAnswer,
    accounts: z.array(StateAccount).describe('The accounts the world has met, in the order it met them.'),
    timeline: z.array(PendingEvent).describe('Timeline events still to happen, soonest first.'),
    counts: z.strictObject({
      resultLinks: z.int().min(0),
      workflows: z.int().min(0),
      webhookAttempts: z.int().min(0),
      journalEntries: z.int().min(0),
    }),
  })
  .meta({ id: 'StateAnswer' });
export type StateAnswer = z.infer<typeof StateAnswer>;

/** What the journal calls each public endpoint (the endpoint table's names), and `unknown` for any other request. */
export type JournalEndpoint = EndpointName | 'unknown';
export const JOURNAL_ENDPOINTS = [...ENDPOINT_NAMES, 'unknown'] as JournalEndpoint[] as [
  JournalEndpoint,
  ...JournalEndpoint[],
];

export const JournalEntry = z
  .strictObject({
    id: z.int().min(1).describe('Sequence number, from 1; survives clearing.'),
    method: z.string(),
    path: z.string(),
    endpoint: z.enum(JOURNAL_ENDPOINTS),
    account: z.string().nullable().describe('The identification token, redacted: its start, … and its length.'),
    headers: z.record(z.string(), z.string()).describe('Headers of interest; token values redacted.'),
    body: z.unknown().describe('The body: parsed JSON, else the text; null when there was none.'),
    truncated: z.boolean().describe('The body was cut at 64 KiB (it is then the text).'),
    status: z.int().nullable().describe('The answer’s status; null while the request is held.'),
    startedAt: Instant.describe('Virtual time the request came in.'),
    virtualMs: z.number().nullable().describe('Virtual time it took; null while held.'),
    realMs: z.number().nullable().describe('Real time it took, in ms; null while held.'),
  })
  .meta({ id: 'JournalEntry' });
export type JournalEntry = z.infer<typeof JournalEntry>;

const Count = z
  .string()
  .regex(/^\d+$/, { error: 'expected a whole number such as 50' })
  .transform(Number)
  .pipe(z.int().min(1));

export const JournalQuery = strictBody({
  account: Token.optional().describe('Only requests of this account (its identification token, in full).'),
  endpoint: z
    .enum(JOURNAL_ENDPOINTS, { error: `expected one of ${JOURNAL_ENDPOINTS.join(', ')}` })
    .optional()
    .describe('Only requests to this endpoint.'),
  limit: Count.optional().describe('Only the last N matching entries.'),
});
export type JournalQuery = z.output<typeof JournalQuery>;

export const JournalAnswer = z
  .strictObject({
    enabled: z.boolean().describe('false when the mock was started with journalLimit 0.'),
    capacity: z.int().min(0).describe('How many entries it keeps (the oldest go first).'),
    total: z.int().min(0).describe('Entries held now, before the filters.'),
    entries: z.array(JournalEntry).describe('Matching entries, oldest first.'),
  })
  .meta({ id: 'JournalAnswer' });
export type JournalAnswer = z.infer<typeof JournalAnswer>;

export const JournalCleared = z.strictObject({ cleared: z.int().min(0) }).meta({ id: 'JournalCleared' });

export const WebhooksQuery = strictBody({
  account: Token.optional().describe('Only deliveries of this account (identification token).'),
});

export const WebhookAttemptEntry = z
  .strictObject({
    deliveryId: z.int().min(1),
    account: z.string(),
    url: z.string(),
    resultLink: z.string(),
    attempt: z.int().min(1),
    at: Instant,
    status: z.int().optional(),
    error: z.string().optional(),
    outcome: z.enum(['delivered', 'retrying', 'failed']),
  })
  .meta({ id: 'WebhookAttemptEntry' });

export const WebhooksAnswer = z.strictObject({ attempts: z.array(WebhookAttemptEntry) }).meta({ id: 'WebhooksAnswer' });
