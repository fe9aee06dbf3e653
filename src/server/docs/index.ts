import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Context, Env, Hono } from 'hono';
import type { MockApp, ServerContext } from '../context.js';
import { requestOrigin } from '../http/origin.js';

export interface DocsOptions {
  /** The configured public origin; the document's `servers[0].url` is this, else the request's origin. */
  publicUrl?: string | undefined;
}

/** The files of swagger-ui-dist that `/docs` needs, each served at `/docs/assets/<file>`. */
const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;

/** Origins whose documents are kept; past this, the cache starts again (a client may send any Host). */
const MAX_CACHED_ORIGINS = 32;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>linkedapi-mock API reference</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>
SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null });
</script>
</body>
</html>
`;

/**
 * Mounts the mock's documentation: `GET /openapi.json` and `GET /openapi.yaml` (the OpenAPI 3.1 document, with
 * `options.publicUrl`, else the request's origin, as its server) and `GET /docs` (Swagger UI, from the installed
 * swagger-ui-dist: no network needed). The document and the files load on first request, so they cost a server
 * nothing until then.
 *
 * @example
 * mountDocs(app, ctx);
 * await app.request('/openapi.json'); // 200, servers: [{ url: 'http://localhost' }]
 */
export function mountDocs(app: MockApp, ctx: ServerContext): void {
  registerDocs(app, ctx.options);
}

/** The documents and their assets; `options` is read on each request (the options in force). */
function registerDocs<E extends Env>(app: Hono<E>, options: DocsOptions): void {
  const documents = new Map<string, Promise<string>>();
  const assets = new Map<string, Promise<Buffer>>();

  const document = (c: Context<E>, format: 'json' | 'yaml') => {
    const origin = requestOrigin(c.req.raw, options.publicUrl);
    const key = `${format} ${origin}`;
    let text = documents.get(key);
    if (text === undefined) {
      if (documents.size >= MAX_CACHED_ORIGINS * 2) documents.clear();
      text = import('../../contracts/openapi.js').then(({ buildOpenApiDocument, openApiText }) =>
        openApiText(buildOpenApiDocument({ serverUrl: origin }), format),
      );
      documents.set(key, text);
      text.catch(() => documents.delete(key));
    }
    return text;
  };

  app.get('/openapi.json', async function openApiJson(c) {
    return c.body(await document(c, 'json'), 200, { 'content-type': 'application/json' });
  });
  app.get('/openapi.yaml', async function openApiYaml(c) {
    return c.body(await document(c, 'yaml'), 200, { 'content-type': 'application/yaml' });
  });
  app.get('/docs', function apiReference(c) {
    return c.body(PAGE, 200, { 'content-type': 'text/html; charset=utf-8' });
  });
  for (const [file, contentType] of Object.entries(ASSETS)) {
    app.get(`/docs/assets/${file}`, async function swaggerUiAsset(c) {
      let bytes = assets.get(file);
      if (bytes === undefined) {
        bytes = readFile(join(swaggerUiDist(), file));
        assets.set(file, bytes);
        bytes.catch(() => assets.delete(file));
      }
      return c.body(new Uint8Array(await bytes), 200, { 'content-type': contentType });
    });
  }
}

/** The folder of the installed swagger-ui-dist package. */
function swaggerUiDist(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}
