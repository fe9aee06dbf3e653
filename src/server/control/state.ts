import type { ClockAnswer, StateAnswer } from '../../contracts/mock/control.js';
import { ManualClock, RealtimeClock, type VirtualClock } from '../../core/clock.js';
import type { Job } from '../../world/job.js';
import type { PendingEvent } from '../../world/scenario.js';
import type { World } from '../../world/world.js';
import type { RequestJournal } from '../journal/index.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** The clock as the control API shows it. */
export function clockAnswer(clock: VirtualClock, startTime: number): ClockAnswer {
  const mode = clock instanceof ManualClock ? 'manual' : clock instanceof RealtimeClock ? 'realtime' : 'custom';
  return { now: iso(clock.now()), mode, startTime: iso(startTime) };
}

function jobState(world: World, job: Job, now: number): StateAnswer['accounts'][number]['jobs'][number] {
  const id = job.resultId;
  const workflow = id !== undefined && world.workflows.lookup(id, now) === job;
  return {
    kind: job.kind,
    createdAt: iso(job.createdAt),
    startedAt: job.startedAt === undefined ? null : iso(job.startedAt),
    estimatedDoneAt: Number.isFinite(job.estimatedDoneAt) ? iso(job.estimatedDoneAt) : null,
    resultId: id !== undefined && !workflow ? id : null,
    workflowId: workflow ? (id as string) : null,
  };
}

function pendingEvent({ at, remaining, event }: PendingEvent): StateAnswer['timeline'][number] {
  if (event.type !== 'message') return { at: iso(at), remaining, event };
  const { type, account, person, channel, sender, text } = event;
  return {
    at: iso(at),
    remaining,
    event: { type, account, person, channel, from: sender, ...(text !== undefined && { text }) },
  };
}

/**
 * The world now, as `GET /__mock/state` shows it: the clock, the accounts met so far (state, synced
 * conversations, uncompleted jobs), timeline events still to happen, and counts.
 */
export function stateAnswer(world: World, startTime: number, journal: RequestJournal): StateAnswer {
  const now = world.clock.now();
  return {
    clock: clockAnswer(world.clock, startTime),
    accounts: world.knownAccounts().map((account) => ({
      identificationToken: account.id,
      state: account.state,
      synced: { standard: [...account.synced.standard], salesNavigator: [...account.synced.salesNavigator] },
      jobs: [...account.uncompleted].map((job) => jobState(world, job, now)),
    })),
    timeline: world.pendingEvents().map(pendingEvent),
    counts: {
      resultLinks: world.results.size,
      workflows: world.workflows.size,
      webhookAttempts: world.webhooks.attempts().length,
      journalEntries: journal.size,
    },
  };
}
