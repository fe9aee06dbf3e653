import { describe, expect, it } from 'vitest';
import { e4, e4Tokens, GET, person, SYNC, st, testMock, tokens } from '../support/index.js';

const ann = person('ann');
const E4_PATHS = [
  ['POST', '/workflows', st(ann)],
  ['GET', '/workflows/wf-00000000-0000-4000-8000-000000000000', undefined],
  ['DELETE', '/workflows/wf-00000000-0000-4000-8000-000000000000', undefined],
  ['POST', '/conversations/poll', [{ personUrl: ann, type: 'st' }]],
] as const;

const headersWithout = (name: string, extra: Record<string, string> = {}) => {
  const headers: Record<string, string> = { ...e4Tokens(), ...extra };
  delete headers[name];
  return headers;
};

describe('E4 authentication (every E4 endpoint, first failure wins)', () => {
  const cases: [string, Record<string, string>, number, string, string][] = [
    [
      'no linked-api-token',
      headersWithout('linked-api-token'),
      401,
      'linkedApiTokenRequired',
      "'linked-api-token' is missing in request headers.",
    ],
    [
      'an invalid linked-api-token (and no identification token)',
      headersWithout('identification-token', { 'linked-api-token': 'invalid-x' }),
      401,
      'invalidLinkedApiToken',
      "The provided 'linked-api-token' is invalid.",
    ],
    [
      'no identification-token',
      headersWithout('identification-token'),
      401,
      'identificationTokenRequired',
      "'identification-token' is missing in request headers.",
    ],
    [
      'an invalid identification-token',
      e4Tokens('invalid-acc'),
      401,
      'invalidIdentificationToken',
      "The provided 'identification-token' is invalid.",
    ],
    [
      'an E1 account-api-token instead of linked-api-token',
      { ...headersWithout('linked-api-token'), 'account-api-token': 'api-1' },
      401,
      'linkedApiTokenRequired',
      "'linked-api-token' is missing in request headers.",
    ],
  ];
  for (const [method, path, body] of E4_PATHS) {
    it.each(cases)(
      `${method} ${path.split('/').slice(0, 2).join('/')}: %s`,
      async (_, headers, status, type, message) => {
        const r = await e4(testMock({ speed: 0 })).call(method, path, body, headers);
        expect(r.status).toBe(status);
        expect(r.body).toEqual({ success: false, error: { type, message } });
      },
    );
  }

  it('answers subscriptionRequired (403) for an account without seats, on workflows and polls', async () => {
    const api = e4(testMock({ speed: 0 }), 'no-seats-1');
    const expected = {
      success: false,
      error: {
        type: 'subscriptionRequired',
        message: 'No purchased subscription seats available for this LinkedIn account.',
      },
    };
    for (const r of [await api.start(st(ann)), await api.poll([{ personUrl: ann, type: 'st' }])]) {
      expect(r.status).toBe(403);
      expect(r.body).toEqual(expected);
    }
  });

  it('sends every E4 error with HTTP 200 when errorHttpStatus is 200, the body unchanged', async () => {
    const api = e4(testMock({ speed: 0, errorHttpStatus: 200 }));
    const r = await api.start(st(ann), headersWithout('linked-api-token'));
    expect(r.status).toBe(200);
    expect(r.body.error.type).toBe('linkedApiTokenRequired');
    const p = await api.poll([{ personUrl: ann, type: 'st' }]);
    expect(p.status).toBe(200);
    expect(p.body.error.type).toBe('conversationsNotSynced');
  });
});

describe('POST /workflows body rules (invalidWorkflow, 400)', () => {
  it.each([
    [
      'an unsupported action',
      { actionType: 'st.sendMessage', personUrl: ann, text: 'Hi' },
      'actionType: "st.sendMessage" is not supported by linkedapi-mock (supported: st.syncConversation, nv.syncConversation)',
    ],
    [
      'an unsupported action in an array',
      [st(ann), { actionType: 'st.openPersonPage', personUrl: ann }],
      'body[1].actionType: "st.openPersonPage" is not supported by linkedapi-mock (supported: st.syncConversation, nv.syncConversation)',
    ],
    ['no actionType', { personUrl: ann }, 'actionType: required'],
    ['no personUrl', { actionType: 'st.syncConversation' }, 'personUrl: required'],
    [
      'a personUrl that is not a URL',
      { actionType: 'nv.syncConversation', personUrl: 'ann' },
      'personUrl: expected an absolute http(s) URL such as https://www.linkedin.com/in/jane-doe',
    ],
    ['an unknown field', { ...st(ann), days: 3 }, 'days: unknown field (allowed: actionType, personUrl, label)'],
    ['a label that is not a string', { ...st(ann), label: 7 }, 'label: expected string, got a number'],
    ['an empty array', [], 'body: expected at least one action'],
    [
      'a number',
      42,
      'body: expected an action object such as {"actionType": "st.syncConversation", "personUrl": "…"}, got a number',
    ],
    ['not JSON', '{"actionType":', 'body: expected valid JSON'],
    ['nothing', '', 'body: expected a JSON action object or an array of actions, got an empty body'],
  ])('%s', async (_, body, details) => {
    const mock = testMock({ speed: 0 });
    const r = await e4(mock).start(body);
    expect(r.status).toBe(400);
    expect(r.body.success).toBe(false);
    expect(r.body.error.type).toBe('invalidWorkflow');
    expect(r.body.error.message).toContain(
      `Workflow configuration is not valid due to violated action constraints or invalid action parameters: ${details}`,
    );
    expect(mock.world.account('acc-1').uncompleted.size).toBe(0);
  });
});

describe('E4 limits and unknown paths', () => {
  it('shares the limit of 10 uncompleted requests with E1: the 11th gets tooManyRequests and Retry-After', async () => {
    const mock = testMock({ latency: { jitter: 0 } });
    for (let i = 0; i < 5; i++) void mock.start(SYNC, { standard: [{ person: person(`e1-${i}`) }] });
    const api = e4(mock);
    for (let i = 0; i < 5; i++) expect((await api.start(st(person(`e4-${i}`)))).status).toBe(200);
    const r = await api.start(st(ann));
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('2'); // the first E1 sync is due at 1.5 s
    expect(r.body).toEqual({
      success: false,
      error: {
        type: 'tooManyRequests',
        message: 'You can have up to 10 uncompleted requests in progress for this LinkedIn account.',
      },
    });
    const e1 = await mock.post(GET, { standard: [{ person: ann }] });
    expect(e1.status).toBe(429);
    expect(e1.body.error.errorType).toBe('tooManyRequests');
  });

  it('answers an unknown path in the E4 envelope under E4 paths or when the client speaks E4, in the E1 one otherwise', async () => {
    const mock = testMock({ speed: 0 });
    const e4Answer = await e4(mock).call('GET', '/account', undefined, e4Tokens());
    expect(e4Answer.status).toBe(404);
    expect(e4Answer.body).toEqual({
      success: false,
      error: { type: 'endpointNotFound', message: 'There is no endpoint at GET /account.' },
    });
    const e1Answer = await mock.get('/account/conversations.list', tokens());
    expect(e1Answer.status).toBe(404);
    expect(e1Answer.body.error.errorType).toBe('endpointNotFound');
    const underE4 = await mock.get('/workflows/x/y', tokens());
    expect(underE4.status).toBe(404);
    expect(underE4.body).toEqual({
      success: false,
      error: { type: 'endpointNotFound', message: 'There is no endpoint at GET /workflows/x/y.' },
    });
    const wrongMethod = await e4(mock).call('PUT', '/workflows', st(ann));
    expect(wrongMethod.status).toBe(404);
    expect(wrongMethod.body.error).toEqual({
      type: 'endpointNotFound',
      message: 'There is no endpoint at PUT /workflows.',
    });
  });
});
