import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatLocated, type Issue } from '../core/issue.js';
import { EXIT } from './exit.js';
import { parseOrReport, usageError } from './usage.js';

const SCENARIO_FILE = /\.(ya?ml|json)$/i;

/** The files to check: each argument, or the scenario files (.yaml, .yml, .json) of a folder. */
function expand(paths: string[]): string[] {
  return paths.flatMap((path) => {
    const isFolder = (() => {
      try {
        return statSync(path).isDirectory();
      } catch {
        return false; // reported as "cannot be read" by the check
      }
    })();
    if (!isFolder) return [path];
    const files = readdirSync(path)
      .filter((name) => SCENARIO_FILE.test(name))
      .sort()
      .map((name) => join(path, name));
    if (files.length === 0) throw usageError(`${path} holds no .yaml, .yml or .json file`);
    return files;
  });
}

function validateOptions(args: string[]): { files: string[]; json: boolean } {
  // An unknown option throws ERR_PARSE_ARGS_*, which the CLI reports as a usage error (exit 2).
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { json: { type: 'boolean' } },
  });
  if (positionals.length === 0) throw usageError('validate needs at least one scenario file');
  return { files: expand(positionals), json: values.json === true };
}

/**
 * `linkedapi-mock validate FILE...`: checks scenario files (a folder stands for its .yaml, .yml and .json files).
 * Prints `✓ FILE: summary` for each good file and every problem of the others, located and with a hint; with
 * `--json`, prints the problems as a JSON array of `{file, path, problem, line, column, hint}` instead.
 * Exit code 0: all valid, 1: a problem, 2: usage error.
 *
 * @example
 * await run(['fixtures/slow-sync.yaml', 'my-scenario.json']);
 */
export async function run(args: string[]): Promise<void> {
  const options = parseOrReport(() => validateOptions(args));
  if (options === undefined) return;
  // Loaded after the options are checked, so a usage error is instant.
  const { readScenarioFile } = await import('../scenarios/load.js');
  const { summarizeScenario } = await import('../scenarios/summary.js');
  const problems: ReturnType<typeof asJson>[] = [];
  const lines: string[] = [];
  let failed = 0;
  for (const file of options.files) {
    const read = readScenarioFile(file);
    if (read.ok) {
      lines.push(`✓ ${file}: ${summarizeScenario(read.value)}`);
      continue;
    }
    failed++;
    const count = read.error.length;
    lines.push(`✗ ${file}: ${count} problem${count === 1 ? '' : 's'}`, formatLocated('scenario', file, read.error));
    problems.push(...read.error.map((issue) => asJson(file, issue)));
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(problems, null, 2)}\n`);
  } else {
    if (failed > 0) {
      const total = options.files.length;
      lines.push(
        `[linkedapi-mock] ${failed} of ${total} scenario file${total === 1 ? '' : 's'} ` +
          `${failed === 1 ? 'has' : 'have'} problems: fix them and run validate again`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  process.exitCode = failed > 0 ? EXIT.failed : EXIT.ok;
}

/** One problem of one file as `validate --json` prints it: `{file, path, problem, line, column, hint}`. */
function asJson(file: string, { path, problem, line, column, hint }: Issue) {
  return { file, path, problem, line, column, hint };
}
