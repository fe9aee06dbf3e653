import { parseArgs } from 'node:util';
import { CONFORMANCE_CHECKS } from '../conformance/checks.js';
import { type ConformanceOptions, resolveConformanceOptions } from '../conformance/options.js';
import { formatCheck, formatSummary } from '../conformance/report.js';
import { defaultPersonsNote, runConformance, selectChecks } from '../conformance/run.js';
import { MockError } from '../core/issue.js';
import { EXIT } from './exit.js';
import { parseOrReport, usageError } from './usage.js';

const ENV_ACCOUNT_TOKEN = 'LINKEDAPI_ACCOUNT_API_TOKEN';
const ENV_IDENTIFICATION_TOKEN = 'LINKEDAPI_IDENTIFICATION_TOKEN';
const ENV_LINKED_API_TOKEN = 'LINKEDAPI_LINKED_API_TOKEN';

/** A token as it may be printed: its first characters at most, never the whole. */
export function maskToken(token: string): string {
  return token.length >= 12 ? `${token.slice(0, 4)}… (${token.length} characters)` : `… (${token.length} characters)`;
}

function milliseconds(name: string, raw: string | undefined, scale: number, zeroAllowed: boolean) {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || (!zeroAllowed && value === 0)) {
    throw usageError(`--${name}: expected a number ${zeroAllowed ? '>= 0' : '> 0'}, got ${JSON.stringify(raw)}`);
  }
  return value * scale;
}

function verifyOptions(args: string[]): ConformanceOptions {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      'base-url': { type: 'string' },
      'account-api-token': { type: 'string' },
      'identification-token': { type: 'string' },
      'linked-api-token': { type: 'string' },
      dialect: { type: 'string', multiple: true },
      person: { type: 'string', multiple: true },
      only: { type: 'string', multiple: true },
      'documented-only': { type: 'boolean' },
      'poll-interval': { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  if (positionals.length > 0) {
    throw usageError(`verify takes no arguments, got ${JSON.stringify(positionals.join(' '))}`);
  }
  const baseUrl = values['base-url'];
  if (baseUrl === undefined) throw usageError('--base-url is required, e.g. --base-url http://127.0.0.1:4010');
  const accountApiToken = values['account-api-token'] ?? process.env[ENV_ACCOUNT_TOKEN];
  const identificationToken = values['identification-token'] ?? process.env[ENV_IDENTIFICATION_TOKEN];
  if (!accountApiToken) throw usageError(`--account-api-token (or the ${ENV_ACCOUNT_TOKEN} variable) is required`);
  if (!identificationToken) {
    throw usageError(`--identification-token (or the ${ENV_IDENTIFICATION_TOKEN} variable) is required`);
  }
  const linkedApiToken = values['linked-api-token'] ?? process.env[ENV_LINKED_API_TOKEN];
  const dialects = (values.dialect ?? []).map((dialect) => dialect.toUpperCase());
  const unknownDialect = dialects.find((dialect) => dialect !== 'E1' && dialect !== 'E4');
  if (unknownDialect !== undefined) {
    throw usageError(`--dialect: expected E1 or E4, got ${JSON.stringify(unknownDialect)}`);
  }
  const persons = values.person ?? [];
  if (persons.length === 0 && URL.canParse(baseUrl) && /(^|\.)linkedapi\.io$/i.test(new URL(baseUrl).hostname)) {
    throw usageError(
      'against the real Linked API, give --person URL for each person the checks may synchronize and read',
    );
  }
  const timeout = milliseconds('timeout', values.timeout, 1000, false);
  const options: ConformanceOptions = {
    baseUrl,
    accountApiToken,
    identificationToken,
    persons,
    ...(linkedApiToken !== undefined && { linkedApiToken }),
    dialects: dialects as ('E1' | 'E4')[],
    only: values.only ?? [],
    documentedOnly: values['documented-only'] === true,
  };
  const pollIntervalMs = milliseconds('poll-interval', values['poll-interval'], 1, true);
  if (pollIntervalMs !== undefined) options.pollIntervalMs = pollIntervalMs;
  if (timeout !== undefined) {
    options.requestTimeoutMs = timeout;
    options.pollDeadlineMs = timeout;
  }
  // These two only check options: whatever they refuse is a mistake on this command line.
  try {
    resolveConformanceOptions(options);
    const dialectsRun = options.dialects?.length ? options.dialects : ['E1', 'E4'];
    selectChecks(
      CONFORMANCE_CHECKS.filter((check) => dialectsRun.includes(check.dialect)),
      options,
    );
  } catch (error) {
    if (!(error instanceof MockError && error.code === 'invalidOption')) throw error;
    throw usageError(error.message.replace(/^\[linkedapi-mock\] /, ''));
  }
  return options;
}

/**
 * `linkedapi-mock verify`: runs the conformance checks against the implementation at `--base-url` and prints one
 * line per check and a summary. Exit code 0 when every check passed, 1 when one failed, 2 on a usage error.
 *
 * @example
 * await run(['--base-url', 'http://127.0.0.1:4010', '--account-api-token', 't', '--identification-token', 'i']);
 */
export async function run(args: string[]): Promise<void> {
  const options = parseOrReport(() => verifyOptions(args));
  if (options === undefined) return;
  const resolved = resolveConformanceOptions(options);
  console.error(
    `[linkedapi-mock] verify ${resolved.baseUrl} with account-api-token ${maskToken(options.accountApiToken)}, identification-token ${maskToken(options.identificationToken)}, ${resolved.persons.length} person(s)`,
  );
  if (resolved.personsDefaulted) console.error(`[linkedapi-mock] ${defaultPersonsNote(resolved.persons)}`);
  const report = await runConformance({
    ...options,
    onResult: (result) => console.log(formatCheck(result).join('\n')),
  });
  console.log(formatSummary(report));
  if (!report.ok) process.exitCode = EXIT.failed;
}
