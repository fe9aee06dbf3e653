import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GET, person, type Reply, SYNC, type TestMock, testMock, tokens } from '../support/index.js';

const PATHS = [SYNC, GET] as const;
const LINKED = person('jane');

function mockForFuzz(): TestMock & { webhooks: string[] } {
  const webhooks: string[] = [];
  const mock = testMock({
    speed: 0,
    sendWebhook: async ({ url }) => {
      webhooks.push(url);
      return { status: 204 };
    },
  });
  return Object.assign(mock, { webhooks });
}

/** The one rule: never 5xx, always JSON, 4xx always the error envelope, 2xx a complete or processing body. */
function checkAnswer(reply: Reply): void {
  const context = `${reply.status} ${reply.text.slice(0, 300)}`;
  expect(reply.status >= 200 && reply.status < 500, context).toBe(true);
  expect(reply.status >= 300 && reply.status < 400, context).toBe(false);
  expect(reply.headers.get('content-type'), context).toMatch(/^application\/json/);
  expect(reply.body, context).not.toBeUndefined();
  if (reply.status >= 400) {
    expect(Object.keys(reply.body), context).toEqual(['status', 'error']);
    expect(reply.body.status, context).toBe('error');
    expect(Object.keys(reply.body.error), context).toEqual(['errorType', 'message']);
    expect(typeof reply.body.error.errorType, context).toBe('string');
    expect(typeof reply.body.error.message, context).toBe('string');
    expect(reply.body.error.message.length, context).toBeGreaterThan(0);
  } else {
    expect(['complete', 'processing'], context).toContain(reply.body.status);
  }
}

const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)),
  maxLength: 80,
});
const resultHandling = fc.option(
  fc.oneof(fc.constantFrom('long', 'reslink', 'webhook', ' webhook ', 'LONG'), headerText),
);
const webhookUrl = fc.option(
  fc.oneof(
    fc.constantFrom('http://hooks.test/x', 'https://hooks.test/a?b=c', 'ftp://hooks.test/', '/relative'),
    headerText,
  ),
);
const path = fc.constantFrom(...PATHS);

/** A value of any JSON type, to put where a field of another type belongs. */
const wrong = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, '', 'x', [], {}, [1], { person: LINKED }, '2024-01-01'),
  fc.jsonValue({ maxDepth: 3 }),
);

describe('fuzz: no malformed request gets a 5xx or a non-JSON answer', () => {
  it('random JSON values as the body', async () => {
    const mock = mockForFuzz();
    await fc.assert(
      fc.asyncProperty(path, fc.jsonValue({ maxDepth: 6 }), async (p, value) => {
        checkAnswer(await mock.post(p, JSON.stringify(value) ?? 'null'));
      }),
      { numRuns: 200 },
    );
  });

  it('random JSON values inside the body shape', async () => {
    const mock = mockForFuzz();
    const entry = fc.dictionary(
      fc.oneof(fc.constantFrom('person', 'since', '__proto__', 'constructor'), fc.string({ maxLength: 8 })),
      fc.oneof(wrong, fc.constantFrom(LINKED, 'http://LinkedIn.com/in/X/', '2024-01-01T00:00:00Z')),
      { maxKeys: 3 },
    );
    const list = fc.oneof(fc.array(fc.oneof(entry, wrong), { maxLength: 4 }), wrong);
    const body = fc.dictionary(
      fc.oneof(fc.constantFrom('standard', 'salesNavigator', '__proto__'), fc.string({ maxLength: 8 })),
      list,
      { maxKeys: 3 },
    );
    await fc.assert(
      fc.asyncProperty(path, body, async (p, value) => {
        checkAnswer(await mock.post(p, JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
  });

  it('a wrong type at every field of a valid body', async () => {
    const mock = mockForFuzz();
    const spots = [
      (v: unknown) => v,
      (v: unknown) => ({ standard: v }),
      (v: unknown) => ({ salesNavigator: v }),
      (v: unknown) => ({ standard: [v] }),
      (v: unknown) => ({ standard: [{ person: v }] }),
      (v: unknown) => ({ standard: [{ person: LINKED, since: v }] }),
      (v: unknown) => ({ salesNavigator: [{ person: LINKED, since: v }], standard: [{ person: v }] }),
      (v: unknown) => ({ standard: [{ person: LINKED }], extra: v }),
      (v: unknown) => ({ standard: [{ person: LINKED, extra: v }] }),
    ];
    await fc.assert(
      fc.asyncProperty(path, fc.constantFrom(...spots), wrong, async (p, spot, value) => {
        checkAnswer(await mock.post(p, JSON.stringify(spot(value)) ?? 'null'));
      }),
      { numRuns: 250 },
    );
  });

  it('random text that is not JSON', async () => {
    const mock = mockForFuzz();
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      // Any code point, lone surrogates included (fc's 'binary' unit is slow to build under vitest).
      fc.string({ unit: fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)), maxLength: 100 }),
      fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 8 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => (JSON.stringify(v) ?? '').slice(0, -1)),
      fc.constantFrom(
        '{',
        '}',
        '{"standard":',
        '{"standard":[{"person":"https://x"}]',
        "{'a':1}",
        'NaN',
        '\u0000',
        '\uFEFF{}',
      ),
    );
    await fc.assert(
      fc.asyncProperty(path, text, async (p, body) => {
        checkAnswer(await mock.post(p, body));
      }),
      { numRuns: 200 },
    );
  });

  it('random result-handling and webhook-url header values', async () => {
    const mock = mockForFuzz();
    const body = fc.constantFrom(
      { standard: [{ person: LINKED }] },
      { salesNavigator: [{ person: 'https://www.linkedin.com/in/missing-x' }] },
      { standard: [] },
      'not json',
    );
    await fc.assert(
      fc.asyncProperty(path, body, resultHandling, webhookUrl, async (p, b, mode, url) => {
        const headers: Record<string, string> = {};
        if (mode !== null) headers['result-handling'] = mode;
        if (url !== null) headers['webhook-url'] = url;
        checkAnswer(await mock.post(p, b, headers));
      }),
      { numRuns: 200 },
    );
  });

  it('random bytes that are not UTF-8, with or without a JSON content type', async () => {
    const mock = mockForFuzz();
    await fc.assert(
      fc.asyncProperty(
        path,
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom('application/json', 'text/plain', 'application/octet-stream'),
        async (p, bytes, type) => {
          checkAnswer(await mock.send('POST', p, { headers: { 'content-type': type, ...tokens() }, body: bytes }));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('deep nesting (10 000 levels) as text, in every place', async () => {
    const mock = mockForFuzz();
    const arrays = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const objects = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const bodies = [
      arrays,
      objects,
      `{"standard":${arrays}}`,
      `{"standard":[${arrays}]}`,
      `{"standard":[{"person":${arrays}}]}`,
      `{"standard":[{"person":"${LINKED}","since":${objects}}]}`,
      `{"standard":[{"person":"${LINKED}"}],"extra":${objects}}`,
      `{"standard":[{"person":"${LINKED}"}],${'"salesNavigator":'}${objects}}`,
      `{"standard":${'['.repeat(100_000)}`,
    ];
    for (const p of PATHS) for (const body of bodies) checkAnswer(await mock.post(p, body));
  });

  it('huge strings (~900 KB) in every place', async () => {
    const mock = mockForFuzz();
    const huge = 'a'.repeat(900_000);
    const url = `https://www.linkedin.com/in/${huge}`;
    const bodies: unknown[] = [
      huge,
      JSON.stringify(huge),
      { standard: huge },
      { standard: [huge] },
      { standard: [{ person: huge }] },
      { standard: [{ person: LINKED, since: huge }] },
      { standard: [{ person: LINKED, [huge]: 1 }] },
      { [huge]: [] },
      { standard: [{ person: url }] },
      { salesNavigator: [{ person: `https://example.com/${huge}` }] },
      { standard: Array.from({ length: 15_000 }, () => 1) },
      { standard: Array.from({ length: 5_000 }, () => ({ person: LINKED })) },
      'a'.repeat(1024 * 1024 + 1),
    ];
    for (const p of PATHS) {
      for (const body of bodies) {
        const reply = await mock.post(p, body);
        checkAnswer(reply);
        expect(reply.text.length).toBeLessThan(2_000_000);
      }
    }
    const header = await mock.post(SYNC, { standard: [{ person: LINKED }] }, { 'result-handling': 'x'.repeat(60_000) });
    checkAnswer(header);
    expect(header.status).toBe(400);
  });
});
