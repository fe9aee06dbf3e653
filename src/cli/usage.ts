import { MockError } from '../core/issue.js';
import { failureOf } from './exit.js';

/** A mistake on the command line: printed with a pointer to `--help`; the command exits with status 2. */
export function usageError(message: string): MockError {
  return new MockError('usage', message);
}

/**
 * Runs `parse` (a command's option parsing); on a usage error prints it the house way, sets the exit status and
 * returns undefined. Any other error is thrown on.
 *
 * @example
 * const options = parseOrReport(() => verifyOptions(args));
 * if (options === undefined) return;
 */
export function parseOrReport<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof MockError && error.code === 'usage')) throw error;
    const failure = failureOf(error) as NonNullable<ReturnType<typeof failureOf>>;
    console.error(failure.message);
    process.exitCode = failure.status;
    return undefined;
  }
}
