import { MockError } from '../core/issue.js';
import type { CheckResult, ConformanceCheck, Dialect } from './check.js';
import type { FetchLike } from './client.js';

/** A conformance option with a bad value: a `MockError` with code `invalidOption`. */
const invalidOption = (message: string) => new MockError('invalidOption', message);

/** Where and how to run the conformance checks. */
export interface ConformanceOptions {
  /** The implementation under test, e.g. `http://127.0.0.1:4010` or `https://api.linkedapi.io`. */
  baseUrl: string;
  accountApiToken: string;
  identificationToken: string;
  /** The E4 `linked-api-token`. Default: `accountApiToken` (the mock accepts any token). */
  linkedApiToken?: string;
  /** The API generations to check. Default both: E1 (the Account API of the seed page) and E4 (today's). */
  dialects?: readonly Dialect[];
  /**
   * LinkedIn person URLs the checks may synchronize and read (in the standard inbox), and no others. Default:
   * `DEFAULT_PERSONS`, which suit the mock; against the real service give persons of your account.
   */
  persons?: readonly string[];
  /** Default: the global `fetch`. In-process: `(url, init) => app.request(url, init)`. */
  fetch?: FetchLike;
  /** Longest wait for one answer (a long-mode sync included). Default 300 000 ms. */
  requestTimeoutMs?: number;
  /** Pause between two polls of a result link. Default 2 000 ms. */
  pollIntervalMs?: number;
  /** Longest a result link may stay `processing`. Default 300 000 ms. */
  pollDeadlineMs?: number;
  /** The run never sends more requests than this. Default: 40 plus two deadlines' worth of polls. */
  maxRequests?: number;
  /** Run only these checks (by name). */
  only?: readonly string[];
  /** Skip the checks whose basis is a mock decision. */
  documentedOnly?: boolean;
  /** The checks to pick from. Default: `CONFORMANCE_CHECKS`. */
  checks?: readonly ConformanceCheck[];
  /** Called as each check ends, e.g. to print it at once. */
  onResult?: (result: CheckResult) => void;
}

/** Persons used when none are given: any `/in/` URL exists on the mock. */
export const DEFAULT_PERSONS: readonly string[] = [
  'https://www.linkedin.com/in/verify-jane',
  'https://www.linkedin.com/in/verify-omar',
];

/**
 * A person nobody can have synchronized: the checks only ever *read* it (to see `notSynchronized`), never
 * synchronize it, so against the real service it reads nothing.
 */
export const NEVER_SYNCED_PERSON = 'https://www.linkedin.com/in/linkedapi-mock-verify-never-synced';

export interface ResolvedConformanceOptions {
  baseUrl: string;
  accountApiToken: string;
  identificationToken: string;
  linkedApiToken: string;
  dialects: readonly Dialect[];
  persons: readonly string[];
  personsDefaulted: boolean;
  fetch: FetchLike;
  requestTimeoutMs: number;
  pollIntervalMs: number;
  pollDeadlineMs: number;
  maxRequests: number;
}

function positive(value: number | undefined, fallback: number, name: string, zeroAllowed = false): number {
  const out = value ?? fallback;
  if (!Number.isFinite(out) || out < 0 || (!zeroAllowed && out === 0)) {
    throw invalidOption(`[linkedapi-mock] ${name}: expected a number ${zeroAllowed ? '>= 0' : '> 0'}, got ${out}`);
  }
  return out;
}

/** Fills in defaults and checks the options; throws a `MockError` (code `invalidOption`) naming the option on a bad value. */
export function resolveConformanceOptions(options: ConformanceOptions): ResolvedConformanceOptions {
  const base = URL.canParse(options.baseUrl) ? new URL(options.baseUrl) : undefined;
  if (!base || (base.protocol !== 'http:' && base.protocol !== 'https:')) {
    throw invalidOption(
      `[linkedapi-mock] baseUrl: expected an http(s) URL such as http://127.0.0.1:4010, got ${JSON.stringify(options.baseUrl)}`,
    );
  }
  for (const name of ['accountApiToken', 'identificationToken'] as const) {
    if (typeof options[name] !== 'string' || options[name].trim() === '') {
      throw invalidOption(`[linkedapi-mock] ${name}: expected a non-empty token`);
    }
  }
  if (options.linkedApiToken !== undefined && options.linkedApiToken.trim() === '') {
    throw invalidOption('[linkedapi-mock] linkedApiToken: expected a non-empty token');
  }
  const dialects = options.dialects && options.dialects.length > 0 ? [...new Set(options.dialects)] : ['E1', 'E4'];
  for (const dialect of dialects) {
    if (dialect !== 'E1' && dialect !== 'E4') {
      throw invalidOption(`[linkedapi-mock] dialects: expected E1 or E4, got ${JSON.stringify(dialect)}`);
    }
  }
  const persons = options.persons && options.persons.length > 0 ? [...options.persons] : [...DEFAULT_PERSONS];
  for (const person of persons) {
    if (!URL.canParse(person) || !/^https?:$/.test(new URL(person).protocol)) {
      throw invalidOption(`[linkedapi-mock] persons: expected LinkedIn person URLs, got ${JSON.stringify(person)}`);
    }
    if (person.toLowerCase().includes('linkedapi-mock-verify-never-synced')) {
      throw invalidOption(`[linkedapi-mock] persons: ${person} is the suite's never-synced person; give another`);
    }
  }
  if (new Set(persons).size !== persons.length) {
    throw invalidOption('[linkedapi-mock] persons: each person may be given once');
  }
  const pollIntervalMs = positive(options.pollIntervalMs, 2_000, 'pollIntervalMs', true);
  const pollDeadlineMs = positive(options.pollDeadlineMs, 300_000, 'pollDeadlineMs');
  const pollsPerDeadline = Math.ceil(pollDeadlineMs / Math.max(pollIntervalMs, 1)) + 1;
  return {
    baseUrl: base.href.replace(/\/+$/, ''),
    accountApiToken: options.accountApiToken,
    identificationToken: options.identificationToken,
    linkedApiToken: options.linkedApiToken ?? options.accountApiToken,
    dialects: dialects as Dialect[],
    persons,
    personsDefaulted: !(options.persons && options.persons.length > 0),
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    requestTimeoutMs: positive(options.requestTimeoutMs, 300_000, 'requestTimeoutMs'),
    pollIntervalMs,
    pollDeadlineMs,
    maxRequests: positive(options.maxRequests, 40 + 2 * Math.min(pollsPerDeadline, 1_000), 'maxRequests'),
  };
}
