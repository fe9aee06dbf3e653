import { describe, expect, it } from 'vitest';
import { Accounts } from './accounts.js';
import type { ScenarioAccountSpec } from './scenario.js';

const reason = (result: { ok: boolean; error?: { reason: string } }) => (result.ok ? 'ok' : result.error?.reason);

describe('Accounts: which tokens name which accounts', () => {
  it('refuses in the world’s own words, first failure wins, the API token first', () => {
    const accounts = new Accounts(undefined, 1);
    expect(reason(accounts.authenticate(undefined, undefined))).toBe('apiTokenRequired');
    expect(reason(accounts.authenticate('', 'acc-1'))).toBe('apiTokenRequired');
    expect(reason(accounts.authenticate('invalid-token', undefined))).toBe('apiTokenInvalid');
    expect(reason(accounts.authenticate('t', undefined))).toBe('identificationTokenRequired');
    expect(reason(accounts.authenticate('t', 'invalid-acc'))).toBe('identificationTokenInvalid');
    expect(reason(accounts.authenticate('t', 'acc-1'))).toBe('ok');
  });

  it('gives the same account for the same identification token; the magic prefixes set its first state', () => {
    const accounts = new Accounts(undefined, 1);
    const auth = accounts.authenticate('t', 'acc-1');
    expect(auth.ok && auth.value).toBe(accounts.get('acc-1'));
    expect(accounts.get('no-seats-1').state).toBe('noSeats');
    expect(accounts.get('signed-out-1').state).toBe('signedOut');
    expect(accounts.all().map((account) => account.id)).toEqual(['acc-1', 'no-seats-1', 'signed-out-1']);
    accounts.forget('acc-1');
    expect(accounts.get('acc-1')).not.toBe(auth.ok && auth.value);
  });

  it('with listed accounts: only those, each with its API tokens, in its listed state', () => {
    const listed = new Map<string, ScenarioAccountSpec>([
      ['alice', { apiTokens: new Set(['a-token']), state: 'signedOut' }],
      ['bob', { apiTokens: undefined, state: 'active' }],
    ]);
    const accounts = new Accounts(listed, 1);
    expect(reason(accounts.authenticate('a-token', 'carol'))).toBe('identificationTokenInvalid');
    expect(reason(accounts.authenticate('other', 'alice'))).toBe('apiTokenInvalid');
    expect(reason(accounts.authenticate('other', 'bob'))).toBe('ok');
    const alice = accounts.authenticate('a-token', 'alice');
    expect(alice.ok && alice.value.state).toBe('signedOut');
    // A token no listed account accepts is refused before the identification token is looked at.
    const strict = new Accounts(new Map([['alice', { apiTokens: new Set(['a-token']), state: 'active' }]]), 1);
    expect(reason(strict.authenticate('other', undefined))).toBe('apiTokenInvalid');
  });
});
