import type { Scenario, ScenarioInput } from '../contracts/mock/scenario.js';
import { worldScenario } from '../scenarios/compile.js';
import type { WorldOptions } from '../world/world.js';
import type { ServerContext } from './context.js';
import type { FaultInjector } from './faults/injector.js';
import { type MockOptions, type ResolvedOptions, resolveOptions } from './options.js';

/** What the world takes from the options in force. */
export function worldOptions(options: ResolvedOptions): WorldOptions {
  const { clock, seed, startTime, speed, latency, resultTtlMs, newResultId, sendWebhook, scenario } = options;
  return {
    ...{ clock, seed, startTime, speed, latency, resultTtlMs, newResultId, sendWebhook },
    maxUncompleted: 10,
    scenario: scenario && worldScenario(scenario, startTime),
  };
}

/** A scenario swapped in at run time, and who is told when it is. */
export interface ScenarioLoader {
  loadScenario(scenario: ScenarioInput): void;
  onScenario(listener: (scenario: Scenario | undefined) => void): () => void;
}

/**
 * Loads scenarios into a running mock: options given to `createMockServer` (`input`) still win over the
 * scenario's settings; held requests are answered first; the clock and the start time stay.
 */
export function scenarioLoader(input: MockOptions, ctx: ServerContext, faults: FaultInjector): ScenarioLoader {
  const { world, clock, options, held } = ctx;
  const listeners = new Set<(scenario: Scenario | undefined) => void>();
  return {
    loadScenario(scenario) {
      const next = resolveOptions({ ...input, clock, startTime: options.startTime, scenario });
      held.releaseAll();
      Object.assign(options, { ...next, clock, startTime: options.startTime });
      const { seed, speed, latency, resultTtlMs } = next;
      world.load(worldScenario(next.scenario as Scenario, options.startTime), { seed, speed, latency, resultTtlMs });
      faults.load(next.scenario);
      for (const listener of listeners) listener(next.scenario);
    },
    onScenario(listener) {
      listeners.add(listener);
      listener(options.scenario);
      return () => listeners.delete(listener);
    },
  };
}
