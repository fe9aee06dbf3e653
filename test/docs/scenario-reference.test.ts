import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIO_REFERENCE_FILE, scenarioReference } from '../../src/scenarios/reference.js';

const HINT = '[linkedapi-mock] docs/scenario-reference.md is stale: run npm run generate';

describe('docs/scenario-reference.md', () => {
  const generated = scenarioReference();

  it('is the reference generated from the schema', () => {
    const committed = readFileSync(SCENARIO_REFERENCE_FILE, 'utf8');
    expect(committed === generated, HINT).toBe(true);
  });

  it('gives every key a type and a meaning, and every link a heading', () => {
    const rows = generated.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.length).toBeGreaterThan(50);
    const undocumented = rows.filter((row) => row.endsWith('|  |'));
    expect(
      undocumented,
      'describe these keys in src/contracts/mock/scenario.ts (settings: src/contracts/mock/settings.ts)',
    ).toEqual([]);
    const anchors = new Set(
      generated
        .split('\n')
        .filter((line) => line.startsWith('### '))
        .map((line) =>
          line
            .slice(4)
            .toLowerCase()
            .replace(/[^\p{L}\p{N} _-]/gu, '')
            .replace(/ /g, '-'),
        ),
    );
    const links = [...generated.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]);
    expect(links.length).toBeGreaterThan(20);
    expect(links.filter((target) => !anchors.has(target as string))).toEqual([]);
  });

  it('lists every object of the format, the three timeline events and the shared thread once', () => {
    const headings = generated.split('\n').filter((line) => line.startsWith('### '));
    expect(headings).toEqual([
      '### duration',
      '### time',
      '### date-time',
      '### person URL',
      '### Top level',
      '### `latency`',
      '### `accounts[]`',
      '### `persons[]`',
      '### `persons[].standard`, `persons[].salesNavigator`',
      '### `persons[].standard.messages[]`, `persons[].salesNavigator.messages[]`',
      '### `persons[].standard.generate`, `persons[].salesNavigator.generate`',
      '### `timeline[]` with `type: message`',
      '### `timeline[].repeat`',
      '### `timeline[]` with `type: accountState`',
      '### `timeline[]` with `type: personDisappears`',
      '### `faults[]`',
    ]);
    expect(generated).toContain(
      "| `within` | [duration](#duration) | `90d` | Spread over this long before the clock's start. |",
    );
    expect(generated).toContain('| `seed` | integer | `1` |');
    expect(generated).toContain('| `identificationToken` | text (not empty) | **required** |');
  });
});
