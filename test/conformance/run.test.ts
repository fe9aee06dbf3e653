import { describe, expect, it } from 'vitest';
import type { ConformanceCheck } from '../../src/conformance/check.js';
import { CONFORMANCE_CHECKS } from '../../src/conformance/checks.js';
import { DEFAULT_PERSONS, NEVER_SYNCED_PERSON } from '../../src/conformance/options.js';
import { formatReport } from '../../src/conformance/report.js';
import { runConformance } from '../../src/conformance/run.js';
import { person } from '../support/index.js';
import { inProcessMock, recorded, TOKENS } from './support.js';

const BASE = 'http://mock.test';
const NAMES = CONFORMANCE_CHECKS.map((check) => check.name);

describe('runConformance against the in-process mock', () => {
  it('passes every check, one request at a time, within a bounded number of requests', async () => {
    const { fetch, traffic } = recorded(inProcessMock().fetch);
    const report = await runConformance({ baseUrl: BASE, ...TOKENS, fetch, pollIntervalMs: 1 });
    expect(report.results.map((result) => [result.name, result.status, result.details])).toEqual(
      NAMES.map((name) => [name, 'passed', []]),
    );
    expect([report.passed, report.failed, report.skipped, report.ok]).toEqual([NAMES.length, 0, 0, true]);
    expect(report.requests).toBe(traffic.requests.length);
    expect(report.requests).toBeGreaterThanOrEqual(14);
    expect(report.requests).toBeLessThanOrEqual(30);
    expect(traffic.maxInFlight).toBe(1);
    expect(report.maxInFlight).toBe(1);
    expect(report.notes).toEqual([expect.stringContaining('no persons given: used')]);
    const text = formatReport(report).split('\n');
    expect(text).toHaveLength(1 + NAMES.length + 1);
    expect(text[1]).toMatch(/^✓ missing-account-api-token \(mock decision\) \d+ ms$/);
    expect(text.at(-1)).toBe(`${NAMES.length} passed, 0 failed, 0 skipped; ${report.requests} requests`);
  });

  it('is safe: only the given persons are synced and read (plus the never-synced one, read), nothing is sent', async () => {
    const persons = [person('safe-ann'), person('safe-bob')];
    const { fetch, traffic } = recorded(inProcessMock().fetch);
    const report = await runConformance({ baseUrl: BASE, ...TOKENS, persons, fetch, pollIntervalMs: 1 });
    expect(report.ok).toBe(true);
    const paths = new Set(
      traffic.requests.map(
        ({ method, url }) => `${method} ${new URL(url).pathname.replace(/results\/.*/, 'results/{id}')}`,
      ),
    );
    expect([...paths].map((path) => path.replace(/workflows\/.*/, 'workflows/{id}')).sort()).toEqual([
      'DELETE /workflows/{id}',
      'GET /account/linkedapi-mock-verify-no-such-endpoint',
      'GET /account/results/{id}',
      'GET /workflows/{id}',
      'GET /workflows/{id}',
      'POST /account/conversations.get',
      'POST /account/conversations.synchronize',
      'POST /conversations/poll',
      'POST /workflows',
    ]);
    for (const { url, body } of traffic.requests) {
      expect(new URL(url).origin).toBe(BASE);
      const mentioned = [...(body ?? '').matchAll(/"person(?:Url)?":"([^"]*)"/g)].map((match) => match[1]);
      const reads = url.endsWith('conversations.get') || url.endsWith('/conversations/poll');
      const allowed = reads ? [...persons, NEVER_SYNCED_PERSON] : persons;
      for (const one of mentioned) expect(allowed).toContain(one);
      // The only workflow actions ever started are syncs, and the one no implementation runs.
      for (const [, type] of (body ?? '').matchAll(/"actionType":"([^"]*)"/g)) {
        expect(['st.syncConversation', 'linkedapiMockVerify.noSuchAction']).toContain(type);
      }
    }
  });

  it('refuses to send what the safety rules forbid, and queues requests asked for at once', async () => {
    const stranger: ConformanceCheck = {
      name: 'stranger',
      dialect: 'E1',
      basis: 'documented',
      guarantees: 'nothing: it breaks the rules',
      async run(ctx) {
        await ctx.e1('synchronize', { standard: [{ person: person('not-given') }] });
      },
    };
    const elsewhere: ConformanceCheck = {
      ...stranger,
      name: 'elsewhere',
      async run(ctx) {
        await ctx.get('https://api.example.test/account/results/abc', undefined);
      },
    };
    const sender: ConformanceCheck = {
      ...stranger,
      name: 'sender',
      async run(ctx) {
        const body = JSON.stringify({ standard: [{ person: DEFAULT_PERSONS[0], text: 'Hi' }] });
        await ctx.send({ method: 'POST', url: `${BASE}/account/messages.send`, headers: {}, body, route: undefined });
      },
    };
    const eager: ConformanceCheck = {
      ...stranger,
      name: 'eager',
      async run(ctx) {
        const body = { standard: [{ person: NEVER_SYNCED_PERSON }] };
        await Promise.all([ctx.e1('get', body), ctx.e1('get', body), ctx.e1('get', body)]);
      },
    };
    const { fetch, traffic } = recorded(inProcessMock().fetch);
    const report = await runConformance({
      baseUrl: BASE,
      ...TOKENS,
      fetch,
      checks: [stranger, elsewhere, sender, eager],
    });
    expect(report.results.slice(0, 2).map((result) => [result.name, result.status, result.details])).toEqual([
      [
        'stranger',
        'failed',
        [
          `refused to send POST /account/conversations.synchronize: ${person('not-given')} is not one of the persons given`,
        ],
      ],
      [
        'elsewhere',
        'failed',
        [
          `refused to send GET /account/results/abc: https://api.example.test is not the origin of the base URL ${BASE}`,
        ],
      ],
    ]);
    expect(report.results[2]?.details).toEqual([
      'refused to send POST /account/messages.send: POST /account/messages.send is not a request the suite may send',
    ]);
    expect(report.results[3]?.status).toBe('passed');
    expect(traffic.requests).toHaveLength(3); // only the eager check's: one at a time, though it asked at once
    expect(traffic.maxInFlight).toBe(1);
    expect(report.requests).toBe(3);
  });

  it('--only runs just the named checks; --documented-only skips the mock decisions and says so', async () => {
    const { fetch } = inProcessMock();
    const only = await runConformance({
      baseUrl: BASE,
      ...TOKENS,
      fetch,
      only: ['since-exclusive'],
      pollIntervalMs: 1,
    });
    expect(only.results.map((result) => [result.name, result.status])).toEqual([['since-exclusive', 'passed']]);
    expect(only.requests).toBe(3); // it synchronizes and reads first, on its own

    const documented = await runConformance({
      baseUrl: BASE,
      ...TOKENS,
      fetch,
      documentedOnly: true,
      pollIntervalMs: 1,
    });
    const decisions = CONFORMANCE_CHECKS.filter((check) => check.basis === 'mock decision').map((check) => check.name);
    expect(decisions).toEqual(
      expect.arrayContaining(['since-exclusive', 'total-is-count', 'missing-account-api-token', 'unknown-result-id']),
    );
    for (const result of documented.results) {
      expect(result.status).toBe(decisions.includes(result.name) ? 'skipped' : 'passed');
    }
    expect(formatReport(documented)).toContain(
      '- since-exclusive (mock decision): skipped: a mock decision (--documented-only)',
    );
  });

  it('refuses an unknown check name, listing the valid ones, and bad options, naming them', async () => {
    const options = { baseUrl: BASE, ...TOKENS, fetch: inProcessMock().fetch };
    await expect(runConformance({ ...options, only: ['nope'] })).rejects.toThrow(
      `[linkedapi-mock] unknown check "nope"; the checks are: ${NAMES.join(', ')}`,
    );
    await expect(runConformance({ ...options, baseUrl: 'ftp://x' })).rejects.toThrow(
      'baseUrl: expected an http(s) URL',
    );
    await expect(runConformance({ ...options, persons: [NEVER_SYNCED_PERSON] })).rejects.toThrow(
      "the suite's never-synced person",
    );
    await expect(runConformance({ ...options, accountApiToken: ' ' })).rejects.toThrow(
      'accountApiToken: expected a non-empty token',
    );
  });

  it('skips the message checks, saying why, when no given person exists', async () => {
    const { fetch } = inProcessMock();
    const persons = [person('missing-one')]; // a magic value: personNotFound on the mock
    const report = await runConformance({ baseUrl: BASE, ...TOKENS, persons, fetch, pollIntervalMs: 1 });
    const skipped = report.results.filter((result) => result.status === 'skipped').map((result) => result.name);
    expect(skipped).toEqual([
      'get-after-sync',
      'messages-oldest-first',
      'total-is-count',
      'since-exclusive',
      'since-future',
      'e4-poll-after-sync',
      'e4-poll-since-exclusive',
    ]);
    expect(report.results.find((result) => result.name === 'get-after-sync')?.details).toEqual([
      'none of the persons exists (every synchronize answered personNotFound)',
    ]);
    expect(report.failed).toBe(0);
    expect(DEFAULT_PERSONS).not.toContain(persons[0]);
  });
});
