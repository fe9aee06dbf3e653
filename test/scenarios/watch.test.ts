import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/contracts/mock/scenario.js';
import { reloadOnChange } from '../../src/scenarios/watch.js';

const dir = mkdtempSync(join(tmpdir(), 'linkedapi-mock-watch-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A log that resolves `next()` with each line as it comes. */
function lines() {
  const seen: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  return {
    log: (line: string) => {
      const resolve = waiting.shift();
      if (resolve) resolve(line);
      else seen.push(line);
    },
    next: () => {
      const line = seen.shift();
      return line !== undefined ? Promise.resolve(line) : new Promise<string>((resolve) => waiting.push(resolve));
    },
  };
}

describe('reloadOnChange', () => {
  it('loads each changed version, reports a refused load and a removed file, and stops when closed', async () => {
    const file = join(dir, 'scenario.json');
    writeFileSync(file, '{}');
    const loaded: Scenario[] = [];
    const mock = {
      loadScenario(scenario: Scenario) {
        if (scenario.seed === 13) throw new RangeError('[linkedapi-mock] seed: unlucky');
        loaded.push(scenario);
      },
    };
    const { log, next } = lines();
    const watcher = reloadOnChange(mock, file, log, { debounceMs: 10 });
    try {
      writeFileSync(file, '{"seed": 2}');
      expect(await next()).toBe(`[linkedapi-mock] scenario ${file} reloaded: the default world; sets seed`);
      expect(loaded.map((scenario) => scenario.seed)).toEqual([2]);

      writeFileSync(file, '{"seed": 13}');
      expect(await next()).toBe('[linkedapi-mock] seed: unlucky');
      expect(await next()).toBe(`[linkedapi-mock] scenario ${file}: keeping the last good scenario`);

      writeFileSync(file, '{"seed": 3,}'); // a .json file is held to strict JSON
      expect(await next()).toBe(
        `[linkedapi-mock] scenario ${file}:1:11: file: is not valid JSON: a trailing comma before }\n` +
          '  hint: remove the comma: JSON allows none after the last item',
      );
      expect(await next()).toBe(`[linkedapi-mock] scenario ${file}: keeping the last good scenario`);

      unlinkSync(file);
      expect(await next()).toBe(
        `[linkedapi-mock] scenario ${file}: file: cannot be read (it was removed or renamed)\n  hint: save it again`,
      );
      expect(await next()).toBe(`[linkedapi-mock] scenario ${file}: keeping the last good scenario`);

      writeFileSync(file, '{"seed": 4}');
      expect(await next()).toBe(`[linkedapi-mock] scenario ${file} reloaded: the default world; sets seed`);
      expect(loaded.map((scenario) => scenario.seed)).toEqual([2, 4]);
    } finally {
      watcher.close();
      watcher.close(); // idempotent
    }
  });
});
