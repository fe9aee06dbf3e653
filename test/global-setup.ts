import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli', 'index.js');

/** Latest modification time of the build's inputs: every file under src/ and the configs. */
function newestInput(): number {
  let newest = 0;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  visit(join(root, 'src'));
  for (const file of ['tsconfig.json', 'tsconfig.build.json', 'package.json']) {
    newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/ (which the tests under test/cli run as a child process) when it is missing or older than src/.
 * A type error does not stop the emit; the typecheck step of `npm test` reports it.
 */
export default function setup(): void {
  if (existsSync(cli) && statSync(cli).mtimeMs >= newestInput()) return;
  try {
    execFileSync(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
  } catch (error) {
    if (!existsSync(cli)) throw error;
    console.warn('[global-setup] tsc reported errors; dist/ was emitted anyway, the CLI tests run against it');
  }
}
