import { describe, expect, it } from 'vitest';
import { GET, person, SYNC, settle, type TestMock, testMock } from '../support/index.js';

const tokensOf = (id: string) => ({ 'identification-token': id });

/** A fixed sequence of requests; returns every response body as text. */
async function script(mock: TestMock): Promise<string[]> {
  const bodies: string[] = [];
  const run = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const reply = await settle(mock, path, body, headers, 250);
    bodies.push(`${reply.status} ${reply.text}`);
    return reply;
  };
  const standard = [person('anna'), 'http://LinkedIn.com/in/Bob/', person('missing-carl'), person('dora')];
  const sales = ['https://www.linkedin.com/sales/lead/ACw1', person('anna')];
  await run(SYNC, {
    standard: standard.map((p) => ({ person: p })),
    salesNavigator: sales.map((p) => ({ person: p })),
  });
  const all = await run(GET, {
    standard: standard.map((p) => ({ person: p })),
    salesNavigator: sales.map((p) => ({ person: p })),
  });
  const anna = all.body.completion.standard[0].result.data.messages;
  await run(GET, {
    standard: [{ person: person('anna'), since: anna[Math.floor(anna.length / 2)]?.time ?? '2024-01-01T00:00:00Z' }],
  });
  await run(SYNC, { standard: [{ person: person('eve') }] }, tokensOf('acc-2'));
  await run(GET, { standard: [{ person: person('eve') }, { person: person('anna') }] }, tokensOf('acc-2'));
  mock.clock.advance(60_000);
  const at = Date.parse('2024-06-03T12:00:00Z');
  mock.world.addMessage(mock.world.account('acc-1'), 'standard', person('anna'), { sender: 'them', text: 'ping', at });
  await run(GET, { standard: [{ person: person('anna'), since: '2024-06-01T00:00:00Z' }] });
  await run(GET, { standard: [{ person: 'not a url' }] });
  await run(SYNC, { standard: [{ person: person('anna') }] }, tokensOf('signed-out-z'));
  return bodies;
}

describe('determinism (§6)', () => {
  it('two fresh mocks with the same seed and start give byte-identical bodies for the same requests', async () => {
    const first = await script(testMock({ seed: 42 }));
    const second = await script(testMock({ seed: 42 }));
    expect(first).toHaveLength(8);
    expect(second).toEqual(first);
    expect(first[1]).toContain('"messages":[{');
    expect(first[5]).toContain('"text":"ping","time":"2024-06-03T12:00:00Z"');
  });

  it('speed 0 gives the same bodies as realistic latency', async () => {
    expect(await script(testMock({ seed: 42, speed: 0 }))).toEqual(await script(testMock({ seed: 42 })));
  });

  it('a different seed changes the generated conversations', async () => {
    const a = await script(testMock({ seed: 42 }));
    const b = await script(testMock({ seed: 43 }));
    expect(b[0]).toBe(a[0]);
    expect(b[1]).not.toBe(a[1]);
    expect(b[4]).not.toBe(a[4]);
  });

  it('a different start time moves the message times', async () => {
    const a = await script(testMock({ seed: 42 }));
    const b = await script(testMock({ seed: 42, startTime: '2024-06-10T09:00:00Z' }));
    expect(b[1]).not.toBe(a[1]);
  });
});
