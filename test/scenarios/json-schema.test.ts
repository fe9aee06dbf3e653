import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Scenario } from '../../src/contracts/mock/scenario.js';
import { SCENARIO_JSON_SCHEMA_FILE, scenarioJsonSchema } from '../../src/scenarios/json-schema.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
type JsonSchema = Record<string, unknown>;

/** Every node of a JSON Schema, with its JSON pointer. */
function* nodes(schema: unknown, pointer = ''): Generator<[string, JsonSchema]> {
  if (schema === null || typeof schema !== 'object') return;
  if (!Array.isArray(schema)) yield [pointer, schema as JsonSchema];
  for (const [key, value] of Object.entries(schema)) yield* nodes(value, `${pointer}/${key}`);
}

describe('scenario.schema.json', () => {
  const generated = scenarioJsonSchema();

  it('is the committed file, generated from the zod Scenario', () => {
    expect(existsSync(SCENARIO_JSON_SCHEMA_FILE), 'scenario.schema.json is missing: run npm run generate').toBe(true);
    const committed: unknown = JSON.parse(readFileSync(SCENARIO_JSON_SCHEMA_FILE, 'utf8'));
    expect(committed, 'scenario.schema.json differs from the schema: run npm run generate').toEqual(generated);
  });

  it('is draft-07 with a title, and lists exactly the keys of the format at the top level', () => {
    expect(generated.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(generated.title).toBe('linkedapi-mock scenario');
    expect(generated.type).toBe('object');
    expect(generated.additionalProperties).toBe(false);
    expect(Object.keys(generated.properties as object)).toEqual(Object.keys(Scenario.shape));
    expect(Object.keys(generated.properties as object)).toContain('$schema'); // editors' reference is allowed
    // Input side: keys with defaults are optional, so nothing at the top level is required.
    expect(generated.required).toBeUndefined();
  });

  it('closes every object (a typo is flagged by the editor too) and carries descriptions', () => {
    const objects = [...nodes(generated)].filter(([, node]) => node.type === 'object');
    expect(objects.length).toBeGreaterThan(10);
    for (const [pointer, node] of objects) expect(node.additionalProperties, pointer).toBe(false);
    const properties = generated.properties as Record<string, JsonSchema>;
    for (const [key, property] of Object.entries(properties)) {
      expect(typeof property.description, `properties.${key}.description`).toBe('string');
    }
  });

  it('gives durations and relative times their patterns, which agree with the zod schema', () => {
    const patterns = new Set(
      [...nodes(generated)].map(([, node]) => node.pattern).filter((p): p is string => typeof p === 'string'),
    );
    const duration = [...patterns].find((p) => p.startsWith('^(\\d'));
    const relative = [...patterns].find((p) => p.startsWith('^\\+'));
    expect(duration).toBeDefined();
    expect(relative).toBeDefined();
    for (const [text, valid] of [
      ['90s', true],
      ['1.5h', true],
      ['250ms', true],
      ['90 s', false],
      ['90', false],
      ['2w', false],
    ] as const) {
      expect(new RegExp(duration as string).test(text), text).toBe(valid);
      expect(new RegExp(relative as string).test(`+${text}`), `+${text}`).toBe(valid);
      const zod = Scenario.safeParse({ faults: [{ delay: text }] });
      expect(zod.success, `zod on ${text}`).toBe(valid);
    }
  });

  it('knows every top-level key of the fixtures', () => {
    const known = Object.keys(generated.properties as object);
    const files = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((name) => /\.(ya?ml|json)$/.test(name)) : [];
    for (const name of files) {
      const data: unknown = parse(readFileSync(`${FIXTURES}${name}`, 'utf8')) ?? {};
      expect(typeof data, name).toBe('object');
      const unknown = Object.keys(data as object).filter((key) => !known.includes(key));
      expect(unknown, `${name}: top-level keys the schema does not know`).toEqual([]);
    }
  });
});
