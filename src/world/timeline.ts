import type { ClockTimer, VirtualClock } from '../core/clock.js';
import type { PendingEvent, TimelineEntry, WorldEvent } from './scenario.js';

/**
 * A scenario's timeline on the virtual clock: each entry's occurrences happen in turn, one timer armed at a time
 * per entry. Occurrences already due when an entry is armed happen at once, each with its own time.
 */
export class Timeline {
  /** Occurrences still to happen, each with its armed timer. */
  private readonly pending = new Map<PendingEvent, ClockTimer>();

  constructor(
    private readonly clock: VirtualClock,
    /** Makes an event happen; `at` is the time it was due. */
    private readonly apply: (event: WorldEvent, at: number) => void,
  ) {}

  /** Arms every entry, relative times counted from now. */
  arm(entries: readonly TimelineEntry[]): void {
    for (const entry of entries) this.armEntry(entry);
  }

  /** Cancels every occurrence still to happen. */
  cancel(): void {
    for (const timer of this.pending.values()) timer.cancel();
    this.pending.clear();
  }

  /** Occurrences still to happen, soonest first. */
  pendingEvents(): PendingEvent[] {
    return [...this.pending.keys()].sort((a, b) => a.at - b.at);
  }

  private armEntry(entry: TimelineEntry): void {
    const now = this.clock.now();
    const first = 'afterLoadMs' in entry.at ? now + entry.at.afterLoadMs : entry.at.epochMs;
    let index = 0;
    for (; index < entry.times && first + index * entry.everyMs <= now; index++) {
      this.apply(entry.event, first + index * entry.everyMs);
    }
    this.armOccurrence(entry, first, index);
  }

  /** Waits on the clock for occurrence `index` of an entry, then applies it and arms the next. */
  private armOccurrence(entry: TimelineEntry, first: number, index: number): void {
    if (index >= entry.times) return;
    const pending: PendingEvent = {
      at: first + index * entry.everyMs,
      remaining: entry.times - index,
      event: entry.event,
    };
    const timer = this.clock.setTimer(pending.at, () => {
      this.pending.delete(pending);
      this.apply(entry.event, pending.at);
      this.armOccurrence(entry, first, index + 1);
    });
    this.pending.set(pending, timer);
  }
}
