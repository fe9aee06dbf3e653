import { E1_ERRORS, type E1ErrorType } from '../../contracts/e1/errors.js';
import { E4_ERRORS, type E4ErrorType } from '../../contracts/e4/schemas.js';
import { ENDPOINTS, type Endpoint, type FaultTarget } from '../../contracts/endpoints.js';
import { E1, e1ErrorBody } from '../e1/render.js';
import { E4, e4ErrorBody } from '../e4/render.js';
import { counterpartError } from '../http/respond.js';

/*
 * What a fault answers, in the dialect of the endpoint it hits (from the endpoint table): the bodies of injected
 * errors and statuses.
 */

export type FaultDialect = Endpoint['dialect'];

/** The dialect of each endpoint a fault rule can name. */
const ENDPOINT_DIALECT = Object.fromEntries(ENDPOINTS.map((endpoint) => [endpoint.fault, endpoint.dialect])) as Record<
  FaultTarget,
  FaultDialect
>;

/** The request a fault answers, for its message and placeholders. */
export interface FaultedRequest {
  fault: string;
  endpoint: FaultTarget;
  method: string;
  path: string;
  /** The path parameters (`workflowId`), as in the path. */
  params: Record<string, string>;
}

/** An answer built by a fault: status, JSON body, extra headers. */
export interface FaultAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/**
 * The server's own errors (no world name, so `counterpartError` cannot pair them) and their counterparts: a bad
 * body (E4 has one per endpoint) and an unknown result.
 */
const SERVER_COUNTERPARTS: readonly [E1ErrorType, readonly E4ErrorType[]][] = [
  ['invalidRequestBody', ['invalidWorkflow', 'invalidRequestPayload']],
  ['resultNotFound', ['workflowNotFound']],
];

const has = <T extends object>(table: T, key: string): key is Extract<keyof T, string> => Object.hasOwn(table, key);

/** The error type `type` is answered as on `endpoint`, or undefined when its dialect has no counterpart. */
export function dialectErrorType(type: string, endpoint: FaultTarget): E1ErrorType | E4ErrorType | undefined {
  if (ENDPOINT_DIALECT[endpoint] === 'E1') {
    if (has(E1_ERRORS, type)) return type;
    return (
      counterpartError(type, E4, E1) ?? SERVER_COUNTERPARTS.find(([, e4]) => e4.includes(type as E4ErrorType))?.[0]
    );
  }
  if (has(E4_ERRORS, type)) return type;
  if (type === 'invalidRequestBody') return endpoint === 'workflows' ? 'invalidWorkflow' : 'invalidRequestPayload';
  return counterpartError(type, E1, E4) ?? SERVER_COUNTERPARTS.find(([e1]) => e1 === type)?.[1][0];
}

/** The body of an error the mock makes up itself (`injectedFault`), in the endpoint's envelope. */
function injectedBody(endpoint: FaultTarget, message: string): string {
  return ENDPOINT_DIALECT[endpoint] === 'E1'
    ? JSON.stringify({ status: 'error', error: { errorType: 'injectedFault', message } })
    : JSON.stringify({ success: false, error: { type: 'injectedFault', message } });
}

const headersOf = (request: FaultedRequest) => ({
  'content-type': 'application/json',
  'x-linkedapi-mock-fault': request.fault,
});

/**
 * The answer of an `error: <type>` fault: the catalogue error of the endpoint's dialect with its status and
 * message (`{details}` says which fault; `{method}`, `{path}`, `{workflowId}` are the request's), or a 400
 * `injectedFault` when the dialect has no such error. `errorHttpStatus` (200) replaces a catalogue status.
 *
 * @example errorAnswer('noActiveSeats', { fault: 'f', endpoint: 'poll', method: 'POST', path: '/conversations/poll', params: {} })
 * // → 403 {"success":false,"error":{"type":"subscriptionRequired",…}}
 */
export function errorAnswer(type: string, request: FaultedRequest, errorHttpStatus?: 200): FaultAnswer {
  const headers = headersOf(request);
  const filler = `injected by fault ${request.fault}`;
  const workflowId = request.params.workflowId ?? filler;
  const params = { details: filler, method: request.method, path: request.path, workflowId };
  const answered = dialectErrorType(type, request.endpoint);
  if (answered === 'tooManyRequests') Object.assign(headers, { 'retry-after': '1' });
  if (ENDPOINT_DIALECT[request.endpoint] === 'E1' && has(E1_ERRORS, answered ?? '')) {
    const e1 = answered as E1ErrorType;
    return { status: errorHttpStatus ?? E1_ERRORS[e1].status, body: e1ErrorBody(e1, params), headers };
  }
  if (ENDPOINT_DIALECT[request.endpoint] === 'E4' && has(E4_ERRORS, answered ?? '')) {
    const e4 = answered as E4ErrorType;
    return { status: errorHttpStatus ?? E4_ERRORS[e4].status, body: e4ErrorBody(e4, params), headers };
  }
  // Only conversationsNotSynced (E4, poll) has no E1 counterpart: a made-up error with the type's own status.
  const dialect = ENDPOINT_DIALECT[request.endpoint];
  const other = dialect === 'E1' ? 'an E4 endpoint (workflows, workflowStatus or poll)' : 'an E1 endpoint';
  const message = `linkedapi-mock fault ${request.fault} asked for ${type}, which the ${dialect} API has no counterpart for; give the rule ${other}.`;
  const status = has(E4_ERRORS, type) ? E4_ERRORS[type].status : has(E1_ERRORS, type) ? E1_ERRORS[type].status : 400;
  return { status: errorHttpStatus ?? status, body: injectedBody(request.endpoint, message), headers };
}

/**
 * The answer of a `status: <code>` fault: that bare status, with an `injectedFault` body in the endpoint's
 * envelope. `errorHttpStatus` does not apply: the status is what the rule asks for.
 *
 * @example statusAnswer(503, request).body // {"status":"error","error":{"errorType":"injectedFault","message":"linkedapi-mock fault f answered HTTP 503."}}
 */
export function statusAnswer(status: number, request: FaultedRequest): FaultAnswer {
  const message = `linkedapi-mock fault ${request.fault} answered HTTP ${status}.`;
  return { status, body: injectedBody(request.endpoint, message), headers: headersOf(request) };
}
