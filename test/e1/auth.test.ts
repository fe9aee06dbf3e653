import { describe, expect, it } from 'vitest';
import type { E1ErrorType } from '../../src/contracts/e1/errors.js';
import { fakeSender, flush, GET, person, SYNC, testMock, tokens, track } from '../support/index.js';
import { errorText, expectError, expectProcessing, LATER, linkPath, one, PERIODICALLY, syncedBody } from './support.js';

const ENDPOINTS = [
  ['synchronize', SYNC],
  ['get', GET],
] as const;

/** Verbatim from the error table of docs/e1.md (the rules: docs/behaviour.md §5). */
const MESSAGES = {
  accountApiTokenRequired: 'Account API token is missing in request headers.',
  invalidAccountApiToken: 'The provided account-api-token is invalid.',
  identificationTokenRequired: 'Identification token is missing in request headers.',
  invalidIdentificationToken: 'The provided identification-token is invalid.',
  noActiveSeats: 'No active seats available for this LinkedIn account.',
  linkedinAccountSignedOut: 'This LinkedIn account has been signed out in our cloud browser.',
} as const;

/** [case, headers, expected error]: each row's first failure in the order of docs/behaviour.md §2. */
const ORDER: [string, Record<string, string>, keyof typeof MESSAGES][] = [
  ['no token at all', {}, 'accountApiTokenRequired'],
  ['only an identification token', { 'identification-token': 'acc-1' }, 'accountApiTokenRequired'],
  ['an empty account token', { 'account-api-token': '', 'identification-token': 'acc-1' }, 'accountApiTokenRequired'],
  ['a blank account token', { 'account-api-token': '   ', 'identification-token': 'acc-1' }, 'accountApiTokenRequired'],
  [
    'account token missing and identification token invalid',
    { 'identification-token': 'invalid-id' },
    'accountApiTokenRequired',
  ],
  [
    'an invalid account token and no identification token',
    { 'account-api-token': 'invalid' },
    'invalidAccountApiToken',
  ],
  [
    'both tokens invalid',
    { 'account-api-token': 'invalid-api', 'identification-token': 'invalid-id' },
    'invalidAccountApiToken',
  ],
  [
    'invalid account token with a no-seats identification token',
    { 'account-api-token': 'invalidX', 'identification-token': 'no-seats-1' },
    'invalidAccountApiToken',
  ],
  ['no identification token', { 'account-api-token': 'api-1' }, 'identificationTokenRequired'],
  [
    'an empty identification token',
    { 'account-api-token': 'api-1', 'identification-token': '' },
    'identificationTokenRequired',
  ],
  [
    'an invalid identification token',
    { 'account-api-token': 'api-1', 'identification-token': 'invalid' },
    'invalidIdentificationToken',
  ],
  [
    'an identification token starting with invalid',
    { 'account-api-token': 'api-1', 'identification-token': 'invalid-account-7' },
    'invalidIdentificationToken',
  ],
];

describe('§2 authentication order, first failure wins', () => {
  for (const [name, path] of ENDPOINTS) {
    it.each(ORDER)(`${name}: %s`, async (_case, headers, expected) => {
      const mock = testMock({ speed: 0 });
      const reply = await mock.send('POST', path, { headers, body: JSON.stringify(one()) });
      expectError(reply, expected);
      expect(reply.body.error.message).toBe(MESSAGES[expected]);
    });
  }

  it('auth is checked before the result-handling header and the body', async () => {
    const mock = testMock({ speed: 0 });
    const headers = { 'result-handling': 'bogus', 'webhook-url': 'nope' };
    expectError(await mock.send('POST', SYNC, { headers, body: '{' }), 'accountApiTokenRequired');
    expectError(
      await mock.send('POST', SYNC, { headers: { ...headers, 'account-api-token': 'invalid' }, body: '[]' }),
      'invalidAccountApiToken',
    );
    expectError(
      await mock.send('POST', GET, { headers: { ...headers, 'account-api-token': 'ok' }, body: '' }),
      'identificationTokenRequired',
    );
    expectError(
      await mock.send('POST', GET, { headers: { ...tokens('invalid-1'), ...headers }, body: 'x'.repeat(2_000_000) }),
      'invalidIdentificationToken',
    );
  });

  it('an auth failure in reslink or webhook mode is answered at once and makes no result link', async () => {
    const { sender, sent } = fakeSender();
    const mock = testMock({ speed: 1, sendWebhook: sender });
    const reslink = await mock.send('POST', SYNC, {
      headers: { ...tokens('invalid-1'), 'result-handling': 'reslink' },
      body: JSON.stringify(one()),
    });
    expectError(reslink, 'invalidIdentificationToken');
    const webhook = await mock.send('POST', SYNC, {
      headers: { 'identification-token': 'acc-1', 'result-handling': 'webhook', 'webhook-url': 'http://hook.test/x' },
      body: JSON.stringify(one()),
    });
    expectError(webhook, 'accountApiTokenRequired');
    expect(mock.world.results.size).toBe(0);
    mock.clock.advance(60_000);
    await flush();
    expect(sent).toEqual([]);
  });

  it('magic prefixes act only where documented: no-seats and signed-out are valid account tokens', async () => {
    const mock = testMock({ speed: 0 });
    for (const apiToken of ['no-seats-api', 'signed-out-api', 'x-invalid', 'valid']) {
      const reply = await mock.post(SYNC, one(), tokens('acc-1', apiToken));
      expect(reply.status).toBe(200);
      expect(reply.text).toBe(syncedBody('jane'));
    }
    for (const identification of ['x-invalid', 'my-no-seats', 'not-signed-out', 'Invalid-capital']) {
      const reply = await mock.post(SYNC, one(), tokens(identification));
      expect(reply.status, identification).toBe(200);
    }
  });

  it('the account token is not checked against the identification token: any non-empty pair is valid', async () => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.post(GET, one(), tokens('some-account', 'some-other-api-token'));
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('complete');
  });
});

describe('§2 no-seats accounts', () => {
  for (const [name, path] of ENDPOINTS) {
    it(`${name}: an identification token starting with no-seats fails with 403 noActiveSeats in every mode`, async () => {
      const { sender, sent } = fakeSender();
      const mock = testMock({ speed: 1, sendWebhook: sender });
      const modes: Record<string, string>[] = [
        {},
        { 'result-handling': 'long' },
        { 'result-handling': 'reslink' },
        { 'result-handling': 'webhook', 'webhook-url': 'https://hook.test/in' },
      ];
      for (const headers of modes) {
        const reply = await mock.post(path, one(), { ...tokens('no-seats-42'), ...headers });
        expectError(reply, 'noActiveSeats');
        expect(reply.body.error.message).toBe(MESSAGES.noActiveSeats);
      }
      expect(mock.world.results.size).toBe(0);
      mock.clock.advance(60_000);
      await flush();
      expect(sent).toEqual([]);
    });
  }
});

describe('§2 signed-out accounts: accepted, then failing while processing', () => {
  const LATENCY = { syncMs: 2000, getMs: 300, jitter: 0 };
  const signedOut = (extra: Record<string, string> = {}) => ({ ...tokens('signed-out-1'), ...extra });
  const due = { synchronize: 2000, get: 300 } as const;

  for (const [name, path] of ENDPOINTS) {
    it(`${name} in long mode: held while processing, then 403 linkedinAccountSignedOut`, async () => {
      const mock = testMock({ speed: 1, latency: LATENCY });
      const pending = track(mock.start(path, one(), signedOut()));
      await flush();
      expect(pending.done).toBe(false);
      mock.clock.advance(due[name] - 1);
      await flush();
      expect(pending.done).toBe(false);
      mock.clock.advance(1);
      const reply = await pending.reply;
      expectError(reply, 'linkedinAccountSignedOut');
      expect(reply.text).toBe(
        '{"status":"error","error":{"errorType":"linkedinAccountSignedOut","message":"This LinkedIn account has been signed out in our cloud browser."}}',
      );
    });

    it(`${name} in reslink mode: 200 processing, the link says processing, then answers the 403 envelope`, async () => {
      const mock = testMock({ speed: 1, latency: LATENCY });
      const accepted = await mock.post(path, one(), signedOut({ 'result-handling': 'reslink' }));
      expectProcessing(accepted, PERIODICALLY);
      const running = await mock.send('GET', linkPath(accepted));
      expectProcessing(running, LATER);
      expect(running.body.process.resultLink).toBe(accepted.body.process.resultLink);
      mock.clock.advance(due[name]);
      for (let i = 0; i < 2; i++) {
        const done = await mock.send('GET', linkPath(accepted));
        expectError(done, 'linkedinAccountSignedOut');
        expect(done.text).toBe(errorText('linkedinAccountSignedOut'));
      }
    });

    it(`${name} with speed 0 in reslink mode: still accepted first, the link holds the error`, async () => {
      const mock = testMock({ speed: 0 });
      const accepted = await mock.post(path, one(), signedOut({ 'result-handling': 'reslink' }));
      expectProcessing(accepted, PERIODICALLY);
      expectError(await mock.send('GET', linkPath(accepted)), 'linkedinAccountSignedOut');
    });

    it(`${name} in webhook mode: accepted, and the error envelope is what the webhook receives`, async () => {
      const { sender, sent } = fakeSender();
      const mock = testMock({ speed: 1, latency: LATENCY, sendWebhook: sender });
      const accepted = await mock.post(
        path,
        one(),
        signedOut({ 'result-handling': 'webhook', 'webhook-url': 'http://hook.test/a' }),
      );
      expect(accepted.status).toBe(200);
      expect(accepted.body.status).toBe('processing');
      await flush();
      expect(sent).toEqual([]);
      mock.clock.advance(due[name]);
      await flush();
      expect(sent).toHaveLength(1);
      expect(sent[0]?.body).toBe(errorText('linkedinAccountSignedOut'));
    });
  }

  it('a signed-out account is still validated first: a bad body is 400, not accepted', async () => {
    const mock = testMock({ speed: 1 });
    const reply = await mock.post(SYNC, { standard: [] }, signedOut({ 'result-handling': 'reslink' }));
    expect(reply.status).toBe(400);
    expect(reply.body.error.errorType).toBe('invalidRequestBody');
    expect(mock.world.results.size).toBe(0);
  });

  it('a signed-out sync of several persons fails as a whole, never a partial completion', async () => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.post(
      SYNC,
      {
        standard: [{ person: person('a') }, { person: person('missing-b') }],
        salesNavigator: [{ person: person('c') }],
      },
      signedOut(),
    );
    expectError(reply, 'linkedinAccountSignedOut');
  });
});

describe('§2 isolation between accounts', () => {
  it('a conversation synced by one identification token is not synced for another', async () => {
    const mock = testMock({ speed: 0 });
    expect((await mock.post(SYNC, one('jane'), tokens('acc-a'))).status).toBe(200);
    const own = await mock.post(GET, one('jane'), tokens('acc-a'));
    expect(own.body.completion.standard[0].result.success).toBe(true);
    const other = await mock.post(GET, one('jane'), tokens('acc-b'));
    expect(other.body.completion.standard[0].result).toEqual({
      success: false,
      error: { errorType: 'notSynchronized', message: "The conversation with this person isn't synchronized." },
    });
  });

  it('an error of one account (signed out, no seats) does not affect another', async () => {
    const mock = testMock({ speed: 0 });
    const failures: [string, E1ErrorType][] = [
      ['signed-out-x', 'linkedinAccountSignedOut'],
      ['no-seats-x', 'noActiveSeats'],
    ];
    for (const [token, type] of failures) expectError(await mock.post(SYNC, one(), tokens(token)), type);
    expect((await mock.post(SYNC, one(), tokens('acc-ok'))).text).toBe(syncedBody('jane'));
  });
});
