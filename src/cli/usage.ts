/** A mistake on the command line: printed with a pointer to `--help`, and the command exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Runs `parse` (a command's option parsing); on a `UsageError` prints it the house way, sets exit code 2 and
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
    if (!(error instanceof UsageError)) throw error;
    console.error(`[linkedapi-mock] ${error.message}\nRun "linkedapi-mock --help" for the options.`);
    process.exitCode = 2;
    return undefined;
  }
}
