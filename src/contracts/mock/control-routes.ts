import { z } from 'zod';
import type { ResponseContract, RouteContract } from '../route.js';
import {
  AdvanceClockRequest,
  ClockAnswer,
  CONTROL_ERRORS,
  CONTROL_TOKEN_HEADER,
  type ControlErrorType,
  controlErrorEnvelope,
  InjectedMessage,
  InjectMessageRequest,
  JournalAnswer,
  JournalCleared,
  MockScenario,
  ResetAnswer,
  ResetRequest,
  ScenarioAnswer,
  SetClockRequest,
  StateAnswer,
  WebhooksAnswer,
} from './control.js';

export * from './control.js';

/** Headers of every control route: the control token, needed when the mock was started with one. */
export const ControlHeaders = z.object({
  [CONTROL_TOKEN_HEADER]: z
    .string()
    .optional()
    .describe('The control token, required when the mock was started with --control-token (or controlToken).'),
});

/** The error responses of some control error types, grouped by status; every route can answer 401. */
export function controlErrorResponses(...types: ControlErrorType[]): Record<number, ResponseContract> {
  const all: ControlErrorType[] = [...types, 'controlTokenRequired', 'invalidControlToken'];
  const byStatus = new Map<number, ControlErrorType[]>();
  for (const type of all) byStatus.set(CONTROL_ERRORS[type], [...(byStatus.get(CONTROL_ERRORS[type]) ?? []), type]);
  const out: Record<number, ResponseContract> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[status] = { description: `Control error: ${list.join(', ')}`, schema: controlErrorEnvelope(...list) };
  }
  return out;
}

function controlRoute(
  route: Omit<RouteContract, 'dialect' | 'headers' | 'responses'>,
  answer: ResponseContract,
  errors: ControlErrorType[] = [],
): RouteContract {
  return {
    ...route,
    dialect: 'mock',
    headers: ControlHeaders,
    responses: { 200: answer, ...controlErrorResponses(...errors) },
  };
}

const CLOCK_NOT_MANUAL = 'clockNotManual (409) when the clock is not manual: start the mock with --clock manual.';

/** The control API, under `/__mock` (faults have their own routes, `FAULT_ROUTES`). */
export const CONTROL_ROUTES: RouteContract[] = [
  controlRoute(
    {
      operationId: 'resetMock',
      method: 'post',
      path: '/__mock/reset',
      summary: 'Reset everything, or one account, to the scenario’s initial state (the clock and the journal stay)',
      body: ResetRequest,
    },
    { description: 'What was reset', schema: ResetAnswer },
    ['invalidRequest', 'bodyTooLarge'],
  ),
  controlRoute(
    { operationId: 'getScenario', method: 'get', path: '/__mock/scenario', summary: 'The scenario in force' },
    { description: 'The scenario (null: the default world) and a summary', schema: ScenarioAnswer },
    ['invalidRequest'],
  ),
  controlRoute(
    {
      operationId: 'loadScenario',
      method: 'put',
      path: '/__mock/scenario',
      summary: 'Load a scenario in place of the current one, and reset everything (the clock and journal stay)',
      description:
        'JSON, or YAML text with content-type application/yaml or text/yaml. An invalid scenario is refused ' +
        'with every problem (line and column included) and nothing changes.',
      body: MockScenario,
    },
    { description: 'Loaded: the scenario now in force', schema: ScenarioAnswer },
    ['invalidRequest', 'invalidScenario', 'bodyTooLarge'],
  ),
  controlRoute(
    {
      operationId: 'getState',
      method: 'get',
      path: '/__mock/state',
      summary: 'The world now: clock, accounts (synced conversations, running jobs), pending timeline events',
    },
    { description: 'The state', schema: StateAnswer },
    ['invalidRequest'],
  ),
  controlRoute(
    { operationId: 'getClock', method: 'get', path: '/__mock/clock', summary: 'The virtual clock' },
    { description: 'The clock', schema: ClockAnswer },
    ['invalidRequest'],
  ),
  controlRoute(
    {
      operationId: 'advanceClock',
      method: 'post',
      path: '/__mock/clock/advance',
      summary: 'Move the manual clock forward; every timer that falls due fires, in order',
      description: CLOCK_NOT_MANUAL,
      body: AdvanceClockRequest,
    },
    { description: 'The clock after the move', schema: ClockAnswer },
    ['invalidRequest', 'clockNotManual', 'bodyTooLarge'],
  ),
  controlRoute(
    {
      operationId: 'setClock',
      method: 'post',
      path: '/__mock/clock/set',
      summary: 'Move the manual clock to a time (never backwards)',
      description: CLOCK_NOT_MANUAL,
      body: SetClockRequest,
    },
    { description: 'The clock after the move', schema: ClockAnswer },
    ['invalidRequest', 'clockNotManual', 'bodyTooLarge'],
  ),
  controlRoute(
    {
      operationId: 'injectMessage',
      method: 'post',
      path: '/__mock/messages',
      summary: 'Add a message to a conversation, as if it had just arrived on LinkedIn',
      body: InjectMessageRequest,
    },
    { description: 'The message added', schema: InjectedMessage },
    ['invalidRequest', 'bodyTooLarge'],
  ),
  controlRoute(
    {
      operationId: 'getJournal',
      method: 'get',
      path: '/__mock/journal',
      summary: 'The request journal: recent requests to the public endpoints, tokens redacted',
      description:
        'Query parameters, all optional: account (an identification token, in full), endpoint (synchronize, get, ' +
        'result, workflows, workflowStatus, workflowCancel, poll, unknown), limit (the last N matching entries).',
    },
    { description: 'The matching entries, oldest first', schema: JournalAnswer },
    ['invalidRequest'],
  ),
  controlRoute(
    { operationId: 'clearJournal', method: 'delete', path: '/__mock/journal', summary: 'Empty the request journal' },
    { description: 'How many entries were dropped', schema: JournalCleared },
    ['invalidRequest'],
  ),
  controlRoute(
    {
      operationId: 'getWebhookAttempts',
      method: 'get',
      path: '/__mock/webhooks',
      summary: 'Webhook delivery attempts, oldest first',
      description: 'Query parameter, optional: account (an identification token).',
    },
    { description: 'The attempts', schema: WebhooksAnswer },
    ['invalidRequest'],
  ),
];
