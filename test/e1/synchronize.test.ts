import { describe, expect, it } from 'vitest';
import {
  flush,
  GET,
  getOne,
  person,
  type Reply,
  START_MS,
  SYNC,
  settle,
  type TestMock,
  testMock,
} from '../support/index.js';
import { NOT_SYNCHRONIZED, PERSON_NOT_FOUND, SIGNED_OUT } from './support.js';

/** Starts a request and records the virtual time at which it is answered. */
function track(mock: TestMock, path: string, body: unknown, headers: Record<string, string> = {}) {
  const state: { reply?: Reply; at?: number } = {};
  const promise = mock.start(path, body, headers).then((reply) => {
    state.reply = reply;
    state.at = mock.clock.now() - START_MS;
    return reply;
  });
  return { state, promise };
}

/** Moves the clock in small steps until `until` ms after START, letting answers arrive in between. */
async function runUntil(mock: TestMock, until: number, step = 10): Promise<void> {
  while (mock.clock.now() - START_MS < until) {
    mock.clock.advance(Math.min(step, until - (mock.clock.now() - START_MS)));
    await flush();
  }
}

const ok = { success: true };
const entries = (...persons: string[]) => persons.map((p) => ({ person: p }));

describe('synchronize: timing (ManualClock, default latency)', () => {
  it('a 2-person long-mode sync is not finished after 1.0 s and is finished by 2 × 1.95 s', async () => {
    const mock = testMock();
    const sync = track(mock, SYNC, { standard: entries(person('a'), person('b')) });
    await flush();
    await runUntil(mock, 1000, 100);
    expect(sync.state.reply).toBeUndefined();
    await runUntil(mock, 2099, 100);
    expect(sync.state.reply).toBeUndefined();
    await runUntil(mock, 3900, 100);
    expect(sync.state.reply?.status).toBe(200);
    expect(sync.state.reply?.body).toEqual({
      status: 'complete',
      completion: {
        standard: [
          { person: person('a'), result: ok },
          { person: person('b'), result: ok },
        ],
        salesNavigator: [],
      },
    });
  });

  it('sync requests of one account run one at a time in arrival order', async () => {
    const mock = testMock();
    const first = track(mock, SYNC, { standard: entries(person('a'), person('b')) });
    await flush();
    const second = track(mock, SYNC, { salesNavigator: entries(person('c')) });
    await flush();
    const third = track(mock, SYNC, { standard: entries(person('d')) });
    await flush();
    await runUntil(mock, 12_000);
    const [t1, t2, t3] = [first.state.at as number, second.state.at as number, third.state.at as number];
    expect(t1).toBeGreaterThanOrEqual(2100);
    expect(t1).toBeLessThanOrEqual(3900);
    // The second request's person starts only after the first request finishes, the third after the second.
    // Answers are seen on a 10 ms grid.
    expect(t2 - t1).toBeGreaterThanOrEqual(1040);
    expect(t2 - t1).toBeLessThanOrEqual(1960);
    expect(t3 - t2).toBeGreaterThanOrEqual(1040);
    expect(t3 - t2).toBeLessThanOrEqual(1960);
    expect(second.state.reply?.body.completion.salesNavigator).toEqual([{ person: person('c'), result: ok }]);
  });

  it('a get of the same account does not wait behind a running sync', async () => {
    const mock = testMock();
    const sync = track(mock, SYNC, { standard: entries(person('a'), person('b'), person('c')) });
    await flush();
    await runUntil(mock, 1000, 100);
    const get = track(mock, GET, { standard: entries(person('a'), person('z')) });
    await flush();
    await runUntil(mock, 1069, 1);
    expect(get.state.reply).toBeUndefined();
    await runUntil(mock, 1130, 1);
    expect(get.state.reply?.status).toBe(200);
    expect(sync.state.reply).toBeUndefined();
    expect(get.state.reply?.body.completion.standard[1].result).toEqual(NOT_SYNCHRONIZED);
    await runUntil(mock, 6000, 100);
    expect(sync.state.reply?.status).toBe(200);
  });

  it('a get answers in 100 ms ±30 %', async () => {
    const mock = testMock();
    const get = track(mock, GET, { standard: entries(person('a')) });
    await flush();
    await runUntil(mock, 69, 1);
    expect(get.state.reply).toBeUndefined();
    await runUntil(mock, 130, 1);
    expect(get.state.reply?.status).toBe(200);
    expect(get.state.at).toBeGreaterThanOrEqual(70);
  });

  it('speed 0.5 halves the sync delay', async () => {
    const mock = testMock({ speed: 0.5 });
    const sync = track(mock, SYNC, { standard: entries(person('a'), person('b')) });
    await flush();
    await runUntil(mock, 1049, 50);
    expect(sync.state.reply).toBeUndefined();
    await runUntil(mock, 1950, 50);
    expect(sync.state.reply?.status).toBe(200);
  });

  it('speed 0 answers at once, without the clock moving', async () => {
    const mock = testMock({ speed: 0 });
    const reply = await mock.post(SYNC, { standard: entries(person('a'), person('b'), person('c')) });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('complete');
    const got = await mock.post(GET, { standard: entries(person('c')) });
    expect(got.body.completion.standard[0].result.success).toBe(true);
    expect(mock.clock.now()).toBe(START_MS);
  });
});

describe('synchronize: completion', () => {
  it('keeps request order in each array, with personNotFound entries in place', async () => {
    const mock = testMock({ speed: 0 });
    const standard = [person('zoe'), person('missing-amy'), 'https://www.linkedin.com/company/acme', person('bob')];
    const salesNavigator = [person('missing-x'), 'https://www.linkedin.com/sales/lead/ACw1', person('amy')];
    const reply = await settle(mock, SYNC, {
      salesNavigator: entries(...salesNavigator),
      standard: entries(...standard),
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      status: 'complete',
      completion: {
        standard: [
          { person: standard[0], result: ok },
          { person: standard[1], result: PERSON_NOT_FOUND },
          { person: standard[2], result: PERSON_NOT_FOUND },
          { person: standard[3], result: ok },
        ],
        salesNavigator: [
          { person: salesNavigator[0], result: PERSON_NOT_FOUND },
          { person: salesNavigator[1], result: ok },
          { person: salesNavigator[2], result: ok },
        ],
      },
    });
  });

  it('a personNotFound does not fail the others: they are synced', async () => {
    const mock = testMock({ speed: 0 });
    await settle(mock, SYNC, { standard: entries(person('missing-a'), person('b')) });
    expect((await getOne(mock, person('b'))).success).toBe(true);
    expect(await getOne(mock, person('missing-a'))).toEqual(NOT_SYNCHRONIZED);
  });

  it('always holds both arrays, [] for the one left out', async () => {
    const mock = testMock({ speed: 0 });
    const onlyStandard = await settle(mock, SYNC, { standard: entries(person('a')) });
    expect(onlyStandard.text).toBe(
      `{"status":"complete","completion":{"standard":[{"person":"${person('a')}","result":{"success":true}}],"salesNavigator":[]}}`,
    );
    const onlySales = await settle(mock, SYNC, { salesNavigator: entries(person('a')) });
    expect(onlySales.text).toBe(
      `{"status":"complete","completion":{"standard":[],"salesNavigator":[{"person":"${person('a')}","result":{"success":true}}]}}`,
    );
    const emptyStandard = await settle(mock, SYNC, { standard: [], salesNavigator: entries(person('b')) });
    expect(emptyStandard.body.completion.standard).toEqual([]);
    const get = await settle(mock, GET, { salesNavigator: entries(person('a')) });
    expect(get.body.completion.standard).toEqual([]);
    expect(get.body.completion.salesNavigator).toHaveLength(1);
    expect(Object.keys(get.body)).toEqual(['status', 'completion']);
    expect(Object.keys(get.body.completion)).toEqual(['standard', 'salesNavigator']);
  });

  it('re-syncing a synced person succeeds again and keeps its thread', async () => {
    const mock = testMock();
    const body = { standard: entries(person('a')) };
    const first = await settle(mock, SYNC, body);
    const before = await getOne(mock, person('a'));
    const again = await settle(mock, SYNC, body);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(await getOne(mock, person('a'))).toEqual(before);
  });

  it('a signed-out account is accepted, then fails while processing', async () => {
    const mock = testMock();
    const headers = { 'identification-token': 'signed-out-1' };
    const sync = track(mock, SYNC, { standard: entries(person('a')) }, headers);
    await flush();
    expect(sync.state.reply).toBeUndefined();
    await runUntil(mock, 2000, 50);
    expect(sync.state.reply?.status).toBe(403);
    expect(sync.state.reply?.body).toEqual(SIGNED_OUT);
    expect(sync.state.at).toBeGreaterThanOrEqual(1050);
  });
});
