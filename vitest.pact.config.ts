import { defineConfig } from 'vitest/config';

// Pact's core would otherwise report anonymous usage (a network attempt); set here so every way of running works.
process.env.PACT_DO_NOT_TRACK = 'true';

/**
 * Pact tests, run in two invocations (consumer, then provider: the provider verifies the files the consumer
 * wrote): `npm run test:pact`. One file at a time in forked processes, for Pact's native library.
 */
export default defineConfig({
  test: {
    include: ['examples/pact-consumer/**/*.pact.test.ts', 'test/pact/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
