import type { GlobalErrorType, PersonErrorType } from '../contracts/e1/errors.js';
import type { Channel } from '../contracts/e1/requests.js';
import type { ClockTimer, VirtualClock } from '../core/clock.js';
import type { RawJson } from '../core/json.js';
import { type PersonRef, personRef } from '../core/person-url.js';
import { deriveSeed, deriveUuid } from '../core/random.js';
import { Account, type AccountState } from './account.js';
import { Job, type JobOutcome } from './job.js';
import { ResultStore } from './result-store.js';
import { EMPTY_SCENARIO, type PendingEvent, type PersonSpec, type WorldEvent, type WorldScenario } from './scenario.js';
import { formatMessageTime, Thread } from './thread.js';
import { DEFAULT_THREAD_SHAPE, ThreadGenerator, type ThreadShape } from './thread-generator.js';
import { Timeline } from './timeline.js';
import { WebhookDispatcher, type WebhookSender } from './webhooks.js';

/** Simulated latencies, in virtual milliseconds, before `speed` is applied. */
export interface Latency {
  /** Per conversation synchronised. */
  syncMs: number;
  /** Per `get` request. */
  getMs: number;
  /** Uniform jitter as a fraction: 0.3 means ±30 %. */
  jitter: number;
}

export const DEFAULT_LATENCY: Latency = { syncMs: 1500, getMs: 100, jitter: 0.3 };

export interface WorldOptions {
  clock: VirtualClock;
  /** Seed of every generated thread and every latency draw. */
  seed: number;
  /** End of the window generated threads fall into: the virtual clock's start. */
  startTime: number;
  /** Factor on every simulated delay; 0 = none. */
  speed: number;
  latency: Latency;
  threadShape?: ThreadShape;
  /** How long a finished result stays readable through its link, in virtual ms. */
  resultTtlMs: number;
  /** Uncompleted requests an account may have at once. */
  maxUncompleted: number;
  /** Makes an unguessable result-link id. */
  newResultId: () => string;
  sendWebhook: WebhookSender;
  /** Accounts, persons and timeline; default: the default world. */
  scenario?: WorldScenario;
}

export type AuthResult = { account: Account } | { error: GlobalErrorType };
export type Admission =
  | { job: Job }
  | { error: 'noActiveSeats' }
  | { error: 'tooManyRequests'; retryAfterSeconds: number };

/** A message to add to a conversation, as a scenario or a test describes it. */
export interface NewMessage {
  sender: 'us' | 'them';
  text: string;
  /** Epoch ms; defaults to now. Stored with second precision, like every message time. */
  at?: number;
}

/** A conversation to synchronize: the person URL exactly as the client sent it. */
export interface SyncTarget {
  channel: Channel;
  person: string;
}

/** A conversation to read, optionally only messages strictly after `since` (ISO 8601). */
export interface ReadTarget extends SyncTarget {
  since?: string | undefined;
}

/** What a sync did for one person: synced, or a per-person error. */
export interface SyncEntry extends SyncTarget {
  error?: PersonErrorType;
}

/** What a read found for one conversation; no `data` when the conversation is not synced. */
export interface ReadEntry extends ReadTarget {
  data: { total: number; messages: RawJson } | undefined;
}

/**
 * How a dialect renders a job's result. The world calls it once, when the job ends; the outcome it returns
 * is what the job answers (long poll, result link, workflow status, webhook).
 */
export interface OutcomeFormat {
  synchronized(entries: SyncEntry[]): JobOutcome;
  read(entries: ReadEntry[]): JobOutcome;
  failed(errorType: 'linkedinAccountSignedOut'): JobOutcome;
}

interface SyncStep extends SyncTarget {
  ref: PersonRef;
}

/**
 * The simulated Linked API: accounts, their conversations, sync and get jobs, result links and webhooks,
 * all on one virtual clock. Knows nothing of HTTP.
 */
export class World {
  readonly clock: VirtualClock;
  results!: ResultStore;
  /** E4 workflows by id: their jobs, readable until `resultTtlMs` after they end. */
  workflows!: ResultStore;
  webhooks!: WebhookDispatcher;
  private readonly accounts = new Map<string, Account>();
  private generator!: ThreadGenerator;
  private scenario: WorldScenario = EMPTY_SCENARIO;
  /** Persons a timeline event has made disappear (canonical keys). */
  private readonly disappeared = new Set<string>();
  /** The scenario's events still to happen. */
  private readonly timeline: Timeline;

  constructor(public options: WorldOptions) {
    this.clock = options.clock;
    this.timeline = new Timeline(options.clock, (event, at) => this.apply(event, at));
    this.load(options.scenario ?? EMPTY_SCENARIO, options);
  }

  /**
   * Replaces the scenario (and any options given) and resets everything: accounts, conversations, jobs,
   * result links, workflows, webhook attempts. The clock is not rewound; the timeline starts again from now.
   */
  load(scenario: WorldScenario, options: Partial<WorldOptions> = {}): void {
    this.options = { ...this.options, ...options, scenario };
    this.scenario = scenario;
    this.reset();
  }

  /**
   * Back to the scenario's initial state. With `identificationToken`: that account only (it starts afresh on
   * its next request, and its result links and workflows are forgotten); the timeline is not rearmed.
   */
  reset(identificationToken?: string): void {
    if (identificationToken !== undefined) {
      this.accounts.delete(identificationToken);
      const other = (job: Job) => job.account.id !== identificationToken;
      this.results.retain(other);
      this.workflows.retain(other);
      return;
    }
    const { options } = this;
    this.accounts.clear();
    this.disappeared.clear();
    this.timeline.cancel();
    this.generator = new ThreadGenerator(options.seed, options.threadShape ?? DEFAULT_THREAD_SHAPE);
    this.results = new ResultStore(options.resultTtlMs, options.newResultId);
    this.workflows = new ResultStore(options.resultTtlMs, options.newResultId);
    this.webhooks = new WebhookDispatcher(this.clock, options.sendWebhook, options.speed);
    this.timeline.arm(this.scenario.timeline);
  }

  /** Timeline events still to happen, soonest first. */
  pendingEvents(): PendingEvent[] {
    return this.timeline.pendingEvents();
  }

  /** The accounts that have been used (or listed by the scenario and touched), by identification token. */
  knownAccounts(): Account[] {
    return [...this.accounts.values()];
  }

  /** Applies one timeline event now; a message is dated `at` (default now: an occurrence due in the past keeps its time). */
  apply(event: WorldEvent, at = this.clock.now()): void {
    if (event.type === 'message') {
      const account = this.account(event.account);
      const key = personRef(event.person).key;
      const text = event.text ?? this.generator.line(event.sender, event.account, event.channel, key, at);
      this.addMessage(account, event.channel, event.person, { sender: event.sender, text, at });
    } else if (event.type === 'accountState') {
      this.account(event.account).state = event.state;
    } else {
      this.disappeared.add(personRef(event.person).key);
    }
  }

  /**
   * Checks the two tokens, first failure wins. Default world: any non-empty token is valid except the magic
   * prefixes `invalid` (both tokens), `no-seats` and `signed-out` (identification token: the account's state).
   */
  authenticate(accountApiToken: string | undefined, identificationToken: string | undefined): AuthResult {
    if (!accountApiToken) return { error: 'accountApiTokenRequired' };
    if (accountApiToken.startsWith('invalid')) return { error: 'invalidAccountApiToken' };
    const listed = this.scenario.accounts;
    if (listed && !acceptedAnywhere(listed, accountApiToken)) return { error: 'invalidAccountApiToken' };
    if (!identificationToken) return { error: 'identificationTokenRequired' };
    if (identificationToken.startsWith('invalid')) return { error: 'invalidIdentificationToken' };
    if (listed) {
      const spec = listed.get(identificationToken);
      if (!spec) return { error: 'invalidIdentificationToken' };
      if (spec.apiTokens && !spec.apiTokens.has(accountApiToken)) return { error: 'invalidAccountApiToken' };
    }
    return { account: this.account(identificationToken) };
  }

  /** The account named by an identification token, created on first use. */
  account(identificationToken: string): Account {
    let account = this.accounts.get(identificationToken);
    if (!account) {
      const listedState = this.scenario.accounts?.get(identificationToken)?.state;
      const state: AccountState = listedState
        ? listedState
        : identificationToken.startsWith('no-seats')
          ? 'noSeats'
          : identificationToken.startsWith('signed-out')
            ? 'signedOut'
            : 'active';
      account = new Account(identificationToken, state, deriveSeed('latency', this.options.seed, identificationToken));
      this.accounts.set(identificationToken, account);
    }
    return account;
  }

  /** Default world: every LinkedIn person URL exists, except an `/in/` slug starting with `missing-`. */
  personExists(ref: PersonRef, accountId?: string): boolean {
    if (ref.kind === null || this.disappeared.has(ref.key)) return false;
    const spec = this.personSpec(ref.key, accountId);
    if (spec) return spec.exists;
    if (!this.scenario.unlistedPersonsExist) return false;
    return !(ref.kind === 'in' && ref.slug.startsWith('missing-'));
  }

  /** What the scenario says of a person: its spec for this account, else its spec for every account. */
  personSpec(personKey: string, accountId?: string): PersonSpec | undefined {
    const specs = this.scenario.persons.get(personKey);
    if (!specs) return undefined;
    return specs.find((spec) => spec.account === accountId) ?? specs.find((spec) => spec.account === undefined);
  }

  /** The conversation on LinkedIn's side, generated when first touched. */
  thread(account: Account, channel: Channel, ref: PersonRef): Thread {
    const threads = account.threads[channel];
    let thread = threads.get(ref.key);
    if (!thread) {
      thread = this.newThread(account, channel, ref.key);
      threads.set(ref.key, thread);
    }
    return thread;
  }

  /** A conversation as the scenario describes it (given messages, generated ones, or both), else generated. */
  private newThread(account: Account, channel: Channel, personKey: string): Thread {
    const { startTime, seed } = this.options;
    const spec = this.personSpec(personKey, account.id)?.threads[channel];
    if (!spec) return new Thread(this.generator.generate(account.id, channel, personKey, startTime));
    const generated = spec.generate
      ? this.generator.generate(account.id, channel, personKey, startTime, {
          minMessages: spec.generate.count,
          maxMessages: spec.generate.count,
          windowMs: spec.generate.windowMs,
        })
      : [];
    const given = spec.messages.map(({ sender, text, at }, index) => {
      const time = Math.floor(at / 1000) * 1000;
      const id = deriveUuid('scenario-message', seed, account.id, channel, personKey, index);
      return { id, sender, text, time: formatMessageTime(time), at: time };
    });
    return new Thread([...generated, ...given]);
  }

  /** Adds a message to a conversation; it shows in later `get` answers if the conversation is synced. */
  addMessage(account: Account, channel: Channel, personUrl: string, message: NewMessage): void {
    const at = Math.floor((message.at ?? this.clock.now()) / 1000) * 1000;
    const ref = personRef(personUrl);
    const thread = this.thread(account, channel, ref);
    const id = deriveUuid('message', this.options.seed, account.id, channel, ref.key, at, thread.size);
    thread.add({ id, sender: message.sender, text: message.text, time: formatMessageTime(at), at });
  }

  /**
   * Marks a conversation synced at once, as a finished sync would (test setup, provider states, scenarios).
   * Returns false, and changes nothing, when the person does not exist.
   */
  synchronizeNow(account: Account, channel: Channel, personUrl: string): boolean {
    const ref = personRef(personUrl);
    if (!this.personExists(ref, account.id)) return false;
    this.thread(account, channel, ref);
    account.synced[channel].add(ref.key);
    return true;
  }

  /**
   * Accepts a synchronize: one job, persons one after another, queued behind the account's other syncs.
   * `format` renders the outcome in the dialect of the request.
   */
  submitSynchronize(account: Account, targets: readonly SyncTarget[], format: OutcomeFormat): Admission {
    const admission = this.admit(account, 'synchronize');
    if ('error' in admission) return admission;
    const { job } = admission;
    const steps = targets.map((target) => ({ ...target, ref: personRef(target.person) }));
    const latencies = steps.map(({ ref }) =>
      this.delay(account, this.personSpec(ref.key, account.id)?.syncMs ?? this.options.latency.syncMs),
    );
    const entries: SyncEntry[] = [];
    let timer: ClockTimer | undefined;
    /** Syncs one person; false when the job has failed instead. */
    const runStep = (step: SyncStep): boolean => {
      if (account.state === 'signedOut') {
        job.finish(format.failed('linkedinAccountSignedOut'), this.clock.now());
        return false;
      }
      const { channel, person } = step;
      if (this.personExists(step.ref, account.id)) {
        this.thread(account, channel, step.ref);
        account.synced[channel].add(step.ref.key);
        entries.push({ channel, person });
      } else {
        entries.push({ channel, person, error: 'personNotFound' });
      }
      return true;
    };
    /** Runs steps from `index` on: instant ones in a loop, then waits on the clock for the next slow one. */
    const runFrom = (index: number): void => {
      let next = index;
      while (next < steps.length && latencies[next] === 0) {
        if (!runStep(steps[next] as SyncStep)) return;
        next++;
      }
      if (next === steps.length) {
        job.finish(format.synchronized(entries), this.clock.now());
        return;
      }
      const now = this.clock.now();
      job.estimatedDoneAt = now + latencies.slice(next).reduce((sum, ms) => sum + ms, 0);
      timer = this.clock.setTimer(now + (latencies[next] as number), () => {
        timer = undefined;
        if (runStep(steps[next] as SyncStep)) runFrom(next + 1);
      });
    };
    const start = () => {
      // A job cancelled while it waited never starts: the next one does.
      if (job.finished) return account.syncQueue.shift()?.();
      account.syncRunning = true;
      job.startedAt = this.clock.now();
      runFrom(0);
    };
    job.onFinish(() => {
      timer?.cancel();
      if (job.startedAt === undefined) return;
      account.syncRunning = false;
      account.syncQueue.shift()?.();
    });
    if (account.syncRunning) account.syncQueue.push(start);
    else start();
    return { job };
  }

  /** Accepts a read of synced conversations: one fast job that reads them when it falls due. */
  submitGet(account: Account, reads: readonly ReadTarget[], format: OutcomeFormat): Admission {
    const admission = this.admit(account, 'get');
    if ('error' in admission) return admission;
    const { job } = admission;
    const delay = this.delay(account, this.options.latency.getMs);
    job.startedAt = this.clock.now();
    job.estimatedDoneAt = job.startedAt + delay;
    let timer: ClockTimer | undefined;
    const run = () => {
      timer?.cancel();
      if (job.finished) return;
      if (account.state === 'signedOut') {
        job.finish(format.failed('linkedinAccountSignedOut'), this.clock.now());
        return;
      }
      const entries = reads.map(({ channel, person, since }): ReadEntry => {
        const key = personRef(person).key;
        const thread = account.synced[channel].has(key) ? account.threads[channel].get(key) : undefined;
        const data = thread?.since(since === undefined ? undefined : Date.parse(since));
        return { channel, person, since, data };
      });
      job.finish(format.read(entries), this.clock.now());
    };
    if (delay === 0) run();
    else {
      timer = this.clock.setTimer(job.estimatedDoneAt, run);
      job.expedite = run;
    }
    return { job };
  }

  /**
   * Ends a job that has not finished, with `outcome` (a cancelled workflow): a sync stops before its next
   * person, and persons it already synced stay synced. False when the job had already finished.
   */
  cancel(job: Job, outcome: JobOutcome): boolean {
    if (job.finished) return false;
    job.finish(outcome, this.clock.now());
    return true;
  }

  /** A new workflow id for `account`: `wf-` and a UUID, deterministic per account and seed. */
  newWorkflowId(account: Account): string {
    return `wf-${deriveUuid('workflow', this.options.seed, account.id, account.workflowCount++)}`;
  }

  /** Account state first, then the limit on uncompleted requests; the job starts as queued. */
  private admit(account: Account, kind: Job['kind']): Admission {
    if (account.state === 'noSeats') return { error: 'noActiveSeats' };
    if (account.uncompleted.size >= this.options.maxUncompleted) {
      let earliest = Number.POSITIVE_INFINITY;
      for (const job of account.uncompleted) earliest = Math.min(earliest, job.estimatedDoneAt);
      const seconds = Number.isFinite(earliest) ? Math.ceil((earliest - this.clock.now()) / 1000) : 1;
      return { error: 'tooManyRequests', retryAfterSeconds: Math.max(1, seconds) };
    }
    const job = new Job(kind, account, this.clock.now());
    account.uncompleted.add(job);
    job.onFinish(() => account.uncompleted.delete(job));
    return { job };
  }

  private delay(account: Account, baseMs: number): number {
    if (this.options.speed === 0) return 0;
    return Math.round(account.random.jittered(baseMs, this.options.latency.jitter) * this.options.speed);
  }
}

/** Whether any listed account accepts this API token (one that accepts any token included). */
function acceptedAnywhere(
  listed: ReadonlyMap<string, { apiTokens: ReadonlySet<string> | undefined }>,
  token: string,
): boolean {
  for (const spec of listed.values()) if (!spec.apiTokens || spec.apiTokens.has(token)) return true;
  return false;
}
