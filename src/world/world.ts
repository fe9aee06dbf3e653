import type { Channel } from '../contracts/e1/requests.js';
import type { VirtualClock } from '../core/clock.js';
import { fail, ok, type Result } from '../core/issue.js';
import { type PersonRef, personRef } from '../core/person-url.js';
import { deriveUuid } from '../core/random.js';
import type { Account } from './account.js';
import { Accounts } from './accounts.js';
import { Job } from './job.js';
import { runRead, runSync } from './jobs.js';
import type { ReadTarget, Refusal, SyncTarget } from './outcome.js';
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

/** A message to add to a conversation, as a scenario or a test describes it. */
export interface NewMessage {
  sender: 'us' | 'them';
  text: string;
  /** Epoch ms; defaults to now. Stored with second precision, like every message time. */
  at?: number;
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
  private accounts!: Accounts;
  private generator!: ThreadGenerator;
  private scenario: WorldScenario = EMPTY_SCENARIO;
  /** Persons a timeline event has made disappear (canonical keys). */
  private disappeared!: Set<string>;
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
   * Back to the scenario's initial state: new stores (accounts, result links, workflows, webhook attempts,
   * persons gone), the timeline armed again. With `identificationToken`: that account only (it starts afresh on
   * its next request, and its result links and workflows are forgotten); the timeline is not rearmed.
   */
  reset(identificationToken?: string): void {
    if (identificationToken !== undefined) {
      this.accounts.forget(identificationToken);
      const other = (job: Job) => job.account.id !== identificationToken;
      this.results.retain(other);
      this.workflows.retain(other);
      return;
    }
    const { options } = this;
    this.timeline.cancel();
    this.accounts = new Accounts(this.scenario.accounts, options.seed);
    this.disappeared = new Set();
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
    return this.accounts.all();
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
   * The account two tokens name, or why not (first failure wins, API token first). Default world: any non-empty
   * token is valid except the magic prefixes `invalid` (both tokens), `no-seats` and `signed-out`
   * (identification token: the account's state); a scenario that lists accounts allows only those.
   */
  authenticate(accountApiToken: string | undefined, identificationToken: string | undefined): Result<Account, Refusal> {
    return this.accounts.authenticate(accountApiToken, identificationToken);
  }

  /** The account named by an identification token, created on first use. */
  account(identificationToken: string): Account {
    return this.accounts.get(identificationToken);
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
   * Accepts a synchronize: one job, persons one after another, queued behind the account's other syncs (one
   * cloud browser per account). `accountApiToken`: the token it was accepted with (its result answers no other).
   */
  submitSynchronize(account: Account, targets: readonly SyncTarget[], accountApiToken?: string): Result<Job, Refusal> {
    const admission = this.admit(account, 'synchronize', accountApiToken);
    if (!admission.ok) return admission;
    const { latency } = this.options;
    runSync(this, admission.value, targets, (ref) =>
      this.delay(account, this.personSpec(ref.key, account.id)?.syncMs ?? latency.syncMs),
    );
    return admission;
  }

  /** Accepts a read of synced conversations: one fast job that reads them when it falls due. */
  submitGet(account: Account, reads: readonly ReadTarget[], accountApiToken?: string): Result<Job, Refusal> {
    const admission = this.admit(account, 'get', accountApiToken);
    if (!admission.ok) return admission;
    runRead(this, admission.value, reads, this.delay(account, this.options.latency.getMs));
    return admission;
  }

  /**
   * Ends a job that has not finished as `cancelled` (a cancelled workflow): a sync stops before its next person,
   * and persons it already synced stay synced. False when the job had already finished.
   */
  cancel(job: Job): boolean {
    if (job.finished) return false;
    job.finish({ kind: 'cancelled' }, this.clock.now());
    return true;
  }

  /** A new workflow id for `account`: `wf-` and a UUID, deterministic per account and seed. */
  newWorkflowId(account: Account): string {
    return `wf-${deriveUuid('workflow', this.options.seed, account.id, account.workflowCount++)}`;
  }

  /** Account state first, then the limit on uncompleted requests; the job starts as queued. */
  private admit(account: Account, kind: Job['kind'], accountApiToken: string | undefined): Result<Job, Refusal> {
    if (account.state === 'noSeats') return fail({ reason: 'noSeats' });
    if (account.uncompleted.size >= this.options.maxUncompleted) {
      let earliest = Number.POSITIVE_INFINITY;
      for (const job of account.uncompleted) earliest = Math.min(earliest, job.estimatedDoneAt);
      const seconds = Number.isFinite(earliest) ? Math.ceil((earliest - this.clock.now()) / 1000) : 1;
      return fail({ reason: 'tooManyRequests', retryAfterSeconds: Math.max(1, seconds) });
    }
    const job = new Job(kind, account, this.clock.now(), accountApiToken);
    account.uncompleted.add(job);
    job.onFinish(() => account.uncompleted.delete(job));
    return ok(job);
  }

  private delay(account: Account, baseMs: number): number {
    if (this.options.speed === 0) return 0;
    return Math.round(account.random.jittered(baseMs, this.options.latency.jitter) * this.options.speed);
  }
}
