import { type GlobalErrorType, globalErrorMessage, PERSON_ERRORS } from '../contracts/errors.js';
import { toJson } from '../contracts/json.js';
import { type PersonRef, personRef } from '../contracts/person-url.js';
import { CHANNELS, type Channel, type GetRequest, type SynchronizeRequest } from '../contracts/requests.js';
import { Account, type AccountState } from './account.js';
import type { VirtualClock } from './clock.js';
import { Job, type JobOutcome } from './job.js';
import { deriveSeed, deriveUuid } from './random.js';
import { ResultStore } from './result-store.js';
import { formatMessageTime, Thread } from './thread.js';
import { DEFAULT_THREAD_SHAPE, ThreadGenerator, type ThreadShape } from './thread-generator.js';
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

interface SyncStep {
  channel: Channel;
  person: string;
  ref: PersonRef;
}

/**
 * The simulated Linked API: accounts, their conversations, sync and get jobs, result links and webhooks,
 * all on one virtual clock. Knows nothing of HTTP.
 */
export class World {
  readonly clock: VirtualClock;
  readonly results: ResultStore;
  readonly webhooks: WebhookDispatcher;
  private readonly accounts = new Map<string, Account>();
  private readonly generator: ThreadGenerator;

  constructor(readonly options: WorldOptions) {
    this.clock = options.clock;
    this.generator = new ThreadGenerator(options.seed, options.threadShape ?? DEFAULT_THREAD_SHAPE);
    this.results = new ResultStore(options.resultTtlMs, options.newResultId);
    this.webhooks = new WebhookDispatcher(options.clock, options.sendWebhook, options.speed);
  }

  /**
   * Checks the two tokens, first failure wins. Default world: any non-empty token is valid except the magic
   * prefixes `invalid` (both tokens), `no-seats` and `signed-out` (identification token: the account's state).
   */
  authenticate(accountApiToken: string | undefined, identificationToken: string | undefined): AuthResult {
    if (!accountApiToken) return { error: 'accountApiTokenRequired' };
    if (accountApiToken.startsWith('invalid')) return { error: 'invalidAccountApiToken' };
    if (!identificationToken) return { error: 'identificationTokenRequired' };
    if (identificationToken.startsWith('invalid')) return { error: 'invalidIdentificationToken' };
    return { account: this.account(identificationToken) };
  }

  /** The account named by an identification token, created on first use. */
  account(identificationToken: string): Account {
    let account = this.accounts.get(identificationToken);
    if (!account) {
      const state: AccountState = identificationToken.startsWith('no-seats')
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
  personExists(ref: PersonRef): boolean {
    if (ref.kind === null) return false;
    return !(ref.kind === 'in' && ref.slug.startsWith('missing-'));
  }

  /** The conversation on LinkedIn's side, generated when first touched. */
  thread(account: Account, channel: Channel, ref: PersonRef): Thread {
    const threads = account.threads[channel];
    let thread = threads.get(ref.key);
    if (!thread) {
      thread = new Thread(this.generator.generate(account.id, channel, ref.key, this.options.startTime));
      threads.set(ref.key, thread);
    }
    return thread;
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
    if (!this.personExists(ref)) return false;
    this.thread(account, channel, ref);
    account.synced[channel].add(ref.key);
    return true;
  }

  /** Accepts a synchronize request: one job, persons one after another, queued behind the account's other syncs. */
  submitSynchronize(account: Account, request: SynchronizeRequest): Admission {
    const steps: SyncStep[] = CHANNELS.flatMap((channel) =>
      (request[channel] ?? []).map(({ person }) => ({ channel, person, ref: personRef(person) })),
    );
    const admission = this.admit(account, 'synchronize');
    if ('error' in admission) return admission;
    const { job } = admission;
    const latencies = steps.map(() => this.delay(account, this.options.latency.syncMs));
    const completion: Record<Channel, { person: string; result: object }[]> = { standard: [], salesNavigator: [] };
    /** Syncs one person; false when the job has failed instead. */
    const runStep = (step: SyncStep): boolean => {
      if (account.state === 'signedOut') {
        this.fail(job, 'linkedinAccountSignedOut');
        return false;
      }
      if (this.personExists(step.ref)) {
        this.thread(account, step.channel, step.ref);
        account.synced[step.channel].add(step.ref.key);
        completion[step.channel].push({ person: step.person, result: { success: true } });
      } else {
        completion[step.channel].push({ person: step.person, result: personError('personNotFound') });
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
        this.complete(job, completion);
        return;
      }
      const now = this.clock.now();
      job.estimatedDoneAt = now + latencies.slice(next).reduce((sum, ms) => sum + ms, 0);
      this.clock.setTimer(now + (latencies[next] as number), () => {
        if (runStep(steps[next] as SyncStep)) runFrom(next + 1);
      });
    };
    const start = () => {
      account.syncRunning = true;
      runFrom(0);
    };
    job.onFinish(() => {
      account.syncRunning = false;
      account.syncQueue.shift()?.();
    });
    if (account.syncRunning) account.syncQueue.push(start);
    else start();
    return { job };
  }

  /** Accepts a get request: one fast job that reads the synced conversations when it falls due. */
  submitGet(account: Account, request: GetRequest): Admission {
    const admission = this.admit(account, 'get');
    if ('error' in admission) return admission;
    const { job } = admission;
    const delay = this.delay(account, this.options.latency.getMs);
    job.estimatedDoneAt = this.clock.now() + delay;
    const run = () => {
      if (account.state === 'signedOut') {
        this.fail(job, 'linkedinAccountSignedOut');
        return;
      }
      const completion: Record<Channel, { person: string; result: object }[]> = { standard: [], salesNavigator: [] };
      for (const channel of CHANNELS) {
        for (const { person, since } of request[channel] ?? []) {
          const ref = personRef(person);
          const thread = account.synced[channel].has(ref.key) ? account.threads[channel].get(ref.key) : undefined;
          completion[channel].push({
            person,
            result: thread
              ? { success: true, data: thread.since(since === undefined ? undefined : Date.parse(since)) }
              : personError('notSynchronized'),
          });
        }
      }
      this.complete(job, completion);
    };
    if (delay === 0) run();
    else this.clock.setTimer(job.estimatedDoneAt, run);
    return { job };
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

  private complete(job: Job, completion: object): void {
    const outcome: JobOutcome = { kind: 'complete', body: toJson({ status: 'complete', completion }) };
    job.finish(outcome, this.clock.now());
  }

  private fail(job: Job, errorType: GlobalErrorType): void {
    job.finish({ kind: 'error', errorType, body: errorBody(errorType) }, this.clock.now());
  }
}

/** The JSON of a global error envelope. */
export function errorBody(errorType: GlobalErrorType, params?: Record<string, string>): string {
  return JSON.stringify({ status: 'error', error: { errorType, message: globalErrorMessage(errorType, params) } });
}

function personError(errorType: keyof typeof PERSON_ERRORS) {
  return { success: false, error: { errorType, message: PERSON_ERRORS[errorType] } };
}
