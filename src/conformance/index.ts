/**
 * The conformance suite: contract checks any implementation of Linked API's conversations endpoints must pass.
 * Run it with `linkedapi-mock verify`, in code with `runConformance`, or as tests with `defineConformanceSuite`.
 */
export { type AnswerProblem, type CheckAnswerOptions, checkAnswer, formatProblems } from '../contracts/answer.js';
export { findRoute } from '../contracts/find-route.js';
export type { Basis, CheckResult, CheckStatus, ConformanceCheck, Dialect } from './check.js';
export { CONFORMANCE_CHECKS } from './checks.js';
export type { Answer, FetchLike } from './client.js';
export type { CheckContext } from './context.js';
export { type ConformanceOptions, DEFAULT_PERSONS, NEVER_SYNCED_PERSON } from './options.js';
export { formatCheck, formatReport, formatSummary } from './report.js';
export { type ConformanceReport, runConformance } from './run.js';
export { ConformanceFailure, defineConformanceSuite, type SuiteSelection, type TestApi } from './suite.js';
