import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MockError } from '../core/issue.js';
import { serveOptions } from './serve.js';

const dir = mkdtempSync(join(tmpdir(), 'linkedapi-mock-serve-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.LINKEDAPI_MOCK_CONTROL_TOKEN;
});

async function refusal(args: string[]): Promise<MockError> {
  const error = await serveOptions(args).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof MockError)) throw new Error(`expected a MockError for ${args.join(' ')}, got ${error}`);
  return error;
}

describe('serveOptions: the flags of serve, from the settings schema', () => {
  it('gives host and port their serve defaults and sets nothing else (a scenario file’s settings stay)', async () => {
    expect(await serveOptions([])).toEqual({ options: { host: '127.0.0.1', port: 4010 } });
  });

  it('turns each flag into its setting, in the setting’s unit', async () => {
    const { options } = await serveOptions([
      '--seed=7',
      '--speed',
      '0.5',
      '--start-time',
      '2024-03-01T10:00Z',
      '--sync-latency',
      '10',
      '--get-latency',
      '20',
      '--long-poll-timeout',
      '2',
      '--result-ttl',
      '60',
      '--error-http-status',
      '200',
      '--public-url',
      'https://mock.example.test/',
      '--clock',
      'manual',
      '--journal-limit',
      '0',
      '--host',
      '0.0.0.0',
      '--port',
      '0',
    ]);
    expect(options).toEqual({
      seed: 7,
      speed: 0.5,
      startTime: '2024-03-01T10:00Z',
      latency: { syncMs: 10, getMs: 20 },
      longPollTimeoutMs: 2000,
      resultTtlMs: 60_000,
      errorHttpStatus: 200,
      publicUrl: 'https://mock.example.test/',
      clock: 'manual',
      journalLimit: 0,
      host: '0.0.0.0',
      port: 0,
    });
  });

  it('reads the control token from its variable when the flag is not given', async () => {
    process.env.LINKEDAPI_MOCK_CONTROL_TOKEN = 'from-env';
    expect((await serveOptions([])).options.controlToken).toBe('from-env');
    expect((await serveOptions(['--control-token', 'flag'])).options.controlToken).toBe('flag');
  });

  it('loads the scenario file, and watches it with --watch', async () => {
    const file = join(dir, 'team.yaml');
    writeFileSync(file, 'seed: 3\naccounts:\n  - identificationToken: acc-1\n');
    const { options, watchFile } = await serveOptions(['--scenario', file, '--watch', '--seed', '9']);
    expect(watchFile).toBe(file);
    expect(options.seed).toBe(9);
    expect(options.scenario).toMatchObject({ seed: 3, accounts: [{ identificationToken: 'acc-1' }] });
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'seed: many\n');
    const error = await refusal(['--scenario', broken]);
    expect(error.code).toBe('invalidScenario');
    expect(error.message).toBe(
      `[linkedapi-mock] scenario ${broken}:1:7: seed: expected number, got the string "many"\n  hint: write a plain number, without quotes or a unit`,
    );
  });

  it.each([
    [['--port', '65536'], '--port: expected an integer from 0 to 65535, got "65536"'],
    [['--seed', ''], '--seed: expected an integer, got ""'],
    [['--speed', ' '], '--speed: expected a number >= 0, got " "'],
    [['--get-latency=-1'], '--get-latency: expected a number of milliseconds >= 0, got "-1"'],
    [['--result-ttl', 'x'], '--result-ttl: expected a number of seconds >= 0, got "x"'],
    [
      ['--start-time', '2024-06-03'],
      '--start-time: expected an ISO 8601 date-time with a time zone such as 2024-01-01T09:00:00Z, got "2024-06-03"',
    ],
    [
      ['--public-url', 'https://x.test/path'],
      '--public-url: expected an origin such as https://mock.example.test, got "https://x.test/path"',
    ],
    [['--error-http-status', '503'], '--error-http-status: only 200 is supported, got "503"'],
    [['--error-http-status', '200.0'], '--error-http-status: only 200 is supported, got "200.0"'],
    [['--clock', 'fast'], '--clock: expected manual or realtime, got "fast"'],
    [['--control-token', ''], '--control-token: expected a non-empty token'],
    [['--journal-limit=-1'], '--journal-limit: expected a whole number >= 0, got "-1"'],
    [['--watch'], '--watch needs --scenario FILE'],
    [['now'], 'serve takes no arguments, got "now"'],
  ])('refuses %j: a usage error, %s', async (args, message) => {
    const error = await refusal(args);
    expect(error.code).toBe('usage');
    expect(error.message).toBe(message);
  });
});
