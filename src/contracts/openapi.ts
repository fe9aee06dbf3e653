import { readFileSync } from 'node:fs';
import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
  type RouteConfig,
  type ZodContentObject,
} from '@asteasolutions/zod-to-openapi';
import { stringify } from 'yaml';
import { z } from 'zod';
import { PersonUrl } from './e1/requests.js';
import { type ContractExample, EXAMPLES } from './examples.js';
import { FaultRule, TimelineEvent } from './mock/scenario.js';
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
  const registry = new OpenAPIRegistry();
  for (const route of routes) registry.registerPath(pathOf(route, examples));
  const dialects = [...new Set(routes.map((route) => route.dialect))];
  return withSharedComponentNames(() =>
    new OpenApiGeneratorV31(registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: { title: 'linkedapi-mock', version: packageVersion(), description: documentDescription(dialects) },
      ...(options.serverUrl !== undefined && { servers: [{ url: options.serverUrl }] }),
      tags: dialects.map((dialect) => ({ name: dialect, description: DIALECTS[dialect] })),
    }),
  );
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
      'to the letter; where it is silent, the mock decides. docs/decisions.md lists which behaviours are ' +
      "documented facts and which are the mock's decisions.",
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

/*
 * Component names (`components.schemas`, referred to by `$ref`) are zod metadata: each schema that is a
 * component carries `.meta({ id: 'Name' })` where it is defined (`Message`, `GetRequest`, the error objects
 * `E1Error.<type>` and `E4Error.<type>`, …), and zod-to-openapi reads it from zod's registry.
 *
 * The scenario format holds two components (`PersonUrl`, `FaultRule`). An `id` on them would make them
 * `definitions` of the scenario JSON Schema as well, so they are named here instead, only while a document is
 * generated (synchronously), through zod's public registry API, and their metadata is put back afterwards. The
 * described copy of `PersonUrl` in a `personDisappears` event is named too (zod does not pass an `id` on to a
 * copy), so the document shows it as `PersonUrl` with a description of its own.
 */
const [, , personDisappears] = TimelineEvent.options;
const SHARED_COMPONENTS: readonly [z.ZodType, string][] = [
  [PersonUrl, 'PersonUrl'],
  [personDisappears.shape.person, 'PersonUrl'],
  [FaultRule, 'FaultRule'],
];

function withSharedComponentNames<T>(generate: () => T): T {
  const before = SHARED_COMPONENTS.map(([schema, id]) => {
    const meta = z.globalRegistry.get(schema);
    z.globalRegistry.add(schema, { ...meta, id });
    return meta;
  });
  try {
    return generate();
  } finally {
    SHARED_COMPONENTS.forEach(([schema], index) => {
      const meta = before[index];
      z.globalRegistry.remove(schema);
      if (meta !== undefined) z.globalRegistry.add(schema, meta);
    });
  }
}

let version: string | undefined;
/** The package's version, read from package.json beside src/ or dist/. */
function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
    .version;
  return version;
}
