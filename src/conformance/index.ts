/**
 * `linkedapi-mock/conformance`: contract checks any implementation of Linked API's conversations endpoints must
 * pass (the mock, a mock of your own, or the real service). Run them with `linkedapi-mock verify`, in code with
 * `runConformance`, or as tests with `defineConformanceSuite`. The checks use the contracts only, never the
 * server: every answer is validated with `checkAnswer` from `linkedapi-mock/contracts`.
 *
 * @example
 * import { formatReport, runConformance } from 'linkedapi-mock/conformance';
 * const report = await runConformance({ baseUrl: mock.url, accountApiToken: 't', identificationToken: 'verify' });
 * console.log(formatReport(report));
 */

// Running the checks: in code, or as tests of your framework

export { type ConformanceReport, runConformance } from './run.js';
export { ConformanceFailure, defineConformanceSuite, type SuiteSelection, type TestApi } from './suite.js';

// Options

export { type ConformanceOptions, DEFAULT_PERSONS, NEVER_SYNCED_PERSON } from './options.js';

// The checks, and writing checks of your own

export type { Basis, CheckResult, CheckStatus, ConformanceCheck, Dialect } from './check.js';
export { CONFORMANCE_CHECKS } from './checks.js';
export type { Answer, FetchLike, OutgoingRequest } from './client.js';
export type { CheckContext, E1RequestOptions, E4EndpointName, E4Request } from './context.js';

// Reports as text

export { formatCheck, formatReport, formatSummary } from './report.js';
