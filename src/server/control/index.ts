import type { Scenario } from '../../contracts/mock/scenario.js';
import type { MockApp, ServerContext } from '../context.js';
import type { FaultInjector } from '../faults/index.js';
import { mountFaultRoutes } from '../faults/routes.js';
import type { RequestJournal } from '../journal/index.js';
import { type ControlOperations, createControlOperations } from './operations.js';
import { mountControlRoutes } from './routes.js';
import { controlTokenGuard } from './token.js';

export type { ControlFailure } from './failure.js';
export type { ControlContext, ScenarioSource } from './operations.js';

/** What the control API works on besides the server context. */
export interface ControlDeps {
  journal: RequestJournal;
  faults: FaultInjector;
  /** Replaces the scenario and resets everything (`MockServer.loadScenario`); throws when it is invalid. */
  loadScenario(scenario: Scenario): void;
}

/**
 * Mounts the control API under `/__mock`: when `options.controlToken` is set, the guard of every `/__mock/*` route
 * (but `/__mock/health`), then the routes of reset, scenario, state, clock, messages, journal, webhooks and faults.
 * A full reset zeroes the fault rules' counters. Mount it after the self-check (which checks its answers) and
 * before any other `/__mock` route, so that the guard covers it. Returns the operations, for the in-process test
 * harness.
 *
 * @example
 * const control = mountControl(app, ctx, { journal, faults, loadScenario: (scenario) => mock.loadScenario(scenario) });
 * control.advance({ by: '90s' }); // { ok: true, value: { now: '…', mode: 'manual', startTime: '…' } }
 */
export function mountControl(app: MockApp, ctx: ServerContext, deps: ControlDeps): ControlOperations {
  const { journal, faults, loadScenario } = deps;
  const ops = createControlOperations({ world: ctx.world, options: ctx.options, journal, loadScenario });
  if (ctx.options.controlToken !== undefined) app.use('/__mock/*', controlTokenGuard(ctx.options.controlToken));
  mountControlRoutes(app, ops);
  mountFaultRoutes(app, faults);
  ops.onReset((account) => account === undefined && faults.reset());
  return ops;
}

export type { ControlResult } from './failure.js';
export type { ControlOperations } from './operations.js';
