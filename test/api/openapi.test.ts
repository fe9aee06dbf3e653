import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PersonUrl } from '../../src/contracts/e1/requests.js';
import { FaultRule } from '../../src/contracts/mock/scenario.js';
import { buildOpenApiDocument, openApiText } from '../../src/contracts/openapi.js';
import { scenarioJsonSchemaText } from '../../src/scenarios/json-schema.js';

describe('the OpenAPI document', () => {
  it('is exactly the committed one (a change to it must be deliberate: `npx vitest run test/api -u`)', async () => {
    const document = buildOpenApiDocument();
    // The package version is checked in test/contracts/openapi.test.ts; a release leaves the snapshot alone.
    const unversioned = { ...document, info: { ...document.info, version: '(the package version)' } };
    await expect(openApiText(unversioned, 'json')).toMatchFileSnapshot('./__snapshots__/openapi.json.snap');
  });

  it('leaves zod metadata as it was: the scenario JSON Schema does not change by building it', () => {
    const before = { schema: scenarioJsonSchemaText(), person: PersonUrl.meta(), fault: FaultRule.meta() };
    buildOpenApiDocument();
    expect({ schema: scenarioJsonSchemaText(), person: PersonUrl.meta(), fault: FaultRule.meta() }).toEqual(before);
    expect(z.globalRegistry.get(PersonUrl)?.id).toBeUndefined();
  });
});
