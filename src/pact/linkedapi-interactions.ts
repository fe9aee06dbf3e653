import { MatchersV3, type PactV4 } from '@pact-foundation/pact';
import { endpointNamed, endpointPath } from '../contracts/endpoints.js';
import { endpointRoute } from '../contracts/routes.js';
import {
  bodyOf,
  CHANNELS_OF,
  DEFAULT_PERSON,
  describePersons,
  type GetParams,
  headersOf,
  missingPersonStates,
  type RejectionParams,
  type ResultMockServer,
  type ResultParams,
  type SynchronizeParams,
  withExampleMessages,
} from './conversation-requests.js';
import { EXAMPLE_RESULT_ID, type ProviderState } from './examples.js';
import { defineInteraction, type LinkedApiInteraction } from './interaction.js';
import { PROVIDER_STATES } from './provider-states.js';

type Pact = Pick<PactV4, 'addInteraction'>;

/** The result path as a Pact provider-state expression: the verifier fills in the `resultId` the state gave. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a Pact provider-state expression, filled in by the verifier
const RESULT_PATH_EXPRESSION = endpointNamed('result').path.replace('{id}', '${resultId}');

/**
 * Builders of Pact interactions with Linked API's conversations endpoints (E1). Each returns an interaction
 * whose `executeTest` runs your client against Pact's mock server; the expected answers carry matchers derived
 * from the mock's zod contracts (types for ids, times and texts, exact values for envelopes and error strings),
 * and the provider states are the ones `verifyMockAgainstPacts` knows.
 *
 * @example
 * const pact = new PactV4({ consumer: 'my-app', provider: 'linkedapi', dir: 'pacts' });
 * await linkedApiInteractions
 *   .getConversations(pact, { identificationToken: 'acc-1', standard: [{ person: jane, since: '2024-05-01T00:00:00Z' }] })
 *   .executeTest(async (mock) => expect(await getNewMessages(mock.url, jane, '2024-05-01T00:00:00Z')).not.toHaveLength(0));
 */
export const linkedApiInteractions = {
  /**
   * `POST /account/conversations.synchronize` in long mode, answered `complete` (`personNotFound` for an
   * `/in/missing-…` person).
   *
   * @example
   * linkedApiInteractions.synchronizeConversations(pact, { identificationToken: 'acc-1', standard: [{ person: jane }] })
   *   .executeTest(async (mock) => syncConversations({ baseUrl: mock.url, ... }, [jane]));
   */
  synchronizeConversations(pact: Pact, params: SynchronizeParams): LinkedApiInteraction {
    const explicit = CHANNELS_OF(params).flatMap((channel) =>
      (params[channel] ?? [])
        .filter((entry) => entry.exists === false)
        .map((entry) => ({ name: PROVIDER_STATES.personDoesNotExist, params: { person: entry.person } })),
    );
    return defineInteraction(pact, {
      description: params.description ?? `a request to synchronize the conversations (${describePersons(params)})`,
      route: endpointRoute('synchronize'),
      method: 'POST',
      path: endpointPath('synchronize'),
      headers: headersOf(params),
      body: bodyOf(params, []),
      states: explicit,
      refine: (answer, spec) => {
        spec.states = [...spec.states, ...missingPersonStates(answer)];
        return answer;
      },
    });
  },

  /**
   * `POST /account/conversations.synchronize` with `result-handling: reslink`, answered at once `processing`
   * with a `resultLink`. In the consumer test the link points at Pact's mock server (follow it with `getResult`).
   *
   * @example
   * linkedApiInteractions.synchronizeWithResultLink(pact, { identificationToken: 'acc-1', standard: [{ person: jane }] })
   *   .executeTest(async (mock) => expect(await startSync(mock.url, [jane])).toMatch(/\/account\/results\//));
   */
  synchronizeWithResultLink(pact: Pact, params: SynchronizeParams): LinkedApiInteraction {
    return defineInteraction(pact, {
      description:
        params.description ?? `a reslink request to synchronize the conversations (${describePersons(params)})`,
      route: endpointRoute('synchronize'),
      method: 'POST',
      path: endpointPath('synchronize'),
      headers: headersOf(params, { 'result-handling': 'reslink' }),
      body: bodyOf(params, []),
      states: [],
    });
  },

  /**
   * `GET /account/results/{id}` of a finished synchronize of one conversation (state "a synchronize result is
   * ready", which gives the id). Your test gets `mock.resultLink` to poll.
   *
   * @example
   * linkedApiInteractions.getResult(pact, { identificationToken: 'acc-1', person: jane })
   *   .executeTest(async (mock) => expect((await pollResult(mock.resultLink)).status).toBe('complete'));
   */
  getResult(pact: Pact, params: ResultParams): LinkedApiInteraction<ResultMockServer> {
    const channel = params.channel ?? 'standard';
    const stateParams = { identificationToken: params.identificationToken, channel, person: params.person };
    return defineInteraction(
      pact,
      {
        description: params.description ?? `a request for the result of synchronizing ${channel} ${params.person}`,
        route: endpointRoute('result'),
        method: 'GET',
        path: (injected) => endpointPath('result', { id: String(injected.resultId) }),
        pactPath: MatchersV3.fromProviderState(
          RESULT_PATH_EXPRESSION,
          endpointPath('result', { id: EXAMPLE_RESULT_ID }),
        ),
        headers: {},
        states: [{ name: PROVIDER_STATES.synchronizeResultReady, params: stateParams }],
      },
      (mock) => ({ ...mock, resultLink: `${mock.url}${endpointPath('result', { id: EXAMPLE_RESULT_ID })}` }),
    );
  },

  /**
   * `POST /account/conversations.get`, answered `complete`: messages (zero or more, each matched by type) for a
   * synchronized conversation, `notSynchronized` for one marked `synchronized: false`.
   *
   * @example
   * linkedApiInteractions.getConversations(pact, { identificationToken: 'acc-1', standard: [{ person: jane, since }] })
   *   .executeTest(async (mock) => getNewMessages({ baseUrl: mock.url, ... }, jane, since));
   */
  getConversations(pact: Pact, params: GetParams): LinkedApiInteraction {
    const states = CHANNELS_OF(params).flatMap((channel) =>
      (params[channel] ?? []).map((entry) => ({
        name:
          entry.synchronized === false
            ? PROVIDER_STATES.conversationNotSynchronized
            : PROVIDER_STATES.conversationSynchronized,
        params: { identificationToken: params.identificationToken, channel, person: entry.person },
      })),
    );
    return defineInteraction(pact, {
      description: params.description ?? `a request to get the conversations (${describePersons(params)})`,
      route: endpointRoute('get'),
      method: 'POST',
      path: endpointPath('get'),
      headers: headersOf(params),
      body: bodyOf(params, ['since']),
      states,
      refine: (answer) => withExampleMessages(answer, params),
    });
  },

  /**
   * A request to `synchronize` or `get` refused with a global error: the exact `errorType` and message in the
   * `{"status":"error"}` envelope, with its HTTP status.
   *
   * @example
   * linkedApiInteractions.rejectedRequest(pact, { endpoint: 'get', errorType: 'accountApiTokenRequired' })
   *   .executeTest(async (mock) => expect(getNewMessages({ baseUrl: mock.url, accountApiToken: '' ... }, jane)).rejects.toThrow());
   */
  rejectedRequest(pact: Pact, params: RejectionParams): LinkedApiInteraction {
    const { errorType } = params;
    const identificationToken =
      params.identificationToken ?? (errorType === 'invalidIdentificationToken' ? 'invalid-account' : 'my-account');
    const headers = headersOf({
      identificationToken,
      accountApiToken:
        params.accountApiToken ?? (errorType === 'invalidAccountApiToken' ? 'invalid-account-api-token' : undefined),
    });
    if (errorType === 'accountApiTokenRequired') delete headers['account-api-token'];
    if (errorType === 'identificationTokenRequired') delete headers['identification-token'];
    const states: ProviderState[] = [];
    if (errorType === 'noActiveSeats') {
      states.push({ name: PROVIDER_STATES.accountHasNoActiveSeats, params: { identificationToken } });
    }
    if (errorType === 'linkedinAccountSignedOut') {
      states.push({ name: PROVIDER_STATES.accountSignedOut, params: { identificationToken } });
    }
    return defineInteraction(pact, {
      description: params.description ?? `a request to ${params.endpoint} conversations refused with ${errorType}`,
      route: endpointRoute(params.endpoint),
      method: 'POST',
      path: endpointPath(params.endpoint),
      headers,
      body: params.body ?? (errorType === 'invalidRequestBody' ? {} : { standard: [{ person: DEFAULT_PERSON }] }),
      states,
      validBody: errorType !== 'invalidRequestBody',
      expect: (answer) => {
        const got = (answer.body as { error?: { errorType?: string } }).error?.errorType ?? 'no error';
        if (got !== errorType) {
          throw new Error(
            `[linkedapi-mock] rejectedRequest: the mock answers this request with ${got}, not ${errorType}; ` +
              'leave out the token or body options so the helper picks values that provoke it (invalid tokens start with "invalid")',
          );
        }
      },
    });
  },

  /**
   * `GET /account/results/{id}` of an id the provider never gave (or one expired): `404 resultNotFound`.
   *
   * @example
   * linkedApiInteractions.unknownResult(pact).executeTest(async (mock) => expect(pollResult(`${mock.url}/account/results/nope`)).rejects.toThrow());
   */
  unknownResult(pact: Pact, params: { id?: string; description?: string } = {}): LinkedApiInteraction {
    const id = params.id ?? 'unknown-result-id';
    return defineInteraction(pact, {
      description: params.description ?? `a request for the unknown result ${id}`,
      route: endpointRoute('result'),
      method: 'GET',
      path: endpointPath('result', { id }),
      headers: {},
      states: [],
    });
  },
};
