import { readFileSync } from 'node:fs';
import { compileErrors, validate } from '@readme/openapi-parser';
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GetComplete } from '../../src/contracts/e1/responses.js';
import { EXAMPLES } from '../../src/contracts/examples.js';
import { buildOpenApiDocument, type OpenApiDocument } from '../../src/contracts/openapi.js';
import type { RouteContract } from '../../src/contracts/route.js';
import { ROUTES } from '../../src/contracts/routes.js';
import { GET, testMock } from '../support/index.js';

const doc = buildOpenApiDocument();
const METHODS = ['get', 'post', 'delete', 'put', 'patch', 'head', 'options', 'trace'];
const PKG = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

// biome-ignore lint/suspicious/noExplicitAny: the test walks the generated JSON freely
type Json = any;
const operation = (document: OpenApiDocument, route: RouteContract): Json =>
  (document.paths?.[route.path] as Json)?.[route.method];
const schemas = (document: OpenApiDocument): Json => document.components?.schemas ?? {};

/** `GET /account/results/{id}` for every route the app serves (middleware left out). */
function servedRoutes(app: Hono): string[] {
  const served = app.routes
    .filter((route) => route.method !== 'ALL')
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
  return [...new Set(served)].sort();
}

const tableRoutes = (routes: readonly RouteContract[]) =>
  routes.map((route) => `${route.method.toUpperCase()} ${route.path}`).sort();

function documentedRoutes(document: OpenApiDocument): string[] {
  return Object.entries(document.paths ?? {})
    .flatMap(([path, item]) =>
      Object.keys(item as object)
        .filter((key) => METHODS.includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document (@readme/openapi-parser)', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as Json);
    if (!result.valid) console.error(compileErrors(result));
    expect(result.valid).toBe(true);
  });

  it('negative control: a copy without info is reported invalid', async () => {
    const broken: Json = structuredClone(doc);
    delete broken.info;
    const result = await validate(broken);
    expect(result.valid).toBe(false);
    expect(compileErrors(result)).toContain('info');
  });

  it('has the title, the package version, a description of the dialects, and tags by dialect', () => {
    expect(doc.info.title).toBe('linkedapi-mock');
    expect(doc.info.version).toBe(PKG.version);
    for (const words of [
      '**E1**',
      '**E4**',
      '**mock**',
      "the mock's behaviour",
      'docs/decisions.md',
      'endpointNotFound',
    ]) {
      expect(doc.info.description).toContain(words);
    }
    expect(doc.tags?.map((tag) => tag.name)).toEqual(['E1', 'E4', 'mock']);
    expect(doc.servers).toBeUndefined();
    expect(buildOpenApiDocument({ serverUrl: 'http://127.0.0.1:4010' }).servers).toEqual([
      { url: 'http://127.0.0.1:4010' },
    ]);
  });

  it('documents every route of the table: operationId, tag, headers, path parameters, body and answers', () => {
    for (const route of ROUTES) {
      const op = operation(doc, route);
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      expect(op.operationId).toBe(route.operationId);
      expect(op.summary).toBe(route.summary);
      expect(op.tags).toEqual([route.dialect]);
      const parameters = (op.parameters ?? []) as Json[];
      const expected = [
        ...Object.entries(route.params?.shape ?? {}).map(([name]) => ({ name, in: 'path', required: true })),
        ...Object.entries(route.headers?.shape ?? {}).map(([name, schema]) => ({
          name,
          in: 'header',
          required: !(schema as z.ZodType).safeParse(undefined).success,
        })),
      ];
      expect(parameters.map(({ name, in: where, required }) => ({ name, in: where, required }))).toEqual(expected);
      expect(op.requestBody?.required).toBe(route.body ? true : undefined);
      expect(Object.keys(op.responses)).toEqual(Object.keys(route.responses));
      for (const [status, answer] of Object.entries(route.responses)) {
        const documented = op.responses[status];
        expect(documented.description).toBe(answer.description);
        expect(Object.keys(documented.content)).toEqual([answer.contentType ?? 'application/json']);
        expect(Object.keys(documented.headers ?? {})).toEqual(Object.keys(answer.headers?.shape ?? {}));
      }
    }
  });

  it('documents the E1 headers and the retry-after of 429', () => {
    const sync = (doc.paths as Json)['/account/conversations.synchronize'].post;
    const header = (name: string) => sync.parameters.find((p: Json) => p.name === name);
    expect(header('account-api-token')).toMatchObject({ in: 'header', required: true });
    expect(header('identification-token')).toMatchObject({ in: 'header', required: true });
    expect(header('result-handling')).toMatchObject({
      required: false,
      schema: { enum: ['long', 'reslink', 'webhook'] },
    });
    expect(header('webhook-url')).toMatchObject({ required: false, schema: { type: 'string', format: 'uri' } });
    expect(Object.keys(sync.responses)).toEqual(['200', '400', '401', '403', '413', '429']);
    expect(sync.responses['429'].headers['retry-after']).toMatchObject({ required: true, schema: { type: 'string' } });
    expect(sync.responses['401'].content['application/json'].schema.properties.error.anyOf).toEqual(
      [
        'accountApiTokenRequired',
        'invalidAccountApiToken',
        'identificationTokenRequired',
        'invalidIdentificationToken',
      ].map((type) => ({ $ref: `#/components/schemas/E1Error.${type}` })),
    );
  });

  it('names the main shapes as components, every request body among them, and bodies refuse unknown fields', () => {
    const names = Object.keys(schemas(doc));
    for (const name of ['Message', 'SynchronizeRequest', 'GetRequest', 'SynchronizeComplete', 'GetComplete']) {
      expect(names).toContain(name);
    }
    for (const name of ['ProcessingAccepted', 'ProcessingPending', 'ProcessingWebhook', 'E1Error.tooManyRequests']) {
      expect(names).toContain(name);
    }
    for (const route of ROUTES.filter((one) => one.body)) {
      const ref: string = operation(doc, route).requestBody.content['application/json'].schema.$ref;
      expect(ref, route.operationId).toMatch(/^#\/components\/schemas\/[A-Z]\w+$/);
    }
    const components = schemas(doc);
    for (const name of ['SynchronizeRequest', 'GetRequest', 'SynchronizeEntry', 'GetEntry']) {
      expect(components[name].additionalProperties, name).toBe(false);
    }
    expect(components.Message.properties.id).toEqual({ type: 'string', format: 'uuid' });
    expect(components.GetEntry.properties.since).toMatchObject({ $ref: '#/components/schemas/Since' });
    expect(components.Since).toMatchObject({ type: 'string', format: 'date-time' });
    expect(components.PersonUrl).toMatchObject({ type: 'string', format: 'uri' });
  });

  it('writes every pattern as a plain regular expression that matches what it describes', () => {
    const patterns = [...JSON.stringify(doc).matchAll(/"pattern":"((?:[^"\\]|\\.)*)"/g)].map(
      (match) => JSON.parse(`"${match[1]}"`) as string,
    );
    expect(patterns.length).toBeGreaterThan(3);
    const printedFlags = /(?<!\\)\/[a-z]+$/;
    expect('^a .+$/s').toMatch(printedFlags); // what zod-to-openapi prints for a RegExp with a flag
    for (const pattern of patterns) {
      expect(pattern, 'no /flags printed into the pattern').not.toMatch(printedFlags);
      expect(() => new RegExp(pattern, 'u'), pattern).not.toThrow();
    }
    const invalidBody = new RegExp(schemas(doc)['E1Error.invalidRequestBody'].properties.message.pattern);
    expect(invalidBody.test('The request body is invalid: body: expected valid JSON (Unexpected\nend).')).toBe(true);
    expect(invalidBody.test('The request was invalid.')).toBe(false);
  });

  it('documents a route added to the table with no change to the generator', () => {
    const extra: RouteContract = {
      operationId: 'probeExtra',
      method: 'post',
      path: '/extra/{thing}',
      dialect: 'E4',
      summary: 'A route only this test has',
      params: z.object({ thing: z.string() }),
      body: z.strictObject({ n: z.int() }),
      responses: { 200: { description: 'Fine', schema: z.object({ ok: z.boolean() }) } },
    };
    const extended = buildOpenApiDocument({ routes: [...ROUTES, extra] });
    const op = operation(extended, extra);
    expect(op).toMatchObject({ operationId: 'probeExtra', tags: ['E4'] });
    expect(op.requestBody.content['application/json'].schema).toMatchObject({ additionalProperties: false });
    expect(documentedRoutes(extended)).toEqual(tableRoutes([...ROUTES, extra]));
  });
});

describe('the examples', () => {
  const schemaOf = (route: RouteContract, part: 'request' | number) =>
    part === 'request' ? route.body : route.responses[part]?.schema;

  it('each parses with its own schema and with its route’s schema, and is shown on its route', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(12);
    const keys = EXAMPLES.map((one) => `${one.operationId} ${one.part} ${one.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const example of EXAMPLES) {
      const label = `${example.operationId} ${example.part} ${example.name}`;
      const route = ROUTES.find((one) => one.operationId === example.operationId);
      expect(route, label).toBeDefined();
      const routeSchema = schemaOf(route as RouteContract, example.part);
      expect(routeSchema, label).toBeDefined();
      expect(example.schema.safeParse(example.value).error, label).toBeUndefined();
      expect((routeSchema as z.ZodType).safeParse(example.value).error, label).toBeUndefined();
      const op = operation(doc, route as RouteContract);
      const media = example.part === 'request' ? op.requestBody.content : op.responses[example.part].content;
      expect(media['application/json'].examples[example.name], label).toEqual({
        summary: example.summary,
        value: example.value,
      });
    }
  });

  it('the invalidRequestBody example is word for word what the mock answers', async () => {
    const example = EXAMPLES.find((one) => one.name === 'invalidRequestBody');
    const response = await testMock({ speed: 0 }).send('POST', GET, {
      headers: { 'account-api-token': 't', 'identification-token': 'examples' },
      body: JSON.stringify({ standard: [{ person: 'jane' }] }),
    });
    expect(response.status).toBe(example?.part);
    expect(JSON.parse(response.text)).toEqual(example?.value);
  });

  it('negative control: a drifted example fails its schema', () => {
    const allRetrieved = EXAMPLES.find((one) => one.name === 'allRetrieved');
    const drifted: Json = structuredClone(allRetrieved?.value);
    drifted.completion.standard[0].result.data.messages[0].time = '2023-01-02 10:30';
    expect(GetComplete.safeParse(allRetrieved?.value).success).toBe(true);
    expect(GetComplete.safeParse(drifted).success).toBe(false);
  });
});

/** `endpointNotFound` when notFound answered (E1 or E4 envelope), else undefined. */
async function notFoundType(response: Response): Promise<string | undefined> {
  const text = await response.text();
  if (!response.headers.get('content-type')?.startsWith('application/json')) return undefined;
  const error = (JSON.parse(text) as Json)?.error;
  const type = error?.errorType ?? error?.type;
  return type === 'endpointNotFound' ? type : undefined;
}

describe('the route table, the server and the document', () => {
  const mock = testMock({ speed: 0 });

  it('list the same routes, both ways', () => {
    expect(servedRoutes(mock.app)).toEqual(tableRoutes(ROUTES));
    expect(documentedRoutes(doc)).toEqual(tableRoutes(ROUTES));
  });

  it('negative control: a server route without a contract is noticed', () => {
    const extended = testMock({ speed: 0 });
    extended.app.get('/__mock/uncontracted', (c) => c.text('hi'));
    expect(servedRoutes(extended.app)).not.toEqual(tableRoutes(ROUTES));
    expect(servedRoutes(extended.app)).toContain('GET /__mock/uncontracted');
  });

  it('every documented operation is answered by its own handler, not by endpointNotFound', async () => {
    for (const route of ROUTES) {
      const path = route.path.replace(/\{\w+\}/g, 'x');
      const init: RequestInit = { method: route.method.toUpperCase() };
      if (route.method === 'post') init.body = '{}';
      const response = await mock.fetch(`http://mock.test${path}`, init);
      expect(await notFoundType(response), `${route.method} ${path}`).toBeUndefined();
      expect(response.status, `${route.method} ${path}`).toBeLessThan(500);
    }
    // The probe can tell the difference, in either dialect's envelope.
    expect(await notFoundType(await mock.fetch('http://mock.test/account/nowhere'))).toBe('endpointNotFound');
    const e4 = await mock.fetch('http://mock.test/nowhere', { headers: { 'linked-api-token': 't' } });
    expect(await notFoundType(e4)).toBe('endpointNotFound');
  });
});
