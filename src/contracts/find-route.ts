import type { RouteContract } from './route.js';
import { ROUTES } from './routes.js';

const patterns = new WeakMap<RouteContract, RegExp>();

/**
 * The paths a route answers, as a regular expression: `{id}` in its path matches one segment.
 *
 * @example
 * routePattern(endpointNamed('result').route).test('/account/results/abc'); // true
 */
export function routePattern(route: RouteContract): RegExp {
  let pattern = patterns.get(route);
  if (!pattern) {
    const source = route.path
      .split(/\{\w+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]+');
    pattern = new RegExp(`^${source}$`);
    patterns.set(route, pattern);
  }
  return pattern;
}

/**
 * The route contract of a request, by method and path (`{id}` in a contract's path matches one segment), or
 * undefined when no route matches: such a request is answered with `NOT_FOUND_RESPONSE`.
 *
 * @example
 * findRoute('GET', '/account/results/abc')?.operationId; // 'getResult'
 */
export function findRoute(method: string, pathname: string, routes: readonly RouteContract[] = ROUTES) {
  const lower = method.toLowerCase();
  return routes.find((route) => route.method === lower && routePattern(route).test(pathname));
}

/** A route by its operationId; throws when there is none (a programming error). */
export function routeById(operationId: string, routes: readonly RouteContract[] = ROUTES): RouteContract {
  const route = routes.find((candidate) => candidate.operationId === operationId);
  if (!route) throw new Error(`[linkedapi-mock] no route contract with operationId ${operationId}`);
  return route;
}
