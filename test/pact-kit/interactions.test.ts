import type { PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { linkedApiInteractions } from '../../src/pact/index.js';

const jane = 'https://www.linkedin.com/in/jane-doe';

interface Recorded {
  states: [string, unknown][];
  description?: string;
  request?: { method: string; path: unknown; headers?: unknown; body?: unknown };
  response?: { status: unknown; body?: unknown };
}

/** A stand-in for PactV4 that records what an interaction declares and runs the test against a fake server. */
function recordingPact(): { pact: Pick<PactV4, 'addInteraction'>; recorded: Recorded[] } {
  const recorded: Recorded[] = [];
  const pact = {
    addInteraction() {
      const entry: Recorded = { states: [] };
      recorded.push(entry);
      const builder = {
        given(name: string, params: unknown) {
          entry.states.push([name, params]);
          return builder;
        },
        uponReceiving(description: string) {
          entry.description = description;
          return builder;
        },
        withRequest(method: string, path: unknown, build: (request: unknown) => void) {
          const request: NonNullable<Recorded['request']> = { method, path };
          entry.request = request;
          build({
            headers(headers: unknown) {
              request.headers = headers;
            },
            jsonBody(body: unknown) {
              request.body = body;
            },
          });
          return builder;
        },
        willRespondWith(status: unknown, build: (response: unknown) => void) {
          const response: NonNullable<Recorded['response']> = { status };
          entry.response = response;
          build({
            jsonBody(body: unknown) {
              response.body = body;
            },
          });
          return builder;
        },
        executeTest: (test: (mock: unknown) => Promise<unknown>) =>
          test({ url: 'http://127.0.0.1:1234', port: 1234, id: 'fake' }),
      };
      return builder;
    },
  } as unknown as Pick<PactV4, 'addInteraction'>;
  return { pact, recorded };
}

describe('linkedApiInteractions: interactions built from the mock and its contracts', () => {
  it('states every conversation a get reads, and sends the body exactly as the API takes it', async () => {
    const { pact, recorded } = recordingPact();
    await linkedApiInteractions
      .getConversations(pact, {
        identificationToken: 'acc-1',
        standard: [{ person: jane, since: '2024-05-01T00:00:00Z' }],
        salesNavigator: [{ person: jane, synchronized: false }],
      })
      .executeTest(async () => undefined);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.states).toEqual([
      ['the conversation is synchronized', { identificationToken: 'acc-1', channel: 'standard', person: jane }],
      [
        'the conversation is not synchronized',
        { identificationToken: 'acc-1', channel: 'salesNavigator', person: jane },
      ],
    ]);
    expect(recorded[0]?.description).toBe(
      `a request to get the conversations (standard ${jane} since 2024-05-01T00:00:00Z; salesNavigator ${jane})`,
    );
    expect(recorded[0]?.request).toEqual({
      method: 'POST',
      path: '/account/conversations.get',
      headers: { 'account-api-token': 'my-account-api-token', 'identification-token': 'acc-1' },
      body: { standard: [{ person: jane, since: '2024-05-01T00:00:00Z' }], salesNavigator: [{ person: jane }] },
    });
    expect(recorded[0]?.response?.status).toBe(200);
  });

  it('gives the result test a result link on the Pact mock server, and injects the real id on the provider', async () => {
    const { pact, recorded } = recordingPact();
    const link = await linkedApiInteractions
      .getResult(pact, { identificationToken: 'acc-1', person: jane })
      .executeTest(async (mock) => mock.resultLink);
    expect(link).toBe('http://127.0.0.1:1234/account/results/CIEOIejPwpGbNZPlDuYI3A');
    expect(recorded[0]?.request?.path).toEqual({
      'pact:matcher:type': 'type',
      'pact:generator:type': 'ProviderState',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Pact provider-state expression, filled in by the verifier
      expression: '/account/results/${resultId}',
      value: '/account/results/CIEOIejPwpGbNZPlDuYI3A',
    });
  });

  it('leaves out the header a missing-token rejection is about', async () => {
    const { pact, recorded } = recordingPact();
    await linkedApiInteractions
      .rejectedRequest(pact, { endpoint: 'synchronize', errorType: 'identificationTokenRequired' })
      .executeTest(async () => undefined);
    expect(recorded[0]?.request?.headers).toEqual({ 'account-api-token': 'my-account-api-token' });
    expect(recorded[0]?.response).toEqual({
      status: 401,
      body: {
        status: 'error',
        error: {
          errorType: 'identificationTokenRequired',
          message: 'Identification token is missing in request headers.',
        },
      },
    });
  });

  it('says what to change before declaring an interaction the mock would not honour', async () => {
    const { pact, recorded } = recordingPact();
    await expect(
      linkedApiInteractions
        .synchronizeConversations(pact, { identificationToken: 'acc-1', standard: [{ person: jane, exists: false }] })
        .executeTest(async () => undefined),
    ).rejects.toThrow('use a URL whose /in/ slug starts with "missing-"');
    await expect(
      linkedApiInteractions
        .rejectedRequest(pact, { endpoint: 'get', errorType: 'invalidAccountApiToken', accountApiToken: 'fine' })
        .executeTest(async () => undefined),
    ).rejects.toThrow(
      '[linkedapi-mock] rejectedRequest: the mock answers this request with no error, not invalidAccountApiToken',
    );
    await expect(
      linkedApiInteractions
        .getConversations(pact, { identificationToken: 'acc-1', standard: [{ person: 'jane' }] })
        .executeTest(async () => undefined),
    ).rejects.toThrow(
      '[linkedapi-mock] a request to get the conversations (standard jane): the request body is invalid',
    );
    expect(recorded).toEqual([]);
  });
});
