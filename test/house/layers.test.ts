import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEPCRUISE = join(ROOT, 'node_modules/.bin/depcruise');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs the project's layer rules over a tree of `files` (path → text) and returns the exit code and output. */
function cruise(files: Record<string, string>, targets: string[]): Promise<{ code: number; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'layers-'));
  dirs.push(dir);
  const tree = { 'tsconfig.json': '{"compilerOptions":{"module":"NodeNext","moduleResolution":"NodeNext"}}', ...files };
  for (const [path, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return new Promise((resolve) => {
    execFile(DEPCRUISE, [...targets, '--config', CONFIG, '--output-type', 'err-long'], { cwd: dir }, (error, stdout) =>
      resolve({ code: error ? (error.code as number) : 0, out: stdout }),
    );
  });
}

describe('the layer rules (npm run lint:deps)', () => {
  it('pass a tree whose imports point down the stack', async () => {
    const result = await cruise(
      {
        'src/core/clock.ts': 'export const now = 1;\n',
        'src/world/world.ts': "import { now } from '../core/clock.js';\nexport const t = now;\n",
        'src/server/app.ts': "import { t } from '../world/world.js';\nexport const a = t;\n",
      },
      ['src'],
    );
    expect(result.out).toContain('no dependency violations');
    expect(result.code).toBe(0);
  });

  it('fail a wrong-way import, naming the rule and how to fix it', async () => {
    const result = await cruise(
      {
        'src/server/options.ts': 'export type Options = { seed: number };\n',
        'src/scenarios/compile.ts': "import type { Options } from '../server/options.js';\nexport type O = Options;\n",
      },
      ['src'],
    );
    expect(result.code).not.toBe(0);
    expect(result.out).toContain('layer-scenarios: src/scenarios/compile.ts → src/server/options.ts');
    expect(result.out).toContain('Move the shared piece down');
  });

  it('fail the world importing HTTP, and a run-time cycle in built code', async () => {
    const result = await cruise(
      {
        'src/world/world.ts': "import { Hono } from 'hono';\nexport const app = new Hono();\n",
        'dist/server/a.js': "import { b } from './b.js';\nexport const a = () => b;\n",
        'dist/server/b.js': "import { a } from './a.js';\nexport const b = () => a;\n",
        'node_modules/hono/package.json': '{"name":"hono","main":"index.js"}',
        'node_modules/hono/index.js': 'exports.Hono = class {};\n',
      },
      ['src', 'dist'],
    );
    expect(result.out).toContain('world-no-http: src/world/world.ts → node_modules/hono/index.js');
    expect(result.out).toContain('no-runtime-cycle: dist/server/a.js');
  });

  it('fail a value import of the contracts in the built world', async () => {
    const result = await cruise(
      {
        'dist/contracts/e1/requests.js': "export const CHANNELS = ['standard'];\n",
        'dist/world/world.js': "import { CHANNELS } from '../contracts/e1/requests.js';\nexport const c = CHANNELS;\n",
      },
      ['dist'],
    );
    expect(result.out).toContain('world-no-runtime-contracts: dist/world/world.js → dist/contracts/e1/requests.js');
  });
});
