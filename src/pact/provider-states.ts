import { CHANNELS, type Channel } from '../contracts/e1/requests.js';
import { endpointPath } from '../contracts/endpoints.js';
import { MockError } from '../core/issue.js';
import { personRef } from '../core/person-url.js';
import type { MockServer } from '../server/app.js';
import type { AccountState } from '../world/account.js';

/**
 * The provider states the `linkedapi-mock/pact` interactions use, by name. Each takes parameters (Pact V3
 * provider states); the comment gives them. Use the same names and parameters in interactions you write yourself
 * and `verifyMockAgainstPacts` sets them up in the mock.
 *
 * @example
 * pact.addInteraction().given(PROVIDER_STATES.accountHasNoActiveSeats, { identificationToken: 'acc-1' })…
 */
export const PROVIDER_STATES = {
  /** `{ identificationToken, channel, person }`: the account has synchronized its conversation with the person. */
  conversationSynchronized: 'the conversation is synchronized',
  /** `{ identificationToken, channel, person }`: the conversation has not been synchronized on that channel. */
  conversationNotSynchronized: 'the conversation is not synchronized',
  /** `{ person }`: the URL names nobody on LinkedIn (in the mock: an `/in/missing-…` URL). */
  personDoesNotExist: 'the person does not exist on LinkedIn',
  /** `{ identificationToken }`: the account has no active seats. */
  accountHasNoActiveSeats: 'the account has no active seats',
  /** `{ identificationToken }`: the account is signed out of the cloud browser. */
  accountSignedOut: 'the account is signed out of the cloud browser',
  /**
   * `{ identificationToken, channel, person }`: a synchronize of that conversation, made with
   * `result-handling: reslink`, has finished. Gives `resultId`, the last segment of its result link.
   */
  synchronizeResultReady: 'a synchronize result is ready',
} as const;

export type ProviderStateName = (typeof PROVIDER_STATES)[keyof typeof PROVIDER_STATES];

/** Parameters a provider state receives. */
export type ProviderStateParams = Record<string, unknown>;

/** What a state handler gives back: values the verifier injects into the request (`fromProviderState`). */
export type InjectedValues = Record<string, string>;

/** A state handler in the shape `@pact-foundation/pact`'s `Verifier` takes (`{ setup, teardown }`). */
export interface ProviderStateHandler {
  setup: (params?: unknown) => Promise<InjectedValues | undefined>;
  teardown?: (params?: unknown) => Promise<undefined>;
}

/** Why a state cannot be set up, as the `MockError` the verifier reports (code `invalidProviderState`). */
function stateError(state: string, problem: string): MockError {
  return new MockError('invalidProviderState', `[linkedapi-mock] provider state "${state}": ${problem}`, [], { state });
}

function param(state: string, params: unknown, name: string): string {
  const value = (params as ProviderStateParams | undefined)?.[name];
  if (typeof value !== 'string' || value === '') {
    throw stateError(state, `expected a parameter "${name}" (a non-empty string), got ${JSON.stringify(value)}`);
  }
  return value;
}

function channelParam(state: string, params: unknown): Channel {
  const value = (params as ProviderStateParams | undefined)?.channel ?? 'standard';
  if (!CHANNELS.includes(value as Channel)) {
    throw stateError(state, `parameter "channel" must be standard or salesNavigator, got ${JSON.stringify(value)}`);
  }
  return value as Channel;
}

function personParam(state: string, params: unknown): string {
  const person = param(state, params, 'person');
  if (!URL.canParse(person)) throw stateError(state, `parameter "person" must be a URL, got "${person}"`);
  return person;
}

/**
 * The provider states of `PROVIDER_STATES`, mapped onto a mock's world: pass the result as `stateHandlers` to
 * Pact's `Verifier`. A state that cannot hold in the mock throws a message saying what to change in the pact.
 * The mock should run with `speed: 0` (results are waited for).
 *
 * @example
 * const mock = await startMock({ speed: 0 });
 * await new Verifier({ provider: 'linkedapi', providerBaseUrl: mock.url, pactUrls, stateHandlers: providerStateHandlers(mock) })
 *   .verifyProvider();
 */
export function providerStateHandlers(mock: MockServer): Record<ProviderStateName, ProviderStateHandler> {
  const { world } = mock;
  /** Sets an account's state for one interaction and puts the previous one back afterwards. */
  const accountInState = (state: string, wanted: AccountState): ProviderStateHandler => {
    const previous = new Map<string, AccountState>();
    return {
      setup: async (params) => {
        const account = world.account(param(state, params, 'identificationToken'));
        previous.set(account.id, account.state);
        account.state = wanted;
        return undefined;
      },
      teardown: async (params) => {
        const account = world.account(param(state, params, 'identificationToken'));
        account.state = previous.get(account.id) ?? 'active';
        return undefined;
      },
    };
  };

  return {
    [PROVIDER_STATES.conversationSynchronized]: {
      setup: async (params) => {
        const state = PROVIDER_STATES.conversationSynchronized;
        const account = world.account(param(state, params, 'identificationToken'));
        const person = personParam(state, params);
        if (!world.synchronizeNow(account, channelParam(state, params), person)) {
          throw stateError(
            state,
            `${person} is no LinkedIn person in the mock, so it cannot be synchronized; use a URL such as https://www.linkedin.com/in/jane-doe`,
          );
        }
        return undefined;
      },
    },
    [PROVIDER_STATES.conversationNotSynchronized]: {
      setup: async (params) => {
        const state = PROVIDER_STATES.conversationNotSynchronized;
        const account = world.account(param(state, params, 'identificationToken'));
        account.synced[channelParam(state, params)].delete(personRef(personParam(state, params)).key);
        return undefined;
      },
    },
    [PROVIDER_STATES.personDoesNotExist]: {
      setup: async (params) => {
        const state = PROVIDER_STATES.personDoesNotExist;
        const person = personParam(state, params);
        if (world.personExists(personRef(person))) {
          throw stateError(
            state,
            `the mock cannot make ${person} disappear; use a URL whose /in/ slug starts with "missing-", such as https://www.linkedin.com/in/missing-jane`,
          );
        }
        return undefined;
      },
    },
    [PROVIDER_STATES.accountHasNoActiveSeats]: accountInState(PROVIDER_STATES.accountHasNoActiveSeats, 'noSeats'),
    [PROVIDER_STATES.accountSignedOut]: accountInState(PROVIDER_STATES.accountSignedOut, 'signedOut'),
    [PROVIDER_STATES.synchronizeResultReady]: {
      setup: async (params) => {
        const state = PROVIDER_STATES.synchronizeResultReady;
        const identificationToken = param(state, params, 'identificationToken');
        const person = personParam(state, params);
        const channel = channelParam(state, params);
        const accepted = await mock.app.request(endpointPath('synchronize'), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'account-api-token': 'provider-state',
            'identification-token': identificationToken,
            'result-handling': 'reslink',
          },
          body: JSON.stringify({ [channel]: [{ person }] }),
        });
        const body = (await accepted.json()) as { process?: { resultLink?: string } };
        const resultId = body.process?.resultLink?.split('/').pop();
        const job = resultId === undefined ? undefined : world.results.lookup(resultId, mock.clock.now());
        if (!job || !resultId) {
          throw stateError(state, `the mock refused the synchronize: ${JSON.stringify(body)}`);
        }
        if (!job.finished) await new Promise<void>((resolve) => job.onFinish(() => resolve()));
        return { resultId };
      },
    },
  };
}
