import { parseArgs } from 'node:util';

const FORMATS = ['json', 'yaml'] as const;

class OpenApiUsage extends Error {}

function openApiOptions(args: string[]): { format: (typeof FORMATS)[number]; serverUrl: string | undefined } {
  // An unknown option throws ERR_PARSE_ARGS_*, which the CLI reports as a usage error too.
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { format: { type: 'string' }, 'server-url': { type: 'string' } },
  });
  if (positionals.length > 0) {
    throw new OpenApiUsage(`openapi takes no arguments, got ${JSON.stringify(positionals.join(' '))}`);
  }
  const format = values.format ?? 'json';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new OpenApiUsage(`--format: expected json or yaml, got ${JSON.stringify(format)}`);
  }
  const serverUrl = values['server-url'];
  const url = serverUrl === undefined ? undefined : URL.parse(serverUrl);
  if (serverUrl !== undefined && url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new OpenApiUsage(
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
  let options: ReturnType<typeof openApiOptions>;
  try {
    options = openApiOptions(args);
  } catch (error) {
    if (!(error instanceof OpenApiUsage)) throw error;
    console.error(`[linkedapi-mock] ${error.message}\nRun "linkedapi-mock --help" for the options.`);
    process.exitCode = 2;
    return;
  }
  const { buildOpenApiDocument, openApiText } = await import('../contracts/openapi.js');
  const document = buildOpenApiDocument(options.serverUrl === undefined ? {} : { serverUrl: options.serverUrl });
  process.stdout.write(openApiText(document, options.format));
}
