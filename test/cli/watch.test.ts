import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { person, postTo, SYNC, tokens } from '../support/index.js';
import { type CliRun, runCli } from './process.js';

const dir = mkdtempSync(join(tmpdir(), 'linkedapi-mock-watch-'));
const runs: CliRun[] = [];
afterAll(async () => {
  for (const run of runs) if (run.process.exitCode === null && run.process.signalCode === null) run.process.kill();
  await Promise.all(runs.map((run) => run.exit));
  rmSync(dir, { recursive: true, force: true });
});

const accounts = (...ids: string[]) => `accounts:\n${ids.map((id) => `  - identificationToken: ${id}\n`).join('')}`;

describe('serve --scenario FILE --watch', { timeout: 15_000 }, () => {
  it('reloads a changed file, keeps the last good scenario on a broken edit, and stops on SIGTERM', async () => {
    const file = join(dir, 'team.yaml');
    writeFileSync(file, accounts('acc-1', 'acc-2'));
    const run = runCli(['serve', '--port', '0', '--speed', '0', '--scenario', file, '--watch']);
    runs.push(run);
    const started = await run.waitFor('\n');
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+) /.exec(started)?.[1] as string;
    expect(url).toBeDefined();
    const sync = (account: string) =>
      postTo(`${url}${SYNC}`, { standard: [{ person: person('ann') }] }, tokens(account));
    expect((await sync('acc-2')).status).toBe(200);

    // An editor's atomic save: a temporary file renamed over the scenario.
    let from = run.mark();
    writeFileSync(`${file}.tmp`, accounts('acc-1'));
    renameSync(`${file}.tmp`, file);
    await run.waitFor(`[linkedapi-mock] scenario ${file} reloaded: 1 account\n`, from);
    const refused = await sync('acc-2');
    expect(refused.status).toBe(401);
    expect(refused.body.error.errorType).toBe('invalidIdentificationToken');
    expect((await sync('acc-1')).status).toBe(200);

    // A broken edit: the problems are printed, located, and nothing changes.
    from = run.mark();
    writeFileSync(file, `${accounts('acc-1', 'acc-2')}faults:\n  - endpoint: get\n`);
    const output = await run.waitFor(`[linkedapi-mock] scenario ${file}: keeping the last good scenario\n`, from);
    expect(output.slice(from)).toContain(
      `[linkedapi-mock] scenario ${file}:5:5: faults[0]: a fault needs an effect: error, status, reset or delay\n`,
    );
    expect((await sync('acc-2')).status).toBe(401);
    expect((await sync('acc-1')).status).toBe(200);

    // Fixed again: reloaded.
    from = run.mark();
    writeFileSync(file, accounts('acc-1', 'acc-2'));
    await run.waitFor(`[linkedapi-mock] scenario ${file} reloaded: 2 accounts\n`, from);
    expect((await sync('acc-2')).status).toBe(200);

    run.process.kill('SIGTERM');
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(run.stdout().split('\n')).toHaveLength(2); // only the startup line on stdout
  });

  it('--watch without --scenario is a usage error', async () => {
    const run = runCli(['serve', '--port', '0', '--watch']);
    runs.push(run);
    expect(await run.exit).toEqual({ code: 2, signal: null });
    expect(run.stderr()).toContain('[linkedapi-mock] --watch needs --scenario FILE');
    expect(run.stdout()).toBe('');
  });
});
