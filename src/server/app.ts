import { Hono } from 'hono';
import type { Scenario, ScenarioInput } from '../contracts/mock/scenario.js';
import type { VirtualClock } from '../core/clock.js';
import { World } from '../world/world.js';
import type { MockApp, MockEnv, ServerContext } from './context.js';
import { type ControlOperations, registerControl } from './control/index.js';
import { registerDocs } from './docs/index.js';
import { mountE1 } from './e1/index.js';
import { mountE4 } from './e4/index.js';
import { registerFaultRoutes } from './faults/index.js';
import { FaultInjector } from './faults/injector.js';
import { mountFallback } from './http/fallback.js';
import { HeldRequests } from './http/hold.js';
import { send } from './http/respond.js';
import { RequestJournal } from './journal/index.js';
import { type MockOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { scenarioLoader, worldOptions } from './scenario-loader.js';
import { selfCheck } from './self-check/index.js';

/** An in-process mock: the Hono app, the world behind it and its clock. */
export interface MockServer {
  /** The Hono app: `app.request(path, init)` in tests, `app.fetch` for any server. */
  app: Hono;
  world: World;
  clock: VirtualClock;
  options: ResolvedOptions;
  /** Answers every held long poll with its result link at once (used on shutdown). */
  releaseLongPolls(): void;
  /** The fault rules in force (a scenario's `faults`, replaced on each load): add, remove, list at run time. */
  faults: FaultInjector;
  /** The control operations of `/__mock` (reset, scenario, clock, messages, state, journal, webhooks). */
  control: ControlOperations;
  /** The request journal (empty and off with `journalLimit: 0`). */
  journal: RequestJournal;
  /**
   * Loads a scenario in place of the current one (a scenario file's object): its accounts, persons, timeline,
   * faults and settings; options given to `createMockServer` still win over its settings. Everything is
   * reset as by `world.reset()`; held long polls are answered with their result links first; the clock
   * keeps its time. Throws a `ScenarioError` (and changes nothing) when the scenario is invalid.
   */
  loadScenario(scenario: ScenarioInput): void;
  /** Calls `listener` after each scenario load (at once for the current one); returns an unsubscribe. */
  onScenario(listener: (scenario: Scenario | undefined) => void): () => void;
}

/**
 * Creates the mock in-process: the world, then the app's features in the order a request meets them.
 *
 * @example
 * const { app } = createMockServer({ seed: 7, speed: 0 });
 * const res = await app.request('/account/conversations.get', { method: 'POST', headers, body });
 */
export function createMockServer(input: MockOptions = {}): MockServer {
  const options = resolveOptions(input);
  const { clock } = options;
  const world = new World(worldOptions(options));
  const ctx: ServerContext = { world, clock, options, held: new HeldRequests(clock) };
  const app: MockApp = new Hono<MockEnv>();
  // The public type (`MockServer.app`), and what the features not yet mounted with `mountX(app: MockApp, ctx)` take.
  const untyped = app as unknown as Hono;
  // First, so that it records what the client got, injected faults included. Off: not registered at all.
  const journal = new RequestJournal(options.journalLimit, clock);
  if (journal.enabled) app.use(journal.middleware());
  // Before the self-check: an injected answer lies outside the route contracts by design. No rules: no work.
  const faults = new FaultInjector({ clock, options, held: ctx.held.releases });
  faults.load(options.scenario);
  app.use(faults.middleware);
  // After the journal and the faults, before every route: it checks what the routes answer.
  if (options.selfCheck) app.use(selfCheck(options));
  // Before any other /__mock route, so that the control token guards them all.
  const loadScenario = (scenario: ScenarioInput) => mock.loadScenario(scenario);
  const control = registerControl(untyped, { world, options, journal, loadScenario });
  registerFaultRoutes(untyped, faults);
  control.onReset((account) => account === undefined && faults.reset()); // a full reset zeroes fault counters
  app.get('/__mock/health', (c) => send(c, 200, '{"status":"ok"}'));
  mountE1(app, ctx);
  mountE4(app, ctx);
  registerDocs(untyped, { publicUrl: options.publicUrl });
  mountFallback(app, ctx);

  const releaseLongPolls = () => ctx.held.releaseAll();
  const scenarios = scenarioLoader(input, ctx, faults);
  const mock: MockServer = {
    app: untyped,
    world,
    clock,
    options,
    releaseLongPolls,
    faults,
    control,
    journal,
    ...scenarios,
  };
  return mock;
}
