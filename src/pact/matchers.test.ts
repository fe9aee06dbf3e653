import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pactTemplate } from './matchers.js';

// The facts read through zod's public API: which string and number types count, and where a regex or a list's
// minimum length comes from (the schema's JSON Schema, also for a schema registered with an id).
describe('pactTemplate reads schemas through the public zod API', () => {
  it('keeps the regex and the minimum length of schemas that carry an id', () => {
    const Code = z
      .string()
      .regex(/^c-\d+$/)
      .meta({ id: 'MatchersTestCode' });
    const schema = z
      .array(z.object({ code: Code }))
      .min(1)
      .meta({ id: 'MatchersTestCodes' });
    expect(pactTemplate(schema, [{ code: 'c-1' }])).toEqual({
      'pact:matcher:type': 'type',
      min: 1,
      value: [{ code: { 'pact:matcher:type': 'regex', regex: String.raw`^c-\d+$`, value: 'c-1' } }],
    });
  });

  it('matches string and number types, not refinements or a format’s own pattern', () => {
    const schema = z.object({
      id: z.guid(),
      link: z.string().url(),
      mail: z.email(),
      prefixed: z.string().startsWith('x'),
      count: z.int(),
      ratio: z.number().int(),
    });
    const example = {
      id: 'e1b8948c-2353-424d-aff9-95db0879350e',
      link: 'http://h/x',
      mail: 'a@b.co',
      prefixed: 'xy',
      count: 1,
      ratio: 2,
    };
    expect(pactTemplate(schema, example)).toEqual({
      id: expect.objectContaining({ 'pact:matcher:type': 'regex', value: example.id }),
      link: { 'pact:matcher:type': 'type', value: example.link },
      mail: { 'pact:matcher:type': 'type', value: example.mail },
      prefixed: { 'pact:matcher:type': 'type', value: example.prefixed },
      count: { 'pact:matcher:type': 'integer', value: 1 },
      ratio: { 'pact:matcher:type': 'number', value: 2 },
    });
  });
});
