import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildOpenApiDocument } from '../../src/contracts/openapi.js';
import { createMockServer } from '../../src/server/app.js';

// dist/cli/index.js is built by test/global-setup.ts when it is older than src/.
const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));
const SWAGGER_UI = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli/index.js ...args` to its end. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

describe('the served documentation', () => {
  const { app } = createMockServer({ speed: 0 });
  const get = (url: string, headers: Record<string, string> = {}) => app.request(url, { headers });

  it('/openapi.json is the document with the origin of the request as its server', async () => {
    for (const origin of ['http://mock.test:4010', 'http://127.0.0.1:5555']) {
      const response = await get(`${origin}/openapi.json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      const text = await response.text();
      expect(text.endsWith('}\n')).toBe(true);
      expect(JSON.parse(text)).toEqual(buildOpenApiDocument({ serverUrl: origin }));
    }
    const proxied = await get('http://127.0.0.1:4010/openapi.json', {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'docs.example.test',
    });
    expect(JSON.parse(await proxied.text()).servers).toEqual([{ url: 'https://docs.example.test' }]);
  });

  it('a configured public URL is the server, whatever the request origin', async () => {
    const { app: pinned } = createMockServer({ speed: 0, publicUrl: 'https://mock.example.test' });
    const response = await pinned.request('http://127.0.0.1:4010/openapi.json');
    expect(JSON.parse(await response.text()).servers).toEqual([{ url: 'https://mock.example.test' }]);
  });

  it('/openapi.yaml parses to the same document', async () => {
    const response = await get('http://mock.test/openapi.yaml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/yaml');
    const text = await response.text();
    expect(text.startsWith('openapi: 3.1.0\n')).toBe(true);
    expect(text).not.toMatch(/^\s*[&*]a\d+/m); // no YAML anchors or aliases
    expect(parse(text)).toEqual(buildOpenApiDocument({ serverUrl: 'http://mock.test' }));
  });

  it('/docs is a Swagger UI page that loads only same-origin paths', async () => {
    const response = await get('http://mock.test/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).not.toMatch(/\/\/[a-z0-9.-]+\.[a-z]{2,}|https?:/i); // no URL of any host, no protocol-relative one
    const referenced = [...html.matchAll(/(?:src|href)="([^"]+)"|url: '([^']+)'/g)].map((m) => m[1] ?? m[2]);
    expect(referenced.sort()).toEqual([
      '/docs/assets/swagger-ui-bundle.js',
      '/docs/assets/swagger-ui.css',
      '/openapi.json',
    ]);
    expect(html).toContain('validatorUrl: null'); // Swagger UI would otherwise fetch a badge from validator.swagger.io
  });

  it.each([
    ['swagger-ui.css', 'text/css; charset=utf-8'],
    ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
  ])('/docs/assets/%s is the installed swagger-ui-dist file, as %s', async (file, contentType) => {
    const response = await get(`http://mock.test/docs/assets/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(100_000);
    expect(bytes.equals(readFileSync(join(SWAGGER_UI, file)))).toBe(true);
  });

  it.each([
    '/docs/assets/index.html',
    '/docs/assets/swagger-ui-bundle.js.map',
    '/docs/assets/swagger-initializer.js',
    '/docs/assets/%2e%2e/package.json',
    '/docs/assets/..%2f..%2fpackage.json',
    '/docs/',
  ])('%s is no endpoint (404 endpointNotFound)', async (path) => {
    const response = await get(`http://mock.test${path}`);
    expect(response.status).toBe(404);
    expect(JSON.parse(await response.text()).error.errorType).toBe('endpointNotFound');
  });
});

describe.concurrent('linkedapi-mock openapi', { timeout: 15_000 }, () => {
  it('prints the document as pretty JSON', async () => {
    const run = await cli('openapi');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.startsWith('{\n  "openapi": "3.1.0",\n')).toBe(true);
    expect(run.stdout.endsWith('}\n')).toBe(true);
    expect(JSON.parse(run.stdout)).toEqual(buildOpenApiDocument());
  });

  it('--format yaml --server-url prints YAML with that server', async () => {
    const run = await cli('openapi', '--format', 'yaml', '--server-url', 'http://127.0.0.1:4010');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.startsWith('openapi: 3.1.0\n')).toBe(true);
    expect(parse(run.stdout)).toEqual(buildOpenApiDocument({ serverUrl: 'http://127.0.0.1:4010' }));
  });

  it.each([
    [['--format', 'xml'], '[linkedapi-mock] --format: expected json or yaml, got "xml"'],
    [['--server-url', 'localhost:4010'], '[linkedapi-mock] --server-url: expected an absolute http or https URL'],
    [['--colour'], "Unknown option '--colour'"],
    [['extra'], '[linkedapi-mock] openapi takes no arguments, got "extra"'],
  ])('refuses %j with exit 2 and a clear message', async (args, message) => {
    const run = await cli('openapi', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('linkedapi-mock --help');
    expect(run.stdout).toBe('');
  });

  it('is listed in --help', async () => {
    const run = await cli('--help');
    expect(run.stdout).toMatch(/^ {2}linkedapi-mock openapi \[options\] /m);
    expect(run.stdout).toMatch(/^ {2}--format json\|yaml {2,}/m);
    expect(run.stdout).toMatch(/^ {2}--server-url URL {2,}/m);
  });
});
