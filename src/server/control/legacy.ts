import type { Result } from '../../core/issue.js';
import type { ControlFailure } from './failure.js';
import type { ControlOperations } from './operations.js';

/*
 * The control operations' old result shape, for the callers not yet reading `Result`s (`registerControl`'s callers:
 * `MockServer.control` and the test harness). Delete this file when they do.
 */

/** @deprecated `ControlResult<T>`: `{ ok: true, value } | { ok: false, error }`. */
export type LegacyControlResult<T> = { ok: T } | { failure: ControlFailure };

type Legacy<F> = F extends (...args: infer A) => Result<infer T, ControlFailure>
  ? (...args: A) => LegacyControlResult<T>
  : F;

/** @deprecated `ControlOperations`, whose operations return `Result`s. */
export type LegacyControlOperations = { [K in keyof ControlOperations]: Legacy<ControlOperations[K]> };

const legacy = <T>(result: Result<T, ControlFailure>): LegacyControlResult<T> =>
  result.ok ? { ok: result.value } : { failure: result.error };

/** The operations with their results in the old shape. */
export function legacyOperations(ops: ControlOperations): LegacyControlOperations {
  return {
    ...ops,
    reset: (body) => legacy(ops.reset(body)),
    loadScenario: (source) => legacy(ops.loadScenario(source)),
    advance: (body) => legacy(ops.advance(body)),
    setTime: (body) => legacy(ops.setTime(body)),
    injectMessage: (body) => legacy(ops.injectMessage(body)),
    journal: (query) => legacy(ops.journal(query)),
    webhooks: (query) => legacy(ops.webhooks(query)),
  };
}
