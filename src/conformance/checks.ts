import type { ConformanceCheck } from './check.js';
import { E1_CHECKS } from './e1-checks.js';
import { E4_CHECKS } from './e4-checks.js';

/** Every conformance check, grouped by dialect, in the order they run. Append a dialect's list here. */
export const CONFORMANCE_CHECKS: ConformanceCheck[] = [...E1_CHECKS, ...E4_CHECKS];
