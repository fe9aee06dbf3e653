import { describe, expect, it } from 'vitest';
import { GET, getOne, messagesOf, person, SYNC, settle, syncPersons, testMock } from '../support/index.js';
import { NOT_SYNCHRONIZED, PERSON_NOT_FOUND } from './support.js';

describe('person identity', () => {
  it.each([
    'http://linkedin.com/in/Jane-Doe/?trk=public_profile#top',
    'https://LinkedIn.com/in/JANE-DOE',
    'https://www.linkedin.com/in/jane-doe/',
    'https://www.linkedin.com/in/jane-doe?locale=en_US',
  ])('a person synced as https://www.linkedin.com/in/jane-doe is read as %s', async (spelling) => {
    const mock = testMock({ speed: 0 });
    await syncPersons(mock, [person('jane-doe')]);
    const canonical = await messagesOf(mock, person('jane-doe'));
    expect(canonical.length).toBeGreaterThan(0);
    expect(await messagesOf(mock, spelling)).toEqual(canonical);
  });

  it('a person synced under a loose spelling is read under the canonical one, same thread', async () => {
    const mock = testMock({ speed: 0 });
    await syncPersons(mock, ['http://LINKEDIN.com/in/Jane-Doe/?x=1#y']);
    const fresh = testMock({ speed: 0 });
    await syncPersons(fresh, [person('jane-doe')]);
    expect(await messagesOf(mock, 'https://www.linkedin.com/in/jane-doe')).toEqual(
      await messagesOf(fresh, person('jane-doe')),
    );
  });

  it('non-ASCII letters are compared lower-cased too (JÉRÔME == jérôme == J%C3%A9r%C3%B4me)', async () => {
    const mock = testMock({ speed: 0 });
    await syncPersons(mock, ['https://www.linkedin.com/in/JÉRÔME-Dupont']);
    const synced = await messagesOf(mock, 'https://linkedin.com/in/jérôme-dupont/');
    expect(await messagesOf(mock, 'https://www.linkedin.com/in/J%C3%A9r%C3%B4me-dupont')).toEqual(synced);
    expect(await messagesOf(mock, 'https://www.linkedin.com/in/j%c3%89r%c3%94me-DUPONT')).toEqual(synced);
  });

  it('the person field echoes the URL exactly as sent, on synchronize and on get', async () => {
    const mock = testMock({ speed: 0 });
    const sent = ['http://LinkedIn.com/in/Jane-Doe/?trk=x', 'https://www.linkedin.com/in/BOB///', person('carol')];
    const sync = await settle(mock, SYNC, { standard: sent.map((p) => ({ person: p })) });
    expect(sync.body.completion.standard.map((e: { person: string }) => e.person)).toEqual(sent);
    const got = await settle(mock, GET, { salesNavigator: [{ person: sent[0] }], standard: [{ person: sent[1] }] });
    expect(got.body.completion.standard[0].person).toBe(sent[1]);
    expect(got.body.completion.salesNavigator[0].person).toBe(sent[0]);
    expect(got.text).toContain('"person":"http://LinkedIn.com/in/Jane-Doe/?trk=x"');
  });

  it('/in/<slug>, hashed /in/ ids, /sales/people/<id> and /sales/lead/<id> are persons', async () => {
    const mock = testMock({ speed: 0 });
    const persons = [
      person('jane-doe'),
      'https://www.linkedin.com/in/ACoAAB1234xyzQ',
      'https://www.linkedin.com/sales/people/ACwAAA9xyz,NAME_SEARCH,abc',
      'https://www.linkedin.com/sales/lead/ACwAAB7abc',
    ];
    const sync = await settle(mock, SYNC, { salesNavigator: persons.map((p) => ({ person: p })) });
    expect(sync.status).toBe(200);
    expect(sync.body).toEqual({
      status: 'complete',
      completion: { standard: [], salesNavigator: persons.map((p) => ({ person: p, result: { success: true } })) },
    });
    for (const p of persons) expect((await getOne(mock, p, { channel: 'salesNavigator' })).success).toBe(true);
  });

  it.each([
    ['another host', 'https://example.com/in/jane-doe'],
    ['a LinkedIn subdomain', 'https://uk.linkedin.com/in/jane-doe'],
    ['a /company/ page', 'https://www.linkedin.com/company/acme'],
    ['a profile sub-page', 'https://www.linkedin.com/in/jane-doe/details/experience'],
    ['a bare /in/', 'https://www.linkedin.com/in/'],
    ['a missing-* slug', 'https://www.linkedin.com/in/missing-jane'],
    ['a missing-* slug in capitals', 'https://linkedin.com/in/Missing-Jane/'],
  ])('%s: personNotFound on synchronize, notSynchronized on get', async (_, url) => {
    const mock = testMock({ speed: 0 });
    const sync = await settle(mock, SYNC, { standard: [{ person: url }] });
    expect(sync.status).toBe(200);
    expect(sync.body).toEqual({
      status: 'complete',
      completion: { standard: [{ person: url, result: PERSON_NOT_FOUND }], salesNavigator: [] },
    });
    expect(await getOne(mock, url)).toEqual(NOT_SYNCHRONIZED);
  });

  it('a missing- prefix only matters in an /in/ slug', async () => {
    const mock = testMock({ speed: 0 });
    const url = 'https://www.linkedin.com/sales/lead/missing-jane';
    const sync = await settle(mock, SYNC, { standard: [{ person: url }, { person: person('jane-missing-x') }] });
    expect(sync.body.completion.standard.map((e: { result: unknown }) => e.result)).toEqual([
      { success: true },
      { success: true },
    ]);
  });

  it.each(['jane-doe', 'www.linkedin.com/in/jane-doe', '/in/jane-doe', '', 'mailto:jane@example.com'])(
    'a person that is not a URL (%j) is an invalidRequestBody naming its path',
    async (value) => {
      const mock = testMock({ speed: 0 });
      for (const path of [SYNC, GET]) {
        const reply = await mock.post(path, {
          standard: [{ person: person('ok') }],
          salesNavigator: [{ person: value }],
        });
        expect(reply.status).toBe(400);
        expect(reply.body.status).toBe('error');
        expect(reply.body.error.errorType).toBe('invalidRequestBody');
        expect(reply.body.error.message).toMatch(/^The request body is invalid: salesNavigator\[0\]\.person: .+\.$/);
      }
      expect(mock.world.account('acc-1').synced.standard.size).toBe(0);
    },
  );

  it('two spellings of one person in one array are refused; once per array is fine', async () => {
    const mock = testMock({ speed: 0 });
    const twice = await mock.post(SYNC, {
      standard: [{ person: person('jane') }, { person: 'http://LinkedIn.com/in/Jane/' }],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toMatch(/^The request body is invalid: standard\[1\]\.person: /);
    const once = await mock.post(SYNC, {
      standard: [{ person: person('jane') }],
      salesNavigator: [{ person: 'http://LinkedIn.com/in/Jane/' }],
    });
    expect(once.status).toBe(200);
  });
});

describe('channels are separate', () => {
  it('syncing in standard does not sync salesNavigator', async () => {
    const mock = testMock({ speed: 0 });
    await syncPersons(mock, [person('jane')], 'standard');
    expect((await getOne(mock, person('jane'))).success).toBe(true);
    expect(await getOne(mock, person('jane'), { channel: 'salesNavigator' })).toEqual(NOT_SYNCHRONIZED);
  });

  it('syncing in salesNavigator does not sync standard', async () => {
    const mock = testMock({ speed: 0 });
    await syncPersons(mock, [person('jane')], 'salesNavigator');
    expect((await getOne(mock, person('jane'), { channel: 'salesNavigator' })).success).toBe(true);
    expect(await getOne(mock, person('jane'))).toEqual(NOT_SYNCHRONIZED);
  });

  it('the same person has a different thread in each channel', async () => {
    const mock = testMock({ speed: 0 });
    const slug = person('jane');
    await settle(mock, SYNC, { standard: [{ person: slug }], salesNavigator: [{ person: slug }] });
    const standard = await messagesOf(mock, slug);
    const sales = await messagesOf(mock, slug, { channel: 'salesNavigator' });
    expect(standard.length + sales.length).toBeGreaterThan(0);
    expect(sales).not.toEqual(standard);
    const ids = new Set(standard.map((m) => m.id));
    expect(sales.filter((m) => ids.has(m.id))).toEqual([]);
  });

  it('a get for both channels answers each from its own inbox', async () => {
    const mock = testMock({ speed: 0 });
    await syncPersons(mock, [person('a')], 'standard');
    await syncPersons(mock, [person('b')], 'salesNavigator');
    const reply = await settle(mock, GET, {
      standard: [{ person: person('a') }, { person: person('b') }],
      salesNavigator: [{ person: person('a') }, { person: person('b') }],
    });
    const ok = (e: { result: { success: boolean } }) => e.result.success;
    expect(reply.body.completion.standard.map(ok)).toEqual([true, false]);
    expect(reply.body.completion.salesNavigator.map(ok)).toEqual([false, true]);
  });
});
