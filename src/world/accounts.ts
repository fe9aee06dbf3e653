import { fail, ok, type Result } from '../core/issue.js';
import { deriveSeed } from '../core/random.js';
import { Account, type AccountState } from './account.js';
import type { Refusal } from './outcome.js';
import type { ScenarioAccountSpec } from './scenario.js';

type Listed = ReadonlyMap<string, ScenarioAccountSpec> | undefined;

/**
 * The accounts met so far, by identification token, and which tokens name them. With no listed accounts (the
 * default world) any non-empty token is valid except the magic prefixes: `invalid` (both tokens), and for the
 * identification token `no-seats` and `signed-out`, the state a new account starts in. With listed accounts, only
 * those, each with the API tokens it accepts (any, when it lists none).
 */
export class Accounts {
  private readonly byToken = new Map<string, Account>();

  constructor(
    private readonly listed: Listed,
    /** Seed the accounts' latency draws derive from. */
    private readonly seed: number,
  ) {}

  /** The account the two tokens name, or why not: first failure wins, API token first. */
  authenticate(accountApiToken: string | undefined, identificationToken: string | undefined): Result<Account, Refusal> {
    const { listed } = this;
    if (!accountApiToken) return fail({ reason: 'apiTokenRequired' });
    if (accountApiToken.startsWith('invalid')) return fail({ reason: 'apiTokenInvalid' });
    if (listed && !acceptedAnywhere(listed, accountApiToken)) return fail({ reason: 'apiTokenInvalid' });
    if (!identificationToken) return fail({ reason: 'identificationTokenRequired' });
    if (identificationToken.startsWith('invalid')) return fail({ reason: 'identificationTokenInvalid' });
    if (listed) {
      const spec = listed.get(identificationToken);
      if (!spec) return fail({ reason: 'identificationTokenInvalid' });
      if (spec.apiTokens && !spec.apiTokens.has(accountApiToken)) return fail({ reason: 'apiTokenInvalid' });
    }
    return ok(this.get(identificationToken));
  }

  /** The account named by an identification token, created on first use. */
  get(identificationToken: string): Account {
    let account = this.byToken.get(identificationToken);
    if (!account) {
      const state = this.listed?.get(identificationToken)?.state ?? stateByPrefix(identificationToken);
      account = new Account(identificationToken, state, deriveSeed('latency', this.seed, identificationToken));
      this.byToken.set(identificationToken, account);
    }
    return account;
  }

  /** Forgets an account: it starts afresh on its next request. */
  forget(identificationToken: string): void {
    this.byToken.delete(identificationToken);
  }

  /** The accounts met so far, in the order they were met. */
  all(): Account[] {
    return [...this.byToken.values()];
  }
}

function stateByPrefix(identificationToken: string): AccountState {
  if (identificationToken.startsWith('no-seats')) return 'noSeats';
  if (identificationToken.startsWith('signed-out')) return 'signedOut';
  return 'active';
}

/** Whether any listed account accepts this API token (one that accepts any token included). */
function acceptedAnywhere(listed: NonNullable<Listed>, token: string): boolean {
  for (const spec of listed.values()) if (!spec.apiTokens || spec.apiTokens.has(token)) return true;
  return false;
}
