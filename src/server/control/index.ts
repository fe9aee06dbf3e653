import type { Hono } from 'hono';
import type { Scenario } from '../../contracts/mock/scenario.js';
import type { MockApp, ServerContext } from '../context.js';
import type { FaultInjector } from '../faults/index.js';
import { mountFaultRoutes } from '../faults/routes.js';
import type { RequestJournal } from '../journal/index.js';
import { type LegacyControlOperations, legacyOperations } from './legacy.js';
import { type ControlContext, createControlOperations, type ControlOperations as Operations } from './operations.js';
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
export function mountControl(app: MockApp, ctx: ServerContext, deps: ControlDeps): Operations {
  const { journal, faults, loadScenario } = deps;
  const ops = createControlOperations({ world: ctx.world, options: ctx.options, journal, loadScenario });
  if (ctx.options.controlToken !== undefined) app.use('/__mock/*', controlTokenGuard(ctx.options.controlToken));
  mountControlRoutes(app, ops);
  mountFaultRoutes(app, faults);
  ops.onReset((account) => account === undefined && faults.reset());
  return ops;
}

/*
 * Until `app.ts` mounts the control API with `mountControl` and the test harness reads its `Result`s: the old entry
 * point and the old result shape (`{ ok: value } | { failure }`) under the old names. Then delete `legacy.ts` and
 * everything below, and export the new types under these names:
 *   export type { ControlResult } from './failure.js';
 *   export type { ControlOperations } from './operations.js';
 */

/** @deprecated The old result shape; `mountControl` returns the operations with `Result`s (`./operations.js`). */
export type ControlOperations = LegacyControlOperations;
export type { LegacyControlResult as ControlResult } from './legacy.js';

/** @deprecated `mountControl(app, ctx, { journal, faults, loadScenario })`, which also mounts the fault routes. */
export function registerControl(app: Hono, context: ControlContext): LegacyControlOperations {
  const ops = createControlOperations(context);
  const { controlToken } = context.options;
  if (controlToken !== undefined) app.use('/__mock/*', controlTokenGuard(controlToken));
  mountControlRoutes(app as unknown as MockApp, ops);
  return legacyOperations(ops);
}
