import { afterAll, describe, expect, it } from 'vitest';
import { person, type Reply, reply, SYNC, tokens } from '../support/index.js';
import { type CliRun, runCli } from './process.js';

const TOKEN = 'cli-control-secret-42';
const runs: CliRun[] = [];

afterAll(() => {
  for (const run of runs) if (run.process.exitCode === null) run.process.kill('SIGKILL');
});

async function serve(...args: string[]): Promise<{ run: CliRun; url: string; line: string }> {
  const run = runCli(['serve', '--port', '0', ...args]);
  runs.push(run);
  const output = await run.waitFor('\n');
  const line = output.split('\n')[0] as string;
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+) /.exec(line)?.[1];
  if (!url) throw new Error(`unexpected startup line: ${line}`);
  return { run, url, line };
}

const call = (url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
  reply(
    fetch(url, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    }),
  );

describe('serve --clock manual --control-token', () => {
  it('guards the control API, moves the clock by hand, and never prints the token', async () => {
    const { run, url, line } = await serve(
      '--clock',
      'manual',
      '--control-token',
      TOKEN,
      '--speed',
      '1',
      '--start-time',
      '2024-06-03T09:00:00Z',
    );
    expect(line).toContain(
      '(seed 1, speed 1, manual clock from 2024-06-03T09:00:00.000Z, control API needs x-mock-control-token)',
    );
    const auth = { 'x-mock-control-token': TOKEN };
    expect((await call(`${url}/__mock/health`, 'GET')).status).toBe(200);
    const refused = await call(`${url}/__mock/clock/advance`, 'POST', { by: '1m' });
    expect(refused.status).toBe(401);
    expect(refused.body.error.type).toBe('controlTokenRequired');
    // A long-mode sync is held while the clock stands still...
    const held = call(`${url}${SYNC}`, 'POST', { standard: [{ person: person('ann') }] }, tokens());
    let answered = false;
    void held.then(() => {
      answered = true;
    });
    // The journal shows the request held (status null) once it has arrived.
    let heldEntries: { status: number | null }[] = [];
    for (let i = 0; i < 100 && heldEntries.length === 0; i++) {
      heldEntries = (await call(`${url}/__mock/journal?endpoint=synchronize`, 'GET', undefined, auth)).body.entries;
    }
    expect(heldEntries).toMatchObject([{ status: null }]);
    expect(answered).toBe(false);
    // ...and answered once the control API moves it past the sync.
    const moved = await call(`${url}/__mock/clock/advance`, 'POST', { by: '5s' }, auth);
    expect(moved.body).toEqual({
      now: '2024-06-03T09:00:05.000Z',
      mode: 'manual',
      startTime: '2024-06-03T09:00:00.000Z',
    });
    expect((await held).body.status).toBe('complete');
    const journal = await call(`${url}/__mock/journal`, 'GET', undefined, auth);
    expect(
      journal.body.entries.map((e: { endpoint: string; status: number; virtualMs: number }) => [
        e.endpoint,
        e.status,
        e.virtualMs,
      ]),
    ).toEqual([['synchronize', 200, 5000]]);
    run.process.kill('SIGTERM');
    await run.exit;
    expect(run.stdout() + run.stderr()).not.toContain(TOKEN);
  });

  it('the default clock is realtime: advancing is refused with a hint to use --clock manual', async () => {
    const { run, url, line } = await serve('--journal-limit', '0');
    expect(line).toMatch(/, clock from /);
    const answer = await call(`${url}/__mock/clock/advance`, 'POST', { by: '1m' });
    expect(answer.status).toBe(409);
    expect(answer.body.error.message).toContain('--clock manual');
    expect((await call(`${url}/__mock/journal`, 'GET')).body.enabled).toBe(false);
    run.process.kill('SIGTERM');
    await run.exit;
  });

  it('usage errors exit 2', async () => {
    for (const [args, words] of [
      [['--clock', 'fast'], '--clock: expected manual or realtime, got "fast"'],
      [['--control-token', ' '], '--control-token: expected a non-empty token'],
      [['--journal-limit', '1.5'], '--journal-limit: expected a whole number >= 0, got "1.5"'],
    ] as const) {
      const run = runCli(['serve', '--port', '0', ...args]);
      runs.push(run);
      const { code } = await run.exit;
      expect(code).toBe(2);
      expect(run.stderr()).toContain(`[linkedapi-mock] ${words}`);
    }
  });

  it('lists the options in --help', async () => {
    const run = runCli(['--help']);
    await run.exit;
    for (const words of ['--clock realtime|manual', '--control-token T', 'x-mock-control-token', '--journal-limit N']) {
      expect(run.stdout()).toContain(words);
    }
  });
});
