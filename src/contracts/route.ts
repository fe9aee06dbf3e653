import type { z } from 'zod';

/**
 * One route the mock serves, as data: method, path, headers, body and the answers it may give, each with its
 * zod schema. The OpenAPI document, the response self-check and the conformance suite are all built from this
 * table, and a test checks that it lists exactly the routes the server has.
 */
export interface RouteContract {
  /** Stable name, also the OpenAPI `operationId`. */
  operationId: string;
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI-style path: `/account/results/{id}`. */
  path: string;
  /** Which API generation the route belongs to; `mock` for the mock's own routes. */
  dialect: 'E1' | 'E4' | 'mock';
  summary: string;
  description?: string;
  /** Request headers (names lower-case). */
  headers?: z.ZodObject;
  /** Path parameters, named as in `path`. */
  params?: z.ZodObject;
  body?: z.ZodType;
  /** Answers by HTTP status. A status may allow several shapes (a union). */
  responses: Record<number, ResponseContract>;
}

export interface ResponseContract {
  description: string;
  schema: z.ZodType;
  /** Response headers worth documenting, e.g. `retry-after` on 429. */
  headers?: z.ZodObject;
  /** Media type of the body; absent means `application/json`. */
  contentType?: string;
}

/** A contract path as Hono writes it: `/account/results/{id}` → `/account/results/:id`. */
export function honoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}
