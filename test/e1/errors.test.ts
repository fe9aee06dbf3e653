import { describe, expect, it } from 'vitest';
import { E1_ERRORS, type E1ErrorType } from '../../src/contracts/e1/errors.js';
import type { MockOptions } from '../../src/server/options.js';
import { flush, GET, type Reply, SYNC, type TestMock, testMock, tokens } from '../support/index.js';
import { errorText, expectError, expectInvalid, linkPath, one } from './support.js';

/** The error table of docs/e1.md, verbatim (the rules: docs/behaviour.md §5). */
const TABLE: [E1ErrorType, number, string][] = [
  ['invalidRequestBody', 400, 'The request body is invalid: {details}.'],
  ['accountApiTokenRequired', 401, 'Account API token is missing in request headers.'],
  ['invalidAccountApiToken', 401, 'The provided account-api-token is invalid.'],
  ['identificationTokenRequired', 401, 'Identification token is missing in request headers.'],
  ['invalidIdentificationToken', 401, 'The provided identification-token is invalid.'],
  ['noActiveSeats', 403, 'No active seats available for this LinkedIn account.'],
  ['linkedinAccountSignedOut', 403, 'This LinkedIn account has been signed out in our cloud browser.'],
  ['tooManyRequests', 429, 'You can have up to 10 uncompleted requests in progress for this LinkedIn account.'],
  ['resultNotFound', 404, 'The result link is unknown or has expired.'],
  ['endpointNotFound', 404, 'There is no endpoint at {method} {path}.'],
];

const LATENCY = { syncMs: 5000, getMs: 100, jitter: 0 };

/** Makes the mock answer each global error once, in a fresh mock with `options`; returns the answers. */
async function provoke(options: MockOptions = {}): Promise<Record<E1ErrorType, Reply>> {
  const fresh = () => testMock({ speed: 1, latency: LATENCY, ...options });
  const body = JSON.stringify(one());
  const mock = fresh();
  const replies: Partial<Record<E1ErrorType, Reply>> = {
    invalidRequestBody: await mock.post(SYNC, { standard: [] }),
    accountApiTokenRequired: await mock.send('POST', SYNC, { body }),
    invalidAccountApiToken: await mock.send('POST', SYNC, { headers: tokens('acc-1', 'invalid'), body }),
    identificationTokenRequired: await mock.send('POST', GET, { headers: { 'account-api-token': 'a' }, body }),
    invalidIdentificationToken: await mock.send('POST', GET, { headers: tokens('invalid'), body }),
    noActiveSeats: await mock.post(GET, one(), tokens('no-seats')),
    resultNotFound: await mock.send('GET', '/account/results/0123456789abcdefghijkl'),
    endpointNotFound: await mock.send('GET', '/account/conversations.synchronize'),
  };
  const signedOut = mock.start(GET, one(), tokens('signed-out'));
  await flush();
  mock.clock.advance(100);
  replies.linkedinAccountSignedOut = await signedOut;
  const busy: TestMock = fresh();
  for (let i = 0; i < 10; i++) await busy.post(SYNC, one(`p${i}`), { 'result-handling': 'reslink' });
  replies.tooManyRequests = await busy.post(SYNC, one());
  return replies as Record<E1ErrorType, Reply>;
}

describe('§5 the global error table', () => {
  it('the catalogue matches behaviour.md exactly, entry for entry', () => {
    const catalogue = Object.entries(E1_ERRORS).map(([type, { status, message }]) => [type, status, message]);
    expect(catalogue).toEqual(TABLE);
  });

  it('each error is answered with its HTTP status and exact message in the shared envelope', async () => {
    const replies = await provoke();
    const params: Partial<Record<E1ErrorType, Record<string, string>>> = {
      invalidRequestBody: { details: 'body: standard and salesNavigator together must hold at least one conversation' },
      endpointNotFound: { method: 'GET', path: '/account/conversations.synchronize' },
    };
    for (const [type, status, template] of TABLE) {
      const reply = replies[type];
      const message = template
        .replace('{details}', params[type]?.details ?? '')
        .replace('{method}', params[type]?.method ?? '')
        .replace('{path}', params[type]?.path ?? '');
      expect(reply.status, type).toBe(status);
      expect(reply.headers.get('content-type'), type).toBe('application/json');
      expect(reply.text, type).toBe(JSON.stringify({ status: 'error', error: { errorType: type, message } }));
    }
    expect(replies.tooManyRequests.headers.get('retry-after')).toBe('5');
  });

  it('the 413 of an oversized body is the only other status invalidRequestBody uses', async () => {
    const mock = testMock({ speed: 0 });
    expectInvalid(
      await mock.post(SYNC, 'x'.repeat(2 * 1024 * 1024)),
      'body: larger than the 1048576 byte (1 MiB) limit',
      413,
    );
  });
});

describe('§5 errorHttpStatus: 200', () => {
  it('sends every global error with HTTP 200 and the same body', async () => {
    const normal = await provoke();
    const flat = await provoke({ errorHttpStatus: 200 });
    for (const [type] of TABLE) {
      expect(normal[type].status, type).not.toBe(200);
      expect(flat[type].status, type).toBe(200);
      expect(flat[type].headers.get('content-type'), type).toBe('application/json');
      expect(flat[type].text, type).toBe(normal[type].text);
    }
    expect(flat.tooManyRequests.headers.get('retry-after')).toBe('5');
  });

  it('covers the 413 and an error pulled through a result link', async () => {
    const mock = testMock({ speed: 0, errorHttpStatus: 200 });
    const large = await mock.post(SYNC, 'x'.repeat(2 * 1024 * 1024));
    expectInvalid(large, 'body: larger than the 1048576 byte (1 MiB) limit', 200);
    const accepted = await mock.post(SYNC, one(), { ...tokens('signed-out-1'), 'result-handling': 'reslink' });
    const pulled = await mock.send('GET', linkPath(accepted));
    expect(pulled.status).toBe(200);
    expect(pulled.text).toBe(errorText('linkedinAccountSignedOut'));
  });

  it('leaves successful answers alone', async () => {
    const mock = testMock({ speed: 0, errorHttpStatus: 200 });
    const reply = await mock.post(SYNC, one());
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('complete');
  });
});

describe('§5 order of checks after authentication: headers, body, account state, concurrency', () => {
  const BAD_HEADER = { 'result-handling': 'sometimes' };
  const HEADER_DETAILS =
    'result-handling header: expected one of long, reslink, webhook (or no header, which means long), got "sometimes"';
  const BODY_DETAILS = 'body: expected a JSON object, got an array';

  it('a bad header wins over a bad body, also for a webhook-url problem', async () => {
    const mock = testMock({ speed: 0 });
    expectInvalid(await mock.post(SYNC, '[]', BAD_HEADER), HEADER_DETAILS);
    expectInvalid(
      await mock.post(GET, '[]', { 'result-handling': 'webhook' }),
      'webhook-url header: required with result-handling: webhook',
    );
    expectInvalid(await mock.post(GET, 'y'.repeat(2 * 1024 * 1024), BAD_HEADER), HEADER_DETAILS);
  });

  it('a bad header or body wins over no seats', async () => {
    const mock = testMock({ speed: 0 });
    const noSeats = tokens('no-seats-1');
    expectInvalid(await mock.post(SYNC, one(), { ...noSeats, ...BAD_HEADER }), HEADER_DETAILS);
    expectInvalid(await mock.post(SYNC, '[]', noSeats), BODY_DETAILS);
    expectInvalid(
      await mock.post(GET, 'z'.repeat(2 * 1024 * 1024), noSeats),
      'body: larger than the 1048576 byte (1 MiB) limit',
      413,
    );
    expectError(await mock.post(GET, one(), noSeats), 'noActiveSeats');
  });

  it('a bad header or body wins over the concurrency limit', async () => {
    const mock = testMock({ speed: 1, latency: LATENCY });
    for (let i = 0; i < 10; i++) await mock.post(SYNC, one(`p${i}`), { 'result-handling': 'reslink' });
    expectInvalid(await mock.post(SYNC, one(), BAD_HEADER), HEADER_DETAILS);
    expectInvalid(await mock.post(SYNC, '[]'), BODY_DETAILS);
    expect((await mock.post(SYNC, one())).status).toBe(429);
  });

  it('no seats wins over the concurrency limit', async () => {
    const mock = testMock({ speed: 1, latency: LATENCY });
    for (let i = 0; i < 10; i++) await mock.post(SYNC, one(`p${i}`), { 'result-handling': 'reslink' });
    expect((await mock.post(SYNC, one())).status).toBe(429);
    mock.world.account('acc-1').state = 'noSeats';
    expectError(await mock.post(SYNC, one()), 'noActiveSeats');
  });

  it('auth wins over everything, even at the concurrency limit', async () => {
    const mock = testMock({ speed: 1, latency: LATENCY });
    for (let i = 0; i < 10; i++) await mock.post(SYNC, one(`p${i}`), { 'result-handling': 'reslink' });
    expectError(
      await mock.post(SYNC, '[]', { 'account-api-token': 'invalid', ...BAD_HEADER }),
      'invalidAccountApiToken',
    );
    expectError(await mock.post(SYNC, one(), { 'account-api-token': '' }), 'accountApiTokenRequired');
  });
});
