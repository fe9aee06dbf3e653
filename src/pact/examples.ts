import { createMockServer } from '../server/app.js';
import { type ProviderStateName, providerStateHandlers } from './provider-states.js';

/** The seed and clock start of the in-process mock that answers the example requests. */
export const EXAMPLE_SEED = 1;
export const EXAMPLE_START_TIME = '2024-06-03T09:00:00Z';
/** The id of the first result link an example makes (so pact files come out the same on every run). */
export const EXAMPLE_RESULT_ID = 'CIEOIejPwpGbNZPlDuYI3A';

/** A provider state as Pact writes it: a name and its parameters. */
export interface ProviderState {
  name: ProviderStateName;
  params: Record<string, string>;
}

/** A request as an interaction declares it, answered by the mock to get an example. */
export interface ExampleRequest {
  method: 'GET' | 'POST';
  /** The path; a function gets the values the provider states injected (e.g. `resultId`). */
  path: string | ((injected: Record<string, string>) => string);
  headers: Record<string, string>;
  body?: unknown;
  states: ProviderState[];
}

export interface ExampleAnswer {
  status: number;
  body: unknown;
}

/**
 * Answers a request the way the mock does in the given provider states: a fresh in-process mock (instant,
 * seeded) is put into the states with the same handlers `verifyMockAgainstPacts` uses, then asked. So every
 * example a consumer test sees is an answer the provider really gives.
 *
 * @example
 * const { status, body } = await exampleAnswer({ method: 'POST', path: endpointPath('get'), headers, body, states });
 */
export async function exampleAnswer(request: ExampleRequest): Promise<ExampleAnswer> {
  let results = 0;
  const mock = createMockServer({
    seed: EXAMPLE_SEED,
    speed: 0,
    startTime: EXAMPLE_START_TIME,
    newResultId: () => (results++ === 0 ? EXAMPLE_RESULT_ID : `${EXAMPLE_RESULT_ID}${results}`),
  });
  const handlers = providerStateHandlers(mock);
  const injected: Record<string, string> = {};
  for (const state of request.states) Object.assign(injected, await handlers[state.name].setup(state.params));
  const path = typeof request.path === 'function' ? request.path(injected) : request.path;
  const init: RequestInit = { method: request.method, headers: { ...request.headers } };
  if (request.body !== undefined) {
    init.body = JSON.stringify(request.body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const response = await mock.app.request(path, init);
  return { status: response.status, body: await response.json() };
}
