import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MockError } from '../core/issue.js';
import { loadScenarioFile, readScenarioFile, readScenarioText, scenarioError } from './load.js';

const dir = mkdtempSync(join(tmpdir(), 'linkedapi-mock-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scenario issues', () => {
  it('carry a code for programs: zod’s, or the loader’s own (syntax, duplicate, unknown_reference, io)', () => {
    const codes = (text: string, format?: 'json') => {
      const read = readScenarioText(text, { format });
      return read.ok ? [] : read.error.map((issue) => `${issue.path} ${issue.code}`);
    };
    expect(codes('seed: x\ncolour: 1\n')).toEqual(['seed invalid_type', 'colour unrecognized_keys']);
    expect(codes('seed: [1\n')).toEqual(['file syntax']);
    expect(codes('{"seed": 1,}', 'json')).toEqual(['file syntax']);
    expect(codes('seed: 1\nseed: 2\n')).toEqual(['seed duplicate']);
    expect(
      codes(
        'accounts:\n  - identificationToken: a\n  - identificationToken: a\nfaults:\n  - { account: b, status: 503 }\n',
      ),
    ).toEqual(['accounts[1].identificationToken duplicate', 'faults[0].account unknown_reference']);
    const missing = readScenarioFile(join(dir, 'nowhere.yaml'));
    expect(!missing.ok && missing.error).toEqual([
      { code: 'io', path: 'file', problem: 'cannot be read (ENOENT)', hint: 'check the path' },
    ]);
  });

  it('loadScenarioFile throws a MockError invalidScenario whose message is what the command line prints', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'speed: fast\n');
    let thrown: unknown;
    try {
      loadScenarioFile(file);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MockError);
    const error = thrown as MockError;
    expect(error.code).toBe('invalidScenario');
    expect(error.details).toEqual({ source: file });
    expect(error.issues).toHaveLength(1);
    expect(error.message).toBe(
      `[linkedapi-mock] scenario ${file}:1:8: speed: expected number, got the string "fast"\n  hint: write a plain number, without quotes or a unit`,
    );
    expect(scenarioError(file, error.issues).message).toBe(error.message);
  });
});
