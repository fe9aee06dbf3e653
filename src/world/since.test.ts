import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GetEntry, Since } from '../contracts/e1/requests.js';

/** `ms` written as local time at `offsetMinutes` from UTC, with `digits` fractional digits. */
function write(ms: number, offsetMinutes: number, digits: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString();
  const fraction = digits === 0 ? '' : `.${local.slice(20, 23).padEnd(digits, '0').slice(0, digits)}`;
  if (offsetMinutes === 0 && digits % 2 === 0) return `${local.slice(0, 19)}${fraction}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local.slice(0, 19)}${fraction}${zone}`;
}

describe('since: the accepted forms', () => {
  it('property: every ISO date-time with Z or an offset is accepted and names the intended instant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1971-01-01T00:00:00Z'), max: Date.parse('2200-01-01T00:00:00Z') }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        fc.integer({ min: 0, max: 9 }),
        (ms, offset, digits) => {
          const text = write(ms, offset, digits);
          expect(Since.safeParse(text).success, text).toBe(true);
          const kept = digits >= 3 ? ms : ms - (ms % 10 ** (3 - digits));
          expect(Date.parse(text), text).toBe(kept);
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    '2024-01-01T00:00:00',
    '2024-01-01',
    '2024-01-01T00:00Z',
    '2024-01-01T00:00:00+0200',
    '2024-01-01T00:00:00+02',
    '2024-01-01T00:00:00+24:00',
    '2024-01-01T00:00:00.Z',
    '2024-01-01T00:00:00,5Z',
    '2024-01-01 00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-01-01T23:59:60Z',
    ' 2024-01-01T00:00:00Z',
    'Mon, 01 Jan 2024 00:00:00 GMT',
  ])('%j is refused', (text) => {
    expect(Since.safeParse(text).success).toBe(false);
  });

  it('property: whatever the schema accepts, Date.parse reads (no NaN slips through)', () => {
    const digit = fc.constantFrom(...'0123456789');
    const piece = fc.oneof(digit, fc.constantFrom('-', ':', 'T', 'Z', '+', '.', ' ', 'z'));
    const nearIso = fc.oneof(
      fc.string({ unit: piece, minLength: 10, maxLength: 32 }),
      fc
        .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
        .map(
          ([y, mo, d]) =>
            `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T23:59:59+23:59`,
        ),
    );
    fc.assert(
      fc.property(nearIso, (text) => {
        if (Since.safeParse(text).success) expect(Number.isFinite(Date.parse(text)), text).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('since is optional on a get entry, person is not', () => {
    expect(GetEntry.safeParse({ person: 'https://www.linkedin.com/in/a' }).success).toBe(true);
    expect(GetEntry.safeParse({ since: '2024-01-01T00:00:00Z' }).success).toBe(false);
  });
});
