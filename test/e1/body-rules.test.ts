import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/server/http/body.js';
import { GET, person, SYNC, testMock, tokens } from '../support/index.js';
import { expectInvalid, expectProcessing, one, PERIODICALLY, syncedBody } from './support.js';

const JANE = person('jane');
const EXAMPLE = 'https://www.linkedin.com/in/jane-doe';
const NOT_URL = `expected an absolute http(s) URL such as ${EXAMPLE}`;
const AT_LEAST_ONE = 'body: standard and salesNavigator together must hold at least one conversation';
const SINCE =
  'expected an ISO 8601 date-time with a time zone, such as 2023-01-01T00:00:00Z or 2023-01-01T09:00:00+02:00';
const ENTRY_OBJECT = `expected an object such as {"person": "${EXAMPLE}"}`;

/** [name, raw body text, exact details], for both endpoints. */
const BOTH: [string, string, string][] = [
  ['an array', '[]', 'body: expected a JSON object, got an array'],
  ['null', 'null', 'body: expected a JSON object, got null'],
  ['a string', '"standard"', 'body: expected a JSON object, got the string "standard"'],
  ['a number', '42', 'body: expected a JSON object, got a number'],
  ['a boolean', 'true', 'body: expected a JSON object, got a boolean'],
  ['an empty body', '', 'body: expected a JSON object, got an empty body'],
  ['a blank body', ' \n\t ', 'body: expected a JSON object, got an empty body'],
  ['an empty object', '{}', AT_LEAST_ONE],
  ['two empty arrays', '{"standard":[],"salesNavigator":[]}', AT_LEAST_ONE],
  ['one empty array', '{"salesNavigator":[]}', AT_LEAST_ONE],
  [
    'standard not an array',
    '{"standard":{"person":"https://www.linkedin.com/in/jane"}}',
    'standard: expected an array of conversations, got an object',
  ],
  [
    'salesNavigator a string',
    `{"salesNavigator":"${JANE}"}`,
    `salesNavigator: expected an array of conversations, got the string "${JANE}"`,
  ],
  [
    'standard null',
    '{"standard":null,"salesNavigator":[{"person":"https://www.linkedin.com/in/a"}]}',
    'standard: expected an array of conversations, got null',
  ],
  ['an entry that is a string', `{"standard":["${JANE}"]}`, `standard[0]: ${ENTRY_OBJECT}, got the string "${JANE}"`],
  [
    'an entry that is a long string',
    `{"standard":["${JANE}-with-a-much-longer-slug"]}`,
    `standard[0]: ${ENTRY_OBJECT}, got a string`,
  ],
  ['an entry that is a short string', '{"standard":["x"]}', `standard[0]: ${ENTRY_OBJECT}, got the string "x"`],
  ['an entry that is an array', '{"salesNavigator":[[]]}', `salesNavigator[0]: ${ENTRY_OBJECT}, got an array`],
  ['an entry that is null', '{"standard":[null]}', `standard[0]: ${ENTRY_OBJECT}, got null`],
  ['an entry without person', '{"standard":[{}]}', 'standard[0].person: required'],
  [
    'person a number',
    '{"standard":[{"person":5}]}',
    `standard[0].person: expected a URL string such as ${EXAMPLE}, got a number`,
  ],
  [
    'person null',
    '{"standard":[{"person":null}]}',
    `standard[0].person: expected a URL string such as ${EXAMPLE}, got null`,
  ],
  ['person not a URL', '{"standard":[{"person":"jane-doe"}]}', `standard[0].person: ${NOT_URL}`],
  ['person a relative URL', '{"standard":[{"person":"/in/jane"}]}', `standard[0].person: ${NOT_URL}`],
  ['person an ftp URL', '{"standard":[{"person":"ftp://www.linkedin.com/in/jane"}]}', `standard[0].person: ${NOT_URL}`],
  ['person an empty string', '{"salesNavigator":[{"person":""}]}', `salesNavigator[0].person: ${NOT_URL}`],
  [
    'an unknown top-level field',
    `{"standard":[{"person":"${JANE}"}],"Standard":[]}`,
    'Standard: unknown field (allowed: standard, salesNavigator)',
  ],
  [
    'a typo in an entry',
    `{"standard":[{"persn":"${JANE}"}]}`,
    'standard[0].person: required; standard[0].persn: unknown field (allowed: {allowed})',
  ],
  [
    'two unknown fields and a bad person',
    `{"standard":[{"person":"nope","x":1}],"limit":2}`,
    `standard[0].person: ${NOT_URL}; standard[0].x: unknown field (allowed: {allowed}); limit: unknown field (allowed: standard, salesNavigator)`,
  ],
  [
    'the same person twice in one array, in another spelling',
    `{"standard":[{"person":"${JANE}"},{"person":"http://LinkedIn.com/in/Jane/?trk=x#top"}]}`,
    'standard[1].person: the same person as standard[0].person (list each person once per array)',
  ],
  [
    'the same person three times in salesNavigator',
    `{"salesNavigator":[{"person":"${JANE}"},{"person":"${person('b')}"},{"person":"${JANE}/"},{"person":"https://linkedin.com/in/JANE"}]}`,
    'salesNavigator[2].person: the same person as salesNavigator[0].person (list each person once per array); salesNavigator[3].person: the same person as salesNavigator[0].person (list each person once per array)',
  ],
  [
    'the same non-URL person twice: only the URL problems, no duplicate check on them',
    '{"standard":[{"person":"not a url"},{"person":"not a url"},{"person":5},{"person":5}]}',
    `standard[0].person: ${NOT_URL}; standard[1].person: ${NOT_URL}; standard[2].person: expected a URL string such as ${EXAMPLE}, got a number; standard[3].person: expected a URL string such as ${EXAMPLE}, got a number`,
  ],
  [
    'two bad persons in two arrays',
    '{"standard":[{"person":"a"}],"salesNavigator":[{"person":"https://www.linkedin.com/in/x"},{"person":7}]}',
    `standard[0].person: ${NOT_URL}; salesNavigator[1].person: expected a URL string such as ${EXAMPLE}, got a number`,
  ],
];

/** An entry's allowed fields depend on the endpoint: `{allowed}` in a row's details stands for them. */
function detailsFor(details: string, path: string): string {
  return details.replaceAll('{allowed}', path === GET ? 'person, since' : 'person');
}

describe('§5 body rules', () => {
  for (const path of [SYNC, GET]) {
    it.each(BOTH)(`${path}: %s`, async (_case, text, details) => {
      const mock = testMock({ speed: 0 });
      const reply = await mock.post(path, text);
      expectInvalid(reply, detailsFor(details, path));
    });
  }

  it('the behaviour.md form: "The request body is invalid: {details}." with path: problem', async () => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.post(SYNC, { standard: [{ person: 'not a url' }] });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(
      /^The request body is invalid: standard\[0\]\.person: expected .*URL.*\.$/,
    );
  });

  it('invalid JSON is refused, naming the parse problem', async () => {
    const mock = testMock({ speed: 0 });
    for (const text of ['{', '{"standard":[}', "{'standard':[]}", '{"standard":[{"person":"x"}]}}', 'standard=1']) {
      const reply = await mock.post(GET, text);
      expect(reply.status).toBe(400);
      expect(reply.body.error.errorType).toBe('invalidRequestBody');
      expect(reply.body.error.message).toMatch(/^The request body is invalid: body: expected valid JSON \(.+\)\.$/);
    }
  });

  it('arrays are optional: standard alone, salesNavigator alone and both are accepted', async () => {
    const mock = testMock({ speed: 0 });
    expect((await mock.post(SYNC, { standard: [{ person: JANE }] })).text).toBe(syncedBody('jane'));
    const nav = await mock.post(SYNC, { salesNavigator: [{ person: JANE }] });
    expect(nav.body).toEqual({
      status: 'complete',
      completion: { standard: [], salesNavigator: [{ person: JANE, result: { success: true } }] },
    });
    const both = await mock.post(SYNC, { standard: [], salesNavigator: [{ person: JANE }] });
    expect(both.status).toBe(200);
  });

  it('the same person once in each array is fine', async () => {
    const mock = testMock({ speed: 0 });
    const body = { standard: [{ person: JANE }], salesNavigator: [{ person: 'http://linkedin.com/in/JANE/' }] };
    const sync = await mock.post(SYNC, body);
    expect(sync.status).toBe(200);
    expect(sync.body.completion).toEqual({
      standard: [{ person: JANE, result: { success: true } }],
      salesNavigator: [{ person: 'http://linkedin.com/in/JANE/', result: { success: true } }],
    });
    const got = await mock.post(GET, body);
    expect(got.status).toBe(200);
    expect(got.body.completion.salesNavigator[0].person).toBe('http://linkedin.com/in/JANE/');
  });

  it('different persons whose URLs differ only by path are not duplicates', async () => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.post(SYNC, { standard: [{ person: person('jane') }, { person: person('jane-2') }] });
    expect(reply.text).toBe(syncedBody('jane', 'jane-2'));
  });

  it('since is allowed on get only', async () => {
    const mock = testMock({ speed: 0 });
    const entry = { person: JANE, since: '2024-01-01T00:00:00Z' };
    expect((await mock.post(GET, { standard: [entry] })).status).toBe(200);
    expectInvalid(await mock.post(SYNC, { standard: [entry] }), 'standard[0].since: unknown field (allowed: person)');
    expectInvalid(
      await mock.post(SYNC, { salesNavigator: [{ person: JANE, since: null }] }),
      'salesNavigator[0].since: unknown field (allowed: person)',
    );
  });

  it.each([
    ['a bare date', '"2024-01-01"', SINCE],
    ['no zone', '"2024-01-01T00:00:00"', SINCE],
    ['a number', '1700000000', `${SINCE}, got a number`],
    ['null', 'null', `${SINCE}, got null`],
  ])('a get since that is %s is refused', async (_case, since, problem) => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.post(GET, `{"standard":[{"person":"${JANE}","since":${since}}]}`);
    expectInvalid(reply, `standard[0].since: ${problem}`);
  });

  it('unknown fields are rejected at every level on get too', async () => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.post(GET, { standard: [{ person: JANE, sinc: '2024-01-01T00:00:00Z' }], extra: true });
    expectInvalid(
      reply,
      'standard[0].sinc: unknown field (allowed: person, since); extra: unknown field (allowed: standard, salesNavigator)',
    );
  });
});

describe('§5 body size limit (1 MiB)', () => {
  const VALID = JSON.stringify(one());
  /** A valid body padded with spaces to exactly `bytes` bytes. */
  const padded = (bytes: number) => VALID + ' '.repeat(bytes - VALID.length);
  const TOO_LARGE = `body: larger than the ${MAX_BODY_BYTES} byte (1 MiB) limit`;

  /** A body stream of unknown length; counts the bytes the server pulled. */
  function stream(text: string, chunk = 64 * 1024) {
    const bytes = new TextEncoder().encode(text);
    const state = { pulled: 0 };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (state.pulled >= bytes.length) {
          controller.close();
          return;
        }
        const next = bytes.subarray(state.pulled, state.pulled + chunk);
        state.pulled += next.length;
        controller.enqueue(next);
      },
    });
    return { body, state };
  }

  it('the limit is 1 MiB', () => {
    expect(MAX_BODY_BYTES).toBe(1_048_576);
  });

  it('over 1 MiB with a content-length is 413 invalidRequestBody', async () => {
    const mock = testMock({ speed: 0 });
    const text = padded(MAX_BODY_BYTES + 1);
    const reply = await mock.send('POST', SYNC, {
      headers: { ...tokens(), 'content-length': String(text.length) },
      body: text,
    });
    expectInvalid(reply, TOO_LARGE, 413);
    expect(reply.body.error.message).toBe(
      'The request body is invalid: body: larger than the 1048576 byte (1 MiB) limit.',
    );
  });

  it('exactly 1 MiB with a content-length is accepted', async () => {
    const mock = testMock({ speed: 0 });
    const text = padded(MAX_BODY_BYTES);
    const reply = await mock.send('POST', SYNC, {
      headers: { ...tokens(), 'content-length': String(text.length) },
      body: text,
    });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(syncedBody('jane'));
  });

  it('over 1 MiB streamed with no length is 413, and the server stops reading', async () => {
    const mock = testMock({ speed: 0 });
    const { body, state } = stream(padded(8 * MAX_BODY_BYTES));
    const reply = await mock.send('POST', GET, { headers: tokens(), body });
    expectInvalid(reply, TOO_LARGE, 413);
    expect(state.pulled).toBeLessThan(2 * MAX_BODY_BYTES);
  });

  it('exactly 1 MiB streamed with no length is accepted', async () => {
    const mock = testMock({ speed: 0 });
    const { body } = stream(padded(MAX_BODY_BYTES));
    const reply = await mock.send('POST', SYNC, { headers: tokens(), body });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(syncedBody('jane'));
  });

  it.each([
    ['understates the body', '60'],
    ['is not a number', 'abc'],
  ])('a content-length that %s does not get a body over 1 MiB past the limit (in-process)', async (_case, length) => {
    const mock = testMock({ speed: 0 });
    const text = padded(2 * MAX_BODY_BYTES);
    const reply = await mock.send('POST', SYNC, { headers: { ...tokens(), 'content-length': length }, body: text });
    expectInvalid(reply, TOO_LARGE, 413);
  });

  it('multi-byte characters count as bytes, not characters', async () => {
    const mock = testMock({ speed: 0 });
    const text = `${VALID.slice(0, -1)},"x":"${'é'.repeat(MAX_BODY_BYTES / 2)}"}`;
    expect(text.length).toBeLessThan(MAX_BODY_BYTES);
    const { body } = stream(text);
    expectInvalid(await mock.send('POST', SYNC, { headers: tokens(), body }), TOO_LARGE, 413);
  });

  it('a too-large body in reslink mode is refused at once with no result link', async () => {
    const mock = testMock({ speed: 1 });
    const { body } = stream(padded(2 * MAX_BODY_BYTES));
    const reply = await mock.send('POST', SYNC, {
      headers: { ...tokens(), 'result-handling': 'reslink' },
      body,
    });
    expectInvalid(reply, TOO_LARGE, 413);
    expect(mock.world.results.size).toBe(0);
    expectProcessing(await mock.post(SYNC, one(), { 'result-handling': 'reslink' }), PERIODICALLY);
  });
});
