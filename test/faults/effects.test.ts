import { describe, expect, it } from 'vitest';
import { E1_ERRORS } from '../../src/contracts/e1/errors.js';
import { E4_ERRORS } from '../../src/contracts/e4/schemas.js';
import { e4Tokens, flush, GET, person, SYNC, tokens } from '../support/index.js';
import { faultMock, injectedE1, injectedE4, RESULT_NOT_FOUND, resultOf, syncOf } from './support.js';

const E1_BODY = { standard: [{ person: person('jane') }] };
const E4_ACTION = { actionType: 'st.syncConversation', personUrl: person('jane') };
const E4_POLL = [{ personUrl: person('jane'), type: 'st' }];

/** One request to each endpoint, in its dialect. */
const REQUESTS = {
  synchronize: ['POST', SYNC, { ...tokens(), 'content-type': 'application/json' }, E1_BODY],
  get: ['POST', GET, { ...tokens(), 'content-type': 'application/json' }, E1_BODY],
  result: ['GET', '/account/results/r-1', tokens(), undefined],
  workflows: ['POST', '/workflows', e4Tokens(), E4_ACTION],
  workflowStatus: ['GET', '/workflows/wf-1', e4Tokens(), undefined],
  poll: ['POST', '/conversations/poll', e4Tokens(), E4_POLL],
} as const;
type Endpoint = keyof typeof REQUESTS;

async function faulted(endpoint: Endpoint, effect: Record<string, unknown>, options = {}) {
  const mock = faultMock([{ name: 'f', endpoint, ...effect }], options);
  const [method, path, headers, body] = REQUESTS[endpoint];
  return mock.send(method, path, { headers, body });
}

const e1Error = (errorType: keyof typeof E1_ERRORS, message: string = E1_ERRORS[errorType].message) => ({
  status: 'error',
  error: { errorType, message },
});
const e4Error = (type: keyof typeof E4_ERRORS, message: string = E4_ERRORS[type].message) => ({
  success: false,
  error: { type, message },
});

describe('effect error: <type>', () => {
  it('answers a catalogue error in the E1 dialect with its status, and names the fault in a header', async () => {
    for (const endpoint of ['synchronize', 'get', 'result'] as const) {
      const answer = await faulted(endpoint, { error: 'linkedinAccountSignedOut' });
      expect(answer.status, endpoint).toBe(403);
      expect(answer.body, endpoint).toEqual(e1Error('linkedinAccountSignedOut'));
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(answer.headers.get('x-linkedapi-mock-fault')).toBe('f');
    }
  });

  it('answers a catalogue error in the E4 dialect with its status', async () => {
    for (const endpoint of ['workflows', 'workflowStatus', 'poll'] as const) {
      const answer = await faulted(endpoint, { error: 'linkedinAccountSignedOut' });
      expect(answer.status, endpoint).toBe(403);
      expect(answer.body, endpoint).toEqual(e4Error('linkedinAccountSignedOut'));
    }
  });

  it('fills placeholders: details name the fault; method, path and workflowId are the request’s', async () => {
    expect((await faulted('get', { error: 'invalidRequestBody' })).body).toEqual(
      e1Error('invalidRequestBody', 'The request body is invalid: injected by fault f.'),
    );
    expect((await faulted('result', { error: 'endpointNotFound' })).body).toEqual(
      e1Error('endpointNotFound', 'There is no endpoint at GET /account/results/r-1.'),
    );
    const poll = await faulted('poll', { error: 'conversationsNotSynced' });
    expect(poll.status).toBe(400);
    expect(poll.body).toEqual(
      e4Error(
        'conversationsNotSynced',
        'These conversations are not synced: injected by fault f. Sync them with st.syncConversation or nv.syncConversation first.',
      ),
    );
    expect((await faulted('workflowStatus', { error: 'workflowNotFound' })).body).toEqual(
      e4Error('workflowNotFound', 'There is no workflow wf-1 for this account, or it has expired.'),
    );
  });

  it('maps a type of the other dialect to its counterpart', async () => {
    const cases: [Endpoint, string, number, object][] = [
      ['poll', 'noActiveSeats', 403, e4Error('subscriptionRequired')],
      ['workflows', 'invalidAccountApiToken', 401, e4Error('invalidLinkedApiToken')],
      ['workflows', 'accountApiTokenRequired', 401, e4Error('linkedApiTokenRequired')],
      [
        'workflows',
        'invalidRequestBody',
        400,
        e4Error('invalidWorkflow', E4_ERRORS.invalidWorkflow.message.replace('{details}', 'injected by fault f')),
      ],
      [
        'poll',
        'invalidRequestBody',
        400,
        e4Error('invalidRequestPayload', 'The request payload is invalid: injected by fault f.'),
      ],
      [
        'workflowStatus',
        'resultNotFound',
        404,
        e4Error('workflowNotFound', 'There is no workflow wf-1 for this account, or it has expired.'),
      ],
      ['synchronize', 'subscriptionRequired', 403, e1Error('noActiveSeats')],
      ['get', 'invalidLinkedApiToken', 401, e1Error('invalidAccountApiToken')],
      ['get', 'linkedApiTokenRequired', 401, e1Error('accountApiTokenRequired')],
      [
        'synchronize',
        'invalidWorkflow',
        400,
        e1Error('invalidRequestBody', 'The request body is invalid: injected by fault f.'),
      ],
      ['result', 'workflowNotFound', 404, e1Error('resultNotFound')],
    ];
    for (const [endpoint, type, status, body] of cases) {
      const answer = await faulted(endpoint, { error: type });
      expect([answer.status, answer.body], `${type} on ${endpoint}`).toEqual([status, body]);
    }
  });

  it('conversationsNotSynced on an E1 endpoint: a 400 injectedFault that says why', async () => {
    const answer = await faulted('get', { error: 'conversationsNotSynced' });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      status: 'error',
      error: {
        errorType: 'injectedFault',
        message:
          'linkedapi-mock fault f asked for conversationsNotSynced, which the E1 API has no counterpart for; give the rule an E4 endpoint (workflows, workflowStatus or poll).',
      },
    });
  });

  it('tooManyRequests comes with retry-after, as the real one does', async () => {
    const answer = await faulted('synchronize', { error: 'tooManyRequests' });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(answer.body).toEqual(e1Error('tooManyRequests'));
  });

  it('with errorHttpStatus 200, an injected error is sent with HTTP 200 like every global error', async () => {
    const answer = await faulted(
      'workflows',
      { error: 'subscriptionRequired' },
      { errorHttpStatus: 200, selfCheck: false },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(e4Error('subscriptionRequired'));
  });
});

describe('effect status: <code>', () => {
  it('answers the bare status with an injectedFault body in the endpoint’s dialect', async () => {
    for (const endpoint of ['synchronize', 'get', 'result'] as const) {
      const answer = await faulted(endpoint, { status: 503 });
      expect([answer.status, answer.body], endpoint).toEqual([503, injectedE1('f', 503)]);
    }
    for (const endpoint of ['workflows', 'workflowStatus', 'poll'] as const) {
      const answer = await faulted(endpoint, { status: 500 });
      expect([answer.status, answer.body], endpoint).toEqual([500, injectedE4('f', 500)]);
    }
  });

  it('is not changed by errorHttpStatus', async () => {
    const answer = await faulted('result', { status: 502 }, { errorHttpStatus: 200, selfCheck: false });
    expect([answer.status, answer.body]).toEqual([502, injectedE1('f', 502)]);
  });
});

describe('effect reset: true, in process', () => {
  it('app.request gives a network error (Response.error(): type error, status 0); the next request is served', async () => {
    const mock = faultMock([{ name: 'cut', endpoint: 'result', first: 1, reset: true }]);
    const res = await mock.app.request('http://mock.test/account/results/nope');
    expect([res.type, res.status, res.ok]).toEqual(['error', 0, false]);
    const next = await resultOf(mock);
    expect([next.status, next.body]).toEqual([404, RESULT_NOT_FOUND]);
    expect(mock.server.faults.list()[0]).toMatchObject({ matched: 2, applied: 1 });
  });
});

describe('effect delay: <duration> (virtual time)', () => {
  it('holds the request on the virtual clock, then answers the effect', async () => {
    const mock = faultMock([{ name: 'slow', endpoint: 'result', delay: '2s', status: 504 }]);
    let answered = false;
    const pending = resultOf(mock).finally(() => {
      answered = true;
    });
    await flush();
    expect(answered).toBe(false);
    mock.clock.advance(1999);
    await flush();
    expect(answered).toBe(false);
    mock.clock.advance(1);
    const answer = await pending;
    expect([answer.status, answer.body]).toEqual([504, injectedE1('slow', 504)]);
  });

  it('a delay alone passes the request on after it', async () => {
    const mock = faultMock([{ name: 'lag', endpoint: 'synchronize', delay: 1500 }]);
    let answered = false;
    const pending = syncOf(mock, [person('jane')]).finally(() => {
      answered = true;
    });
    await flush();
    mock.clock.advance(1499);
    await flush();
    expect(answered).toBe(false);
    mock.clock.advance(1);
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(answer.body.process.message).toBe(
      'Your request is being processed. Please check the resultLink periodically.',
    );
  });

  it('releaseLongPolls (shutdown) releases a delayed request at once: it gets its effect', async () => {
    const mock = faultMock([{ name: 'slow', endpoint: 'workflowStatus', delay: '10m', status: 503 }]);
    let answered = false;
    const [method, path, headers] = REQUESTS.workflowStatus;
    const pending = mock.send(method, path, { headers }).finally(() => {
      answered = true;
    });
    await flush();
    expect(answered).toBe(false);
    mock.server.releaseLongPolls();
    const answer = await pending;
    expect([answer.status, answer.body]).toEqual([503, injectedE4('slow', 503)]);
    expect(mock.clock.now()).toBe(Date.parse('2024-06-03T09:00:00Z'));
  });
});
