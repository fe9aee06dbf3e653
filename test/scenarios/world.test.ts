import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../src/contracts/mock/scenario.js';
import {
  e4,
  e4Tokens,
  GET,
  person,
  readThread,
  reslink,
  result,
  SYNC,
  settle,
  syncLong,
  syncResults,
  type TestMock,
  testMock,
} from '../support/index.js';
import { scenarioMock } from './support.js';

const E1_INVALID_ID = {
  status: 'error',
  error: { errorType: 'invalidIdentificationToken', message: 'The provided identification-token is invalid.' },
};
const E1_INVALID_API = {
  status: 'error',
  error: { errorType: 'invalidAccountApiToken', message: 'The provided account-api-token is invalid.' },
};
const E4_INVALID_ID = {
  success: false,
  error: { type: 'invalidIdentificationToken', message: "The provided 'identification-token' is invalid." },
};
const ids = (id: string, api = 'api-1') => ({ 'identification-token': id, 'account-api-token': api });

/** A fixed script over both dialects, magic tokens included; every answer as `status text`, and job end times. */
async function script(mock: TestMock): Promise<string[]> {
  const out: string[] = [];
  const note = (r: { status: number; text: string }) => out.push(`${r.status} ${r.text}`);
  const persons = [person('anna'), person('missing-bob'), 'https://www.linkedin.com/company/acme', person('cleo')];
  note(await syncLong(mock, persons));
  note(await syncLong(mock, [person('anna')], {}, 'salesNavigator'));
  note(await settle(mock, GET, { standard: persons.map((p) => ({ person: p })) }));
  const link = await reslink(mock, SYNC, { standard: [{ person: person('dan') }] }, ids('acc-2'));
  note(await result(mock, link, ids('acc-2')));
  mock.clock.advance(3000);
  note(await result(mock, link, ids('acc-2')));
  note(await syncLong(mock, [person('anna')], ids('signed-out-1')));
  note(await mock.post(SYNC, { standard: [{ person: person('anna') }] }, ids('no-seats-1')));
  note(await mock.post(SYNC, { standard: [{ person: person('anna') }] }, ids('invalid-1')));
  const api = e4(mock, 'acc-3');
  const id = await api.run([{ actionType: 'st.syncConversation', personUrl: person('eve') }]);
  note(await api.status(id));
  note(await api.poll([{ personUrl: person('eve'), type: 'st' }]));
  out.push(`clock ${mock.clock.now()}`);
  return out;
}

/** Deterministic result-link ids, so that two mocks can be compared byte for byte. */
const counter = () => {
  let n = 0;
  return () => `result-${String(++n).padStart(16, '0')}`;
};

describe('scenario: the default world', () => {
  it('an empty scenario {} answers byte for byte as no scenario at all', async () => {
    const plain = await script(testMock({ newResultId: counter() }));
    const empty = await script(testMock({ newResultId: counter(), scenario: {} }));
    expect(empty).toEqual(plain);
    expect(plain).toHaveLength(11);
    expect(plain[4]).toMatch(/^200 \{"status":"complete"/);
    expect(plain[5]).toMatch(/^403 .*linkedinAccountSignedOut/);
    expect(plain[0]).toMatch(/^200 \{"status":"complete"/);
  });
});

describe('scenario: accounts', () => {
  const listed: ScenarioInput = {
    accounts: [
      { identificationToken: 'alice', apiTokens: ['key-alice'] },
      { identificationToken: 'bruno', apiTokens: ['key-bruno', 'key-shared'] },
      { identificationToken: 'carla', state: 'noSeats', apiTokens: ['key-shared'] },
      { identificationToken: 'dario', state: 'signedOut', apiTokens: ['key-shared'] },
    ],
  };

  it('listed accounts are the only ones: any other identification token is invalid, in E1 and in E4', async () => {
    const mock = scenarioMock(listed);
    const e1 = await mock.post(SYNC, { standard: [{ person: person('a') }] }, ids('acc-1', 'key-alice'));
    expect(e1.status).toBe(401);
    expect(e1.body).toEqual(E1_INVALID_ID);
    const r4 = await e4(mock).start([{ actionType: 'st.syncConversation', personUrl: person('a') }], {
      ...e4Tokens('acc-1', 'key-alice'),
    });
    expect(r4.status).toBe(401);
    expect(r4.body).toEqual(E4_INVALID_ID);
    // The magic prefixes mean nothing for an unlisted account either.
    const magic = await mock.post(SYNC, { standard: [{ person: person('a') }] }, ids('no-seats-x', 'key-alice'));
    expect(magic.body).toEqual(E1_INVALID_ID);
    const ok = await syncLong(mock, [person('a')], ids('alice', 'key-alice'));
    expect(syncResults(ok)).toEqual({ [person('a')]: true });
  });

  it('apiTokens restricts the account-api-token (E1) and the linked-api-token (E4) per account', async () => {
    const mock = scenarioMock(listed);
    const body = { standard: [{ person: person('a') }] };
    // A token no listed account accepts is invalid whatever the identification token.
    expect((await mock.post(SYNC, body, ids('alice', 'key-nobody'))).body).toEqual(E1_INVALID_API);
    // A token of another account is invalid for this one.
    expect((await mock.post(SYNC, body, ids('alice', 'key-bruno'))).body).toEqual(E1_INVALID_API);
    expect(syncResults(await syncLong(mock, [person('a')], ids('bruno', 'key-shared')))).toEqual({
      [person('a')]: true,
    });
    const api = e4(mock);
    const wrong = await api.start([{ actionType: 'st.syncConversation', personUrl: person('a') }], {
      ...e4Tokens('alice', 'key-bruno'),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.type).toBe('invalidLinkedApiToken');
    const right = await api.start([{ actionType: 'st.syncConversation', personUrl: person('a') }], {
      ...e4Tokens('alice', 'key-alice'),
    });
    expect(right.status).toBe(200);
  });

  it('an account listed without apiTokens accepts any account-api-token', async () => {
    const mock = scenarioMock({
      accounts: [{ identificationToken: 'open' }, { identificationToken: 'closed', apiTokens: ['k'] }],
    });
    expect(syncResults(await syncLong(mock, [person('a')], ids('open', 'anything')))).toEqual({ [person('a')]: true });
    expect((await mock.post(SYNC, { standard: [{ person: person('a') }] }, ids('closed', 'anything'))).body).toEqual(
      E1_INVALID_API,
    );
  });

  it('states: noSeats refuses at once (403), signedOut fails while processing, active works', async () => {
    const mock = scenarioMock(listed);
    const noSeats = await mock.post(SYNC, { standard: [{ person: person('a') }] }, ids('carla', 'key-shared'));
    expect(noSeats.status).toBe(403);
    expect(noSeats.body.error.errorType).toBe('noActiveSeats');
    const link = await reslink(mock, SYNC, { standard: [{ person: person('a') }] }, ids('dario', 'key-shared'));
    mock.clock.advance(1500);
    const signedOut = await result(mock, link, ids('dario', 'key-shared'));
    expect(signedOut.status).toBe(403);
    expect(signedOut.body.error.errorType).toBe('linkedinAccountSignedOut');
    expect(mock.world.account('dario').synced.standard.size).toBe(0);
  });
});

describe('scenario: persons', () => {
  it('unlistedPersonsExist: false makes every person not listed personNotFound; listed ones exist', async () => {
    const mock = scenarioMock({ unlistedPersonsExist: false, persons: [{ url: person('known') }] });
    const reply = await syncLong(mock, ['https://linkedin.com/in/KNOWN/', person('stranger')]);
    expect(syncResults(reply)).toEqual({
      'https://linkedin.com/in/KNOWN/': true,
      [person('stranger')]: 'personNotFound',
    });
  });

  it('a person with exists: false is personNotFound; others keep the default world', async () => {
    const mock = scenarioMock({ persons: [{ url: person('ghost'), exists: false }] });
    const reply = await syncLong(mock, [person('ghost'), person('real'), person('missing-x')]);
    expect(syncResults(reply)).toEqual({
      [person('ghost')]: 'personNotFound',
      [person('real')]: true,
      [person('missing-x')]: 'personNotFound',
    });
  });

  it('a person spec for one account applies to that account only; the general spec to the others', async () => {
    const mock = scenarioMock({
      persons: [
        { url: person('pat'), account: 'acc-a', exists: false },
        { url: person('pat'), standard: { messages: [{ from: 'them', text: 'general', ago: '1h' }] } },
      ],
    });
    expect(syncResults(await syncLong(mock, [person('pat')], ids('acc-a')))).toEqual({
      [person('pat')]: 'personNotFound',
    });
    expect(syncResults(await syncLong(mock, [person('pat')], ids('acc-b')))).toEqual({ [person('pat')]: true });
    expect(await readThread(mock, person('pat'), { headers: ids('acc-b') })).toEqual([
      expect.objectContaining({ sender: 'them', text: 'general', time: '2024-06-03T08:00:00Z' }),
    ]);
  });
});
