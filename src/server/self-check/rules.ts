import { type AnswerProblem, checkAnswer, checkShape } from '../../contracts/answer.js';
import { NOT_FOUND_RESPONSE } from '../../contracts/e1/routes.js';
import { e4ErrorEnvelope } from '../../contracts/e4/schemas.js';
import { honoPath, type RouteContract } from '../../contracts/route.js';
import { ROUTES } from '../../contracts/routes.js';

/** What an unknown endpoint answers, in either dialect's envelope. */
const NOT_FOUND_ANSWERS = [NOT_FOUND_RESPONSE, { schema: e4ErrorEnvelope('endpointNotFound') }];

/** Every route contract by `METHOD routePath`, its path as Hono writes it (`GET /account/results/:id`). */
const BY_ROUTE = new Map<string, RouteContract>(
  ROUTES.map((route) => [`${route.method.toUpperCase()} ${honoPath(route.path)}`, route]),
);

/** The route contract of the route Hono matched (`routePath(c, -1)`); undefined for any other (an unknown path). */
export function routeAt(method: string, routePath: string): RouteContract | undefined {
  return BY_ROUTE.get(`${method} ${routePath}`);
}

/**
 * What is wrong with an answer to `method` on the route Hono matched (`routePath`) by its route contract (an
 * unknown route by `NOT_FOUND_RESPONSE`); undefined: not checked (not JSON).
 */
export async function problemsOfAnswer(
  method: string,
  routePath: string,
  response: Response,
  errorHttpStatus: 200 | undefined,
): Promise<AnswerProblem[] | undefined> {
  const route = routeAt(method, routePath);
  const json = /^application\/json\s*(;|$)/i.test(response.headers.get('content-type') ?? '');
  if (!json) {
    // Pages and documents (docs, YAML) are not JSON answers; the API's own routes always are.
    if (route?.dialect !== 'E1' && route?.dialect !== 'E4') return undefined;
    return [
      { path: 'content-type', problem: `expected application/json, got ${response.headers.get('content-type')}` },
    ];
  }
  let body: unknown;
  try {
    body = JSON.parse(await response.clone().text());
  } catch {
    return [{ path: 'body', problem: 'expected JSON' }];
  }
  if (route) return checkAnswer(route, response.status, body, { headers: response.headers, errorHttpStatus });
  const expected = errorHttpStatus ?? 404;
  if (response.status !== expected)
    return [{ path: 'status', problem: `expected ${expected}, got ${response.status}` }];
  return checkShape(NOT_FOUND_ANSWERS, body);
}
