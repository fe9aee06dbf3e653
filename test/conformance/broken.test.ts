import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/conformance/report.js';
import { type ConformanceReport, runConformance } from '../../src/conformance/run.js';
import { E1_ERRORS } from '../../src/contracts/e1/errors.js';
import { PROCESSING_MESSAGES } from '../../src/contracts/e1/responses.js';
import { type Breakage, brokenServer, eachMessage, TOKENS } from './support.js';

async function verify(breakage: Breakage): Promise<ConformanceReport> {
  const { fetch } = brokenServer(breakage);
  return runConformance({ baseUrl: 'http://broken.test', ...TOKENS, fetch, pollIntervalMs: 1 });
}

const failed = (report: ConformanceReport) =>
  report.results.filter((result) => result.status === 'failed').map((result) => result.name);
const detailsOf = (report: ConformanceReport, name: string) =>
  report.results.find((result) => result.name === name)?.details ?? [];

describe('the conformance suite fails against a non-conformant server', () => {
  it('that calls errorType "type": every global-error check fails, naming error.errorType', async () => {
    const report = await verify({
      answer: (json) => {
        if (json.status !== 'error') return json;
        const { errorType, ...rest } = json.error;
        return { ...json, error: { type: errorType, ...rest } };
      },
    });
    expect(report.ok).toBe(false);
    expect(failed(report)).toEqual([
      'missing-account-api-token',
      'missing-identification-token',
      'invalid-body',
      'invalid-body-not-json',
      'unknown-result-id',
      'unknown-endpoint',
    ]);
    expect(detailsOf(report, 'missing-account-api-token')).toEqual([
      'POST /account/conversations.get answered 401: error.errorType: expected "accountApiTokenRequired", got nothing',
    ]);
    expect(detailsOf(report, 'unknown-endpoint')).toEqual([
      'GET /account/linkedapi-mock-verify-no-such-endpoint answered 404: error.errorType: expected "endpointNotFound", got nothing',
    ]);
    const text = formatReport(report);
    expect(text).toContain(
      '✗ missing-account-api-token (mock decision): POST /account/conversations.get answered 401: error.errorType: expected "accountApiTokenRequired", got nothing',
    );
    expect(text.split('\n').at(-1)).toBe(`17 passed, 6 failed, 0 skipped; ${report.requests} requests`);
  });

  it('whose since is inclusive: since-exclusive fails and says so', async () => {
    const earlier = (since: string) => new Date(Date.parse(since) - 1000).toISOString().replace('.000Z', 'Z');
    const report = await verify({
      request: (path, body) => {
        if (!path.endsWith('conversations.get')) return body;
        for (const entry of body.standard ?? []) if (entry.since) entry.since = earlier(entry.since);
        return body;
      },
    });
    expect(failed(report)).toEqual(['since-exclusive']);
    const [first, ...rest] = detailsOf(report, 'since-exclusive');
    expect(first).toMatch(
      /^POST \/account\/conversations\.get since \S+Z: 1 message\(s\) at exactly since came back: since is inclusive, expected exclusive$/,
    );
    expect(rest).toEqual([expect.stringMatching(/: expected the \d+ later message\(s\) \[.*\], got \d+: \[/)]);
  });

  it('that sends times with milliseconds: the checks that read messages fail with the JSON path', async () => {
    const report = await verify({
      answer: (json) =>
        eachMessage(json, (message) => Object.assign(message, { time: message.time.replace('Z', '.000Z') })),
    });
    expect(failed(report)).toEqual([
      'get-after-sync',
      'messages-oldest-first',
      'total-is-count',
      'since-exclusive',
      'since-future',
    ]);
    expect(detailsOf(report, 'get-after-sync')).toContain(
      'POST /account/conversations.get answered 200: completion.standard[0].result.data.messages[0].time: expected YYYY-MM-DDTHH:MM:SSZ',
    );
  });

  it('that leaves out total: the get answers break their contract at data.total', async () => {
    const report = await verify({ answer: (json) => eachMessage(json, (_, data) => delete data.total) });
    expect(failed(report)).toContain('get-after-sync');
    expect(detailsOf(report, 'get-after-sync')).toEqual([
      'POST /account/conversations.get answered 200: completion.standard[0].result.data.total: required',
      'POST /account/conversations.get answered 200: completion.standard[1].result.data.total: required',
    ]);
    expect(failed(report)).not.toContain('synchronize');
  });

  it('whose result link says "periodically" while processing, or forgets a result once read', async () => {
    const polled = new Set<string>();
    const periodically = await verify({
      answer: (json, path) => {
        if (!path.startsWith('/account/results/') || json.status === 'error' || polled.has(path)) return json;
        polled.add(path);
        return {
          status: 'processing',
          process: { message: PROCESSING_MESSAGES.accepted, resultLink: `http://broken.test${path}` },
        };
      },
    });
    expect(failed(periodically)).toEqual(['result-link']);
    expect(detailsOf(periodically, 'result-link')).toEqual([
      expect.stringMatching(
        /^GET \/account\/results\/\S+ answered 200: process\.message: expected "Your request is being processed\. Please check the resultLink later\.", got "Your request is being processed\. Please check the resultLink periodically\."$/,
      ),
    ]);

    const read = new Set<string>();
    const forgetful = await verify({
      answer: (json, path) => {
        if (!path.startsWith('/account/results/') || json.status !== 'complete') return json;
        if (!read.has(path)) {
          read.add(path);
          return json;
        }
        return {
          status: 'error',
          error: { errorType: 'resultNotFound', message: E1_ERRORS.resultNotFound.message },
        };
      },
    });
    expect(failed(forgetful)).toEqual(['result-link']);
    expect(detailsOf(forgetful, 'result-link')).toEqual([
      expect.stringMatching(/answered 200: status: expected one of "complete", "processing", got "error"$/),
      expect.stringMatching(/answered 200: completion: required$/),
      expect.stringMatching(
        /^GET \/account\/results\/\S+ again: expected the same body as before, got \{"status":"error"/,
      ),
    ]);
  });

  it('whose result link never completes: result-link fails at the poll deadline', async () => {
    const { fetch, seen } = brokenServer({
      answer: (json, path) =>
        path.startsWith('/account/results/') && json.status === 'complete'
          ? {
              status: 'processing',
              process: { message: PROCESSING_MESSAGES.pending, resultLink: `http://broken.test${path}` },
            }
          : json,
    });
    const report = await runConformance({
      baseUrl: 'http://broken.test',
      ...TOKENS,
      fetch,
      only: ['result-link'],
      pollIntervalMs: 5,
      pollDeadlineMs: 50,
    });
    expect(failed(report)).toEqual(['result-link']);
    expect(detailsOf(report, 'result-link')).toEqual([
      expect.stringMatching(
        /^http:\/\/broken\.test\/account\/results\/\S+ was still processing after 50 ms \(\d+ polls\)$/,
      ),
    ]);
    expect(seen.requests).toBe(report.requests);
    expect(report.requests).toBeLessThanOrEqual(1 + 50 / 5 + 1);
  });

  it('keeps to its request budget', async () => {
    const { fetch, seen } = brokenServer({});
    const report = await runConformance({
      baseUrl: 'http://broken.test',
      ...TOKENS,
      fetch,
      maxRequests: 5,
      pollIntervalMs: 1,
    });
    expect(seen.requests).toBe(5);
    expect(report.requests).toBe(5);
    expect(detailsOf(report, 'synchronize')).toEqual([
      "refused to send POST /account/conversations.synchronize: the run's budget of 5 requests is spent",
    ]);
  });

  it('whose E4 errors use E1’s errorType: every E4 error check fails, naming error.type', async () => {
    const report = await verify({
      answer: (json, path) => {
        if (path.startsWith('/account/') || json.success !== false) return json;
        const { type, ...rest } = json.error;
        return { ...json, error: { errorType: type, ...rest } };
      },
    });
    expect(failed(report)).toEqual([
      'e4-missing-linked-api-token',
      'e4-missing-identification-token',
      'e4-invalid-workflow',
      'e4-conversations-not-synced',
      'e4-unknown-workflow',
    ]);
    expect(detailsOf(report, 'e4-missing-linked-api-token')[0]).toBe(
      'POST /conversations/poll answered 401: error.type: expected "linkedApiTokenRequired", got nothing',
    );
  });

  it('whose E4 poll treats since as inclusive: e4-poll-since-exclusive fails', async () => {
    const earlier = (since: string) => new Date(Date.parse(since) - 1000).toISOString().replace('.000Z', 'Z');
    const report = await verify({
      request: (path, body) => {
        if (path !== '/conversations/poll' || !Array.isArray(body)) return body;
        for (const item of body) if (item.since) item.since = earlier(item.since);
        return body;
      },
      answer: (json, path) => {
        // Echo `since` as the client sent it, so that only the filtering is wrong.
        if (path !== '/conversations/poll' || !Array.isArray(json.result)) return json;
        for (const item of json.result)
          if (item.since) item.since = new Date(Date.parse(item.since) + 1000).toISOString().replace('.000Z', 'Z');
        return json;
      },
    });
    expect(failed(report)).toEqual(['e4-poll-since-exclusive']);
    expect(detailsOf(report, 'e4-poll-since-exclusive')[0]).toMatch(
      /^since \S+: expected the \d+ messages after it, got \d+$/,
    );
  });

  it('whose workflow completion drops actionType: e4-sync-workflow fails with the JSON path', async () => {
    const report = await verify({
      answer: (json, path) => {
        const completion = json.result?.completion;
        if (!path.startsWith('/workflows/') || !Array.isArray(completion)) return json;
        for (const entry of completion) delete entry.actionType;
        return json;
      },
    });
    expect(failed(report)).toContain('e4-sync-workflow');
    expect(detailsOf(report, 'e4-sync-workflow')[0]).toMatch(
      /^GET \/workflows\/wf-\S+ answered 200: result\.completion/,
    );
  });
});
