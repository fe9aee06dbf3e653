#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { EXIT, failureOf } from './exit.js';
import { usageError } from './usage.js';

// Each command loads its modules when it runs (the server's zod, faker and hono only for `serve`), so --help and
// usage errors stay quick.

async function serve(args: string[]): Promise<void> {
  const { options, watchFile } = await (await import('./serve.js')).serveOptions(args);
  const { startMock } = await import('../server/listen.js');
  const mock = await startMock(options);
  // Watching starts before the startup line, so a change made once the line is out is seen.
  const watcher = watchFile && (await import('../scenarios/watch.js')).reloadOnChange(mock, watchFile);
  const { seed, speed, startTime, controlToken } = mock.options;
  const clock = options.clock === 'manual' ? 'manual clock' : 'clock';
  // The token itself is never printed.
  const guarded = controlToken === undefined ? '' : ', control API needs x-mock-control-token';
  console.log(
    `linkedapi-mock listening on ${mock.url} (seed ${seed}, speed ${speed}, ${clock} from ${new Date(startTime).toISOString()}${guarded})`,
  );
  const stop = (signal: string) => {
    console.error(`[linkedapi-mock] ${signal}: answering held requests and stopping`);
    if (watcher) watcher.close();
    void mock.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/** The subcommands. */
const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  serve,
  verify: async (args) => (await import('./verify.js')).run(args),
  openapi: async (args) => (await import('./openapi.js')).run(args),
  'pact-verify': async (args) => (await import('./pact-verify.js')).run(args),
  validate: async (args) => (await import('./validate.js')).run(args),
};

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const help = async () => {
    process.stdout.write((await import('./help.js')).helpText());
  };
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return help();
  if (command === '--version' || command === '-v') {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    console.log(pkg.version);
    return;
  }
  const run = COMMANDS[command];
  if (!run) throw usageError(`unknown command ${JSON.stringify(command)}`);
  if (rest.includes('--help') || rest.includes('-h')) return help();
  await run(rest);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const failure = failureOf(error);
  if (failure === undefined) {
    console.error('[linkedapi-mock] unexpected error (this is a bug, please report it):', error);
    process.exit(EXIT.failed);
  }
  console.error(failure.message);
  process.exit(failure.status);
});
