import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GetComplete } from '../../src/contracts/e1/responses.js';
import { e1ErrorEnvelope, ProcessingAccepted } from '../../src/contracts/e1/routes.js';
import { pactTemplate } from '../../src/pact/matchers.js';

const message = {
  id: 'e1b8948c-2353-424d-aff9-95db0879350e',
  sender: 'them',
  text: 'Could you share a bit more?',
  time: '2024-05-21T14:38:47Z',
};
const jane = 'https://www.linkedin.com/in/jane-doe';

describe('pactTemplate: Pact matchers derived from a contract schema and an example', () => {
  it('matches messages by type, ids as UUIDs, times by the MessageTime pattern; envelopes stay exact', () => {
    const example = {
      status: 'complete',
      completion: {
        standard: [{ person: jane, result: { success: true, data: { total: 1, messages: [message] } } }],
        salesNavigator: [],
      },
    };
    expect(pactTemplate(GetComplete, example)).toEqual({
      status: 'complete',
      completion: {
        standard: [
          {
            person: { 'pact:matcher:type': 'type', value: jane },
            result: {
              success: true,
              data: {
                total: { 'pact:matcher:type': 'integer', value: 1 },
                messages: {
                  'pact:matcher:type': 'type',
                  min: 0,
                  value: [
                    {
                      id: {
                        'pact:matcher:type': 'regex',
                        regex: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
                        value: message.id,
                      },
                      sender: { 'pact:matcher:type': 'regex', regex: '^(us|them)$', value: 'them' },
                      text: { 'pact:matcher:type': 'type', value: message.text },
                      time: {
                        'pact:matcher:type': 'regex',
                        regex: String.raw`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`,
                        value: message.time,
                      },
                    },
                  ],
                },
              },
            },
          },
        ],
        salesNavigator: [],
      },
    });
  });

  it('takes the union branch the example is in: a notSynchronized entry keeps its exact error', () => {
    const error = { errorType: 'notSynchronized', message: "The conversation with this person isn't synchronized." };
    const example = {
      status: 'complete',
      completion: { standard: [], salesNavigator: [{ person: jane, result: { success: false, error } }] },
    };
    const template = pactTemplate(GetComplete, example) as { completion: { salesNavigator: { result: unknown }[] } };
    expect(template.completion.salesNavigator[0]?.result).toEqual({ success: false, error });
  });

  it('keeps fixed error messages exact and matches templated ones by their pattern', () => {
    const fixed = {
      status: 'error',
      error: { errorType: 'noActiveSeats', message: 'No active seats available for this LinkedIn account.' },
    };
    expect(pactTemplate(e1ErrorEnvelope('noActiveSeats', 'linkedinAccountSignedOut'), fixed)).toEqual(fixed);
    const templated = {
      status: 'error',
      error: { errorType: 'invalidRequestBody', message: 'The request body is invalid: standard: oops.' },
    };
    const template = pactTemplate(e1ErrorEnvelope('invalidRequestBody'), templated) as {
      error: { message: { regex: string } };
    };
    expect(template.error).toEqual({
      errorType: 'invalidRequestBody',
      message: { 'pact:matcher:type': 'regex', regex: template.error.message.regex, value: templated.error.message },
    });
    expect(new RegExp(template.error.message.regex).test('The request body is invalid: anything at all.')).toBe(true);
    expect(new RegExp(template.error.message.regex).test('Account API token is missing in request headers.')).toBe(
      false,
    );
  });

  it('turns a result link into a URL the Pact mock server rewrites to its own origin', () => {
    const example = {
      status: 'processing',
      process: {
        message: 'Your request is being processed. Please check the resultLink periodically.',
        resultLink: 'http://localhost/account/results/CIEOIejPwpGbNZPlDuYI3A',
      },
    };
    const template = pactTemplate(ProcessingAccepted, example) as { process: { resultLink: unknown } };
    expect(template.process.resultLink).toEqual({
      'pact:matcher:type': 'regex',
      'pact:generator:type': 'MockServerURL',
      regex: String.raw`.*(\/account\/results\/[A-Za-z0-9_-]+)$`,
      value: 'http://localhost:8080/account/results/CIEOIejPwpGbNZPlDuYI3A',
      example: 'http://localhost:8080/account/results/CIEOIejPwpGbNZPlDuYI3A',
    });
    const plain = pactTemplate(ProcessingAccepted, example, { urlsPointAtProvider: false }) as typeof template;
    expect(plain.process.resultLink).toMatchObject({ 'pact:matcher:type': 'regex', value: example.process.resultLink });
  });

  it('resets cascading type matching with equal() for an exact value inside a list, and honours a minimum length', () => {
    const schema = z.array(z.object({ kind: z.enum(['note']), body: z.string() })).min(1);
    expect(pactTemplate(schema, [{ kind: 'note', body: 'hi' }])).toEqual({
      'pact:matcher:type': 'type',
      min: 1,
      value: [
        {
          kind: { 'pact:matcher:type': 'equality', value: 'note' },
          body: { 'pact:matcher:type': 'type', value: 'hi' },
        },
      ],
    });
  });

  it('refuses an example outside its schema, and an empty list of data it cannot learn a shape from', () => {
    expect(() => pactTemplate(GetComplete, { status: 'done' })).toThrow(
      '[linkedapi-mock] the example does not satisfy its contract schema:\n' +
        '✖ Invalid input: expected "complete"\n  → at status\n' +
        '✖ Invalid input: expected object, received undefined\n  → at completion',
    );
    const empty = {
      status: 'complete',
      completion: {
        standard: [{ person: jane, result: { success: true, data: { total: 0, messages: [] } } }],
        salesNavigator: [],
      },
    };
    expect(() => pactTemplate(GetComplete, empty)).toThrow(
      '[linkedapi-mock] $.completion.standard[0].result.data.messages: the example list is empty; give at least one item so its shape can be matched',
    );
  });
});
