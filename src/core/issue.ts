/**
 * The one error model of the mock. Validation anywhere (a request body, a header, a scenario file, a control
 * request, a command-line option) yields a list of `Issue`s; formatting is a separate step (`formatDetails` for
 * HTTP answers, `formatLocated` for the command line); a refused operation is a `Result` with `ok: false`; an
 * error that must be thrown is a `MockError` whose `code` callers switch on (the CLI maps codes to exit statuses).
 *
 * `problem` rather than `message`: it is the field every surface already shows (`invalidRequestBody` details,
 * the control API's issues, `validate --json`), so the model matches the wire.
 */

/** One problem with an input. */
export interface Issue {
  /** What kind of problem, for programs: zod's issue code (`invalid_type`, `unrecognized_keys`, …) or the mock's (`syntax`, `too_large`, `unknown_reference`, `duplicate`, …). */
  code: string;
  /** Where: `standard[0].person`, `scenario.accounts[0].state`, `--port`; `body` for a whole body. */
  path: string;
  /** What is wrong, in words for the user: `expected a string, got a number`. */
  problem: string;
  /** What to do about it. */
  hint?: string;
  /** 1-based line and column in the text the input came from (a scenario file). */
  line?: number;
  column?: number;
}

/** The outcome of an operation that can be refused: its value, or why not (by default, the issues found). */
export type Result<T, E = Issue[]> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}

/** `path: problem; path: problem`, at most `max` listed, then `and N more problems`: the `{details}` of an HTTP error message. */
export function formatDetails(
  issues: readonly Pick<Issue, 'path' | 'problem'>[],
  max = Number.POSITIVE_INFINITY,
): string {
  const listed = issues.slice(0, max);
  const text = listed.map((issue) => `${issue.path}: ${issue.problem}`).join('; ');
  return issues.length > listed.length ? `${text}; and ${issues.length - listed.length} more problems` : text;
}

/**
 * One line per issue for a person at a terminal, `[linkedapi-mock] WHAT FILE:LINE:COL: path: problem`, with the
 * hint indented on the next line: what `validate`, `serve --scenario` and a thrown `MockError` print.
 */
export function formatLocated(what: string, source: string, issues: readonly Issue[]): string {
  return issues
    .map((issue) => {
      const where = issue.line === undefined ? source : `${source}:${issue.line}:${issue.column ?? 1}`;
      const hint = issue.hint === undefined ? '' : `\n  hint: ${issue.hint}`;
      return `[linkedapi-mock] ${what} ${where}: ${issue.path}: ${issue.problem}${hint}`;
    })
    .join('\n');
}

/**
 * What went wrong, for code that switches on it. The CLI's exit status comes from the code alone
 * (`src/cli/exit.ts`), never from an error's class or message.
 */
export type MockErrorCode =
  /** A command line that cannot be run: unknown option, missing argument, bad value. */
  | 'usage'
  /** A programmatic option (createMockServer/startMock) with a bad value. */
  | 'invalidOption'
  /** A scenario with problems (each an issue, located when it came from a file). */
  | 'invalidScenario'
  /** A control operation refused (its control-API error type is in `details.type`). */
  | 'controlRefused'
  /** A file or address that could not be read or reached. */
  | 'io'
  /** A Pact provider state the mock cannot set up (a missing or bad parameter, a state that cannot hold in it). */
  | 'invalidProviderState';

/** The mock's one error class: a `code` to switch on, a message for people, and the issues when there are any. */
export class MockError extends Error {
  override name = 'MockError';

  constructor(
    readonly code: MockErrorCode,
    message: string,
    readonly issues: readonly Issue[] = [],
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}
