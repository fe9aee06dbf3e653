import { parseArgs } from 'node:util';
import { parseOrReport, usageError } from './usage.js';

const FORMATS = ['json', 'yaml'] as const;

function openApiOptions(args: string[]): { format: (typeof FORMATS)[number]; serverUrl: string | undefined } {
  // An unknown option throws ERR_PARSE_ARGS_*, which the CLI reports as a usage error too.
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { format: { type: 'string' }, 'server-url': { type: 'string' } },
  });
  if (positionals.length > 0) {
    throw usageError(`openapi takes no arguments, got ${JSON.stringify(positionals.join(' '))}`);
  }
  const format = values.format ?? 'json';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw usageError(`--format: expected json or yaml, got ${JSON.stringify(format)}`);
  }
  const serverUrl = values['server-url'];
  const url = serverUrl === undefined ? undefined : URL.parse(serverUrl);
  if (serverUrl !== undefined && url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw usageError(
      `--server-url: expected an absolute http or https URL such as http://127.0.0.1:4010, got ${JSON.stringify(serverUrl)}`,
    );
  }
  return { format: format as (typeof FORMATS)[number], serverUrl };
}

/**
 * `linkedapi-mock openapi`: prints the mock's OpenAPI 3.1 document to stdout, as JSON (default) or YAML.
 * A usage error prints a `[linkedapi-mock]` message and sets exit code 2.
 *
 * @example
 * await run(['--format', 'yaml', '--server-url', 'http://127.0.0.1:4010']);
 */
export async function run(args: string[]): Promise<void> {
  const options = parseOrReport(() => openApiOptions(args));
  if (options === undefined) return;
  const { buildOpenApiDocument, openApiText } = await import('../contracts/openapi.js');
  const document = buildOpenApiDocument(options.serverUrl === undefined ? {} : { serverUrl: options.serverUrl });
  process.stdout.write(openApiText(document, options.format));
}
