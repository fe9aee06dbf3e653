import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './blocks.js';

/*
 * Just enough of a shell to read the docs' `sh` blocks: words with single and double quotes, comments, line
 * continuations, and the separators `;`, `&&`, `||`, `|` and `&`.
 */

/** The commands of a shell text, each as its words (quotes removed; `${H[@]}` kept as written). */
export function shellCommands(text: string): string[][] {
  const commands: string[][] = [];
  for (const line of text.replace(/\\\n/g, ' ').split('\n')) {
    let words: string[] = [];
    let word: string | undefined;
    let quote: '"' | "'" | undefined;
    const endWord = () => {
      if (word !== undefined) words.push(word);
      word = undefined;
    };
    const endCommand = () => {
      endWord();
      if (words.length) commands.push(words);
      words = [];
    };
    for (let i = 0; i < line.length; i++) {
      const char = line[i] as string;
      if (quote) {
        if (char === quote) quote = undefined;
        else word = (word ?? '') + char;
      } else if (char === "'" || char === '"') {
        quote = char;
        word ??= '';
      } else if (char === '#' && word === undefined) {
        break;
      } else if (/\s/.test(char)) {
        endWord();
      } else if (';&|'.includes(char)) {
        if (line[i + 1] === char) i++;
        endCommand();
      } else {
        word = (word ?? '') + char;
      }
    }
    if (quote) throw new Error(`an unclosed ${quote} in: ${line}`);
    endCommand();
  }
  return commands;
}

export interface CurlRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * The requests of a walk-through's commands, in order: `NAME=(words…)` defines an array, `"${NAME[@]}"` expands it,
 * `curl` takes `-H`, `-d`, `-X` and a URL. Any other command is returned as `undefined` (the caller checks it).
 */
export function curlRequests(commands: string[][], arrays: Map<string, string[]>): (CurlRequest | string[])[] {
  const out: (CurlRequest | string[])[] = [];
  for (const words of commands) {
    const assignment = /^(\w+)=\((.*)$/.exec(words[0] ?? '');
    if (assignment) {
      const items = [assignment[2] as string, ...words.slice(1)].filter((item) => item !== '');
      const last = items.length - 1;
      if (!items[last]?.endsWith(')')) throw new Error(`an array that does not end with ): ${words.join(' ')}`);
      items[last] = (items[last] as string).slice(0, -1);
      arrays.set(
        assignment[1] as string,
        items.filter((item) => item !== ''),
      );
      continue;
    }
    if (words[0] !== 'curl') {
      out.push(words);
      continue;
    }
    const expanded = words.slice(1).flatMap((word) => {
      const array = /^\$\{(\w+)\[@\]\}$/.exec(word);
      if (!array) return [word];
      const items = arrays.get(array[1] as string);
      if (!items) throw new Error(`curl uses an undefined array ${word}`);
      return items;
    });
    const request: CurlRequest = { method: 'GET', url: '', headers: {} };
    for (let i = 0; i < expanded.length; i++) {
      const word = expanded[i] as string;
      if (word === '-s') continue;
      if (word === '-H') {
        const header = expanded[++i] as string;
        const colon = header.indexOf(':');
        request.headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
      } else if (word === '-d') {
        request.body = expanded[++i] as string;
        if (request.method === 'GET') request.method = 'POST';
      } else if (word === '-X') {
        request.method = expanded[++i] as string;
      } else if (/^https?:\/\//.test(word)) {
        request.url = word;
      } else {
        throw new Error(`a curl option the docs test does not know: ${word}`);
      }
    }
    out.push(request);
  }
  return out;
}

let helpText: string | undefined;
/** `linkedapi-mock --help`, from the built CLI (test/global-setup.ts builds dist/). */
export function cliHelp(): string {
  if (helpText === undefined) {
    const run = spawnSync(process.execPath, [join(ROOT, 'dist/cli/index.js'), '--help'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`linkedapi-mock --help exited ${run.status}: ${run.stderr}`);
    helpText = run.stdout;
  }
  return helpText;
}

function checkCliWords(command: string, args: string[]): string | undefined {
  const help = cliHelp();
  if (!new RegExp(`^\\s+linkedapi-mock ${command} `, 'm').test(help)) return `linkedapi-mock has no command ${command}`;
  for (const arg of args) {
    const flag = /^--[a-z-]+/.exec(arg)?.[0];
    if (flag && !new RegExp(`^\\s+${flag}\\b`, 'm').test(help)) return `linkedapi-mock --help lists no ${flag}`;
    if (!flag && /^(fixtures|examples|docs|src)\//.test(arg) && !existsSync(join(ROOT, arg))) return `no file ${arg}`;
  }
  return undefined;
}

/**
 * Why a command of a docs `sh` block would not work in this repository, or `undefined` if it would: `npm` with a
 * script that exists, `npx linkedapi-mock COMMAND` with options `--help` lists, `npx tsx FILE` and `bash FILE` with
 * files that exist. Leading `NAME=value` assignments are environment variables.
 */
export function commandProblem(words: string[]): string | undefined {
  const rest = words.slice(words.findIndex((word) => !/^[A-Z_]+=/.test(word)));
  const [program, first, ...more] = rest;
  if (program === 'npm') {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: object }).scripts;
    const script = first === 'run' ? more[0] : first;
    const passed = first === 'run' ? more.slice(1) : more;
    if (first === 'ci' || first === 'install') return undefined;
    if (script === undefined || !(script in scripts)) return `package.json has no script ${script}`;
    if (passed[0] !== '--') return passed.length ? `npm ${first} with arguments but no --` : undefined;
    const target = /linkedapi-mock(?:\.js)? (\w+)|dist\/cli\/index\.js (\w+)|src\/cli\/index\.ts (\w+)/.exec(
      (scripts as Record<string, string>)[script] ?? '',
    );
    return target ? checkCliWords(target[1] ?? target[2] ?? (target[3] as string), passed.slice(1)) : undefined;
  }
  if (program === 'npx' && first === 'linkedapi-mock') return checkCliWords(more[0] ?? '', more.slice(1));
  if ((program === 'npx' && first === 'tsx') || program === 'bash') {
    const file = program === 'bash' ? first : more[0];
    return file !== undefined && existsSync(join(ROOT, file)) ? undefined : `no file ${file}`;
  }
  return `a command the docs test cannot check: ${words.join(' ')}`;
}
