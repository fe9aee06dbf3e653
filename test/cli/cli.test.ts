import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { GET, person, postTo, type Reply, SYNC, tokens } from '../support/index.js';

// dist/cli/index.js is built by test/global-setup.ts when it is older than src/.
const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));
const PERIODICALLY = 'Your request is being processed. Please check the resultLink periodically.';

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Cli {
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** The first line on stdout; rejects if the process ends without one. */
  line: Promise<string>;
  exit: Promise<Exit>;
}

const children: Cli[] = [];

/** Runs `node dist/cli/index.js ...args`. */
function cli(...args: string[]): Cli {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  // 'close', not 'exit': by then stdout and stderr have been read to the end.
  const exit = new Promise<Exit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  const line = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      const end = stdout.indexOf('\n');
      if (end >= 0) resolve(stdout.slice(0, end));
    });
    void exit.then(({ code }) => reject(new Error(`cli exited (${code}) before printing a line; stderr: ${stderr}`)));
  });
  line.catch(() => undefined); // observed by the tests that need it
  const run: Cli = { process: child, stdout: () => stdout, stderr: () => stderr, line, exit };
  children.push(run);
  return run;
}

/** Starts `serve` and resolves with its URL once it has printed its startup line. */
async function serve(...args: string[]): Promise<{ run: Cli; url: string; line: string }> {
  const run = cli('serve', '--port', '0', ...args);
  const line = await run.line;
  const url = /^linkedapi-mock listening on (http:\/\/127\.0\.0\.1:\d+) /.exec(line)?.[1];
  if (!url) throw new Error(`unexpected startup line: ${line}`);
  return { run, url, line };
}

const call = postTo;

const dir = mkdtempSync(join(tmpdir(), 'linkedapi-mock-cli-'));
function scenarioFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

afterAll(async () => {
  await Promise.all(
    children
      .filter((run) => run.process.exitCode === null && run.process.signalCode === null)
      .map((run) => {
        run.process.kill('SIGKILL');
        return run.exit;
      }),
  );
  rmSync(dir, { recursive: true, force: true });
});

const START = '2024-03-01T10:00:00Z';

/** Two servers with the same settings: A from flags (plus --public-url, --error-http-status), B from a scenario. */
let pair: Promise<{ a: string; b: string; lines: string[] }> | undefined;
function servers() {
  pair ??= (async () => {
    const scenario = scenarioFile('valid.yaml', `# settings\nseed: 7\nstartTime: '${START}'\nspeed: 0\n`);
    const [a, b] = await Promise.all([
      serve(
        '--seed',
        '7',
        '--start-time',
        START,
        '--speed',
        '0',
        '--public-url',
        'https://mock.example.test',
        '--error-http-status',
        '200',
      ),
      serve('--scenario', scenario),
    ]);
    return { a: a.url, b: b.url, lines: [a.line, b.line] };
  })();
  return pair;
}

describe.concurrent('the linkedapi-mock CLI', { timeout: 15_000 }, () => {
  it('--help lists every option', async () => {
    const run = cli('--help');
    expect(await run.exit).toEqual({ code: 0, signal: null });
    const options = ['--host', '--port', '--seed', '--start-time', '--speed', '--public-url', '--scenario'];
    for (const option of [...options, '--long-poll-timeout', '--error-http-status']) {
      expect(run.stdout()).toMatch(new RegExp(`^ +${option} `, 'm'));
    }
    expect(run.stdout()).toContain('linkedapi-mock serve [options]');
  });

  it('serve --port 0 prints exactly one line with its URL, answers health, and stops on SIGINT with 0', async () => {
    const { run, url, line } = await serve();
    expect(line).toMatch(/^linkedapi-mock listening on http:\/\/127\.0\.0\.1:\d+ \(seed 1, speed 1, clock from /);
    expect(Number(new URL(url).port)).toBeGreaterThan(0);
    const health = await fetch(`${url}/__mock/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toBe('application/json');
    expect(await health.text()).toBe('{"status":"ok"}');

    run.process.kill('SIGINT');
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toBe(`${line}\n`);
    expect(run.stderr()).toContain('SIGINT');
  });

  it('SIGTERM answers a long poll in flight with the processing body and a result link, then exits 0', async () => {
    const { run, url } = await serve('--get-latency', '3600000');
    const body = { standard: [{ person: person('ann') }] };
    let held: Promise<Reply> | undefined;
    // Nine reslink gets and the long poll fill the account's 10 slots; a tenth reslink get answered 429 proves
    // the long poll is held. Should that probe overtake the long poll, try again on a fresh account.
    for (let round = 0; round < 5 && !held; round++) {
      const account = tokens(`acc-term-${round}`);
      const reslink = { ...account, 'result-handling': 'reslink' };
      for (const reply of await Promise.all(Array.from({ length: 9 }, () => call(`${url}${GET}`, body, reslink)))) {
        expect(reply.body.status).toBe('processing');
      }
      const longPoll = call(`${url}${GET}`, body, account);
      const probe = await call(`${url}${GET}`, body, reslink);
      if (probe.status === 429) held = longPoll;
      else expect((await longPoll).status).toBe(429);
    }
    expect(held).toBeDefined();

    run.process.kill('SIGTERM');
    const reply = await (held as Promise<Reply>);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      status: 'processing',
      process: { message: PERIODICALLY, resultLink: expect.stringMatching(/\/account\/results\/[A-Za-z0-9_-]{16,}$/) },
    });
    expect(reply.body.process.resultLink.startsWith(`${url}/account/results/`)).toBe(true);
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(run.stdout().split('\n')).toHaveLength(2); // one line and its newline
    expect(run.stderr()).toContain('SIGTERM');
  });

  it.each([
    [['--port', 'abc'], '--port'],
    [['--speed', '-1'], '--speed'],
    [['--speed=-1'], '--speed'],
    [['--start-time', 'yesterday'], '--start-time'],
    [['--unknown'], '--unknown'],
    [['--error-http-status', '500'], '--error-http-status'],
    [['extra'], '"extra"'],
  ])('refuses serve %j with exit 2 and a message naming %s', async (args, named) => {
    const run = cli('serve', ...args);
    expect(await run.exit).toEqual({ code: 2, signal: null });
    expect(run.stderr()).toContain(named);
    expect(run.stderr()).toContain('linkedapi-mock --help');
    expect(run.stdout()).toBe('');
  });

  it('exits 1 with a clear message when the port is in use', async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const { port } = blocker.address() as { port: number };
    try {
      const run = cli('serve', '--port', String(port));
      expect(await run.exit).toEqual({ code: 1, signal: null });
      expect(run.stderr()).toContain('cannot listen');
      expect(run.stderr()).toContain('EADDRINUSE');
      expect(run.stderr()).toContain(`127.0.0.1:${port}`);
      expect(run.stdout()).toBe('');
    } finally {
      blocker.close();
    }
  });

  it('--seed and --start-time, or a scenario with the same settings, give identical get bodies', async () => {
    const { a, b, lines } = await servers();
    for (const line of lines) expect(line).toContain('(seed 7, speed 0, clock from 2024-03-01T10:00:00.000Z)');
    const body = { standard: [{ person: person('jane') }], salesNavigator: [{ person: person('jane') }] };
    const gets = await Promise.all(
      [a, b].map(async (url) => {
        expect((await call(`${url}${SYNC}`, body)).body.status).toBe('complete');
        return call(`${url}${GET}`, body);
      }),
    );
    const [fromFlags, fromScenario] = gets as [Reply, Reply];
    expect(fromFlags.status).toBe(200);
    expect(fromFlags.text).toBe(fromScenario.text);
    const messages = fromFlags.body.completion.standard[0].result.data.messages as { time: string }[];
    expect(messages.length).toBeGreaterThan(0);
    for (const { time } of messages) {
      expect(Date.parse(time)).toBeLessThan(Date.parse(START));
      expect(Date.parse(time)).toBeGreaterThanOrEqual(Date.parse(START) - 90 * 24 * 3600 * 1000);
    }
  });

  it('--public-url is the origin of result links', async () => {
    const { a, b } = await servers();
    const body = { standard: [{ person: person('jane') }] };
    const fromA = await call(`${a}${SYNC}`, body, { 'result-handling': 'reslink' });
    const link = fromA.body.process.resultLink as string;
    expect(link).toMatch(/^https:\/\/mock\.example\.test\/account\/results\/[A-Za-z0-9_-]{16,}$/);
    const pulled = await fetch(`${a}${new URL(link).pathname}`); // the link's path works on the real address
    expect(pulled.status).toBe(200);
    expect(JSON.parse(await pulled.text()).status).toBe('complete');
    const fromB = await call(`${b}${SYNC}`, body, { 'result-handling': 'reslink' });
    expect(fromB.body.process.resultLink.startsWith(`${b}/account/results/`)).toBe(true);
  });

  it('--error-http-status 200 sends global errors with 200', async () => {
    const { a, b } = await servers();
    const body = { standard: [{ person: person('jane') }] };
    const expected = {
      status: 'error',
      error: { errorType: 'invalidIdentificationToken', message: 'The provided identification-token is invalid.' },
    };
    const withFlag = await call(`${a}${GET}`, body, tokens('invalid-1'));
    expect(withFlag.status).toBe(200);
    expect(withFlag.body).toEqual(expected);
    const without = await call(`${b}${GET}`, body, tokens('invalid-1'));
    expect(without.status).toBe(401);
    expect(without.body).toEqual(expected);
    const notFound = await fetch(`${a}/account/nowhere`);
    expect(notFound.status).toBe(200);
    expect(JSON.parse(await notFound.text()).error.errorType).toBe('endpointNotFound');
  });

  it.each([
    [
      'unknown-key.yaml',
      'seed: 7\ncolour: blue\nlatency:\n  syncMs: -5\n',
      [':2:1: colour: ', ':4:11: latency.syncMs: '],
    ],
    ['wrong-type.yaml', 'speed: fast\n', ['speed: ']],
    ['bad.yaml', 'seed: [1\n', ['file: is not valid YAML']],
    ['missing.yaml', undefined, ['file: cannot be read (ENOENT)']],
    [
      'trailing-comma.json',
      '{\n  "seed": 7,\n}\n',
      [':2:12: file: is not valid JSON: a trailing comma before }\n  hint: remove the comma'],
    ],
  ])('refuses the scenario %s with exit 1, naming the file and the problem', async (name, text, problems) => {
    const file = text === undefined ? join(dir, name) : scenarioFile(name, text);
    const run = cli('serve', '--port', '0', '--scenario', file);
    expect(await run.exit).toEqual({ code: 1, signal: null });
    for (const problem of problems) {
      // Problems found in the file carry its line and column: `FILE:LINE:COL: path: problem`.
      if (problem.startsWith(':')) {
        expect(run.stderr()).toContain(`[linkedapi-mock] scenario ${file}${problem}`);
        continue;
      }
      const located = new RegExp(
        `\\[linkedapi-mock\\] scenario ${escapeRegExp(file)}(:\\d+:\\d+)?: ${escapeRegExp(problem)}`,
      );
      expect(run.stderr()).toMatch(located);
    }
    expect(run.stdout()).toBe('');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
