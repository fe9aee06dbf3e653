import type { MockApp, ServerContext } from '../context.js';
import { FaultInjector } from './injector.js';

export type { FaultAnswer, FaultDialect, FaultedRequest } from './answer.js';
export { type AddFaultResult, FaultInjector, type FaultInjectorDeps, type FaultRefusal } from './injector.js';

/**
 * Mounts fault injection: the rules of the scenario in `ctx.options` and the middleware that applies them to the
 * public endpoints. Mount it after the journal (which records what a fault answered) and before the self-check
 * (an injected answer lies outside the route contracts by design). With no rules the middleware only calls
 * `next()`. Its control routes (`/__mock/faults`) are part of the control API: `mountControl` mounts them.
 *
 * @example
 * const faults = mountFaults(app, ctx);
 * faults.add({ name: 'flaky', endpoint: 'get', every: 3, status: 503 });
 */
export function mountFaults(app: MockApp, ctx: ServerContext): FaultInjector {
  const faults = new FaultInjector({ options: ctx.options, held: ctx.held });
  faults.load(ctx.options.scenario);
  app.use(faults.middleware);
  return faults;
}
