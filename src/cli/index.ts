#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
// The server and scenario modules (zod, faker, hono) load only for `serve`, so --help and usage errors are instant.
import type { ListenOptions } from '../server/listen.js';
import type { MockOptions } from '../server/options.js';

const HELP = `linkedapi-mock: a local stand-in for Linked API's conversations endpoints

Usage:
  linkedapi-mock serve [options]   start the mock server
  linkedapi-mock verify [options]  run the conformance checks against any Linked API implementation
  linkedapi-mock openapi [options] print the mock's OpenAPI 3.1 document (also served at /openapi.json)
  linkedapi-mock pact-verify PACT...  verify the mock against Pact files or folders of them
  linkedapi-mock validate FILE...  check scenario files (or folders of them): every problem, located
  linkedapi-mock --help            show this help
  linkedapi-mock --version         show the version

Options of serve:
  --host HOST               interface to bind (default 127.0.0.1; use 0.0.0.0 to expose it)
  --port PORT               port to listen on (default 4010; 0 picks a free port, printed at start)
  --seed N                  integer seed of generated threads and latency jitter (default 1)
  --start-time ISO          start of the virtual clock, e.g. 2024-01-01T09:00:00Z (default: now)
  --speed F                 factor on every simulated delay: 0 = instant, 0.1 = ten times faster,
                            1 = realistic (default 1)
  --sync-latency MS         simulated sync time per conversation, before --speed (default 1500)
  --get-latency MS          simulated time of a get request, before --speed (default 100)
  --public-url URL          origin used in result links, e.g. https://mock.example.test
                            (default: the scheme and host the request came in on)
  --long-poll-timeout S     seconds a long-mode request is held before it is answered with a
                            result link (default 120)
  --result-ttl S            seconds of virtual time a finished result stays readable (default 86400)
  --error-http-status 200   send global errors with HTTP 200 (for clients that only read the body)
  --scenario FILE           YAML or JSON scenario: settings, accounts, persons, timeline, faults
                            (see "Scenario files" in the README); command-line options override
                            its settings
  --watch                   with --scenario: reload the scenario when the file changes (a broken
                            edit keeps the last good scenario running and prints the problems)
  --clock realtime|manual   realtime (default): virtual time runs by itself; manual: it moves only
                            through the control API (POST /__mock/clock/advance, /__mock/clock/set)
  --control-token T         every /__mock/* route but /__mock/health needs the header
                            x-mock-control-token: T (or set LINKEDAPI_MOCK_CONTROL_TOKEN)
  --journal-limit N         requests the journal keeps for GET /__mock/journal (default 1000; 0: off)

Options of verify (exit 0: all passed, 1: a check failed, 2: usage error):
  --base-url URL            the implementation to check, e.g. http://127.0.0.1:4010 (required)
  --account-api-token T     account token (or set LINKEDAPI_ACCOUNT_API_TOKEN; never printed in full)
  --identification-token I  account to use (or set LINKEDAPI_IDENTIFICATION_TOKEN); on the mock,
                            use a fresh one per run for a clean account
  --linked-api-token T      E4 token (or set LINKEDAPI_LINKED_API_TOKEN); default: the
                            account-api-token (the mock accepts any)
  --dialect E1|E4           check only this API generation; repeatable (default both; today's
                            Linked API is E4)
  --person URL              a person the checks may synchronize and read; repeatable. Default: two
                            mock-friendly persons. Required against the real service
  --only NAME               run only this check; repeatable
  --documented-only         skip the checks of the mock's own decisions (basis "mock decision")
  --poll-interval MS        pause between polls of a result link (default 2000)
  --timeout S               longest wait for one answer or for a result link (default 300)

Options of openapi:
  --format json|yaml        output format (default json)
  --server-url URL          the document's server, e.g. http://127.0.0.1:4010 (default: none)

Options of validate (exit 0: all valid, 1: a problem, 2: usage error):
  --json                    print the problems as a JSON array of {file, path, problem, line,
                            column, hint}

Options of pact-verify (needs @pact-foundation/pact; exit 0: verified, 1: a mismatch, 2: usage):
  --provider NAME           the provider name in the pacts (default linkedapi)
  --seed N                  seed of the verified mock (default 1)

Magic tokens (no scenario needed): an account-api-token or identification-token starting with
"invalid" is invalid; an identification-token starting with "no-seats" has no seats; one starting
with "signed-out" fails while processing. A person /in/missing-... does not exist.
`;

class UsageError extends Error {}

function number(
  name: string,
  raw: string | undefined,
  check: (n: number) => boolean,
  expected: string,
): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !check(value))
    throw new UsageError(`--${name}: expected ${expected}, got ${JSON.stringify(raw)}`);
  return value;
}

async function serveOptions(args: string[]): Promise<ListenOptions & { watchFile?: string }> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      seed: { type: 'string' },
      'start-time': { type: 'string' },
      speed: { type: 'string' },
      'sync-latency': { type: 'string' },
      'get-latency': { type: 'string' },
      'public-url': { type: 'string' },
      'long-poll-timeout': { type: 'string' },
      'result-ttl': { type: 'string' },
      'error-http-status': { type: 'string' },
      scenario: { type: 'string' },
      watch: { type: 'boolean' },
      clock: { type: 'string' },
      'control-token': { type: 'string' },
      'journal-limit': { type: 'string' },
    },
  });
  if (values.watch && values.scenario === undefined) throw new UsageError('--watch needs --scenario FILE');
  if (positionals.length > 0)
    throw new UsageError(`serve takes no arguments, got ${JSON.stringify(positionals.join(' '))}`);
  const fromFile: MockOptions = values.scenario
    ? { scenario: (await import('../scenarios/load.js')).loadScenarioFile(values.scenario) }
    : {};
  const isCount = (n: number) => Number.isFinite(n) && n >= 0;
  const startTime = values['start-time'];
  if (
    startTime !== undefined &&
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(startTime)
  ) {
    throw new UsageError(
      `--start-time: expected an ISO 8601 date-time with a time zone such as 2024-01-01T09:00:00Z, got ${JSON.stringify(startTime)}`,
    );
  }
  if (values['error-http-status'] !== undefined && values['error-http-status'] !== '200') {
    throw new UsageError(
      `--error-http-status: only 200 is supported, got ${JSON.stringify(values['error-http-status'])}`,
    );
  }
  const publicUrl = values['public-url'];
  if (publicUrl !== undefined && !/^https?:\/\/[^/]+\/?$/.test(publicUrl)) {
    throw new UsageError(
      `--public-url: expected an origin such as https://mock.example.test, got ${JSON.stringify(publicUrl)}`,
    );
  }
  const syncMs = number('sync-latency', values['sync-latency'], isCount, 'a number of milliseconds >= 0');
  const getMs = number('get-latency', values['get-latency'], isCount, 'a number of milliseconds >= 0');
  const longPoll = number('long-poll-timeout', values['long-poll-timeout'], isCount, 'a number of seconds >= 0');
  const resultTtl = number('result-ttl', values['result-ttl'], isCount, 'a number of seconds >= 0');
  const options: ListenOptions = {
    ...fromFile,
    host: values.host ?? '127.0.0.1',
    port:
      number('port', values.port, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'an integer from 0 to 65535') ??
      4010,
    latency: { ...(syncMs !== undefined && { syncMs }), ...(getMs !== undefined && { getMs }) },
  };
  const seed = number('seed', values.seed, Number.isSafeInteger, 'an integer');
  const speed = number('speed', values.speed, isCount, 'a number >= 0');
  if (seed !== undefined) options.seed = seed;
  if (speed !== undefined) options.speed = speed;
  if (startTime !== undefined) options.startTime = startTime;
  if (publicUrl !== undefined) options.publicUrl = publicUrl;
  if (longPoll !== undefined) options.longPollTimeoutMs = longPoll * 1000;
  if (resultTtl !== undefined) options.resultTtlMs = resultTtl * 1000;
  if (values['error-http-status'] !== undefined) options.errorHttpStatus = 200;
  Object.assign(options, controlOptions(values));
  return values.watch ? { ...options, watchFile: values.scenario } : options;
}

/** --clock, --control-token (or LINKEDAPI_MOCK_CONTROL_TOKEN) and --journal-limit. */
function controlOptions(values: Record<string, string | boolean | undefined>): MockOptions {
  const options: MockOptions = {};
  const clock = values.clock as string | undefined;
  if (clock !== undefined && clock !== 'manual' && clock !== 'realtime') {
    throw new UsageError(`--clock: expected manual or realtime, got ${JSON.stringify(clock)}`);
  }
  if (clock !== undefined) options.clock = clock;
  const token = (values['control-token'] as string | undefined) ?? process.env.LINKEDAPI_MOCK_CONTROL_TOKEN;
  if (token !== undefined && token.trim() === '') throw new UsageError('--control-token: expected a non-empty token');
  if (token !== undefined) options.controlToken = token;
  const isWhole = (n: number) => Number.isSafeInteger(n) && n >= 0;
  const limit = number('journal-limit', values['journal-limit'] as string | undefined, isWhole, 'a whole number >= 0');
  if (limit !== undefined) options.journalLimit = limit;
  return options;
}

async function serve(args: string[]): Promise<void> {
  const { watchFile, ...options } = await serveOptions(args);
  const { startMock } = await import('../server/listen.js');
  const mock = await startMock(options);
  // Watching starts before the startup line, so a change made once the line is out is seen.
  const watcher = watchFile && (await import('../scenarios/watch.js')).reloadOnChange(mock, watchFile);
  const { seed, speed, startTime, controlToken } = mock.options;
  const clock = options.clock === 'manual' ? 'manual clock' : 'clock';
  // The token itself is never printed.
  const guarded = controlToken === undefined ? '' : ', control API needs x-mock-control-token';
  console.log(
    `linkedapi-mock listening on ${mock.url} (seed ${seed}, speed ${speed}, ${clock} from ${new Date(startTime).toISOString()}${guarded})`,
  );
  const stop = (signal: string) => {
    console.error(`[linkedapi-mock] ${signal}: answering held requests and stopping`);
    if (watcher) watcher.close();
    void mock.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return;
  }
  if (command === '--version' || command === '-v') {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    console.log(pkg.version);
    return;
  }
  const run = COMMANDS[command];
  if (!run) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  await run(rest);
}

/** The subcommands. Each loads its modules lazily, so --help and usage errors stay instant. */
const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  serve,
  verify: async (args) => (await import('./verify.js')).run(args),
  openapi: async (args) => (await import('./openapi.js')).run(args),
  'pact-verify': async (args) => (await import('./pact-verify.js')).run(args),
  validate: async (args) => (await import('./validate.js')).run(args),
};

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof Error && error.name === 'ScenarioError') {
    console.error(error.message);
    process.exit(1);
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (error instanceof UsageError || code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`[linkedapi-mock] ${(error as Error).message}\nRun "linkedapi-mock --help" for the options.`);
    process.exit(2);
  }
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    console.error(
      `[linkedapi-mock] cannot listen: ${(error as Error).message}. Choose another --port (0 picks a free one) or --host.`,
    );
    process.exit(1);
  }
  if (error instanceof RangeError && error.message.startsWith('[linkedapi-mock]')) {
    console.error(error.message);
    process.exit(2);
  }
  console.error('[linkedapi-mock] unexpected error (this is a bug, please report it):', error);
  process.exit(1);
});
