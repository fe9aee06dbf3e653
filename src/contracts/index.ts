/**
 * `linkedapi-mock/contracts`: the contracts of Linked API's conversations endpoints as the mock keeps them: zod
 * schemas of every request and answer (E1, E4 and the mock's own routes), the error catalogues, the route
 * contracts and the endpoint table, the OpenAPI document built from them, and the answer checker. They are the
 * single source of truth: the server validates with them, the self-check and `verify` check answers with them.
 *
 * @example
 * import { checkAnswer, endpointRoute, GetRequest } from 'linkedapi-mock/contracts';
 * GetRequest.safeParse(body).success;
 * checkAnswer(endpointRoute('get'), res.status, await res.json()); // [] when the answer keeps the contract
 */

// The endpoint table (the public endpoints by name) and the route contracts of every route

export {
  ENDPOINT_NAMES,
  ENDPOINTS,
  type Endpoint,
  type EndpointName,
  endpointNamed,
  endpointPath,
  FAULT_TARGETS,
  type FaultTarget,
} from './endpoints.js';
export { findRoute } from './find-route.js';
export type { ResponseContract, RouteContract } from './route.js';
export { endpointRoute, ROUTES } from './routes.js';

// E1, the Account API: requests, answers, errors, routes

export {
  E1_ERRORS,
  E1ErrorType,
  e1ErrorMessage,
  PERSON_ERRORS,
  type PersonErrorType,
} from './e1/errors.js';
export {
  CHANNELS,
  type Channel,
  GetEntry,
  GetRequest,
  PersonUrl,
  RESULT_HANDLING_MODES,
  type ResultHandlingMode,
  Since,
  SynchronizeEntry,
  SynchronizeRequest,
} from './e1/requests.js';
export {
  ConversationData,
  ErrorEnvelope,
  GetComplete,
  GetCompletion,
  GetResult,
  Message,
  MessageTime,
  PROCESSING_MESSAGES,
  ProcessingEnvelope,
  SynchronizeComplete,
  SynchronizeCompletion,
  SynchronizeResult,
} from './e1/responses.js';
export {
  E1_ROUTES,
  E1Headers,
  GetRoute,
  NOT_FOUND_RESPONSE,
  ProcessingAccepted,
  ProcessingPending,
  ProcessingWebhook,
  ResultLinkHeaders,
  ResultRoute,
  SynchronizeRoute,
} from './e1/routes.js';

// E4, today's Linked API (what @linkedapi/node speaks): schemas, errors, routes

export { CancelWorkflowRoute, E4_ROUTES, GetWorkflowRoute, PollRoute, StartWorkflowRoute } from './e4/routes.js';
export {
  ACTION_ERRORS,
  ActionCompletion,
  CONVERSATION_TYPES,
  type ConversationType,
  E4_ERRORS,
  type E4ErrorType,
  E4Headers,
  e4ErrorMessage,
  PollItem,
  PollRequest,
  PollResponse,
  PollResult,
  SYNC_ACTION_TYPES,
  type SyncActionType,
  SyncConversationAction,
  WORKFLOW_FAILURES,
  WorkflowAction,
  WorkflowActions,
  WorkflowCancelled,
  WorkflowFailure,
  type WorkflowFailureReason,
  WorkflowId,
  WorkflowRequest,
  WorkflowStarted,
  WorkflowStatus,
} from './e4/schemas.js';

// The mock's own routes: health and documents, the control API (/__mock), fault rules

export { HealthResponse } from './e1/responses.js';
export {
  AdvanceClockRequest,
  ClockAnswer,
  CONTROL_ERRORS,
  CONTROL_TOKEN_HEADER,
  type ControlErrorType,
  ControlIssue,
  InjectedMessage,
  InjectMessageRequest,
  JOURNAL_ENDPOINTS,
  JournalAnswer,
  JournalCleared,
  type JournalEndpoint,
  JournalEntry,
  JournalQuery,
  MockScenario,
  ResetAnswer,
  ResetRequest,
  ScenarioAnswer,
  SetClockRequest,
  StateAnswer,
  WebhookAttemptEntry,
  WebhooksAnswer,
  WebhooksQuery,
} from './mock/control.js';
export { CONTROL_ROUTES, ControlHeaders } from './mock/control-routes.js';
export {
  FAULT_ROUTES,
  FaultAdded,
  FaultList,
  FaultListing,
  FaultRemoved,
  FaultRule,
  FaultsCleared,
} from './mock/faults.js';
export { MOCK_ROUTES } from './mock/routes.js';

// The OpenAPI document

export { type ContractExample, EXAMPLES } from './examples.js';
export { buildOpenApiDocument, type OpenApiDocument, type OpenApiOptions, openApiText } from './openapi.js';

// Checking an answer against its contract

export { type AnswerProblem, type CheckAnswerOptions, checkAnswer, formatProblems } from './answer.js';
