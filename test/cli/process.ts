import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// dist/cli/index.js is built by test/global-setup.ts when it is older than src/.
const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));

export interface CliRun {
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * Resolves with the output (stdout and stderr together) once `text` appears in it after `from` characters;
   * rejects if the process ends first. Event-driven: no polling, no sleeps.
   */
  waitFor(text: string, from?: number): Promise<string>;
  /** Characters of output so far (stdout and stderr together), to wait for what comes next. */
  mark(): number;
}

/** Runs `node dist/cli/index.js ...args` in `cwd`. */
export function runCli(args: string[], cwd?: string): CliRun {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd });
  let stdout = '';
  let stderr = '';
  let both = '';
  const waiters = new Set<() => void>();
  const collect = (append: (chunk: string) => void) => (chunk: string) => {
    append(chunk);
    both += chunk;
    for (const check of [...waiters]) check();
  };
  child.stdout.setEncoding('utf8').on(
    'data',
    collect((chunk) => {
      stdout += chunk;
    }),
  );
  child.stderr.setEncoding('utf8').on(
    'data',
    collect((chunk) => {
      stderr += chunk;
    }),
  );
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    stdout: () => stdout,
    stderr: () => stderr,
    exit,
    mark: () => both.length,
    waitFor(text, from = 0) {
      return new Promise<string>((resolve, reject) => {
        const check = () => {
          if (!both.slice(from).includes(text)) return;
          waiters.delete(check);
          resolve(both);
        };
        waiters.add(check);
        check();
        void exit.then(({ code, signal }) => {
          if (!waiters.has(check)) return;
          waiters.delete(check);
          reject(new Error(`cli ended (${code ?? signal}) before printing ${JSON.stringify(text)}; output:\n${both}`));
        });
      });
    },
  };
}
