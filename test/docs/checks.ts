import { spawnSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { formatSummary, runConformance } from '../../src/conformance/index.js';
import { createTestMock } from '../../src/testing/index.js';
import { type DocBlock, ROOT, scratchDir, where } from './blocks.js';
import { shellCommands } from './shell.js';

/*
 * The named checks of docs blocks that are neither run (ts) nor validated (yaml) nor plain commands (sh): a block
 * marked `<!-- check: NAME -->` is handed to CHECKS[NAME] with the other blocks of that name, in page order.
 */

/** Checks run by test/docs/readme.test.ts (the README's walk-through and the two samples it runs). */
export const README_TEST_CHECKS = ['walk-through', 'in-process', 'sdk'] as const;

const only = (blocks: DocBlock[], lang: string, name: string): DocBlock => {
  const found = blocks.filter((block) => block.lang === lang);
  expect(found, `one ${lang} block marked check: ${name}`).toHaveLength(1);
  return found[0] as DocBlock;
};

/** `validate` run as the docs show it, on the file they show, prints what they show. */
async function validateExample(blocks: DocBlock[]): Promise<void> {
  const file = only(blocks, 'yaml', 'validate-example');
  const [command, ...others] = shellCommands(only(blocks, 'sh', 'validate-example').text);
  expect(others, 'one command').toEqual([]);
  expect(command?.slice(0, 3)).toEqual(['npx', 'linkedapi-mock', 'validate']);
  const args = (command as string[]).slice(3);
  const written = args.filter((arg) => !arg.startsWith('fixtures/') && !arg.startsWith('-'));
  expect(written, 'the command names the file the docs show').toHaveLength(1);
  const dir = scratchDir('docs-validate');
  writeFileSync(join(dir, written[0] as string), `${file.text}\n`);
  symlinkSync(join(ROOT, 'fixtures'), join(dir, 'fixtures'));
  const cli = join(ROOT, 'dist/cli/index.js');
  const quoted = args.map((arg) => `'${arg}'`).join(' ');
  const run = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" validate ${quoted} 2>&1`], {
    cwd: dir,
    encoding: 'utf8',
  });
  expect(run.status).toBe(1);
  expect(run.stdout.trimEnd()).toBe(only(blocks, 'text', 'validate-example').text);
}

/** The lines of `verify`'s output name real checks with their real basis; the summary has the real counts. */
async function verifyOutput(blocks: DocBlock[]): Promise<void> {
  const output = only(blocks, 'text', 'verify-output');
  const mock = createTestMock({ speed: 0 });
  const report = await runConformance({
    baseUrl: 'http://127.0.0.1:4010',
    accountApiToken: 't',
    identificationToken: 'verify-1',
    fetch: (url, init) => mock.fetch(url, init),
  });
  expect(report.failed, 'the mock passes its own checks').toBe(0);
  const basis = new Map(report.results.map((result) => [result.name, result.basis]));
  const lines = output.text.split('\n');
  for (const line of lines.slice(0, -1)) {
    if (line === '…') continue;
    const check = /^(✓|✗) ([a-z0-9-]+) \(([a-z ]+)\)(?: \d+ ms|: .+)$/.exec(line);
    expect(check, `${where(output)}: a line of verify's format: ${line}`).not.toBeNull();
    expect(basis.get(check?.[2] as string), `${where(output)}: ${line}`).toBe(check?.[3]);
  }
  const summary = /^(\d+) passed, (\d+) failed, (\d+) skipped; \d+ requests$/.exec(lines.at(-1) as string);
  expect(summary, `${where(output)}: the summary line`).not.toBeNull();
  const [passed, failed, skipped] = (summary as RegExpExecArray).slice(1).map(Number) as [number, number, number];
  expect(passed + failed + skipped, 'as many checks as verify runs').toBe(report.results.length);
  expect(lines.at(-1)).toBe(formatSummary({ ...report, passed, failed, skipped }));
}

/** The control API's error envelope is the one the mock sends for a bad duration. */
async function controlError(blocks: DocBlock[]): Promise<void> {
  const shown = JSON.parse(only(blocks, 'json', 'control-error').text) as { error: { issues: { path: string }[] } };
  const mock = createTestMock();
  const answer = await mock.fetch('/__mock/clock/advance', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ by: 'soon' }),
  });
  expect(answer.status).toBe(400);
  expect(await answer.json()).toEqual(shown);
}

/** The journal entry shown is the one the mock records for the request it describes. */
async function journalEntry(blocks: DocBlock[]): Promise<void> {
  const shown = JSON.parse(only(blocks, 'json', 'journal-entry').text) as Record<string, unknown> & {
    headers: Record<string, string>;
    body: unknown;
  };
  /** A token that the journal shows as `shown`: `api-…(27)` → `api-` and 23 more characters. */
  const tokenShownAs = (redacted: string) => {
    const [, start, length] = /^(.*)…\((\d+)\)$/.exec(redacted) as RegExpExecArray;
    return (start as string).padEnd(Number(length), 'x');
  };
  const mock = createTestMock({ startTime: shown.startedAt as string });
  const headers = Object.fromEntries(
    Object.entries(shown.headers).map(([name, value]) => [name, name.endsWith('-token') ? tokenShownAs(value) : value]),
  );
  await mock.fetch(shown.path as string, {
    method: shown.method as string,
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(shown.body),
  });
  const journal = (await (await mock.fetch('/__mock/journal')).json()) as { entries: unknown[] };
  expect(journal.entries).toEqual([{ ...shown, realMs: expect.any(Number) }]);
}

export const CHECKS: Record<string, (blocks: DocBlock[]) => Promise<void>> = {
  'validate-example': validateExample,
  'verify-output': verifyOutput,
  'control-error': controlError,
  'journal-entry': journalEntry,
};
