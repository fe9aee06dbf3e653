import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHttpUrl, personRef } from './person-url.js';

describe('personRef: canonical person identity', () => {
  it.each([
    'https://www.linkedin.com/in/jane-doe',
    'http://www.linkedin.com/in/jane-doe',
    'https://linkedin.com/in/jane-doe',
    'https://LinkedIn.com/in/jane-doe',
    'https://WWW.LINKEDIN.COM/IN/Jane-Doe',
    'https://www.linkedin.com/in/jane-doe/',
    'https://www.linkedin.com/in/jane-doe///',
    'https://www.linkedin.com/in/jane-doe?trk=public_profile',
    'https://www.linkedin.com/in/jane-doe#about',
    'http://linkedin.com/in/Jane-Doe/?trk=x#y',
  ])('%s has the canonical key https://www.linkedin.com/in/jane-doe', (url) => {
    expect(personRef(url)).toEqual({ key: 'https://www.linkedin.com/in/jane-doe', kind: 'in', slug: 'jane-doe' });
  });

  it('recognises hashed /in/ slugs and Sales Navigator people and lead URLs', () => {
    expect(personRef('https://www.linkedin.com/in/ACoAAB1234xyz')).toEqual({
      key: 'https://www.linkedin.com/in/acoaab1234xyz',
      kind: 'in',
      slug: 'acoaab1234xyz',
    });
    expect(personRef('https://www.linkedin.com/sales/people/ACwAAA9,NAME_SEARCH,abc')).toEqual({
      key: 'https://www.linkedin.com/sales/people/acwaaa9,name_search,abc',
      kind: 'salesPeople',
      slug: 'acwaaa9,name_search,abc',
    });
    expect(personRef('https://linkedin.com/sales/lead/ACwAAB7/')).toEqual({
      key: 'https://www.linkedin.com/sales/lead/acwaab7',
      kind: 'salesLead',
      slug: 'acwaab7',
    });
  });

  it.each([
    'https://www.linkedin.com/company/acme',
    'https://www.linkedin.com/in/',
    'https://www.linkedin.com/in/jane/details/experience',
    'https://www.linkedin.com/sales/people/',
    'https://www.linkedin.com/sales/company/123',
    'https://www.linkedin.com/feed',
    'https://www.linkedin.com/',
  ])('%s is a LinkedIn URL that names no person', (url) => {
    const ref = personRef(url);
    expect(ref.kind).toBeNull();
    expect(ref.slug).toBe('');
  });

  it('keeps another host apart from linkedin.com, port included', () => {
    expect(personRef('http://Example.com/in/Jane/?q=1')).toEqual({
      key: 'https://example.com/in/jane',
      kind: null,
      slug: '',
    });
    expect(personRef('https://uk.linkedin.com/in/jane')).toEqual({
      key: 'https://uk.linkedin.com/in/jane',
      kind: null,
      slug: '',
    });
    expect(personRef('https://example.com:8443/in/jane').key).toBe('https://example.com:8443/in/jane');
  });

  it('lower-cases non-ASCII and percent-encoded letters too', () => {
    const jerome = 'https://www.linkedin.com/in/j%c3%a9r%c3%b4me';
    for (const url of [
      'https://www.linkedin.com/in/jérôme',
      'https://www.linkedin.com/in/JÉRÔME/',
      'https://linkedin.com/in/J%C3%A9R%C3%B4me',
      'https://linkedin.com/in/J%C3%89R%C3%94ME',
    ]) {
      expect(personRef(url)).toEqual({ key: jerome, kind: 'in', slug: 'j%c3%a9r%c3%b4me' });
    }
    expect(personRef('https://www.linkedin.com/in/%4Aane').key).toBe('https://www.linkedin.com/in/jane');
    expect(personRef('https://www.linkedin.com/in/%6Dissing-x').slug).toBe('missing-x');
  });

  it('keeps encoded reserved characters and odd paths apart', () => {
    expect(personRef('https://www.linkedin.com/in/a%2Fb')).toEqual({
      key: 'https://www.linkedin.com/in/a%2fb',
      kind: 'in',
      slug: 'a%2fb',
    });
    expect(personRef('https://www.linkedin.com/in/a%5Cb').slug).toBe('a%5cb');
    expect(personRef('https://www.linkedin.com//x/in/jane')).toEqual({
      key: 'https://www.linkedin.com//x/in/jane',
      kind: null,
      slug: '',
    });
    expect(personRef('https://www.linkedin.com/in/%E0%A4%A').key).toBe('https://www.linkedin.com/in/%e0%a4%a');
  });

  it('property: a slug, its lower-cased form and its percent-encoded form are one person', () => {
    const letter = fc.oneof(
      fc.integer({ min: 0x30, max: 0x39 }),
      fc.integer({ min: 0x41, max: 0x5a }),
      fc.integer({ min: 0x61, max: 0x7a }),
      fc.constantFrom(0x2d, 0x5f, 0x2e, 0x7e),
      fc.integer({ min: 0xc0, max: 0x24f }),
      fc.integer({ min: 0x391, max: 0x3c9 }),
      fc.integer({ min: 0x410, max: 0x44f }),
      fc.integer({ min: 0x4e00, max: 0x4e80 }),
    );
    const slug = fc
      .string({ unit: letter.map((c) => String.fromCodePoint(c)), minLength: 1, maxLength: 24 })
      .filter((s) => s !== '.' && s !== '..');
    fc.assert(
      fc.property(slug, (s) => {
        const key = personRef(`https://www.linkedin.com/in/${s}`).key;
        expect(personRef(`http://LinkedIn.com/in/${s.toLowerCase()}/?trk=1`).key).toBe(key);
        expect(personRef(`https://linkedin.com/in/${encodeURIComponent(s)}#x`).key).toBe(key);
        expect(personRef(`https://www.linkedin.com/in/${s}`).kind).toBe('in');
      }),
      { numRuns: 300 },
    );
  });

  it('isHttpUrl accepts absolute http(s) URLs only', () => {
    expect(isHttpUrl('https://www.linkedin.com/in/jane')).toBe(true);
    expect(isHttpUrl('http://linkedin.com/in/jane')).toBe(true);
    expect(isHttpUrl('www.linkedin.com/in/jane')).toBe(false);
    expect(isHttpUrl('/in/jane')).toBe(false);
    expect(isHttpUrl('jane-doe')).toBe(false);
    expect(isHttpUrl('')).toBe(false);
    expect(isHttpUrl('mailto:jane@example.com')).toBe(false);
    expect(isHttpUrl('https://')).toBe(false);
  });
});
