import { describe, expect, it } from 'vitest';
import { GET, person, SYNC, testMock } from '../support/index.js';

describe('smoke', () => {
  it('syncs then gets a conversation', async () => {
    const mock = testMock({ speed: 0 });
    const sync = await mock.post(SYNC, { standard: [{ person: person('jane') }] });
    expect(sync.body).toEqual({
      status: 'complete',
      completion: { standard: [{ person: person('jane'), result: { success: true } }], salesNavigator: [] },
    });
    const got = await mock.post(GET, { standard: [{ person: person('jane') }] });
    expect(got.status).toBe(200);
    expect(got.body.completion.standard[0].result.success).toBe(true);
  });
});
