import type { CheckResult } from './check.js';
import type { ConformanceReport } from './run.js';

/**
 * The lines of one check: `✓ name (basis) 120 ms`, `✗ name (basis): first problem` and the other problems
 * indented below it, or `- name (basis): skipped: reason`.
 *
 * @example
 * formatCheck(result); // ['✗ since-exclusive (mock decision): POST /account/conversations.get ...', '    ...']
 */
export function formatCheck(result: CheckResult): string[] {
  const head = `${result.name} (${result.basis})`;
  const notes = result.notes.map((note) => `    note: ${note}`);
  if (result.status === 'passed') return [`✓ ${head} ${result.durationMs} ms`, ...notes];
  if (result.status === 'skipped') return [`- ${head}: skipped: ${result.details[0] ?? ''}`, ...notes];
  return [
    `✗ ${head}: ${result.details[0] ?? 'failed'}`,
    ...result.details.slice(1).map((line) => `    ${line}`),
    ...notes,
  ];
}

/** `12 passed, 1 failed, 0 skipped; 37 requests` */
export function formatSummary(report: ConformanceReport): string {
  return `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped; ${report.requests} requests`;
}

/** The whole report as text: notes, one block per check, the summary. */
export function formatReport(report: ConformanceReport): string {
  return [
    ...report.notes.map((note) => `[linkedapi-mock] ${note}`),
    ...report.results.flatMap(formatCheck),
    formatSummary(report),
  ].join('\n');
}
