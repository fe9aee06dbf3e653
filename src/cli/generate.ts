import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultText, SETTING_ENTRIES, type SettingEntry } from '../contracts/mock/settings.js';
import { SCENARIO_JSON_SCHEMA_FILE, scenarioJsonSchemaText } from '../scenarios/json-schema.js';
import { SCENARIO_REFERENCE_FILE, scenarioReference } from '../scenarios/reference.js';
import { CODE_ONLY_OPTIONS } from '../server/options.js';

/*
 * `npm run generate`: writes every file generated from the schemas: scenario.schema.json, the scenario reference
 * (docs/scenario-reference.md) and the README's options table (between `<!-- options:begin -->` and
 * `<!-- options:end -->`). A test fails when one of them is stale.
 */

export const README_FILE = fileURLToPath(new URL('../../README.md', import.meta.url));
export const OPTIONS_BEGIN = '<!-- options:begin -->';
export const OPTIONS_END = '<!-- options:end -->';

const code = (text: string) => `\`${text}\``;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n/g, ' ');

function defaultCell(entry: SettingEntry): string {
  if (entry.meta.defaultText !== undefined) return entry.meta.defaultText;
  const text = defaultText(entry);
  if (text === undefined) return '';
  const scale = entry.meta.flag?.scale;
  return scale === undefined ? code(text) : `${code(text)} (flag: ${code(String(Number(text) / scale))})`;
}

function row(entry: SettingEntry): string {
  const { flag, inProcess } = entry.meta;
  const flagCell = flag === undefined ? '' : code(flag.arg === undefined ? flag.name : `${flag.name} ${flag.arg}`);
  const unit = flag?.unit === undefined ? '' : `; the flag takes ${flag.unit}`;
  const env = flag?.env === undefined ? '' : `; or set ${code(flag.env)}`;
  const cells = [flagCell, inProcess ?? code(entry.name), defaultCell(entry), `${entry.description}${unit}${env}`];
  return `| ${cells.map(cell).join(' | ')} |`;
}

/**
 * The README's options table: one row per setting of the settings schema (flag, option in code, default,
 * meaning), and the options only code can give.
 */
export function optionsTable(): string {
  const codeOnly = CODE_ONLY_OPTIONS.map(code).join(', ');
  return [
    '| CLI flag | In process | Default | Meaning |',
    '|---|---|---|---|',
    ...SETTING_ENTRIES.map(row),
    '',
    `Only code can give ${codeOnly}, and a \`VirtualClock\` of its own as \`clock\` (see \`MockOptions\`).`,
  ].join('\n');
}

/** `readme` with its options table (between the markers) regenerated. */
export function withOptionsTable(readme: string): string {
  const begin = readme.indexOf(OPTIONS_BEGIN);
  const end = readme.indexOf(OPTIONS_END);
  if (begin < 0 || end < begin) throw new Error(`README.md: no ${OPTIONS_BEGIN} … ${OPTIONS_END} block`);
  return `${readme.slice(0, begin + OPTIONS_BEGIN.length)}\n${optionsTable()}\n${readme.slice(end)}`;
}

/** Every generated file: where it is, and its text as generated now. */
export function generatedFiles(): { file: string; text: () => string }[] {
  return [
    { file: SCENARIO_JSON_SCHEMA_FILE, text: scenarioJsonSchemaText },
    { file: SCENARIO_REFERENCE_FILE, text: scenarioReference },
    { file: README_FILE, text: () => withOptionsTable(readFileSync(README_FILE, 'utf8')) },
  ];
}

// `npm run generate` (tsx src/cli/generate.ts, then biome formats the JSON Schema) writes them all.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const { file, text } of generatedFiles()) {
    writeFileSync(file, text());
    console.log(`[linkedapi-mock] wrote ${file}`);
  }
}
