import { describe, expect, it } from 'vitest';
import { GET, getOne, messagesOf, person, SYNC, settle, syncPersons, testMock, tokens } from '../support/index.js';
import { NOT_SYNCHRONIZED } from './support.js';

const A = { 'identification-token': 'acc-a' };
const B = { 'identification-token': 'acc-b' };

describe('account isolation', () => {
  it('account B gets notSynchronized for what account A synced', async () => {
    const mock = testMock({ speed: 0 });
    await syncPersons(mock, [person('jane')], 'standard', A);
    await syncPersons(mock, [person('joe')], 'salesNavigator', A);
    expect((await getOne(mock, person('jane'), { headers: A })).success).toBe(true);
    expect(await getOne(mock, person('jane'), { headers: B })).toEqual(NOT_SYNCHRONIZED);
    expect(await getOne(mock, person('joe'), { channel: 'salesNavigator', headers: B })).toEqual(NOT_SYNCHRONIZED);
    expect(mock.world.account('acc-b').synced.standard.size).toBe(0);
  });

  it('the same identification token under another account-api-token is the same account', async () => {
    const mock = testMock({ speed: 0 });
    await syncPersons(mock, [person('jane')], 'standard', tokens('acc-a', 'api-1'));
    expect((await getOne(mock, person('jane'), { headers: tokens('acc-a', 'api-1') })).success).toBe(true);
    expect(await getOne(mock, person('jane'), { headers: tokens('acc-b', 'api-1') })).toEqual(NOT_SYNCHRONIZED);
  });

  it('the same person has a different thread per account', async () => {
    const mock = testMock({ speed: 0 });
    const persons = [person('jane'), person('joe'), person('kim')];
    await syncPersons(mock, persons, 'standard', A);
    await syncPersons(mock, persons, 'standard', B);
    for (const p of persons) {
      const a = await messagesOf(mock, p, { headers: A });
      const b = await messagesOf(mock, p, { headers: B });
      expect(b).not.toEqual(a);
      const ids = new Set(a.map((m) => m.id));
      expect(b.filter((m) => ids.has(m.id))).toEqual([]);
    }
  });

  it('an account thread does not depend on what other accounts did', async () => {
    const busy = testMock({ speed: 0 });
    await syncPersons(busy, [person('jane'), person('x')], 'standard', B);
    await syncPersons(busy, [person('jane')], 'standard', A);
    const quiet = testMock({ speed: 0 });
    await syncPersons(quiet, [person('jane')], 'standard', A);
    expect(await messagesOf(busy, person('jane'), { headers: A })).toEqual(
      await messagesOf(quiet, person('jane'), { headers: A }),
    );
  });

  it('sync queues are per account: B is not held behind A', async () => {
    const mock = testMock();
    let aDone = false;
    const a = mock.start(SYNC, { standard: [person('1'), person('2'), person('3')].map((p) => ({ person: p })) }, A);
    void a.then(() => {
      aDone = true;
    });
    const b = await settle(mock, SYNC, { standard: [{ person: person('9') }] }, B, 50);
    expect(b.status).toBe(200);
    expect(aDone).toBe(false);
    mock.clock.advance(10_000);
    expect((await a).status).toBe(200);
  });

  it('results of one account are not readable with another account headers', async () => {
    const mock = testMock({ speed: 0 });
    const accepted = await mock.post(
      SYNC,
      { standard: [{ person: person('jane') }] },
      { ...A, 'result-handling': 'reslink' },
    );
    expect(accepted.body.status).toBe('processing');
    const path = new URL(accepted.body.process.resultLink).pathname;
    const own = await mock.get(path, tokens('acc-a'));
    expect(own.status).toBe(200);
    expect(own.body.completion.standard[0]).toEqual({ person: person('jane'), result: { success: true } });
    expect((await mock.get(path)).text).toBe(own.text);
    for (const headers of [tokens('acc-b'), tokens('acc-a', 'api-2'), { 'identification-token': 'acc-b' }]) {
      const foreign = await mock.get(path, headers);
      expect(foreign.status).toBe(404);
      expect(foreign.body).toEqual({
        status: 'error',
        error: { errorType: 'resultNotFound', message: 'The result link is unknown or has expired.' },
      });
    }
  });

  it('get results in reslink mode are isolated too', async () => {
    const mock = testMock({ speed: 0 });
    await syncPersons(mock, [person('jane')], 'standard', A);
    const accepted = await mock.post(
      GET,
      { standard: [{ person: person('jane') }] },
      { ...A, 'result-handling': 'reslink' },
    );
    const path = new URL(accepted.body.process.resultLink).pathname;
    const own = await mock.get(path, tokens('acc-a'));
    expect(own.body.completion.standard[0].result.success).toBe(true);
    expect((await mock.get(path, tokens('acc-b'))).status).toBe(404);
  });
});
