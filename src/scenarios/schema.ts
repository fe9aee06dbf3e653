import { z } from 'zod';
import { E4_ERRORS } from '../contracts/e4.js';
import { GLOBAL_ERRORS } from '../contracts/errors.js';
import { PersonUrl } from '../contracts/requests.js';

/*
 * The scenario file format (YAML or JSON): one zod schema, the single source of the format. The JSON Schema in
 * `scenario.schema.json` is generated from it (`npm run scenario-schema`), and a test keeps the two in step.
 * An empty scenario is exactly the default world.
 */

const DURATION_UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** `90s`, `5m`, `1.5h`, `30d`, `250ms` → milliseconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * DURATION_UNITS[match[2] as keyof typeof DURATION_UNITS]);
}

const DURATION_HINT = 'a duration such as 250ms, 90s, 5m, 2h or 30d';
const DATE_TIME_HINT = 'an ISO 8601 date-time with a time zone such as 2024-06-03T09:30:00Z';

/** A length of time: a number of milliseconds, or a string with a unit (`90s`, `5m`, `30d`). */
export const Duration = z
  .union([z.number().nonnegative(), z.string()], { error: `expected ${DURATION_HINT}` })
  .refine((value) => typeof value === 'number' || parseDuration(value) !== undefined, {
    error: `expected ${DURATION_HINT}`,
  });

const DateTime = z.iso.datetime({ offset: true, error: `expected ${DATE_TIME_HINT}` });

/**
 * A moment of virtual time: relative to the moment the scenario is loaded (`+90s`, `+5m`, `+0s`), or absolute
 * (an ISO 8601 date-time).
 */
export const When = z
  .string({ error: `expected a relative time such as +90s or ${DATE_TIME_HINT}` })
  .refine(
    (value) =>
      value.startsWith('+') ? parseDuration(value.slice(1)) !== undefined : DateTime.safeParse(value).success,
    {
      error: `expected a relative time such as +90s, +5m or +1h, or ${DATE_TIME_HINT}`,
    },
  );

const ACCOUNT_STATES = ['active', 'noSeats', 'signedOut'] as const;
export const AccountState = z.enum(ACCOUNT_STATES, { error: `expected one of ${ACCOUNT_STATES.join(', ')}` });

export const ScenarioAccount = z.strictObject({
  /** The identification-token that names the account. */
  identificationToken: z.string().min(1),
  /** The account-api-tokens (E1) or linked-api-tokens (E4) accepted for it; absent means any. */
  apiTokens: z.array(z.string().min(1)).min(1).optional(),
  state: AccountState.default('active'),
});

export const Sender = z.enum(['us', 'them'], { error: 'expected "us" or "them"' });

/** One message of a thread given message by message. */
export const ScenarioMessage = z
  .strictObject({
    from: Sender,
    text: z.string(),
    /** When it was sent, as an ISO 8601 date-time. */
    time: DateTime.optional(),
    /** Or how long before the clock's start it was sent (`2h`, `3d`). */
    ago: Duration.optional(),
  })
  .superRefine((message, ctx) => {
    if ((message.time === undefined) === (message.ago === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['time'],
        message: 'give either time (a date-time) or ago (a duration such as 2h)',
      });
    }
  });

/** A generated part of a thread: `count` messages spread over the `within` before the clock's start. */
export const GeneratedMessages = z.strictObject({
  count: z.int().min(0).max(100_000),
  within: Duration.default('90d'),
});

/** A conversation in one channel: messages given one by one, generated ones, or both (merged by time). */
export const ScenarioThread = z.strictObject({
  messages: z.array(ScenarioMessage).optional(),
  generate: GeneratedMessages.optional(),
});

export const ScenarioPerson = z.strictObject({
  url: PersonUrl,
  /** Whether the person exists on LinkedIn. Default true. */
  exists: z.boolean().default(true),
  /** Only for this account (identification token); absent means every account. */
  account: z.string().min(1).optional(),
  /** Simulated sync time of this person's conversation, instead of `latency.syncMs`. */
  syncMs: z.number().nonnegative().optional(),
  standard: ScenarioThread.optional(),
  salesNavigator: ScenarioThread.optional(),
});

const CHANNEL = z.enum(['standard', 'salesNavigator'], { error: 'expected "standard" or "salesNavigator"' });

/** Repeats an event `times` times in all, `every` apart. */
const Repeat = z.strictObject({ every: Duration, times: z.int().min(1).max(100_000) });

const eventBase = { at: When, repeat: Repeat.optional() };

export const TimelineEvent = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      ...eventBase,
      type: z.literal('message'),
      account: z.string().min(1),
      person: PersonUrl,
      channel: CHANNEL.default('standard'),
      from: Sender.default('them'),
      /** Absent: a realistic line is generated (seeded). */
      text: z.string().optional(),
    }),
    z.strictObject({ ...eventBase, type: z.literal('accountState'), account: z.string().min(1), state: AccountState }),
    z.strictObject({ ...eventBase, type: z.literal('personDisappears'), person: PersonUrl }),
  ],
  { error: 'expected an event with type message, accountState or personDisappears' },
);
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const FAULT_ENDPOINTS = ['synchronize', 'get', 'result', 'workflows', 'workflowStatus', 'poll', 'any'] as const;
const FAULT_ERRORS = [...new Set([...Object.keys(GLOBAL_ERRORS), ...Object.keys(E4_ERRORS)])] as [string, ...string[]];

export const FaultRule = z
  .strictObject({
    /** A name to find it by in the control API; default `fault-<index>`. */
    name: z.string().min(1).optional(),
    endpoint: z.enum(FAULT_ENDPOINTS, { error: `expected one of ${FAULT_ENDPOINTS.join(', ')}` }).default('any'),
    /** Only requests of this account (identification token). */
    account: z.string().min(1).optional(),
    /** Only requests naming this person (in their body). */
    person: PersonUrl.optional(),
    /** Applies to every Nth matching request (the Nth, 2Nth…). */
    every: z.int().min(1).optional(),
    /** Applies to the first N matching requests. */
    first: z.int().min(1).optional(),
    /** Applies with this probability, drawn from the seeded source (a run replays exactly). */
    probability: z.number().min(0).max(1).optional(),
    /** Answer this global error (in the endpoint's dialect, with its status). */
    error: z.enum(FAULT_ERRORS, { error: 'expected an error type of the error tables in the README' }).optional(),
    /** Answer this bare HTTP status (with a JSON body naming the fault). */
    status: z.int().min(400).max(599).optional(),
    /** Wait this long (virtual time) before answering or passing the request on. */
    delay: Duration.optional(),
    /** Close the connection without an answer. */
    reset: z.literal(true).optional(),
  })
  .superRefine((rule, ctx) => {
    const triggers = ['every', 'first', 'probability'].filter((key) => rule[key as 'every'] !== undefined);
    if (triggers.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: [triggers[1] as string],
        message: `use one of every, first, probability (got ${triggers.join(' and ')})`,
      });
    }
    const effects = ['error', 'status', 'reset'].filter((key) => rule[key as 'error'] !== undefined);
    if (effects.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: [effects[1] as string],
        message: `use one of error, status, reset (got ${effects.join(' and ')})`,
      });
    }
    if (effects.length === 0 && rule.delay === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'a fault needs an effect: error, status, reset or delay' });
    }
  });
export type FaultRule = z.infer<typeof FaultRule>;

export const Latency = z.strictObject({
  /** Per conversation synchronised. */
  syncMs: z.number().nonnegative().optional(),
  /** Per get or poll. */
  getMs: z.number().nonnegative().optional(),
  /** Uniform jitter as a fraction: 0.3 means ±30 %. */
  jitter: z.number().min(0).max(1).optional(),
});

/** Cross-references: listed accounts once each, events and rules naming accounts that exist. */
function checkReferences(scenario: z.infer<typeof ScenarioFields>, ctx: z.RefinementCtx): void {
  const listed = new Map<string, number>();
  scenario.accounts?.forEach((account, index) => {
    const earlier = listed.get(account.identificationToken);
    if (earlier !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['accounts', index, 'identificationToken'],
        message: `the same account as accounts[${earlier}] (list each account once)`,
      });
    } else listed.set(account.identificationToken, index);
  });
  const known = (token: string) => scenario.accounts === undefined || listed.has(token);
  const hint = () => `is not one of the accounts listed (${[...listed.keys()].join(', ')})`;
  scenario.persons?.forEach((person, index) => {
    if (person.account !== undefined && !known(person.account)) {
      ctx.addIssue({ code: 'custom', path: ['persons', index, 'account'], message: hint() });
    }
  });
  scenario.timeline?.forEach((event, index) => {
    if ('account' in event && !known(event.account)) {
      ctx.addIssue({ code: 'custom', path: ['timeline', index, 'account'], message: hint() });
    }
  });
  scenario.faults?.forEach((rule, index) => {
    if (rule.account !== undefined && !known(rule.account)) {
      ctx.addIssue({ code: 'custom', path: ['faults', index, 'account'], message: hint() });
    }
  });
}

const ScenarioFields = z.strictObject({
  /** A JSON Schema reference for editors; ignored. */
  $schema: z.string().optional(),
  description: z.string().optional(),
  seed: z.int().optional(),
  startTime: DateTime.optional(),
  speed: z.number().nonnegative().optional(),
  latency: Latency.optional(),
  longPollTimeoutMs: z.number().nonnegative().optional(),
  resultTtlMs: z.number().nonnegative().optional(),
  /** When listed, only these accounts exist: any other identification token is invalid. */
  accounts: z.array(ScenarioAccount).optional(),
  /** Whether persons that are not listed exist (default true: every LinkedIn URL but /in/missing-…). */
  unlistedPersonsExist: z.boolean().default(true),
  persons: z.array(ScenarioPerson).optional(),
  timeline: z.array(TimelineEvent).optional(),
  faults: z.array(FaultRule).optional(),
});

/** A whole scenario. Every key is optional; unknown keys are refused, so a typo fails loudly. */
export const Scenario = ScenarioFields.superRefine(checkReferences);
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;
