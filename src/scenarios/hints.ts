import { z } from 'zod';
import { PersonUrl } from '../contracts/e1/requests.js';
import { DateTime, Duration, parseDuration, Scenario, When } from '../contracts/mock/scenario.js';

/*
 * What to do about a problem in a scenario: a hint computed from the zod issue, the place in the schema and the
 * value written there. Also the problem wording where zod's own is terse ("Too small: expected number to be >=0").
 */

export const REFERENCE = 'see docs/scenario-reference.md for every key';

type Schema = z.ZodType;

/** Strips optional/default/… wrappers: the schema a value at this place is checked against. */
function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
      current = current.unwrap() as Schema;
    } else if (current instanceof z.ZodPipe) current = current.in as Schema;
    else return current;
  }
}

/** Unwraps, and picks the option of a discriminated union that `value` names. */
function resolve(schema: Schema, value: unknown): Schema {
  const unwrapped = unwrap(schema);
  if (!(unwrapped instanceof z.ZodDiscriminatedUnion)) return unwrapped;
  return unwrap(optionFor(unwrapped, value) ?? unwrapped);
}

/** The schema at `path` of a scenario, following the data through discriminated unions; undefined if none. */
export function schemaAt(path: readonly PropertyKey[], data: unknown): Schema | undefined {
  let schema: Schema | undefined = Scenario;
  let value = data;
  for (const step of path) {
    const current = resolve(schema, value);
    if (current instanceof z.ZodObject) schema = current.shape[String(step)] as Schema | undefined;
    else if (current instanceof z.ZodArray) schema = current.element as Schema;
    else return undefined;
    if (!schema) return undefined;
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[step] : undefined;
  }
  return schema;
}

function optionFor(union: z.ZodDiscriminatedUnion, value: unknown): Schema | undefined {
  const { discriminator } = union.def;
  if (value === null || typeof value !== 'object') return undefined;
  const wanted = (value as Record<string, unknown>)[discriminator];
  return union.options.find((option) => {
    const tag = option instanceof z.ZodObject ? unwrap(option.shape[discriminator] as Schema) : undefined;
    return tag instanceof z.ZodLiteral && tag.values.has(wanted as z.core.util.Literal);
  }) as Schema | undefined;
}

/** The keys an object at `path` takes (empty when it is not an object). */
export function keysAt(path: readonly PropertyKey[], data: unknown): string[] {
  const schema = schemaAt(path, data);
  if (!schema) return [];
  const value = path.reduce<unknown>((at, step) => (at as Record<PropertyKey, unknown> | undefined)?.[step], data);
  const resolved = resolve(schema, value);
  return resolved instanceof z.ZodObject ? Object.keys(resolved.shape) : [];
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

/** The candidate nearest to `word` (case-insensitive), when it is close enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const scored = candidates
    .map((candidate) => ({ candidate, d: distance(word.toLowerCase(), candidate.toLowerCase()) }))
    .sort((a, b) => a.d - b.d)[0];
  return scored && scored.d <= Math.max(1, Math.floor(word.length / 3)) ? scored.candidate : undefined;
}

const UNIT_WORDS: Record<string, string> = {
  msec: 'ms',
  millis: 'ms',
  milliseconds: 'ms',
  millisecond: 'ms',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  day: 'd',
  days: 'd',
};

/** `90 s` → `90s`, `2 hours` → `2h`, `1w` → `7d`; undefined when no duration is in sight. */
function durationFix(text: string): string | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*$/.exec(text);
  if (!match) return undefined;
  const [, amount, word] = match as unknown as [string, string, string];
  const lower = word.toLowerCase();
  if (lower === 'w' || lower === 'week' || lower === 'weeks') return `${Number(amount) * 7}d`;
  const unit = ['ms', 's', 'm', 'h', 'd'].includes(lower) ? lower : UNIT_WORDS[lower];
  return unit === undefined ? undefined : `${amount}${unit}`;
}

function durationHint(input: unknown, prefix = ''): string {
  const units = 'a number and a unit with no space: ms, s, m, h or d';
  if (typeof input === 'string') {
    const text = input.trim().slice(prefix.length);
    if (/^\d+(\.\d+)?$/.test(text)) return `add a unit: "${prefix}${text}s" (${units})`;
    const fixed = durationFix(text);
    if (fixed !== undefined && parseDuration(fixed) !== undefined) return `write "${prefix}${fixed}"`;
  }
  return `write ${units}, such as "${prefix}90s" or "${prefix}5m"`;
}

/** `2024-06-03T09:30` → `2024-06-03T09:30:00Z`; undefined when it does not look like a date-time. */
function dateTimeFix(text: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC)?$/i.exec(
    text.trim(),
  );
  if (!match) return undefined;
  const [, date, time = '00:00', seconds = ':00', zone = 'Z'] = match;
  const offset = /^[+-]\d{4}$/.test(zone) ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone.toUpperCase();
  const fixed = `${date}T${time}${seconds}${offset === 'UTC' ? 'Z' : offset}`;
  return DateTime.safeParse(fixed).success ? fixed : undefined;
}

function dateTimeHint(input: unknown): string {
  const fixed = typeof input === 'string' ? dateTimeFix(input) : undefined;
  const zone = 'Z is UTC; or an offset such as +02:00';
  if (fixed !== undefined) return `write "${fixed}" (${zone})`;
  return `write a date, T, a time with seconds and a time zone, such as "2024-06-03T09:30:00Z" (${zone})`;
}

function whenHint(input: unknown): string {
  if (typeof input === 'number') return `a relative time needs a + and a unit: write "+${input}s" or "+${input}m"`;
  if (typeof input !== 'string') return 'write "+90s" (after the load) or a date-time such as "2024-06-03T09:30:00Z"';
  const text = input.trim();
  if (text.startsWith('+')) return durationHint(text, '+');
  if (text.startsWith('-')) return 'times count forward from the load: write "+0s" for at once, or a date-time';
  if (/^\d{4}-/.test(text)) return dateTimeHint(text);
  const duration = /^\d/.test(text) ? (durationFix(text) ?? text) : undefined;
  if (duration !== undefined && parseDuration(duration) !== undefined) return `start it with a +: "+${duration}"`;
  return 'write "+90s" (after the load) or a date-time such as "2024-06-03T09:30:00Z"';
}

function typeHint(issue: z.core.$ZodIssueInvalidType, key: string): string {
  const input = issue.input;
  switch (issue.expected) {
    case 'number':
    case 'int': {
      if (typeof input === 'string' && input.trim() !== '' && Number.isFinite(Number(input))) {
        return `remove the quotes: ${Number(input)}`;
      }
      if (typeof input === 'string' && key.endsWith('Ms') && parseDuration(durationFix(input) ?? input) !== undefined) {
        return `${key} takes a plain number of milliseconds: ${parseDuration(durationFix(input) ?? input)}`;
      }
      if (typeof input === 'string' && /^\s*\d+(\.\d+)?\s*%\s*$/.test(input)) {
        return `write a fraction: ${Number.parseFloat(input) / 100} for ${input.trim()}`;
      }
      if (issue.expected === 'int' && typeof input === 'number')
        return `write a whole number, such as ${Math.round(input)}`;
      return 'write a plain number, without quotes or a unit';
    }
    case 'boolean':
      return 'write true or false, without quotes';
    case 'string':
      return typeof input === 'number' || typeof input === 'boolean' ? `quote it: "${String(input)}"` : REFERENCE;
    case 'array':
      return `write a list: one item per line, each starting with "- " (or [a, b] on one line)`;
    case 'object':
      if (Array.isArray(input)) {
        return issue.path.length === 0
          ? 'a scenario file is a map at the top level (seed: 1, accounts: ...): remove the leading "- "'
          : 'write a map of "key: value" lines here, not a list: remove the leading "- "';
      }
      if (typeof input === 'string' && /^[\w$]+:\S/.test(input)) return 'put a space after the colon: "key: value"';
      return 'write a map of "key: value" lines, indented under its key';
    default:
      return REFERENCE;
  }
}

/** The problem, reworded where zod's words are terse; `fallback` is the generic wording. */
export function problemFor(issue: z.core.$ZodIssue, fallback: string): string {
  if (issue.code === 'unrecognized_keys') return 'unknown key';
  if (issue.code === 'invalid_type' && issue.path.length === 0 && issue.input !== undefined) {
    return `must be a map of keys (seed: 1, accounts: ...), got ${Array.isArray(issue.input) ? 'a list' : fallback.replace(/^.*, got /, '')}`;
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const small = issue.code === 'too_small';
    const bound = small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum;
    const got = issue.input === undefined ? '' : `, got ${JSON.stringify(issue.input)}`;
    if (issue.origin === 'string' && small) return 'must not be empty';
    if (issue.origin === 'array') {
      const items = `${bound} item${Number(bound) === 1 ? '' : 's'}`;
      return small ? `must list at least ${items}` : `must list at most ${items}`;
    }
    const op = small ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
    return `must be ${op} ${bound}${got}`;
  }
  return fallback;
}

/** What to do about `issue`; `key` is the unknown key it is about (one issue per key), `data` the whole input. */
export function hintFor(issue: z.core.$ZodIssue, key: string | undefined, data: unknown): string {
  const last = String(issue.path.at(-1) ?? '');
  if (issue.code === 'unrecognized_keys' && key !== undefined) {
    const here = keysAt(issue.path, data);
    const near = closest(key, here);
    if (near !== undefined) return `did you mean "${near}"?`;
    return here.length > 0 ? `remove it or use one of: ${here.join(', ')}` : `remove it; ${REFERENCE}`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return `add "${last || 'it'}"; ${REFERENCE}`;
  const params = (issue as { params?: { hint?: string } }).params;
  if (params?.hint) return params.hint;
  const schema = schemaAt(issue.path, data);
  const target = schema && unwrap(schema);
  if (target === Duration) return durationHint(issue.input);
  if (target === When) return whenHint(issue.input);
  if (target === DateTime || (issue.code === 'invalid_format' && issue.format === 'datetime')) {
    return dateTimeHint(issue.input);
  }
  if (target === PersonUrl) {
    const slug = typeof issue.input === 'string' ? /(?:^|\/in\/)([\w-]+)\/?$/.exec(issue.input.trim())?.[1] : undefined;
    return `write the full LinkedIn URL, such as "https://www.linkedin.com/in/${slug ?? 'jane-doe'}"`;
  }
  if (issue.code === 'invalid_value' || (issue.code === 'invalid_union' && 'options' in issue)) {
    const options = (issue.code === 'invalid_value' ? issue.values : (issue as { options: unknown[] }).options).map(
      String,
    );
    const written = issue.code === 'invalid_value' ? issue.input : (issue.input as Record<string, unknown>)?.[last];
    const near = typeof written === 'string' ? closest(written, options) : undefined;
    return near !== undefined ? `did you mean "${near}"?` : `use one of: ${options.join(', ')}`;
  }
  if (issue.code === 'too_big' && (last === 'probability' || last === 'jitter') && typeof issue.input === 'number') {
    return `a fraction from 0 to 1: write ${issue.input / 100} for ${issue.input} %`;
  }
  if (issue.code === 'invalid_type') return typeHint(issue, last);
  if (issue.code === 'too_small' && (issue.origin === 'string' || issue.origin === 'array')) {
    return `give at least one, or remove "${last}"`;
  }
  return REFERENCE;
}
