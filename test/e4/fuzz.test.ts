import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { e4Tokens, person, type Reply, testMock, workflowPath } from '../support/index.js';

const PATHS = ['/workflows', '/conversations/poll'] as const;
const LINKED = person('jane');
const path = fc.constantFrom(...PATHS);

/** The E4 rule: never 5xx, always JSON, 4xx always `{success: false, error: {type, message}}`, 2xx `success: true`. */
function checkAnswer(answer: Reply): void {
  const context = `${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status >= 200 && answer.status < 500, context).toBe(true);
  expect(answer.status >= 300 && answer.status < 400, context).toBe(false);
  expect(answer.headers.get('content-type'), context).toMatch(/^application\/json/);
  expect(answer.body, context).not.toBeUndefined();
  if (answer.status >= 400) {
    expect(Object.keys(answer.body), context).toEqual(['success', 'error']);
    expect(answer.body.success, context).toBe(false);
    expect(Object.keys(answer.body.error), context).toEqual(['type', 'message']);
    expect(answer.body.error.message.length, context).toBeGreaterThan(0);
  } else {
    expect(answer.body.success, context).toBe(true);
  }
}

function fuzzMock() {
  const mock = testMock({ speed: 0 });
  const send = (p: string, body: string | Uint8Array, headers: Record<string, string> = e4Tokens()) =>
    mock.send('POST', p, { headers, body });
  return { mock, send };
}

const wrong = fc.oneof(
  fc.constantFrom(null, true, 0, 1.5, '', 'x', [], {}, [1], { personUrl: LINKED }, 'st', 'st.syncConversation'),
  fc.jsonValue({ maxDepth: 3 }),
);

describe('fuzz (E4): no malformed request gets a 5xx or a non-JSON answer', () => {
  it('random JSON values as the body', async () => {
    const { send } = fuzzMock();
    await fc.assert(
      fc.asyncProperty(path, fc.jsonValue({ maxDepth: 6 }), async (p, value) => {
        checkAnswer(await send(p, JSON.stringify(value) ?? 'null'));
      }),
      { numRuns: 150 },
    );
  });

  it('a wrong value at every field of valid bodies', async () => {
    const { send } = fuzzMock();
    const action = (v: unknown) => [
      { actionType: v, personUrl: LINKED },
      { actionType: 'st.syncConversation', personUrl: v },
      { actionType: 'nv.syncConversation', personUrl: LINKED, label: v },
      { actionType: 'st.syncConversation', personUrl: LINKED, __proto__: v },
    ];
    const spots = [
      (v: unknown) => ['/workflows', v],
      ...[0, 1, 2, 3].map((i) => (v: unknown) => ['/workflows', action(v)[i]]),
      ...[0, 1, 2].map((i) => (v: unknown) => ['/workflows', [action(v)[i], action(v)[0]]]),
      (v: unknown) => ['/conversations/poll', [v]],
      (v: unknown) => ['/conversations/poll', [{ personUrl: v, type: 'st' }]],
      (v: unknown) => ['/conversations/poll', [{ personUrl: LINKED, type: v }]],
      (v: unknown) => ['/conversations/poll', [{ personUrl: LINKED, type: 'nv', since: v }]],
      (v: unknown) => ['/conversations/poll', [{ personUrl: LINKED, type: 'st', extra: v }]],
    ] as ((v: unknown) => [string, unknown])[];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...spots), wrong, async (spot, value) => {
        const [p, body] = spot(value);
        checkAnswer(await send(p, JSON.stringify(body) ?? 'null'));
      }),
      { numRuns: 250 },
    );
  });

  it('random text and bytes that are not JSON', async () => {
    const { send } = fuzzMock();
    const body = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 8 }),
      fc.uint8Array({ maxLength: 200 }),
      fc.constantFrom('[', '[{', '{"actionType":', '\uFEFF[]', 'NaN'),
    );
    await fc.assert(
      fc.asyncProperty(path, body, async (p, b) => {
        checkAnswer(await send(p, b));
      }),
      { numRuns: 150 },
    );
  });

  it('random token headers and workflow ids', async () => {
    const { mock, send } = fuzzMock();
    const header = fc.string({
      unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)),
      maxLength: 40,
    });
    await fc.assert(
      fc.asyncProperty(fc.option(header), fc.option(header), fc.string({ maxLength: 60 }), async (key, id, wf) => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (key !== null) headers['linked-api-token'] = key;
        if (id !== null) headers['identification-token'] = id;
        checkAnswer(
          await send('/workflows', JSON.stringify({ actionType: 'st.syncConversation', personUrl: LINKED }), headers),
        );
        for (const method of ['GET', 'DELETE']) {
          const answer = await mock.send(method, workflowPath(wf), { headers });
          checkAnswer(answer);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('deep nesting and huge strings', async () => {
    const { send } = fuzzMock();
    const arrays = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const huge = 'a'.repeat(900_000);
    const bodies = [
      arrays,
      `[{"personUrl":${arrays},"type":"st"}]`,
      `{"actionType":"st.syncConversation","personUrl":"${LINKED}","label":${arrays}}`,
      JSON.stringify([{ personUrl: `https://www.linkedin.com/in/${huge}`, type: 'st' }]),
      JSON.stringify({ actionType: huge, personUrl: LINKED }),
      JSON.stringify(Array.from({ length: 5_000 }, () => ({ actionType: 'st.syncConversation', personUrl: LINKED }))),
      JSON.stringify(Array.from({ length: 15_000 }, () => 1)),
    ];
    for (const p of PATHS) {
      for (const body of bodies) {
        const answer = await send(p, body);
        checkAnswer(answer);
        expect(answer.text.length).toBeLessThan(2_000_000);
      }
    }
  });
});
