import { Hono } from 'hono';
import type { Scenario, ScenarioInput } from '../contracts/mock/scenario.js';
import type { VirtualClock } from '../core/clock.js';
import { World } from '../world/world.js';
import type { MockApp, MockEnv, ServerContext } from './context.js';
import { type ControlOperations, mountControl } from './control/index.js';
import { mountDocs } from './docs/index.js';
import { mountE1 } from './e1/index.js';
import { mountE4 } from './e4/index.js';
import { type FaultInjector, mountFaults } from './faults/index.js';
import { mountFallback } from './http/fallback.js';
import { HeldRequests } from './http/hold.js';
import { send } from './http/respond.js';
import { mountJournal, type RequestJournal } from './journal/index.js';
import { type MockOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { scenarioLoader, worldOptions } from './scenario-loader.js';
import { mountSelfCheck } from './self-check/index.js';

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
  /** The control operations of `/__mock` (reset, scenario, clock, messages, state, journal, webhooks), each a `Result`. */
  control: ControlOperations;
  /** The request journal (empty and off with `journalLimit: 0`). */
  journal: RequestJournal;
  /**
   * Loads a scenario in place of the current one (a scenario file's object): its accounts, persons, timeline,
   * faults and settings; options given to `createMockServer` still win over its settings. Everything is
   * reset as by `world.reset()`; held long polls are answered with their result links first; the clock
   * keeps its time. Throws a `MockError` with code `invalidScenario` (and changes nothing) when the scenario is
   * invalid.
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
  const journal = mountJournal(app, ctx);
  const faults = mountFaults(app, ctx);
  mountSelfCheck(app, ctx);
  const control = mountControl(app, ctx, { journal, faults, loadScenario: (scenario) => mock.loadScenario(scenario) });
  app.get('/__mock/health', (c) => send(c, 200, '{"status":"ok"}'));
  mountE1(app, ctx);
  mountE4(app, ctx);
  mountDocs(app, ctx);
  mountFallback(app, ctx);

  const releaseLongPolls = () => ctx.held.releaseAll();
  const scenarios = scenarioLoader(input, ctx, faults);
  const mock: MockServer = {
    // Public as a plain Hono app: its context variables are the server's own business.
    app: app as unknown as Hono,
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
