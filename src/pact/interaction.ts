import type { MatchersV3, PactV4, V3MockServer } from '@pact-foundation/pact';
import type { RouteContract } from '../contracts/route.js';
import { type ExampleAnswer, type ExampleRequest, exampleAnswer, type ProviderState } from './examples.js';
import { pactTemplate } from './matchers.js';

/** Pact's mock server as a consumer test sees it: `url` is the base URL to give your client. */
export type PactMockServer = V3MockServer;

/**
 * One interaction with Linked API, ready to run: `executeTest` declares it on the pact, starts Pact's mock
 * server and runs your test against it (the pact file is written when the test passes).
 */
export interface LinkedApiInteraction<Server extends PactMockServer = PactMockServer> {
  executeTest<T>(test: (mock: Server) => Promise<T>): Promise<T | undefined>;
}

export interface InteractionSpec extends ExampleRequest {
  description: string;
  route: RouteContract;
  /** The path as the pact records it, when it differs from the example path (e.g. injected from a state). */
  pactPath?: string | MatchersV3.Matcher<string>;
  /** Adjusts the example answer before matchers are derived from it (e.g. to add a provider state it implies). */
  refine?: (answer: ExampleAnswer, spec: InteractionSpec) => Promise<ExampleAnswer> | ExampleAnswer;
  /** Checks the example answer is the one the helper promised; throws a message for the consumer otherwise. */
  expect?: (answer: ExampleAnswer) => void;
  /** False for an interaction that sends an invalid body on purpose. Default true. */
  validBody?: boolean;
}

/** Validates a declared request against its route's schemas, so a pact never promises what the mock refuses. */
function checkRequest(spec: InteractionSpec): void {
  const body = spec.route.body?.safeParse(spec.body);
  if (body && !body.success) {
    const problems = body.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    throw new TypeError(`[linkedapi-mock] ${spec.description}: the request body is invalid: ${problems.join('; ')}`);
  }
}

/**
 * Builds a `LinkedApiInteraction`: the example answer comes from the mock in the interaction's provider states,
 * the response matchers from the route's schema for that answer's status, the request stays exactly as given.
 *
 * @example
 * defineInteraction(pact, { description: 'a get', route: endpointRoute('get'), method: 'POST', path, headers, body, states: [] })
 *   .executeTest(async (mock) => client.get(mock.url));
 */
export function defineInteraction<Server extends PactMockServer = PactMockServer>(
  pact: Pick<PactV4, 'addInteraction'>,
  spec: InteractionSpec,
  serverFor: (mock: PactMockServer) => Server = (mock) => mock as Server,
): LinkedApiInteraction<Server> {
  return {
    async executeTest(test) {
      if (spec.validBody !== false) checkRequest(spec);
      let answer = await exampleAnswer(spec);
      spec.expect?.(answer);
      if (spec.refine) answer = await spec.refine(answer, spec);
      const contract = spec.route.responses[answer.status];
      if (!contract) {
        throw new Error(
          `[linkedapi-mock] ${spec.description}: the mock answered ${answer.status}, which ${spec.route.operationId} does not document (this is a bug)`,
        );
      }
      const body = pactTemplate(contract.schema, answer.body);
      let interaction = pact.addInteraction();
      for (const state of uniqueStates(spec.states)) interaction = interaction.given(state.name, state.params);
      return interaction
        .uponReceiving(spec.description)
        .withRequest(spec.method, spec.pactPath ?? examplePath(spec), (request) => {
          if (Object.keys(spec.headers).length > 0) request.headers(spec.headers);
          if (spec.body !== undefined) request.jsonBody(spec.body);
        })
        .willRespondWith(answer.status, (response) => {
          response.jsonBody(body);
        })
        .executeTest((mock) => test(serverFor(mock)));
    },
  };
}

function examplePath(spec: InteractionSpec): string {
  if (typeof spec.path === 'string') return spec.path;
  throw new Error(`[linkedapi-mock] ${spec.description}: a computed path needs a pactPath (this is a bug)`);
}

function uniqueStates(states: ProviderState[]): ProviderState[] {
  const seen = new Set<string>();
  return states.filter((state) => {
    const key = JSON.stringify([state.name, state.params]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
