import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/contracts/mock/scenario.js';
import {
  person,
  postTo,
  reply,
  resultPath,
  type SocketMock,
  START_MS,
  SYNC,
  socketMock,
  tokens,
} from '../support/index.js';
import { injectedE1, RESULT_NOT_FOUND } from './support.js';

const mocks: SocketMock[] = [];
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((mock) => mock.close()));
});

/** A mock on 127.0.0.1 at speed 0 with these fault rules, closed after the test. */
async function mockOn(faults: ScenarioInput['faults']) {
  const mock = await socketMock({ speed: 0, scenario: { faults } });
  mocks.push(mock);
  return mock;
}

const getResult = (mock: SocketMock) => fetch(`${mock.url}${resultPath('nope')}`, { headers: tokens() });

describe('faults over a real socket', { timeout: 10_000 }, () => {
  it('reset: true destroys the connection without an answer; the server answers the next request', async () => {
    const mock = await mockOn([{ name: 'cut', endpoint: 'result', first: 1, reset: true }]);
    const failure = await getResult(mock).then(
      () => undefined,
      (error: Error & { cause?: { code?: string } }) => error,
    );
    expect(failure?.message).toBe('fetch failed');
    expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain(failure?.cause?.code);
    const next = await reply(getResult(mock));
    expect([next.status, next.body]).toEqual([404, RESULT_NOT_FOUND]);
    expect(mock.server.faults.list()[0]).toMatchObject({ matched: 2, applied: 1 });
    const [reset, answered] = mock.journal.entries();
    expect([reset?.endpoint, reset?.status]).toEqual(['result', 444]);
    expect(answered?.status).toBe(404);
  });

  it('reset on a POST with a body: the client sees a socket error too', async () => {
    const mock = await mockOn([{ name: 'cut', endpoint: 'synchronize', reset: true }]);
    const failure = await postTo(`${mock.url}${SYNC}`, { standard: [{ person: person('jane') }] }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toBe('fetch failed');
    expect((await reply(fetch(`${mock.url}/__mock/health`))).status).toBe(200);
  });

  it('a person matcher reads a copy of the body: the endpoint still gets all of it, and 413 past 1 MiB', async () => {
    const jane = person('jane');
    const mock = await mockOn([{ name: 'jane', endpoint: 'synchronize', person: jane, status: 503 }]);
    const url = `${mock.url}${SYNC}`;
    const hit = await postTo(url, { standard: [{ person: person('bob') }, { person: jane }] });
    expect([hit.status, hit.body]).toEqual([503, injectedE1('jane', 503)]);
    const passed = await postTo(url, { standard: [{ person: person('bob') }] }, { 'result-handling': 'reslink' });
    expect([passed.status, passed.body.status]).toEqual([200, 'processing']);
    const huge = { standard: [{ person: person('bob') }], pad: 'x'.repeat(1024 * 1024) };
    const refused = await postTo(url, huge);
    expect([refused.status, refused.body.error.errorType]).toEqual([413, 'invalidRequestBody']);
    expect(mock.server.faults.list()[0]).toMatchObject({ matched: 1, applied: 1 });
  });

  it('a request held by a delay is released on close, and gets its effect', async () => {
    const mock = await mockOn([{ name: 'slow', endpoint: 'result', delay: '10m', status: 503 }]);
    const held = mock.clock.whenPending(1);
    const pending = reply(getResult(mock));
    await held;
    await mock.close();
    const answer = await pending;
    expect([answer.status, answer.body]).toEqual([503, injectedE1('slow', 503)]);
    expect(mock.clock.now()).toBe(START_MS);
  });
});
