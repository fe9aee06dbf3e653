import type { Context, MiddlewareHandler, Next } from 'hono';
import type { Endpoint } from '../../contracts/endpoints.js';
import type { FaultListing } from '../../contracts/mock/faults.js';
import type { FaultRule, Scenario } from '../../contracts/mock/scenario.js';
import { fail, type Issue, ok, type Result } from '../../core/issue.js';
import { deriveSeed, SeededRandom } from '../../core/random.js';
import { type FaultSpec, faultSpecs } from '../../scenarios/compile.js';
import { readScenarioData } from '../../scenarios/load.js';
import type { MockEnv } from '../context.js';
import { incomingOf, MAX_BODY_BYTES, readRequestText } from '../http/body.js';
import { pathParams, requestEndpoint } from '../http/endpoint.js';
import type { HeldRequests } from '../http/hold.js';
import { errorAnswer, type FaultAnswer, statusAnswer } from './answer.js';
import { personsNamed } from './persons.js';

/** A rule in force: as given (named), compiled, with its counters and its own seeded source. */
interface ActiveFault {
  rule: FaultRule & { name: string };
  spec: FaultSpec;
  matched: number;
  applied: number;
  random: SeededRandom;
}

/** The endpoint of a request and the rules that may match it (by endpoint and account), in order. */
interface Matching {
  endpoint: Endpoint;
  rules: ActiveFault[];
}

/** What a fault injector needs from its server. */
export interface FaultInjectorDeps {
  /** Read when rules are (re)loaded or added (`seed`) and when an error is answered (`errorHttpStatus`). */
  options: { seed: number; errorHttpStatus?: 200 | undefined };
  /** Where a delay waits on the virtual clock: the server releases every held request on shutdown and scenario loads. */
  held: Pick<HeldRequests, 'wait'>;
}

/**
 * Why `add` refused a rule: its problems (each located in the rule, `body` for the rule itself, with a hint), or
 * the rule of that name already in force.
 */
export type FaultRefusal = { type: 'invalidFault'; issues: Issue[] } | { type: 'faultExists'; name: string };

/** The rule added (as listed), or why not. */
export type AddFaultResult = Result<FaultListing, FaultRefusal>;

/**
 * Fault rules in force on a mock: matched against each API request (endpoint, account, person), triggered
 * (`every`, `first`, `probability` from a seeded source, or always), and applied (an error in the endpoint's
 * dialect, a bare status, a connection reset, a delay on the virtual clock). The first rule whose trigger fires
 * applies; every matching rule counts the request. With no rules the middleware passes requests on at once.
 *
 * @example
 * const mock = createMockServer({ seed: 7 });
 * mock.faults.add({ name: 'flaky', endpoint: 'get', every: 3, status: 503 });
 * mock.faults.list(); // [{ name: 'flaky', endpoint: 'get', every: 3, status: 503, matched: 0, applied: 0 }]
 */
export class FaultInjector {
  private rules: ActiveFault[] = [];
  /** Accounts a rule may name (those the scenario lists); undefined: any. */
  private accounts: Set<string> | undefined;

  constructor(private readonly deps: FaultInjectorDeps) {}

  /** Replaces the rules by a scenario's `faults` (none without a scenario): counters and sources start afresh. */
  load(scenario: Scenario | undefined): void {
    this.accounts = scenario?.accounts && new Set(scenario.accounts.map((account) => account.identificationToken));
    const rules = scenario?.faults ?? [];
    const specs = faultSpecs(rules);
    this.rules = rules.map((rule, index) => this.activate(rule, specs[index] as FaultSpec));
  }

  /** Zeroes every rule's counters and restarts its seeded source, keeping the rules. */
  reset(): void {
    this.rules = this.rules.map((active) => this.activate(active.rule, active.spec));
  }

  /**
   * Adds a rule after the others. `input` is checked as a scenario's `faults[]` entry (and its account against
   * the scenario's accounts, when it lists some); an unnamed rule is named `fault-<n>`.
   */
  add(input: unknown): AddFaultResult {
    // Checked as the one fault of a scenario with the same accounts: the problems and hints of a scenario file.
    const accounts = this.accounts && [...this.accounts].map((identificationToken) => ({ identificationToken }));
    const parsed = readScenarioData({ ...(accounts && { accounts }), faults: [input] });
    if (!parsed.ok) return fail({ type: 'invalidFault', issues: parsed.error.map(ruleIssue) });
    const rule = parsed.value.faults?.[0] as FaultRule;
    if (rule.name !== undefined && this.find(rule.name)) return fail({ type: 'faultExists', name: rule.name });
    let n = this.rules.length;
    while (rule.name === undefined && this.find(`fault-${n}`)) n++;
    const named = { ...rule, name: rule.name ?? `fault-${n}` };
    const active = this.activate(named, faultSpecs([named])[0] as FaultSpec);
    this.rules = [...this.rules, active];
    return ok(listing(active));
  }

  /** Removes the rule named `name`; returns it with its final counters, or undefined when there is none. */
  remove(name: string): FaultListing | undefined {
    const active = this.find(name);
    if (!active) return undefined;
    this.rules = this.rules.filter((rule) => rule !== active);
    return listing(active);
  }

  /** Removes every rule; returns their names. */
  clear(): string[] {
    const names = this.rules.map((active) => active.rule.name);
    this.rules = [];
    return names;
  }

  /** The rules in evaluation order, with their counters. */
  list(): FaultListing[] {
    return this.rules.map(listing);
  }

  /** The names of the rules, in order. */
  names(): string[] {
    return this.rules.map((active) => active.rule.name);
  }

  /** The Hono middleware that applies the rules. With none, it only calls `next()`. */
  readonly middleware: MiddlewareHandler<MockEnv> = (c, next) => {
    if (this.rules.length === 0) return next();
    let matching: Matching | undefined;
    try {
      matching = this.candidates(c);
    } catch (error) {
      reportBug(error);
    }
    // No rule for this endpoint and account (the common case): passed on with no further work.
    return matching ? this.inject(c, next, matching) : next();
  };

  private activate(rule: FaultRule & { name?: string }, spec: FaultSpec): ActiveFault {
    const random = new SeededRandom(deriveSeed('fault', this.deps.options.seed, spec.name));
    return { rule: { ...rule, name: spec.name }, spec, matched: 0, applied: 0, random };
  }

  private find(name: string): ActiveFault | undefined {
    return this.rules.find((active) => active.rule.name === name);
  }

  /** The rules that may match the request by endpoint and account; undefined when none does. */
  private candidates(c: Context<MockEnv>): Matching | undefined {
    const endpoint = requestEndpoint(c);
    if (endpoint === undefined) return undefined;
    let account: string | undefined;
    const rules = this.rules.filter(({ spec }) => {
      if (spec.endpoint !== 'any' && spec.endpoint !== endpoint.fault) return false;
      if (spec.account === undefined) return true;
      account ??= c.req.header('identification-token')?.trim() ?? '';
      return spec.account === account;
    });
    return rules.length === 0 ? undefined : { endpoint, rules };
  }

  private async inject(c: Context<MockEnv>, next: Next, matching: Matching): Promise<Response | undefined> {
    let chosen: ActiveFault | undefined;
    try {
      chosen = await this.choose(c, matching);
    } catch (error) {
      reportBug(error);
    }
    if (!chosen) {
      await next();
      return undefined;
    }
    const { spec } = chosen;
    if (spec.delayMs > 0) await this.deps.held.wait(spec.delayMs);
    let response: Response | undefined;
    try {
      response = this.respond(c, spec, matching.endpoint);
    } catch (error) {
      reportBug(error);
    }
    if (response) return response;
    await next();
    return undefined;
  }

  /** Counts the request on every rule it matches; the first whose trigger fires is the one applied. */
  private async choose(c: Context<MockEnv>, { endpoint, rules }: Matching): Promise<ActiveFault | undefined> {
    let persons: Set<string> | undefined;
    if (rules.some(({ spec }) => spec.personKey !== undefined)) {
      // Read from a copy (telling nobody), so that the endpoint still reads the body; only when a rule names a person.
      const text = await readRequestText(c.req.raw.clone(), MAX_BODY_BYTES);
      persons = text.ok ? personsNamed(text.value, endpoint.dialect) : new Set();
    }
    let chosen: ActiveFault | undefined;
    for (const active of rules) {
      // A rule removed (or a scenario loaded) while the body was read no longer counts.
      if (!this.rules.includes(active)) continue;
      if (active.spec.personKey !== undefined && !persons?.has(active.spec.personKey)) continue;
      active.matched++;
      if (fires(active) && chosen === undefined) {
        chosen = active;
        active.applied++;
      }
    }
    return chosen;
  }

  /** The answer of the rule's effect; undefined (pass the request on) for a delay alone. */
  private respond(c: Context<MockEnv>, spec: FaultSpec, endpoint: Endpoint): Response | undefined {
    const { effect } = spec;
    if (effect === undefined) return undefined;
    if ('reset' in effect) {
      const incoming = incomingOf(c);
      if (!incoming) return Response.error(); // in process (app.request): a network error, status 0
      incoming.socket?.destroy();
      // Never written (the socket is gone); 444 is nginx's "closed without an answer", for anyone who logs it.
      return new Response(null, { status: 444, headers: { 'x-linkedapi-mock-fault': spec.name } });
    }
    const { path } = c.req;
    const request = {
      fault: spec.name,
      endpoint: endpoint.fault,
      method: c.req.method,
      path,
      params: pathParams(endpoint, path),
    };
    const answer: FaultAnswer =
      'error' in effect
        ? errorAnswer(effect.error, request, this.deps.options.errorHttpStatus)
        : statusAnswer(effect.status, request);
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  }
}

function fires({ spec, matched, random }: ActiveFault): boolean {
  const { trigger } = spec;
  if (trigger === undefined) return true;
  if ('every' in trigger) return matched % trigger.every === 0;
  if ('first' in trigger) return matched <= trigger.first;
  return random.next() < trigger.probability;
}

function listing({ rule, matched, applied }: ActiveFault): FaultListing {
  const { name, ...rest } = rule;
  return { name, ...rest, matched, applied };
}

/** A problem of `faults[0]` in the wrapping scenario, located in the rule itself. */
function ruleIssue({ code = 'invalid', path, problem, hint }: Omit<Issue, 'code'> & { code?: string }): Issue {
  if (path !== 'faults[0]' || !problem.startsWith('expected')) {
    return { code, path: path === 'faults[0]' ? 'body' : path.replace(/^faults\[0\]\./, ''), problem, hint };
  }
  // The rule is not an object: the loader's hint speaks of YAML; this one of the JSON to send.
  return {
    code,
    path: 'body',
    problem,
    hint: 'send one rule as a JSON object, such as {"endpoint": "get", "every": 3, "status": 503}',
  };
}

function reportBug(error: unknown): void {
  console.error('[linkedapi-mock] fault injection failed (this is a bug, please report it); request passed on:', error);
}
