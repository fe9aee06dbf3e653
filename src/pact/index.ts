/**
 * `linkedapi-mock/pact`: consumer contracts with Pact for Linked API's conversations endpoints (E1). Build
 * interactions in a line each, run your client against Pact's mock server, then verify the mock against the pact
 * files you wrote. Needs `@pact-foundation/pact` (16.x) installed.
 *
 * @example
 * import { PactV4 } from '@pact-foundation/pact';
 * import { linkedApiInteractions, verifyMockAgainstPacts } from 'linkedapi-mock/pact';
 *
 * const pact = new PactV4({ consumer: 'my-app', provider: 'linkedapi', dir: 'pacts' });
 * await linkedApiInteractions
 *   .getConversations(pact, { identificationToken: 'acc-1', standard: [{ person: 'https://www.linkedin.com/in/jane' }] })
 *   .executeTest(async (mock) => myClient(mock.url).newMessages('https://www.linkedin.com/in/jane'));
 * // later, in the provider run:
 * await verifyMockAgainstPacts({ pactUrls: ['pacts'] });
 */

// Consumer side: interactions with Linked API, a line each

export type {
  AccountTokens,
  ConversationToGet,
  ConversationToSynchronize,
  GetParams,
  RejectionParams,
  RejectionType,
  ResultMockServer,
  ResultParams,
  SynchronizeParams,
} from './conversation-requests.js';
export { EXAMPLE_RESULT_ID, EXAMPLE_SEED, EXAMPLE_START_TIME } from './examples.js';
export type { LinkedApiInteraction, PactMockServer } from './interaction.js';
export { linkedApiInteractions } from './linkedapi-interactions.js';

// Matchers from the zod contracts, for interactions you write yourself

export { type MatcherOptions, type PactTemplate, pactTemplate } from './matchers.js';

// Provider side: the provider states, and verifying the mock against your pact files

export {
  PROVIDER_STATES,
  type ProviderStateHandler,
  type ProviderStateName,
  providerStateHandlers,
} from './provider-states.js';
export { pactFiles, type VerifyMockOptions, verifyMockAgainstPacts } from './verify.js';
