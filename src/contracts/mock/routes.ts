import { z } from 'zod';
import { HealthResponse } from '../e1/responses.js';
import type { ResponseContract, RouteContract } from '../route.js';

/** The mock's own routes about itself: readiness and its documents. */
export const MOCK_ROUTES: RouteContract[] = [
  {
    operationId: 'health',
    method: 'get',
    path: '/__mock/health',
    dialect: 'mock',
    summary: 'Readiness: 200 once the server accepts requests',
    responses: { 200: { description: 'Ready', schema: HealthResponse } },
  },
  docsRoute(
    'getOpenApiJson',
    '/openapi.json',
    'This OpenAPI document',
    'application/json',
    z.record(z.string(), z.unknown()),
  ),
  docsRoute('getOpenApiYaml', '/openapi.yaml', 'This OpenAPI document as YAML', 'application/yaml'),
  docsRoute('getApiReference', '/docs', 'API reference (Swagger UI, works offline)', 'text/html'),
  docsRoute('getSwaggerUiCss', '/docs/assets/swagger-ui.css', 'Swagger UI stylesheet', 'text/css'),
  docsRoute('getSwaggerUiBundle', '/docs/assets/swagger-ui-bundle.js', 'Swagger UI script', 'text/javascript'),
];

/** A document the mock serves about itself (`GET`, always 200). */
function docsRoute(
  operationId: string,
  path: string,
  summary: string,
  contentType: string,
  schema: z.ZodType = z.string(),
): RouteContract {
  const answer: ResponseContract = { description: summary, schema, contentType };
  return { operationId, method: 'get', path, dialect: 'mock', summary, responses: { 200: answer } };
}
