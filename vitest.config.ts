import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Pact runs in its own two invocations (consumer, then provider): vitest.pact.config.ts, `npm run test:pact`.
    exclude: [...configDefaults.exclude, 'test/pact/**'],
    // Builds dist/ when it is older than src/: test/cli.test.ts runs the built CLI as a child process.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
