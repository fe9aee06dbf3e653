import { type FSWatcher, readFileSync, watch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Scenario } from '../contracts/mock/scenario.js';
import { fail, formatLocated, type Result } from '../core/issue.js';
import { formatOf, readScenarioText } from './load.js';
import { summarizeScenario } from './summary.js';

/** A file being watched; `close()` stops it (idempotent). */
export interface ScenarioWatcher {
  close(): void;
}

export interface WatchOptions {
  /** Quiet time after the last change before the file is read again. Default 100 ms (real time: this is I/O). */
  debounceMs?: number;
}

/**
 * Watches a scenario file and calls `onChange` with the checked result after each change that alters its text.
 * Watches the file's folder, not the file, so editors' atomic saves (write a temporary file, rename it over the
 * old one) keep being seen. A file that cannot be read gives a result with the problem.
 *
 * @example
 * const watcher = watchScenarioFile('scenario.yaml', (read) => {
 *   if (read.ok) mock.loadScenario(read.value);
 * });
 * // later: watcher.close();
 */
export function watchScenarioFile(
  file: string,
  onChange: (read: Result<Scenario>) => void,
  options: WatchOptions = {},
): ScenarioWatcher {
  const path = resolve(file);
  const name = basename(path);
  const debounceMs = options.debounceMs ?? 100;
  const read = (): string | undefined => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  let lastText = read();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const reload = () => {
    timer = undefined;
    if (closed) return;
    const text = read();
    if (text === lastText) return; // a save that changed nothing, or a second event of one save
    lastText = text;
    if (text === undefined) {
      onChange(
        fail([
          { code: 'io', path: 'file', problem: 'cannot be read (it was removed or renamed)', hint: 'save it again' },
        ]),
      );
      return;
    }
    onChange(readScenarioText(text, { format: formatOf(name) }));
  };
  const watcher: FSWatcher = watch(dirname(path), (_event, changed) => {
    // Some platforms do not name the file: then any change in the folder is a candidate.
    if (closed || (changed !== null && changed !== name)) return;
    clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  });
  watcher.on('error', () => undefined); // the folder went away: nothing more to watch, the server keeps running
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher.close();
    },
  };
}

/** What `reloadOnChange` needs of a mock: `createMockServer` and `startMock` results have it. */
export interface ReloadableMock {
  loadScenario(scenario: Scenario): void;
}

/**
 * `serve --scenario FILE --watch`: reloads the mock's scenario after each change of the file. A valid file
 * replaces the scenario (and resets the world state); an invalid one prints its problems and changes nothing.
 * Messages go to `log` (default: stderr), one `[linkedapi-mock]` line each.
 *
 * @example
 * const watcher = reloadOnChange(mock, 'scenario.yaml');
 * process.once('SIGTERM', () => watcher.close());
 */
export function reloadOnChange(
  mock: ReloadableMock,
  file: string,
  log: (line: string) => void = (line) => console.error(line),
  options: WatchOptions = {},
): ScenarioWatcher {
  const keep = `[linkedapi-mock] scenario ${file}: keeping the last good scenario`;
  return watchScenarioFile(
    file,
    (read) => {
      if (!read.ok) {
        log(formatLocated('scenario', file, read.error));
        log(keep);
        return;
      }
      try {
        mock.loadScenario(read.value);
      } catch (error) {
        // Whatever the load refuses (a MockError naming the problem) is printed; the running server never stops.
        log(error instanceof Error ? error.message : String(error));
        log(keep);
        return;
      }
      log(`[linkedapi-mock] scenario ${file} reloaded: ${summarizeScenario(read.value)}`);
    },
    options,
  );
}
