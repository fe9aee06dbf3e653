import { describe, expect, it } from 'vitest';
import { checkAnswer, formatProblems } from '../../src/contracts/answer.js';
import { E1_ERRORS } from '../../src/contracts/e1/errors.js';
import { findRoute, routeById } from '../../src/contracts/find-route.js';

const get = routeById('getConversations');
const message = (time: string) => ({ id: '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', sender: 'them', text: 'Hi', time });
const complete = (messages: object[], total = messages.length) => ({
  status: 'complete',
  completion: {
    standard: [{ person: 'https://www.linkedin.com/in/jane', result: { success: true, data: { total, messages } } }],
    salesNavigator: [],
  },
});
const lines = (...args: Parameters<typeof checkAnswer>) => formatProblems(checkAnswer(...args));

describe('checkAnswer', () => {
  it('accepts an answer that keeps its contract', () => {
    expect(checkAnswer(get, 200, complete([message('2024-05-21T14:38:47Z')]))).toEqual([]);
  });

  it('names the JSON path of each problem, also inside a union', () => {
    const times = ['2024-05-21T14:38:47Z', '2024-05-21T14:38:48Z', '2024-05-21T14:38:49Z', '2024-05-21T14:38:50.123Z'];
    expect(lines(get, 200, complete(times.map(message)))).toEqual([
      'completion.standard[0].result.data.messages[3].time: expected YYYY-MM-DDTHH:MM:SSZ',
    ]);
    const noTotal = complete([message('2024-05-21T14:38:47Z')]) as {
      completion: { standard: { result: { data: { total?: number } } }[] };
    };
    delete noTotal.completion.standard[0]?.result.data.total;
    expect(lines(get, 200, noTotal)).toEqual(['completion.standard[0].result.data.total: required']);
  });

  it('explains a wrong error envelope by the closest error it could be', () => {
    const renamed = {
      status: 'error',
      error: { type: 'accountApiTokenRequired', message: E1_ERRORS.accountApiTokenRequired.message },
    };
    expect(lines(get, 401, renamed)).toEqual(['error.errorType: expected "accountApiTokenRequired", got nothing']);
    const unknown = { status: 'error', error: { errorType: 'nope', message: 'x' } };
    expect(lines(get, 403, unknown)).toEqual([
      'error.errorType: expected one of "noActiveSeats", "linkedinAccountSignedOut", got "nope"',
      'error.message: expected one of "No active seats available for this LinkedIn account.", "This LinkedIn account has been signed out in our cloud browser.", got "x"',
    ]);
    expect(lines(get, 400, { status: 'error', error: { errorType: 'invalidRequestBody', message: 'Bad.' } })).toEqual([
      'error.message: expected a message of the form "The request body is invalid: {details}."',
    ]);
  });

  it('makes a status the route does not declare a problem', () => {
    expect(lines(get, 503, {})).toEqual(['status: expected one of 200, 400, 401, 403, 413, 429, got 503']);
  });

  it('checks documented headers: retry-after on 429', () => {
    const tooMany = {
      status: 'error',
      error: { errorType: 'tooManyRequests', message: E1_ERRORS.tooManyRequests.message },
    };
    expect(lines(get, 429, tooMany, { headers: new Headers({ 'retry-after': '3' }) })).toEqual([]);
    expect(lines(get, 429, tooMany, { headers: new Headers() })).toEqual(['headers.retry-after: required']);
    expect(lines(get, 429, tooMany, { headers: new Headers({ 'retry-after': '0.5' }) })).toEqual([
      'headers.retry-after: Invalid string: must match pattern /^[1-9]\\d*$/',
    ]);
  });

  it('with errorHttpStatus 200, accepts the error envelopes at 200 too', () => {
    const invalid = {
      status: 'error',
      error: { errorType: 'invalidIdentificationToken', message: E1_ERRORS.invalidIdentificationToken.message },
    };
    expect(checkAnswer(get, 200, invalid, { errorHttpStatus: 200 })).toEqual([]);
    expect(checkAnswer(get, 200, invalid)).not.toEqual([]);
  });
});

describe('findRoute', () => {
  it('matches method and path pattern', () => {
    expect(findRoute('GET', '/account/results/abc_DEF-123')?.operationId).toBe('getResult');
    expect(findRoute('POST', '/account/conversations.get')?.operationId).toBe('getConversations');
    expect(findRoute('GET', '/account/conversations.get')).toBeUndefined();
    expect(findRoute('GET', '/account/results/a/b')).toBeUndefined();
    expect(findRoute('POST', '/account/conversationsXget')).toBeUndefined();
  });
});
