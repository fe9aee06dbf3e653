import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { type ListenOptions, startMock } from '../server/listen.js';
import { providerStateHandlers } from './provider-states.js';

export interface VerifyMockOptions {
  /** Pact files, or folders whose `*.json` files are all verified. */
  pactUrls: string[];
  /** The provider name in your pacts. Default `linkedapi`. */
  provider?: string;
  /** Options of the mock that is verified. Default: `{ speed: 0, seed: 1 }` on 127.0.0.1, a free port. */
  mock?: ListenOptions;
  /** Pact's log level. Default `warn`. */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
}

/**
 * Expands folders to the pact files in them; throws a clear message when there is nothing to verify.
 *
 * @example
 * pactFiles(['pacts']); // ['/abs/pacts/my-app-linkedapi.json']
 */
export function pactFiles(pactUrls: string[]): string[] {
  const files = pactUrls.flatMap((url) => {
    if (/^https?:\/\//.test(url)) return [url];
    const path = resolve(url);
    if (!existsSync(path)) {
      throw new Error(
        `[linkedapi-mock] no pact file or folder at ${path}: run your consumer pact tests first, they write it`,
      );
    }
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(path, name));
  });
  if (files.length === 0) {
    throw new Error(
      `[linkedapi-mock] no pact files in ${pactUrls.join(', ')}: run your consumer pact tests first, they write them`,
    );
  }
  return files;
}

/**
 * Verifies the mock against pact files: starts the mock (instant, seeded) on 127.0.0.1, replays every
 * interaction with Pact's Verifier, setting up the provider states of `PROVIDER_STATES` in the mock's world, and
 * stops the mock. Resolves when every interaction matches; rejects with Pact's report otherwise.
 *
 * @example
 * import { verifyMockAgainstPacts } from 'linkedapi-mock/pact';
 * await verifyMockAgainstPacts({ pactUrls: ['pacts/my-app-linkedapi.json'] });
 */
export async function verifyMockAgainstPacts(options: VerifyMockOptions): Promise<string> {
  process.env.PACT_DO_NOT_TRACK ??= 'true';
  const pactUrls = pactFiles(options.pactUrls);
  const mock = await startMock({ speed: 0, seed: 1, ...options.mock, host: options.mock?.host ?? '127.0.0.1' });
  try {
    return await new Verifier({
      provider: options.provider ?? 'linkedapi',
      providerBaseUrl: mock.url,
      pactUrls,
      logLevel: options.logLevel ?? 'warn',
      // Pact types stateHandlers as HTTP and message handlers at once; ours are HTTP ({ setup, teardown }).
      stateHandlers: providerStateHandlers(mock) as unknown as VerifierOptions['stateHandlers'],
    }).verifyProvider();
  } finally {
    await mock.close();
  }
}
