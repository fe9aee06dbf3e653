import { parseArgs } from 'node:util';
import { EXIT } from './exit.js';
import { parseOrReport, usageError } from './usage.js';

interface PactVerifyOptions {
  pactUrls: string[];
  provider: string | undefined;
  seed: number | undefined;
}

function pactVerifyOptions(args: string[]): PactVerifyOptions {
  // An unknown option throws ERR_PARSE_ARGS_*, which the CLI reports as a usage error too.
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { provider: { type: 'string' }, seed: { type: 'string' } },
  });
  if (positionals.length === 0) {
    throw usageError('pact-verify needs at least one pact file or folder, e.g. pact-verify pacts/');
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && (values.seed?.trim() === '' || !Number.isSafeInteger(seed))) {
    throw usageError(`--seed: expected an integer, got ${JSON.stringify(values.seed)}`);
  }
  return { pactUrls: positionals, provider: values.provider, seed };
}

/** The verification module, or undefined when `@pact-foundation/pact` is not installed. */
async function loadVerifier(): Promise<typeof import('../pact/verify.js') | undefined> {
  try {
    return await import('../pact/verify.js');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
      String(error).includes('@pact-foundation')
    ) {
      return undefined;
    }
    throw error;
  }
}

/**
 * `linkedapi-mock pact-verify PACT...`: verifies the mock against pact files (or folders of them), with the
 * provider states of `linkedapi-mock/pact`. Exit 0 when every interaction matches, 1 when one does not (Pact's
 * report is printed above), 2 on a usage error.
 *
 * @example
 * await run(['pacts/my-app-linkedapi.json']);
 */
export async function run(args: string[]): Promise<void> {
  const options = parseOrReport(() => pactVerifyOptions(args));
  if (options === undefined) return;
  const verifier = await loadVerifier();
  if (!verifier) {
    console.error(
      '[linkedapi-mock] pact-verify needs @pact-foundation/pact: install it with npm install --save-dev @pact-foundation/pact@16',
    );
    process.exitCode = EXIT.failed;
    return;
  }
  let files: string[];
  try {
    files = verifier.pactFiles(options.pactUrls);
  } catch (error) {
    console.error((error as Error).message); // nothing to verify there: a mistake on the command line
    process.exitCode = EXIT.usage;
    return;
  }
  try {
    await verifier.verifyMockAgainstPacts({
      pactUrls: files,
      ...(options.provider !== undefined && { provider: options.provider }),
      ...(options.seed !== undefined && { mock: { seed: options.seed } }),
    });
    console.log(`[linkedapi-mock] the mock honours every interaction of ${files.length} pact file(s)`);
  } catch (error) {
    const failed = failedInteractions(error as Error);
    console.error(
      failed === undefined
        ? `[linkedapi-mock] pact verification could not run: ${(error as Error).message}`
        : `[linkedapi-mock] pact verification failed: ${failed} interaction(s) did not match (Pact's report is above)`,
    );
    process.exitCode = EXIT.failed;
  }
}

/** How many interactions failed, from Pact's JSON report in the error; undefined when it is no such report. */
function failedInteractions(error: Error): number | undefined {
  try {
    const report = JSON.parse(error.message) as { errors?: unknown[] };
    return Array.isArray(report.errors) ? report.errors.length : undefined;
  } catch {
    return undefined;
  }
}
