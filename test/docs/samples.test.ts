import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allBlocks, blockFileName, type DocBlock, ROOT, scratchDir, where, writeSample } from './blocks.js';
import { CHECKS, README_TEST_CHECKS } from './checks.js';
import { commandProblem, shellCommands } from './shell.js';

/*
 * Every fenced block of the README and docs/ is run or checked (docs/development.md, "How the docs are tested"):
 * ts blocks are typechecked and run, yaml blocks validated, sh blocks' commands checked, any other block checked by
 * the check its marker names, unless a marker says why not.
 */

const blocks = allBlocks();
const samplesDir = scratchDir('docs');
const tsBlocks = blocks.filter((block) => block.lang === 'ts');
const samples = tsBlocks.map((block) => ({ block, file: writeSample(samplesDir, block) }));
const marked = (block: DocBlock) => block.marker?.kind;
const importsVitest = (block: DocBlock) => /from 'vitest'/.test(block.text);
/** Run here: ts blocks with no marker. (Those marked `check:` are run by their check, `typecheck-only:` never.) */
const runHere = samples.filter(({ block }) => marked(block) === undefined);
const knownChecks = new Set<string>([...Object.keys(CHECKS), ...README_TEST_CHECKS]);

/** How a block is run or checked, or why it is neither. */
function howChecked(block: DocBlock): string {
  const marker = block.marker;
  if (marker?.kind === 'not-run' || marker?.kind === 'typecheck-only') {
    if (marker.value === '') throw new Error(`${where(block)}: a ${marker.kind} marker needs a reason`);
    if (marker.kind === 'typecheck-only' && block.lang !== 'ts') {
      throw new Error(`${where(block)}: typecheck-only is for ts blocks`);
    }
    return marker.kind;
  }
  if (marker?.kind === 'check') {
    if (!knownChecks.has(marker.value)) throw new Error(`${where(block)}: no check named ${marker.value}`);
    return `check ${marker.value}`;
  }
  if (block.lang === 'ts') return 'typechecked and run';
  if (block.lang === 'yaml') return 'validated as a scenario';
  if (block.lang === 'sh') return 'commands checked';
  throw new Error(
    `${where(block)}: a ${block.lang || 'plain'} block that is neither run nor checked: put <!-- check: NAME --> ` +
      '(a check of test/docs/checks.ts) or <!-- not-run: reason --> on the line before it',
  );
}

describe('the code blocks of the README and docs/', () => {
  it('are each run or checked, or say why not', () => {
    expect(blocks.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const block of blocks) {
      try {
        howChecked(block);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    expect(problems).toEqual([]);
    const named = new Set(blocks.flatMap((block) => (block.marker?.kind === 'check' ? [block.marker.value] : [])));
    expect(
      [...knownChecks].filter((name) => !named.has(name)),
      'checks no block uses any more',
    ).toEqual([]);
  });

  it('typecheck as written, linkedapi-mock imports pointed at the source', () => {
    writeFileSync(
      join(samplesDir, 'tsconfig.json'),
      JSON.stringify({ extends: relative(samplesDir, join(ROOT, 'tsconfig.json')), include: ['*.ts'], exclude: [] }),
    );
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const run = spawnSync(process.execPath, [tsc, '--noEmit', '-p', join(samplesDir, 'tsconfig.json')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    // Errors name the generated file: point them back at the page and line in it.
    const pages = new Map(samples.map(({ block }) => [blockFileName(block, 'ts'), block]));
    const output = run.stdout.replace(/[\w./-]*?([\w-]+\.ts)\((\d+),(\d+)\)/g, (found, name: string, line, column) => {
      const block = pages.get(name);
      return block ? `${block.page}:${block.line + Number(line)}:${column}` : found;
    });
    expect(output, 'tsc output').toBe('');
    expect(run.status).toBe(0);
  }, 120_000);

  it('validate as scenarios (yaml)', () => {
    const yaml = blocks.filter((block) => block.lang === 'yaml' && marked(block) === undefined);
    expect(yaml.length).toBeGreaterThan(0);
    const dir = scratchDir('docs-yaml');
    const files = yaml.map((block) => {
      const file = join(dir, blockFileName(block, 'yaml'));
      writeFileSync(file, `${block.text}\n`);
      return file;
    });
    const run = spawnSync(process.execPath, [join(ROOT, 'dist/cli/index.js'), 'validate', ...files], {
      encoding: 'utf8',
    });
    expect(`${run.stdout}${run.stderr}`).not.toContain('✗');
    expect(run.status).toBe(0);
  });

  it('run only npm scripts that exist and linkedapi-mock options that --help lists (sh)', () => {
    const problems: string[] = [];
    for (const block of blocks.filter((b) => b.lang === 'sh')) {
      for (const words of shellCommands(block.text)) {
        // curl and shell arrays are for a named check to replay (the README's walk-through).
        if (marked(block) === 'check' && (words[0] === 'curl' || /^\w+=\(/.test(words[0] ?? ''))) continue;
        const problem = commandProblem(words);
        if (problem) problems.push(`${where(block)}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  for (const [name, check] of Object.entries(CHECKS)) {
    it(`pass the check ${name}`, async () => {
      const named = blocks.filter((block) => block.marker?.kind === 'check' && block.marker.value === name);
      await check(named);
    });
  }

  for (const { block, file } of runHere.filter(({ block }) => !importsVitest(block))) {
    it(`run: ${where(block)} (${block.heading})`, async () => {
      await import(file);
    });
  }
});

// A block that imports vitest is a test module: importing it here registers its tests in this file.
for (const { block, file } of runHere.filter(({ block }) => importsVitest(block))) {
  describe(`${where(block)} (${block.heading})`, async () => {
    await import(file);
  });
}
