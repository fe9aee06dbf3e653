import { z } from 'zod';
import { E1_ERRORS } from '../e1/errors.js';
import { PersonUrl } from '../e1/requests.js';
import { E4_ERRORS } from '../e4/schemas.js';
import { FAULT_TARGETS, type FaultTarget } from '../endpoints.js';
import { DATE_TIME_HINT, DateTime, ScenarioSettings } from './settings.js';

export { DateTime };

/*
 * The scenario file format (YAML or JSON): one zod schema, the single source of the format. The JSON Schema in
 * `scenario.schema.json` is generated from it (`npm run generate`), and a test keeps the two in step. Its
 * settings (seed, startTime, speed, latency, …) are the settings schema's (`./settings.ts`).
 * An empty scenario is exactly the default world.
 */

const DURATION_UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** A duration written as text: a number and a unit, no space (`90s`, `1.5h`). Also in the JSON Schema. */
export const DURATION_PATTERN = '^(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)$';
const DURATION = new RegExp(DURATION_PATTERN);

/** `90s`, `5m`, `1.5h`, `30d`, `250ms` → milliseconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * DURATION_UNITS[match[2] as keyof typeof DURATION_UNITS]);
}

const DURATION_HINT = 'a duration such as 250ms, 90s, 5m, 2h or 30d';

/** A length of time: a number of milliseconds, or a string with a unit (`90s`, `5m`, `30d`). */
export const Duration = z
  .union([z.number().nonnegative(), z.string()], { error: `expected ${DURATION_HINT}` })
  .refine((value) => typeof value === 'number' || parseDuration(value) !== undefined, {
    error: `expected ${DURATION_HINT}`,
  })
  .describe('A length of time: a number of milliseconds, or a number and a unit (ms, s, m, h, d) such as 90s or 5m.');

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
  )
  .describe('When: relative to the moment the scenario is loaded (+90s, +5m, +0s), or an ISO 8601 date-time.');

const ACCOUNT_STATES = ['active', 'noSeats', 'signedOut'] as const;
export const AccountState = z.enum(ACCOUNT_STATES, { error: `expected one of ${ACCOUNT_STATES.join(', ')}` });

export const ScenarioAccount = z.strictObject({
  identificationToken: z.string().min(1).describe('The identification-token that names the account.'),
  apiTokens: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('The account-api-tokens (E1) or linked-api-tokens (E4) accepted for it; absent means any.'),
  state: AccountState.default('active').describe('active, noSeats (no active seats) or signedOut.'),
});

export const Sender = z.enum(['us', 'them'], { error: 'expected "us" or "them"' });

/** One message of a thread given message by message. */
export const ScenarioMessage = z
  .strictObject({
    from: Sender.describe('Who sent it: us (the account) or them (the person).'),
    text: z.string().describe('The text of the message.'),
    time: DateTime.optional().describe('When it was sent, as an ISO 8601 date-time (give time or ago).'),
    ago: Duration.optional().describe("Or how long before the clock's start it was sent, such as 2h or 3d."),
  })
  .superRefine((message, ctx) => {
    if ((message.time === undefined) === (message.ago === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['time'],
        message: 'give either time (a date-time) or ago (a duration such as 2h)',
        params: {
          hint:
            message.time === undefined
              ? 'add time: 2024-06-03T09:30:00Z or ago: 2h'
              : 'remove one of them: time and ago say the same thing',
        },
      });
    }
  })
  .describe('One message. Give its time either as time (a date-time) or as ago (how long before the clock start).');

/** A generated part of a thread: `count` messages spread over the `within` before the clock's start. */
export const GeneratedMessages = z
  .strictObject({
    count: z.int().min(0).max(100_000).describe('How many messages to generate (seeded).'),
    within: Duration.default('90d').describe("Spread over this long before the clock's start."),
  })
  .superRefine((generate, ctx) => {
    const ms = typeof generate.within === 'number' ? generate.within : parseDuration(generate.within);
    // Message times are whole seconds and strictly increasing: at most one message per second of the window.
    if (ms !== undefined && generate.count > Math.floor(ms / 1000)) {
      ctx.addIssue({
        code: 'custom',
        path: ['count'],
        message: `${generate.count} messages do not fit in ${generate.within} (at most one a second); make within longer`,
      });
    }
  });

/** A conversation in one channel: messages given one by one, generated ones, or both (merged by time). */
export const ScenarioThread = z
  .strictObject({
    messages: z.array(ScenarioMessage).optional().describe('Messages given one by one.'),
    generate: GeneratedMessages.optional().describe('Generated messages, merged with the given ones by time.'),
  })
  .describe(
    "A conversation in one channel: messages given one by one, generated ones, or both (merged in time order). A channel left out has the default world's generated thread.",
  );

export const ScenarioPerson = z.strictObject({
  url: PersonUrl,
  exists: z.boolean().default(true).describe('Whether the person exists on LinkedIn.'),
  account: z
    .string()
    .min(1)
    .optional()
    .describe('Only for this account (identification token); absent means every account.'),
  syncMs: z
    .number()
    .nonnegative()
    .optional()
    .describe("Simulated sync time of this person's conversation in ms, instead of latency.syncMs."),
  standard: ScenarioThread.optional().describe('The conversation in the standard LinkedIn inbox.'),
  salesNavigator: ScenarioThread.optional().describe('The conversation in the Sales Navigator inbox.'),
});

const CHANNEL = z.enum(['standard', 'salesNavigator'], { error: 'expected "standard" or "salesNavigator"' });

/** Repeats an event `times` times in all, `every` apart. */
const Repeat = z
  .strictObject({
    every: Duration.describe('Time between two occurrences.'),
    times: z.int().min(1).max(100_000).describe('How many occurrences in all, the first included.'),
  })
  .superRefine((repeat, ctx) => {
    const every = typeof repeat.every === 'number' ? repeat.every : parseDuration(repeat.every);
    if (repeat.times > 1 && every === 0) {
      ctx.addIssue({ code: 'custom', path: ['every'], message: 'must be longer than 0 when the event repeats' });
    }
  })
  .describe('Repeats the event: `times` occurrences in all, `every` apart, the first at `at`.');

const eventBase = { at: When, repeat: Repeat.optional() };

export const TimelineEvent = z.discriminatedUnion(
  'type',
  [
    z
      .strictObject({
        ...eventBase,
        type: z.literal('message').describe('The kind of event.'),
        account: z.string().min(1).describe('The account (identification token) whose thread it arrives in.'),
        person: PersonUrl,
        channel: CHANNEL.default('standard').describe('The inbox: standard or salesNavigator.'),
        from: Sender.default('them').describe('Who sends it: them (the person replies) or us (the account).'),
        text: z.string().optional().describe('The message; absent: a realistic line is generated (seeded).'),
      })
      .describe('A message arrives in the thread of an account with a person.'),
    z
      .strictObject({
        ...eventBase,
        type: z.literal('accountState').describe('The kind of event.'),
        account: z.string().min(1).describe('The account (identification token) whose state changes.'),
        state: AccountState.describe(
          'Its new state: signedOut (requests fail while processing), noSeats (refused at once) or active.',
        ),
      })
      .describe('An account signs out, loses or gets back its seats.'),
    z
      .strictObject({
        ...eventBase,
        type: z.literal('personDisappears').describe('The kind of event.'),
        person: PersonUrl.describe('The person; later syncs of it answer personNotFound, for every account.'),
      })
      .describe('A person no longer exists on LinkedIn.'),
  ],
  { error: 'expected an event with type message, accountState or personDisappears' },
);
export type TimelineEvent = z.infer<typeof TimelineEvent>;

/** The endpoints a fault rule can name: the endpoint table's fault targets, and `any`. */
export const FAULT_ENDPOINTS = [...FAULT_TARGETS, 'any'] as (FaultTarget | 'any')[] as [
  FaultTarget | 'any',
  ...(FaultTarget | 'any')[],
];
const FAULT_ERRORS = [...new Set([...Object.keys(E1_ERRORS), ...Object.keys(E4_ERRORS)])] as [string, ...string[]];

export const FaultRule = z
  .strictObject({
    name: z.string().min(1).optional().describe('A name to find it by in the control API; default fault-<index>.'),
    endpoint: z
      .enum(FAULT_ENDPOINTS, { error: `expected one of ${FAULT_ENDPOINTS.join(', ')}` })
      .default('any')
      .describe('Which requests it matches.'),
    account: z.string().min(1).optional().describe('Only requests of this account (identification token).'),
    person: PersonUrl.optional().describe('Only requests naming this person (in their body).'),
    every: z.int().min(1).optional().describe('Applies to every Nth matching request (the Nth, 2Nth...).'),
    first: z.int().min(1).optional().describe('Applies to the first N matching requests.'),
    probability: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('Applies with this probability (0.05 = 5 %), drawn from the seeded source: a run replays exactly.'),
    error: z
      .enum(FAULT_ERRORS, { error: 'expected an error type of the error tables in docs/e1.md or docs/e4.md' })
      .optional()
      .describe("Answer this global error, in the endpoint's dialect and with its status."),
    status: z
      .int()
      .min(400)
      .max(599)
      .optional()
      .describe('Answer this bare HTTP status (a JSON body names the fault).'),
    delay: Duration.optional().describe('Wait this long (virtual time) before answering or passing the request on.'),
    reset: z
      .literal(true, { error: 'expected true (leave reset out for no reset)' })
      .optional()
      .describe('Close the connection without an answer.'),
  })
  .superRefine((rule, ctx) => {
    const triggers = ['every', 'first', 'probability'].filter((key) => rule[key as 'every'] !== undefined);
    if (triggers.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: [triggers[1] as string],
        message: `use one of every, first, probability (got ${triggers.join(' and ')})`,
        params: { hint: 'keep one: every N, the first N, or a probability' },
      });
    }
    const effects = ['error', 'status', 'reset'].filter((key) => rule[key as 'error'] !== undefined);
    if (effects.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: [effects[1] as string],
        message: `use one of error, status, reset (got ${effects.join(' and ')})`,
        params: { hint: 'keep one of them; a delay can go with any' },
      });
    }
    if (effects.length === 0 && rule.delay === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'a fault needs an effect: error, status, reset or delay',
        params: { hint: 'add one, such as status: 503, error: tooManyRequests, reset: true or delay: 5s' },
      });
    }
  })
  .describe(
    'A fault rule: it matches requests by endpoint, account and person; at most one trigger (every, first or probability; none: every matching request) decides when it applies; its effect is one of error, status or reset, and/or a delay.',
  );
export type FaultRule = z.infer<typeof FaultRule>;

/** A broken cross-reference in a scenario: where, and what is wrong. */
export interface ReferenceProblem {
  path: (string | number)[];
  message: string;
}

const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.map((item) => (item !== null && typeof item === 'object' ? item : {})) : [];

/**
 * Cross-references: listed accounts once each, fault names once each, persons, events and rules naming accounts
 * that exist. Reads raw data defensively (anything of the wrong shape is skipped), so the loader can report these
 * problems together with shape problems: zod runs the scenario's own refinement only once everything else is valid.
 *
 * @example
 * referenceProblems({ accounts: [{ identificationToken: 'a' }], faults: [{ account: 'b' }] });
 * // → [{ path: ['faults', 0, 'account'], message: 'is not one of the accounts listed (a)' }]
 */
export function referenceProblems(data: unknown): ReferenceProblem[] {
  if (data === null || typeof data !== 'object') return [];
  const scenario = data as Record<string, unknown>;
  const problems: ReferenceProblem[] = [];
  const listed = new Map<string, number>();
  list(scenario.accounts).forEach((account, index) => {
    const token = account.identificationToken;
    if (typeof token !== 'string') return;
    const earlier = listed.get(token);
    if (earlier !== undefined) {
      problems.push({
        path: ['accounts', index, 'identificationToken'],
        message: `the same account as accounts[${earlier}] (list each account once)`,
      });
    } else listed.set(token, index);
  });
  // Fault names (given, or fault-<index>) are how the control API finds a rule: one rule per name.
  const names = new Map<string, number>();
  list(scenario.faults).forEach((rule, index) => {
    const name = typeof rule.name === 'string' ? rule.name : `fault-${index}`;
    const earlier = names.get(name);
    if (earlier === undefined) names.set(name, index);
    else problems.push({ path: ['faults', index, 'name'], message: `${name} is the name of faults[${earlier}] too` });
  });
  if (!Array.isArray(scenario.accounts)) return problems;
  const message =
    listed.size === 0
      ? 'is not one of the accounts listed (the list is empty)'
      : `is not one of the accounts listed (${[...listed.keys()].join(', ')})`;
  const check = (key: string, items: Record<string, unknown>[], applies = (_: Record<string, unknown>) => true) => {
    items.forEach((item, index) => {
      if (typeof item.account === 'string' && applies(item) && !listed.has(item.account)) {
        problems.push({ path: [key, index, 'account'], message });
      }
    });
  };
  check('persons', list(scenario.persons));
  check('timeline', list(scenario.timeline), (event) => event.type === 'message' || event.type === 'accountState');
  check('faults', list(scenario.faults));
  return problems;
}

function checkReferences(scenario: unknown, ctx: z.RefinementCtx): void {
  for (const { path, message } of referenceProblems(scenario)) ctx.addIssue({ code: 'custom', path, message });
}

const ScenarioFields = z.strictObject({
  $schema: z.string().optional().describe('A JSON Schema reference for editors; ignored.'),
  description: z.string().optional().describe('What this scenario is for; ignored.'),
  ...ScenarioSettings.shape,
  accounts: z
    .array(ScenarioAccount)
    .optional()
    .describe('When listed, only these accounts exist: any other identification token is invalid.'),
  unlistedPersonsExist: z
    .boolean()
    .default(true)
    .describe('Whether persons that are not listed exist (default true: every LinkedIn URL but /in/missing-...).'),
  persons: z.array(ScenarioPerson).optional().describe('Persons and their threads, per channel.'),
  timeline: z
    .array(TimelineEvent)
    .optional()
    .describe('Events at virtual times: a message arrives, an account changes state, a person disappears.'),
  faults: z
    .array(FaultRule)
    .optional()
    .describe('Fault rules: matched by endpoint, account and person; answer an error or status, delay, or reset.'),
});

/** A whole scenario. Every key is optional; unknown keys are refused, so a typo fails loudly. */
export const Scenario = ScenarioFields.superRefine(checkReferences);
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;
