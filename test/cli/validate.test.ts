import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './process.js';

const dir = mkdtempSync(join(tmpdir(), 'linkedapi-mock-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const GOOD = [
  '# yaml-language-server: $schema=./node_modules/linkedapi-mock/scenario.schema.json',
  'seed: 7',
  'accounts:',
  '  - identificationToken: sales-1',
  '  - identificationToken: sales-2',
  'persons:',
  '  - url: https://www.linkedin.com/in/ann',
  'timeline:',
  '  - { at: +90s, type: accountState, account: sales-2, state: signedOut }',
  'faults:',
  '  - { endpoint: get, status: 503, first: 1 }',
  '',
].join('\n');

describe.concurrent('linkedapi-mock validate', { timeout: 15_000 }, () => {
  it('valid files: exit 0, a check mark and what each holds; a folder stands for its scenario files', async () => {
    const good = file('good.yaml', GOOD);
    const empty = file('empty.yaml', '');
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    writeFileSync(join(folder, 'b.yml'), 'seed: 1\n');
    writeFileSync(join(folder, 'a.json'), '{}');
    writeFileSync(join(folder, 'notes.txt'), 'not a scenario');
    const run = runCli(['validate', good, empty, folder]);
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toBe(
      [
        `✓ ${good}: 2 accounts, 1 person, 1 timeline event, 1 fault; sets seed`,
        `✓ ${empty}: the default world`,
        `✓ ${join(folder, 'a.json')}: the default world`,
        `✓ ${join(folder, 'b.yml')}: the default world; sets seed`,
        '',
      ].join('\n'),
    );
    expect(run.stderr()).toBe('');
  });

  it('several files with problems: exit 1, every problem as FILE:LINE:COL with its hint', async () => {
    const good = file('fine.yaml', GOOD);
    const yaml = file(
      'typos.yaml',
      'seed: 7\naccount: []\ntimeline:\n  - { at: "+90", type: personDisappears, person: https://www.linkedin.com/in/ann }\n',
    );
    const json = file('comma.json', '{\n  "seed": 1,\n}\n');
    const run = runCli(['validate', yaml, good, json]);
    expect(await run.exit).toEqual({ code: 1, signal: null });
    expect(run.stdout()).toBe(
      [
        `✗ ${yaml}: 2 problems`,
        `[linkedapi-mock] scenario ${yaml}:2:1: account: unknown key`,
        '  hint: did you mean "accounts"?',
        `[linkedapi-mock] scenario ${yaml}:4:11: timeline[0].at: expected a relative time such as +90s, +5m or +1h, or an ISO 8601 date-time with a time zone such as 2024-06-03T09:30:00Z`,
        '  hint: add a unit: "+90s" (a number and a unit with no space: ms, s, m, h or d)',
        `✓ ${good}: 2 accounts, 1 person, 1 timeline event, 1 fault; sets seed`,
        `✗ ${json}: 1 problem`,
        `[linkedapi-mock] scenario ${json}:2:12: file: is not valid JSON: a trailing comma before }`,
        '  hint: remove the comma: JSON allows none after the last item',
        '[linkedapi-mock] 2 of 3 scenario files have problems: fix them and run validate again',
        '',
      ].join('\n'),
    );
  });

  it('--json prints the problems as data', async () => {
    const yaml = file('json-out.yaml', 'speed: fast\n');
    const missing = join(dir, 'nowhere.yaml');
    const run = runCli(['validate', '--json', yaml, missing]);
    expect(await run.exit).toEqual({ code: 1, signal: null });
    expect(JSON.parse(run.stdout())).toEqual([
      {
        file: yaml,
        path: 'speed',
        problem: 'expected number, got the string "fast"',
        line: 1,
        column: 8,
        hint: 'write a plain number, without quotes or a unit',
      },
      { file: missing, path: 'file', problem: 'cannot be read (ENOENT)', hint: 'check the path' },
    ]);
  });

  it.each([
    [[], 'validate needs at least one scenario file'],
    [['--strict', 'x.yaml'], "Unknown option '--strict'"],
  ])('usage error %j: exit 2 and %s', async (args, message) => {
    const run = runCli(['validate', ...args]);
    expect(await run.exit).toEqual({ code: 2, signal: null });
    expect(run.stderr()).toContain(`[linkedapi-mock] ${message}`);
    expect(run.stderr()).toContain('linkedapi-mock --help');
    expect(run.stdout()).toBe('');
  });
});
