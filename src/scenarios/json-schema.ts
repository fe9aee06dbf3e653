import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DURATION_PATTERN, Duration, Scenario, When } from '../contracts/mock/scenario.js';

/** Where the generated JSON Schema is committed: the package root, so it ships with the package. */
export const SCENARIO_JSON_SCHEMA_FILE = fileURLToPath(new URL('../../scenario.schema.json', import.meta.url));

type JsonSchema = Record<string, unknown>;

/** Patterns zod cannot derive from refinements: a duration string, and a relative time (`+90s`). */
function addPatterns({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  if (zodSchema === Duration) {
    for (const branch of (jsonSchema.anyOf as JsonSchema[] | undefined) ?? []) {
      if (branch.type === 'string') branch.pattern = DURATION_PATTERN;
    }
  }
  if (zodSchema === When) {
    const { type: _type, ...rest } = jsonSchema;
    for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
    Object.assign(jsonSchema, rest, {
      anyOf: [
        { type: 'string', pattern: `^\\+${DURATION_PATTERN.slice(1)}` },
        { type: 'string', format: 'date-time' },
      ],
    });
  }
}

/**
 * The JSON Schema (draft-07, which editors support best) of scenario files, generated from the zod `Scenario`:
 * the input side, so keys with defaults are optional. Refinements (cross-references, "one trigger per fault")
 * are not expressible in it; `linkedapi-mock validate` checks them.
 *
 * @example
 * writeFileSync('scenario.schema.json', `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
 */
export function scenarioJsonSchema(): JsonSchema {
  const generated = z.toJSONSchema(Scenario, {
    target: 'draft-07',
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => addPatterns(ctx as { zodSchema: unknown; jsonSchema: JsonSchema }),
  }) as JsonSchema;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $comment: 'Generated from src/contracts/mock/scenario.ts by `npm run generate`; do not edit by hand.',
    title: 'linkedapi-mock scenario',
    description:
      'A scenario for linkedapi-mock (YAML or JSON): settings, accounts, persons and their threads, a timeline of ' +
      'events and fault rules. Every key is optional; an empty scenario is the default world.',
    ...rest,
  };
}

/** The file's text: two-space JSON and a final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
