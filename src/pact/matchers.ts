import { MatchersV3 } from '@pact-foundation/pact';
import { prettifyError, type z } from 'zod';

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

/** A zod 4 schema's definition, read through the internal `_zod.def` every zod 4 schema carries. */
interface Def {
  type: string;
  format?: string;
  checks?: { _zod: { def: { check: string; format?: string; pattern?: RegExp; minimum?: number } } }[];
  [key: string]: unknown;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

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
export function pactTemplate(schema: z.ZodType, example: unknown, options: MatcherOptions = {}): PactTemplate {
  const checked = schema.safeParse(example);
  if (!checked.success) {
    throw new TypeError(
      `[linkedapi-mock] the example does not satisfy its contract schema:\n${prettifyError(checked.error)}`,
    );
  }
  return walk(schema, example, { options: { urlsPointAtProvider: true, ...options }, inList: false, path: '$' });
}

function walk(schema: z.ZodType, example: unknown, at: Walk): PactTemplate {
  const def = defOf(schema);
  const exact = (value: unknown) => (at.inList ? MatchersV3.equal(value) : value);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      if (example === undefined || example === null) return example;
      return walk(def.innerType as z.ZodType, example, at);
    case 'literal':
    case 'null':
      return exact(example);
    case 'enum': {
      const values = Object.values(def.entries as Record<string, string | number>);
      if (values.length === 1 || typeof example !== 'string') return exact(example);
      return MatchersV3.regex(`^(${values.map((value) => escapeRegex(String(value))).join('|')})$`, example);
    }
    case 'string':
      return stringMatcher(def, example as string, at);
    case 'number':
      return def.format?.includes('int') ? MatchersV3.integer(example as number) : MatchersV3.number(example as number);
    case 'boolean':
      return MatchersV3.boolean(example as boolean);
    case 'object':
      return walkObject(def.shape as Record<string, z.ZodType>, example as Record<string, unknown>, at);
    case 'array':
      return walkArray(def, example as unknown[], at);
    case 'union': {
      const branch = (def.options as z.ZodType[]).find((option) => option.safeParse(example).success);
      if (!branch) throw new TypeError(`[linkedapi-mock] ${at.path}: the example matches no branch of its union`);
      return walk(branch, example, at);
    }
    default:
      // Anything this walker does not know (records, unknowns, pipes) is matched by type.
      return MatchersV3.like(example);
  }
}

function stringMatcher(def: Def, example: string, at: Walk): PactTemplate {
  if (def.format === 'uuid' || def.format === 'guid') return MatchersV3.uuid(example);
  if (def.format === 'url') return urlMatcher(example, at);
  if (def.format === 'datetime') return MatchersV3.regex(ISO_DATE_TIME, example);
  const regexCheck = def.checks?.find((check) => check._zod.def.format === 'regex')?._zod.def.pattern;
  if (regexCheck) return MatchersV3.regex(regexCheck.source, example);
  return MatchersV3.like(example);
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

function walkArray(def: Def, example: unknown[], at: Walk): PactTemplate {
  const element = def.element as z.ZodType;
  if (holdsLiteral(element)) {
    return example.map((item, index) => walk(element, item, { ...at, path: `${at.path}[${index}]` }));
  }
  const [first] = example;
  if (first === undefined) {
    throw new TypeError(
      `[linkedapi-mock] ${at.path}: the example list is empty; give at least one item so its shape can be matched`,
    );
  }
  const minimum = def.checks?.find((check) => check._zod.def.check === 'min_length')?._zod.def.minimum ?? 0;
  const template = walk(element, first, { ...at, inList: true, path: `${at.path}[*]` });
  return MatchersV3.atLeastLike(template, minimum, 1);
}

/** True when a value of this schema holds an exact value somewhere: then it is a result, not plain data. */
function holdsLiteral(schema: z.ZodType, seen = new Set<z.ZodType>()): boolean {
  if (seen.has(schema)) return false;
  seen.add(schema);
  const def = defOf(schema);
  switch (def.type) {
    case 'literal':
      return true;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return holdsLiteral(def.innerType as z.ZodType, seen);
    case 'object':
      return Object.values(def.shape as Record<string, z.ZodType>).some((field) => holdsLiteral(field, seen));
    case 'array':
      return holdsLiteral(def.element as z.ZodType, seen);
    case 'union':
      return (def.options as z.ZodType[]).some((option) => holdsLiteral(option, seen));
    default:
      return false;
  }
}
