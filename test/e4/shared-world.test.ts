import { describe, expect, it } from 'vitest';
import { e4, GET, nv, person, SYNC, settle, st, testMock } from '../support/index.js';

const ann = person('ann');

describe('one world for E1 and E4', () => {
  it('a conversation synced through E1 can be polled through E4, with the same messages E1 gets', async () => {
    const mock = testMock({ speed: 0, seed: 4 });
    await settle(mock, SYNC, { standard: [{ person: ann }] });
    const e1 = await settle(mock, GET, { standard: [{ person: ann }] });
    const polled = await e4(mock).poll([{ personUrl: ann, type: 'st' }]);
    expect(polled.status).toBe(200);
    expect(polled.body.result[0].messages).toEqual(e1.body.completion.standard[0].result.data.messages);
    expect(polled.body.result[0].messages.length).toBe(30);
  });

  it('a conversation synced through E4 can be read through E1; st is standard and nv is salesNavigator', async () => {
    const mock = testMock({ speed: 0 });
    await e4(mock).run([st(ann), nv(person('bob'))]);
    const e1 = await settle(mock, GET, {
      standard: [{ person: ann }, { person: person('bob') }],
      salesNavigator: [{ person: person('bob') }, { person: ann }],
    });
    const ok = (entry: { result: { success: boolean } }) => entry.result.success;
    expect(e1.body.completion.standard.map(ok)).toEqual([true, false]);
    expect(e1.body.completion.salesNavigator.map(ok)).toEqual([true, false]);
  });

  it('the same seed gives the same thread in both dialects, whichever synced it', async () => {
    const viaE1 = testMock({ speed: 0, seed: 9 });
    await settle(viaE1, SYNC, { salesNavigator: [{ person: ann }] });
    const viaE4 = testMock({ speed: 0, seed: 9 });
    await e4(viaE4).run(nv(ann));
    const a = await e4(viaE1).poll([{ personUrl: ann, type: 'nv' }]);
    const b = await e4(viaE4).poll([{ personUrl: ann, type: 'nv' }]);
    expect(a.text).toBe(b.text);
    expect(a.body.result[0].messages.length).toBeGreaterThan(0);
  });

  it('accounts are isolated by identification token in E4 as in E1', async () => {
    const mock = testMock({ speed: 0 });
    await e4(mock, 'acc-a').run(st(ann));
    expect((await e4(mock, 'acc-a').poll([{ personUrl: ann, type: 'st' }])).status).toBe(200);
    expect((await e4(mock, 'acc-b').poll([{ personUrl: ann, type: 'st' }])).body.error.type).toBe(
      'conversationsNotSynced',
    );
  });
});
