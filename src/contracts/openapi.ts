import { readFileSync } from 'node:fs';
import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
  type RouteConfig,
  type ZodContentObject,
  zodToOpenAPIRegistry,
} from '@asteasolutions/zod-to-openapi';
import { stringify } from 'yaml';
import { z } from 'zod';
import { type ContractExample, EXAMPLES } from './examples.js';
import * as contracts from './index.js';
import type { RouteContract } from './route.js';
import { ROUTES } from './routes.js';

/** An OpenAPI 3.1 document, as `buildOpenApiDocument` returns it. */
export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

export interface OpenApiOptions {
  /** `servers[0].url`, e.g. `http://127.0.0.1:4010`. Default: no `servers`. */
  serverUrl?: string;
  /** The routes to document. Default: every route of the mock (`ROUTES`). */
  routes?: readonly RouteContract[];
  /** Example bodies shown with the routes. Default: `EXAMPLES`. */
  examples?: readonly ContractExample[];
}

const DIALECTS: Record<RouteContract['dialect'], string> = {
  E1:
    'The "Account API" generation of Linked API (the docs page "Retrieving conversations"): ' +
    '`/account/conversations.*`, the `result-handling` header, envelopes with `status` and `error.errorType`.',
  E4:
    "Today's Linked API, as `@linkedapi/node` speaks it: workflows of sync actions and `/conversations/poll`, " +
    'headers `linked-api-token` and `identification-token`, envelopes `{success, result | error}`.',
  mock: "The mock's own routes: readiness and this documentation.",
};

/**
 * The OpenAPI 3.1 document of the mock, generated from the route table (`ROUTES`) and its zod schemas:
 * every route with its headers, path parameters, body and answers by status, examples included.
 *
 * @example
 * const doc = buildOpenApiDocument({ serverUrl: 'http://127.0.0.1:4010' });
 * doc.paths['/account/conversations.get'].post.operationId; // 'getConversations'
 */
export function buildOpenApiDocument(options: OpenApiOptions = {}): OpenApiDocument {
  const routes = options.routes ?? ROUTES;
  const examples = options.examples ?? EXAMPLES;
  nameComponents(routes);
  const registry = new OpenAPIRegistry();
  for (const route of routes) registry.registerPath(pathOf(route, examples));
  const dialects = [...new Set(routes.map((route) => route.dialect))];
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'linkedapi-mock', version: packageVersion(), description: documentDescription(dialects) },
    ...(options.serverUrl !== undefined && { servers: [{ url: options.serverUrl }] }),
    tags: dialects.map((dialect) => ({ name: dialect, description: DIALECTS[dialect] })),
  });
}

/**
 * The document as text: pretty JSON or YAML (no anchors), ending in a newline.
 *
 * @example
 * writeFileSync('openapi.yaml', openApiText(buildOpenApiDocument(), 'yaml'));
 */
export function openApiText(document: OpenApiDocument, format: 'json' | 'yaml'): string {
  if (format === 'yaml') return stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 });
  return `${JSON.stringify(document, null, 2)}\n`;
}

function documentDescription(dialects: RouteContract['dialect'][]): string {
  return [
    "The HTTP API of linkedapi-mock, a local stand-in for Linked API's conversations endpoints. Dialects covered:",
    ...dialects.map((dialect) => `- **${dialect}**: ${DIALECTS[dialect]}`),
    '',
    "This document describes the mock's behaviour. Where Linked API's documentation speaks, the mock follows it " +
      'to the letter; where it is silent, the mock decides. The README lists which behaviours are documented ' +
      "facts and which are the mock's decisions.",
    '',
    'Any other method and path is answered `404` with `endpointNotFound`. Started with ' +
      '`--error-http-status 200`, the mock sends global errors with HTTP 200 instead of the statuses shown here.',
  ].join('\n');
}

function pathOf(route: RouteContract, examples: readonly ContractExample[]): RouteConfig {
  const content = (part: 'request' | number, schema: z.ZodType, type = 'application/json'): ZodContentObject => {
    const mine = examples.filter((one) => one.operationId === route.operationId && one.part === part);
    const named = Object.fromEntries(mine.map(({ name, summary, value }) => [name, { summary, value }]));
    return { [type]: { schema, ...(mine.length > 0 && { examples: named }) } };
  };
  const responses: Record<string, ResponseConfig> = {};
  for (const [status, answer] of Object.entries(route.responses)) {
    responses[status] = {
      description: answer.description,
      ...(answer.headers && { headers: answer.headers }),
      content: content(Number(status), answer.schema, answer.contentType),
    };
  }
  return {
    method: route.method,
    path: route.path,
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description !== undefined && { description: route.description }),
    tags: [route.dialect],
    request: {
      ...(route.headers && { headers: route.headers }),
      ...(route.params && { params: route.params }),
      ...(route.body && { body: { required: true, content: content('request', route.body) } }),
    },
    responses,
  };
}

/**
 * Gives schemas their component names (`components.schemas`), so the document refers to them by `$ref`:
 * every schema the contracts export under a capitalised name is named so (`Message`, `GetRequest`, …), and
 * each error object of an error answer, `{<type>: literal, message}`, is `<dialect>Error.<type>`. The names
 * are kept in zod-to-openapi's registry, keyed by the schema itself; the schemas are left as they are.
 */
function nameComponents(routes: readonly RouteContract[]): void {
  for (const [name, value] of Object.entries(contracts)) {
    if (value instanceof z.ZodType && /^[A-Z][A-Za-z0-9]*$/.test(name)) nameSchema(value, name);
  }
  for (const route of routes) {
    for (const [status, answer] of Object.entries(route.responses)) {
      if (Number(status) >= 400) nameErrorObjects(answer.schema, `${route.dialect}Error`);
    }
  }
}

function nameErrorObjects(schema: z.ZodType, prefix: string): void {
  if (schema instanceof z.ZodUnion) {
    for (const option of schema.options) nameErrorObjects(option as z.ZodType, prefix);
    return;
  }
  if (!(schema instanceof z.ZodObject)) return;
  const fields = Object.entries(schema.shape as Record<string, z.ZodType>);
  const tag = fields.find(([key]) => key !== 'message')?.[1];
  if (fields.length === 2 && 'message' in schema.shape && tag instanceof z.ZodLiteral) {
    if (typeof tag.value === 'string') nameSchema(schema, `${prefix}.${tag.value}`);
    return;
  }
  for (const [, field] of fields) nameErrorObjects(field, prefix);
}

/** Names a schema unless it has a name already (the first name wins). */
function nameSchema(schema: z.ZodType, refId: string): void {
  const current = zodToOpenAPIRegistry.get(schema);
  if (current?._internal?.refId) return;
  zodToOpenAPIRegistry.add(schema, { ...current, _internal: { ...current?._internal, refId } });
}

let version: string | undefined;
/** The package's version, read from package.json beside src/ or dist/. */
function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
    .version;
  return version;
}
