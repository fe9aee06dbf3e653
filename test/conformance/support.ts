import { Hono } from 'hono';
import type { FetchLike } from '../../src/conformance/client.js';
import { type RealtimeMock, realtimeMock } from '../support/index.js';

/** What a fetch wrapper saw: every request, and the most that were in flight at once. */
export interface Traffic {
  requests: { method: string; url: string; body: string | undefined }[];
  maxInFlight: number;
}

/** Wraps a fetch so that it records the traffic; the counting is independent of the suite's own. */
export function recorded(fetch: FetchLike): { fetch: FetchLike; traffic: Traffic } {
  const traffic: Traffic = { requests: [], maxInFlight: 0 };
  let inFlight = 0;
  return {
    traffic,
    fetch: async (url, init) => {
      traffic.requests.push({ method: init.method ?? 'GET', url, body: init.body as string | undefined });
      inFlight++;
      traffic.maxInFlight = Math.max(traffic.maxInFlight, inFlight);
      try {
        const response = await fetch(url, init);
        await new Promise((resolve) => setImmediate(resolve)); // room for a second request to overlap, were it sent
        return response;
      } finally {
        inFlight--;
      }
    },
  };
}

/** An in-process mock at speed 0 (its clock runs by itself, as `serve`'s does), and a fetch that reaches it. */
export function inProcessMock(): { mock: RealtimeMock; fetch: FetchLike } {
  const mock = realtimeMock({ speed: 0 });
  return { mock, fetch: (url, init) => mock.fetch(url, init) };
}

// biome-ignore lint/suspicious/noExplicitAny: rewrites work on arbitrary JSON
type Json = any;

export interface Breakage {
  /** Rewrites a request body (JSON) before the mock sees it. */
  request?: (path: string, body: Json) => Json;
  /** Rewrites an answer (JSON) before the client sees it. */
  answer?: (json: Json, path: string) => Json;
}

/**
 * A deliberately non-conformant server: the mock behind a proxy that breaks requests or answers (with no
 * breakage, a faithful proxy). It counts the requests and the most that were in flight at once.
 */
export function brokenServer(breakage: Breakage): {
  app: Hono;
  fetch: FetchLike;
  seen: { requests: number; maxInFlight: number };
} {
  const { mock } = inProcessMock();
  const app = new Hono();
  const seen = { requests: 0, maxInFlight: 0 };
  let inFlight = 0;
  app.use(async (_, next) => {
    seen.requests++;
    seen.maxInFlight = Math.max(seen.maxInFlight, ++inFlight);
    try {
      await next();
    } finally {
      inFlight--;
    }
  });
  app.all('*', async (c) => {
    let body = c.req.method === 'POST' ? await c.req.text() : undefined;
    if (body !== undefined && breakage.request) {
      try {
        body = JSON.stringify(breakage.request(new URL(c.req.url).pathname, JSON.parse(body)));
      } catch {
        // not JSON: passed on as it is
      }
    }
    const response = await mock.fetch(c.req.url, { method: c.req.method, headers: c.req.raw.headers, body });
    let text = await response.text();
    if (breakage.answer) text = JSON.stringify(breakage.answer(JSON.parse(text), new URL(c.req.url).pathname));
    return new Response(text, { status: response.status, headers: { 'content-type': 'application/json' } });
  });
  return { app, seen, fetch: (url, init) => app.request(url, init) };
}

/** Every message of every `get` completion, for rewriting. */
export function eachMessage(json: Json, visit: (message: Json, data: Json) => void): Json {
  for (const channel of ['standard', 'salesNavigator']) {
    for (const entry of json?.completion?.[channel] ?? []) {
      const data = entry?.result?.data;
      for (const message of data?.messages ?? []) visit(message, data);
    }
  }
  return json;
}

export const TOKENS = { accountApiToken: 'conformance-api-token', identificationToken: 'conformance-account' };
