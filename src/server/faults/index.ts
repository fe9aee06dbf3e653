import type { MockApp, ServerContext } from '../context.js';
import { FaultInjector } from './injector.js';

export type { FaultAnswer, FaultDialect, FaultedRequest } from './answer.js';
export { type AddFaultResult, FaultInjector, type FaultInjectorDeps, type FaultRefusal } from './injector.js';

/** Where a delay's release goes (`ServerContext.held`, the held-request registry): the server calls them all on shutdown. */
export interface HeldReleases {
  readonly releases: Set<() => void>;
}

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
export function mountFaults(app: MockApp, ctx: ServerContext & { held: HeldReleases }): FaultInjector {
  const faults = new FaultInjector({ clock: ctx.clock, options: ctx.options, held: ctx.held.releases });
  faults.load(ctx.options.scenario);
  app.use(faults.middleware);
  return faults;
}
