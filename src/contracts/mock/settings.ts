import { z } from 'zod';

/*
 * The settings of a mock, once: each one's check (zod), default, description, its command-line flag and whether a
 * scenario file may carry it. Everything else is derived from here: the programmatic options' types and checks
 * (`src/server/options.ts`), the scenario format's settings (`ScenarioSettings`, hence `scenario.schema.json` and
 * `docs/scenario-reference.md`), the `serve` flags and their checks, `--help`'s "Options of serve" and the README's
 * options table (`npm run generate`).
 */

/** How a message says what a `DateTime` is. */
export const DATE_TIME_HINT = 'an ISO 8601 date-time with a time zone such as 2024-06-03T09:30:00Z';

/** An ISO 8601 date-time with a time zone (`2024-06-03T09:30:00Z`, `…+02:00`): how a file writes a moment. */
export const DateTime = z.iso.datetime({ offset: true, error: `expected ${DATE_TIME_HINT}` });

/** A command-line flag of `serve`. */
export interface SettingFlag {
  /** `--seed`. */
  name: `--${string}`;
  /** What follows the flag in `--help` (`N`, `MS`, `ISO`); none for a switch. */
  arg?: string;
  /** The flag's unit when it is not the setting's: `seconds` for `--long-poll-timeout` (the setting is in ms). */
  unit?: string;
  /** Flag value × `scale` = setting value (1000: seconds to milliseconds). */
  scale?: number;
  /** A regular expression (its source) the flag's text must match, where a flag is stricter than code. */
  pattern?: string;
  /** The refusal worded for the flag (`expected a number of seconds >= 0`), when it is not the setting's. */
  problem?: string;
  /** An environment variable read when the flag is not given. */
  env?: string;
}

/** What a setting is, beside its check, default and description. */
export interface SettingMeta {
  /** How a bad value is refused: `seed: expected an integer, got 1.5`. */
  problem: string;
  /** False when the refusal does not repeat the value (a secret). */
  showsValue?: false;
  /** The default in words, when it is not a value of the schema (`now`). */
  defaultText?: string;
  /** The `serve` flag. */
  flag?: SettingFlag;
  /** How the setting is given in code, when it is not an option of `createMockServer` (for the options table). */
  inProcess?: string;
}

/** The registry of `SettingMeta`: a setting's schema carries it like its `.describe()`. */
export const SETTING = z.registry<SettingMeta>();

const milliseconds = (flag?: SettingFlag) =>
  z
    .number()
    .nonnegative()
    .register(SETTING, { problem: 'expected a number >= 0', ...(flag && { flag }) });

/** A value given in code: an ISO 8601 string (or anything `Date.parse` reads), epoch ms or a `Date`; → epoch ms. */
const StartTime = z.union([z.string(), z.number(), z.date()]).transform((value, ctx) => {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (Number.isFinite(ms)) return ms;
  ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 date-time' });
  return z.NEVER;
});

const isHttpUrl = (text: string) => {
  const url = URL.parse(text);
  return url?.protocol === 'http:' || url?.protocol === 'https:';
};

/** Simulated latencies, before `speed`. */
export const LatencySettings = z.object({
  syncMs: milliseconds({ name: '--sync-latency', arg: 'MS', problem: 'expected a number of milliseconds >= 0' })
    .default(1500)
    .describe('simulated ms per conversation synchronised'),
  getMs: milliseconds({ name: '--get-latency', arg: 'MS', problem: 'expected a number of milliseconds >= 0' })
    .default(100)
    .describe('simulated ms per get or poll'),
  jitter: z
    .number()
    .min(0)
    .max(1)
    .register(SETTING, { problem: 'expected a fraction from 0 to 1' })
    .default(0.3)
    .describe('uniform jitter as a fraction: 0.3 means ±30 %'),
});

/**
 * Every setting of `linkedapi-mock serve` and of a mock created in code, in the order `--help` and the README list
 * them. Descriptions are lower-case sentences without their final period; a default goes in `.default()` (or, in words, in
 * the setting's `defaultText`), never in the description.
 */
export const Settings = z.object({
  host: z
    .string()
    .register(SETTING, {
      problem: 'expected a host name or address',
      flag: { name: '--host', arg: 'HOST' },
      inProcess: '`host` (`startMock`)',
    })
    .default('127.0.0.1')
    .describe('interface to bind; 0.0.0.0 exposes the mock to your network'),
  port: z
    .int()
    .min(0)
    .max(65535)
    .register(SETTING, {
      problem: 'expected an integer from 0 to 65535',
      flag: { name: '--port', arg: 'PORT' },
      inProcess: '`port` (`startMock`, default `0`)',
    })
    .default(4010)
    .describe('port to listen on; 0 picks a free port, printed at start'),
  seed: z
    .int()
    .register(SETTING, { problem: 'expected an integer', flag: { name: '--seed', arg: 'N' } })
    .default(1)
    .describe('seed of generated threads, latency jitter and fault probabilities'),
  startTime: StartTime.register(SETTING, {
    problem: 'expected an ISO 8601 date-time',
    defaultText: 'now',
    flag: {
      name: '--start-time',
      arg: 'ISO',
      pattern: String.raw`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$`,
      problem: 'expected an ISO 8601 date-time with a time zone such as 2024-01-01T09:00:00Z',
    },
  })
    .optional()
    .describe('start of the virtual clock, an ISO 8601 date-time'),
  speed: z
    .number()
    .nonnegative()
    .register(SETTING, { problem: 'expected a number >= 0', flag: { name: '--speed', arg: 'F' } })
    .default(1)
    .describe('factor on every simulated delay: 0 = instant, 0.1 = ten times faster, 1 = realistic'),
  latency: LatencySettings.prefault({}).describe('simulated latencies, before speed'),
  publicUrl: z
    .string()
    .refine(isHttpUrl)
    .transform((text) => new URL(text).origin)
    .register(SETTING, {
      problem: 'expected an http(s) origin such as https://mock.example.test',
      defaultText: 'the origin the request came in on',
      flag: {
        name: '--public-url',
        arg: 'URL',
        pattern: '^https?://[^/]+/?$',
        problem: 'expected an origin such as https://mock.example.test',
      },
    })
    .optional()
    .describe('origin used in result links, e.g. https://mock.example.test'),
  longPollTimeoutMs: milliseconds({
    name: '--long-poll-timeout',
    arg: 'S',
    unit: 'seconds',
    scale: 1000,
    problem: 'expected a number of seconds >= 0',
  })
    .default(120_000)
    .describe('how long a long-mode request is held before it is answered with a result link'),
  resultTtlMs: milliseconds({
    name: '--result-ttl',
    arg: 'S',
    unit: 'seconds',
    scale: 1000,
    problem: 'expected a number of seconds >= 0',
  })
    .default(86_400_000)
    .describe('how long (virtual time) a finished result stays readable'),
  errorHttpStatus: z
    .literal(200)
    .register(SETTING, {
      problem: 'only 200 is supported',
      defaultText: 'off',
      flag: { name: '--error-http-status', arg: '200', pattern: '^200$' },
    })
    .optional()
    .describe('send global errors with this HTTP status instead of their own, for clients that only read the body'),
  scenario: z
    .string()
    .register(SETTING, {
      problem: 'expected a file name',
      flag: { name: '--scenario', arg: 'FILE' },
      inProcess: '`scenario` (the object)',
    })
    .optional()
    .describe(
      'a YAML or JSON scenario (settings, accounts, persons, timeline, faults: see docs/scenario-reference.md); flags and options in code override its settings',
    ),
  watch: z
    .boolean()
    .register(SETTING, {
      problem: 'expected true or false',
      flag: { name: '--watch' },
      inProcess: '`mock.loadScenario(object)`',
    })
    .default(false)
    .describe(
      'with --scenario: reload the scenario when the file changes (a broken edit keeps the last good scenario running and prints the problems)',
    ),
  clock: z
    .enum(['realtime', 'manual'])
    .register(SETTING, { problem: 'expected manual or realtime', flag: { name: '--clock', arg: 'realtime|manual' } })
    .default('realtime')
    .describe(
      'realtime: virtual time runs by itself; manual: it moves only when advanced (POST /__mock/clock/advance, /__mock/clock/set, or mock.clock in code)',
    ),
  controlToken: z
    .string()
    .refine((token) => token.trim() !== '')
    .register(SETTING, {
      problem: 'expected a non-empty string (leave it out for no token)',
      showsValue: false,
      defaultText: 'none, the control API is open',
      flag: {
        name: '--control-token',
        arg: 'T',
        env: 'LINKEDAPI_MOCK_CONTROL_TOKEN',
        problem: 'expected a non-empty token',
      },
    })
    .optional()
    .describe('every /__mock/* route but /__mock/health needs the header x-mock-control-token with this value'),
  journalLimit: z
    .int()
    .min(0)
    .register(SETTING, {
      problem: 'expected a whole number >= 0 (0 turns it off)',
      flag: { name: '--journal-limit', arg: 'N', problem: 'expected a whole number >= 0' },
    })
    .default(1000)
    .describe(
      'how many requests the request journal keeps for GET /__mock/journal (the oldest go first); 0 turns it off',
    ),
  selfCheck: z
    .boolean()
    .register(SETTING, { problem: 'expected true or false' })
    .default(false)
    .describe(
      "check every answer against its route contract and answer 500 selfCheckFailed on a mismatch (for the mock's own tests and for paranoid CI)",
    ),
});

/** The settings only `serve` has: a mock created in code is given a scenario object, and listens where told. */
const SERVE_ONLY = { host: true, port: true, scenario: true, watch: true } as const;

/** The settings of a mock created in code (`createMockServer`, `startMock`): `Settings` but the serve-only ones. */
export const MockSettings = Settings.omit(SERVE_ONLY);

/** The settings a scenario file may carry (the command line and options in code override them). */
export const SCENARIO_SETTINGS = ['seed', 'startTime', 'speed', 'latency', 'longPollTimeoutMs', 'resultTtlMs'] as const;
export type ScenarioSettingKey = (typeof SCENARIO_SETTINGS)[number];

/** One setting, flattened: where it is (`['latency', 'syncMs']`), its schema, description, default and meta. */
export interface SettingEntry {
  path: readonly string[];
  /** `latency.syncMs`. */
  name: string;
  /** The schema without its default/optional wrapper. */
  schema: z.ZodType;
  description: string;
  /** The default value (undefined when there is none, or only a `defaultText`). */
  defaultValue: unknown;
  meta: SettingMeta;
}

/** `.optional()`/`.default()`/`.prefault()` peeled off: the schema the value itself is checked against. */
export function bareSetting(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function entriesOf(object: z.ZodObject, prefix: readonly string[]): SettingEntry[] {
  return Object.entries(object.shape).flatMap(([key, field]) => {
    const schema = bareSetting(field as z.ZodType);
    const path = [...prefix, key];
    if (schema instanceof z.ZodObject) return entriesOf(schema, path);
    const meta = SETTING.get(schema);
    if (!meta) throw new Error(`settings: ${path.join('.')} has no SETTING meta`);
    return [
      {
        path,
        name: path.join('.'),
        schema,
        description: z.globalRegistry.get(field as z.ZodType)?.description ?? '',
        defaultValue: field instanceof z.ZodDefault ? (field.parse(undefined) as unknown) : undefined,
        meta,
      },
    ];
  });
}

/** Every setting (a group such as `latency` stands for its members), in order. */
export const SETTING_ENTRIES: readonly SettingEntry[] = entriesOf(Settings, []);

/** The entry of the setting at `path` (`['latency', 'jitter']`), if there is one. */
export function settingAt(path: readonly PropertyKey[]): SettingEntry | undefined {
  const name = path.map(String).join('.');
  return SETTING_ENTRIES.find((entry) => entry.name === name);
}

/** The default as people read it: `1`, `now`, `off`. */
export function defaultText(entry: SettingEntry): string | undefined {
  return entry.meta.defaultText ?? (entry.defaultValue === undefined ? undefined : String(entry.defaultValue));
}

/**
 * The refusal of a bad value for people: `expected an integer, got 1.5` (`got` as the caller renders the value:
 * as given in code, or quoted as typed on the command line).
 */
export function refusal(entry: SettingEntry, got: string, problem = entry.meta.problem): string {
  return entry.meta.showsValue === false ? problem : `${problem}, got ${got}`;
}

const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** A setting's description as a scenario file documents it: a sentence, its default in brackets. */
function scenarioDescription(field: z.ZodType, entry: SettingEntry | undefined): string {
  const sentence = capitalized(z.globalRegistry.get(field)?.description ?? '');
  const text = entry && defaultText(entry);
  if (text === undefined) return `${sentence}.`;
  return `${sentence} (default${entry?.meta.defaultText === undefined ? '' : ':'} ${text}).`;
}

/** A scenario file's form of a setting: optional, without a default (a file that leaves it out does not set it). */
function scenarioField(field: z.ZodType, path: readonly string[], text?: z.ZodType): z.ZodType {
  const schema = bareSetting(field);
  if (schema instanceof z.ZodObject) {
    const members = Object.entries(schema.shape).map(([key, member]) => [
      key,
      scenarioField(member as z.ZodType, [...path, key]),
    ]);
    return z.strictObject(Object.fromEntries(members)).optional().describe(scenarioDescription(field, undefined));
  }
  return (text ?? schema).optional().describe(scenarioDescription(field, settingAt(path)));
}

/** The schema type `scenarioField` makes of a setting's type. */
type Bare<T extends z.core.SomeType> =
  T extends z.ZodDefault<infer I>
    ? Bare<I>
    : T extends z.ZodOptional<infer I>
      ? Bare<I>
      : T extends z.ZodPrefault<infer I>
        ? Bare<I>
        : T;
type ScenarioField<T extends z.core.SomeType> =
  Bare<T> extends z.ZodObject<infer Shape>
    ? z.ZodOptional<z.ZodObject<{ [K in keyof Shape]: ScenarioField<Shape[K]> }, z.core.$strict>>
    : z.ZodOptional<Bare<T>>;
type ScenarioSettingsShape = {
  [K in Exclude<ScenarioSettingKey, 'startTime'>]: ScenarioField<(typeof Settings.shape)[K]>;
} & { startTime: z.ZodOptional<typeof DateTime> };

/** How a scenario file writes a setting, where a value given in code may take other forms (a `Date`, epoch ms). */
const SCENARIO_TEXT: Partial<Record<ScenarioSettingKey, z.ZodType>> = { startTime: DateTime };

/** The settings part of the scenario format: `seed`, `startTime` (a `DateTime`), `speed`, `latency`, …. */
export const ScenarioSettings = z.object(
  Object.fromEntries(
    SCENARIO_SETTINGS.map((key) => [key, scenarioField(Settings.shape[key], [key], SCENARIO_TEXT[key])]),
  ) as ScenarioSettingsShape,
);
export type ScenarioSettings = z.output<typeof ScenarioSettings>;

/** What a mock created in code takes (before defaults): the serializable options. */
export type MockSettingsInput = z.input<typeof MockSettings>;
/** The same, checked and with every default filled in. */
export type MockSettingsOutput = z.output<typeof MockSettings>;
