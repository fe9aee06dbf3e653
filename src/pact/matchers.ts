import { MatchersV3 } from '@pact-foundation/pact';
import { prettifyError, z } from 'zod';

/** A JSON value with Pact matchers in it, ready for `jsonBody()`. */
export type PactTemplate = unknown;

export interface MatcherOptions {
  /**
   * URLs in the answer (`z.url()`, e.g. `resultLink`) point back at the provider. When true (the default), they
   * become Pact's `url` matcher: in a consumer test the mock server writes its own origin into them, so the
   * client can follow the link; the provider must answer a URL ending in the same path, with any id.
   */
  urlsPointAtProvider?: boolean;
}

interface Walk {
  options: Required<MatcherOptions>;
  /** Inside an `eachLike`: Pact type matching cascades down, so exact values need `equal()` here. */
  inList: boolean;
  path: string;
}

type Schema = z.ZodType;

/** Wrappers whose value, when present, is the inner schema's. */
const isWrapper = (
  schema: Schema,
): schema is
  | z.ZodOptional
  | z.ZodExactOptional
  | z.ZodNullable
  | z.ZodDefault
  | z.ZodPrefault
  | z.ZodReadonly
  | z.ZodNonOptional =>
  schema instanceof z.ZodOptional ||
  schema instanceof z.ZodExactOptional ||
  schema instanceof z.ZodNullable ||
  schema instanceof z.ZodDefault ||
  schema instanceof z.ZodPrefault ||
  schema instanceof z.ZodReadonly ||
  schema instanceof z.ZodNonOptional;

/**
 * Facts zod exposes only in a schema's JSON Schema (a string's regex, a list's minimum length). An empty metadata
 * registry keeps a schema with an `id` (`.meta({ id })`) inline rather than behind a `$ref`.
 */
const jsonSchemaOf = (schema: Schema) =>
  z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input', metadata: z.registry() }) as {
    pattern?: string;
    allOf?: { pattern?: string }[];
    minItems?: number;
  };

const ISO_DATE_TIME = String.raw`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$`;
const HTTP_URL = String.raw`^https?://[^\s/]+(/\S*)?$`;
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * Turns an example answer into a Pact body template whose matchers come from the answer's zod schema, so a
 * consumer expects the contract, not the example's incidental values:
 *
 * - literals (envelope `status`, `errorType`, fixed messages, `success`) stay exact;
 * - an enum of several values (`sender`) becomes a regex of exactly those values;
 * - `z.uuid()` → Pact's uuid matcher; a regex string (message `time`, templated error messages) → that regex;
 *   `z.url()` → a URL matcher; ISO date-times → a date-time regex; other strings, numbers → type matchers;
 * - an array of plain data (its items hold no literal, e.g. `messages`) → `eachLike` with the schema's minimum
 *   length (0 unless the schema says otherwise); an array of results (items with literals, e.g. `standard`)
 *   stays item by item, since each item answers one item of the request;
 * - a union takes the branch the example matches.
 *
 * Throws when the example does not satisfy the schema, or when a list of data is empty (no item to learn from).
 *
 * @example
 * const body = pactTemplate(GetComplete, await answer.json());
 * pact.addInteraction()...willRespondWith(200, (res) => res.jsonBody(body));
 */
export function pactTemplate(schema: Schema, example: unknown, options: MatcherOptions = {}): PactTemplate {
  const checked = schema.safeParse(example);
  if (!checked.success) {
    throw new TypeError(
      `[linkedapi-mock] the example does not satisfy its contract schema:\n${prettifyError(checked.error)}`,
    );
  }
  return walk(schema, example, { options: { urlsPointAtProvider: true, ...options }, inList: false, path: '$' });
}

function walk(schema: Schema, example: unknown, at: Walk): PactTemplate {
  const exact = (value: unknown) => (at.inList ? MatchersV3.equal(value) : value);
  if (isWrapper(schema)) {
    if (example === undefined || example === null) return example;
    return walk(schema.unwrap() as Schema, example, at);
  }
  if (schema instanceof z.ZodLiteral || schema instanceof z.ZodNull) return exact(example);
  if (schema instanceof z.ZodEnum) {
    const values = schema.options as (string | number)[];
    if (values.length === 1 || typeof example !== 'string') return exact(example);
    return MatchersV3.regex(`^(${values.map((value) => escapeRegex(String(value))).join('|')})$`, example);
  }
  if (schema instanceof z.ZodString || schema instanceof z.ZodStringFormat) {
    return stringMatcher(schema, example as string, at);
  }
  if (schema instanceof z.ZodNumber) {
    // An integer type (`z.int()`), not a number refined by `.int()`.
    const integer = schema instanceof z.ZodNumberFormat && (schema.format ?? '').includes('int');
    return integer ? MatchersV3.integer(example as number) : MatchersV3.number(example as number);
  }
  if (schema instanceof z.ZodBoolean) return MatchersV3.boolean(example as boolean);
  if (schema instanceof z.ZodObject) {
    return walkObject(schema.shape as Record<string, Schema>, example as Record<string, unknown>, at);
  }
  if (schema instanceof z.ZodArray) return walkArray(schema, example as unknown[], at);
  if (schema instanceof z.ZodUnion) {
    const branch = (schema.options as Schema[]).find((option) => option.safeParse(example).success);
    if (!branch) throw new TypeError(`[linkedapi-mock] ${at.path}: the example matches no branch of its union`);
    return walk(branch, example, at);
  }
  // Anything this walker does not know (records, unknowns, pipes) is matched by type.
  return MatchersV3.like(example);
}

function stringMatcher(schema: z.ZodString | z.ZodStringFormat, example: string, at: Walk): PactTemplate {
  // The string types (`z.uuid()`, `z.url()`...), not a string refined by `.url()`.
  if (schema instanceof z.ZodUUID || schema instanceof z.ZodGUID) return MatchersV3.uuid(example);
  if (schema instanceof z.ZodURL) return urlMatcher(example, at);
  if (schema instanceof z.ZodISODateTime) return MatchersV3.regex(ISO_DATE_TIME, example);
  const pattern = regexPattern(schema);
  if (pattern !== undefined) return MatchersV3.regex(pattern, example);
  return MatchersV3.like(example);
}

/**
 * The pattern of a string refined by `.regex()` (its format is then `regex`): the first one when there are
 * several. Other formats' own patterns (`z.email()`, `.startsWith()`) are not used.
 */
function regexPattern(schema: z.ZodString | z.ZodStringFormat): string | undefined {
  if (schema.format !== 'regex') return undefined;
  const json = jsonSchemaOf(schema);
  return json.pattern ?? json.allOf?.find((part) => part.pattern !== undefined)?.pattern;
}

/** A link to the provider: any origin, the same path with any last segment (an id). */
function urlMatcher(example: string, at: Walk): PactTemplate {
  const url = URL.parse(example);
  if (!at.options.urlsPointAtProvider || !url) return MatchersV3.regex(HTTP_URL, example);
  const segments = url.pathname.split('/').filter(Boolean);
  const id = segments.pop();
  if (id === undefined) return MatchersV3.regex(HTTP_URL, example);
  return MatchersV3.url([...segments, MatchersV3.regex('[A-Za-z0-9_-]+', id)]);
}

function walkObject(shape: Record<string, z.ZodType>, example: Record<string, unknown>, at: Walk): PactTemplate {
  const out: Record<string, PactTemplate> = {};
  for (const [key, value] of Object.entries(example)) {
    const field = shape[key];
    if (value === undefined) continue;
    out[key] = field ? walk(field, value, { ...at, path: `${at.path}.${key}` }) : MatchersV3.like(value);
  }
  return out;
}

function walkArray(schema: z.ZodArray, example: unknown[], at: Walk): PactTemplate {
  const element = schema.element as Schema;
  if (holdsLiteral(element)) {
    return example.map((item, index) => walk(element, item, { ...at, path: `${at.path}[${index}]` }));
  }
  const [first] = example;
  if (first === undefined) {
    throw new TypeError(
      `[linkedapi-mock] ${at.path}: the example list is empty; give at least one item so its shape can be matched`,
    );
  }
  const minimum = jsonSchemaOf(schema).minItems ?? 0;
  const template = walk(element, first, { ...at, inList: true, path: `${at.path}[*]` });
  return MatchersV3.atLeastLike(template, minimum, 1);
}

/** True when a value of this schema holds an exact value somewhere: then it is a result, not plain data. */
function holdsLiteral(schema: Schema, seen = new Set<Schema>()): boolean {
  if (seen.has(schema)) return false;
  seen.add(schema);
  if (schema instanceof z.ZodLiteral) return true;
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodExactOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodReadonly
  ) {
    return holdsLiteral(schema.unwrap() as Schema, seen);
  }
  if (schema instanceof z.ZodObject) {
    return Object.values(schema.shape as Record<string, Schema>).some((field) => holdsLiteral(field, seen));
  }
  if (schema instanceof z.ZodArray) return holdsLiteral(schema.element as Schema, seen);
  if (schema instanceof z.ZodUnion) return (schema.options as Schema[]).some((option) => holdsLiteral(option, seen));
  return false;
}
