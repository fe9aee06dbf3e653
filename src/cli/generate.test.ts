import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTING_ENTRIES } from '../contracts/mock/settings.js';
import { generatedFiles, OPTIONS_BEGIN, OPTIONS_END, optionsTable, README_FILE, withOptionsTable } from './generate.js';

const STALE = 'is stale: run npm run generate';

describe('generated files (npm run generate)', () => {
  it.each(generatedFiles().map(({ file, text }) => [file.replace(/^.*\/(?=[^/]+\/[^/]+$)/, ''), file, text] as const))(
    '%s is as generated from the schemas',
    (_name, file, text) => {
      const committed = readFileSync(file, 'utf8');
      // biome formats the JSON Schema after it is written: compared as data.
      if (file.endsWith('.json')) expect(JSON.parse(committed), `${file} ${STALE}`).toEqual(JSON.parse(text()));
      else expect(committed === text(), `${file} ${STALE}`).toBe(true);
    },
  );
});

describe("the README's options table", () => {
  const table = optionsTable();

  it('has one row per setting, each with a meaning, then the options only code gives', () => {
    const rows = table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| CLI flag'));
    expect(rows).toHaveLength(SETTING_ENTRIES.length);
    for (const row of rows) expect(row, row).toMatch(/ \| [^|]{10,}[^ |] \|$/);
    expect(table).toContain('| `--long-poll-timeout S` | `longPollTimeoutMs` | `120000` (flag: `120`) |');
    expect(table).toContain('| `--clock realtime\\|manual` | `clock` | `realtime` |');
    expect(table).toContain('Only code can give `sendWebhook`, `newResultId`, `onSelfCheckFailure`');
  });

  it('lives between the markers, once; regenerating replaces only what is between them', () => {
    const readme = readFileSync(README_FILE, 'utf8');
    expect(readme.split(OPTIONS_BEGIN)).toHaveLength(2);
    expect(readme.split(OPTIONS_END)).toHaveLength(2);
    const stale = `before\n${OPTIONS_BEGIN}\n| old | table |\n${OPTIONS_END}\nafter\n`;
    expect(withOptionsTable(stale)).toBe(`before\n${OPTIONS_BEGIN}\n${table}\n${OPTIONS_END}\nafter\n`);
    expect(() => withOptionsTable('no markers')).toThrow('README.md: no <!-- options:begin -->');
  });
});
