import { firstAfter } from './sorted.js';

/** A cancellable timer on a virtual clock. */
export interface ClockTimer {
  cancel(): void;
}

/**
 * The only source of time in the world. Virtual time is epoch milliseconds; everything (job due times,
 * message times, result expiry) is measured on it.
 */
export interface VirtualClock {
  now(): number;
  /** Runs `callback` once virtual time reaches `at` (at once, on a later tick, if `at` is already past). */
  setTimer(at: number, callback: () => void): ClockTimer;
}

const MAX_TIMEOUT_MS = 2_147_483_647;

/** Virtual time that runs at real speed from `startTime`. The only place that reads real time. */
export class RealtimeClock implements VirtualClock {
  private readonly origin = performance.now();
  constructor(readonly startTime: number) {}

  /** The real time now, for a clock that should start at it. */
  static realNow(): number {
    return Date.now();
  }

  now(): number {
    return this.startTime + Math.floor(performance.now() - this.origin);
  }

  setTimer(at: number, callback: () => void): ClockTimer {
    let handle: NodeJS.Timeout;
    // Node's timers run on the event loop's own clock and can fire a millisecond before `performance.now()` says
    // the time has come: a timer that fires early arms itself again, so its callback never sees `now() < at`.
    const fire = () => (this.now() < at ? arm() : callback());
    const arm = () => {
      const delay = at - this.now();
      handle = setTimeout(fire, Math.min(Math.max(delay, 0), MAX_TIMEOUT_MS));
      handle.unref();
    };
    arm();
    return { cancel: () => clearTimeout(handle) };
  }
}

interface PendingTimer {
  at: number;
  callback: () => void;
  cancelled: boolean;
}

/**
 * Virtual time that moves only when told to: `advance(ms)` or `set(time)` fire due timers in order, each
 * seeing `now()` equal to its due time. For tests and the control API.
 *
 * @example
 * const clock = new ManualClock(Date.parse('2024-01-01T00:00:00Z'));
 * clock.advance(1500); // every timer due in the next 1.5 s has run
 */
export class ManualClock implements VirtualClock {
  private current: number;
  /** Waiting timers, sorted by due time, then by creation order. */
  private pending: PendingTimer[] = [];

  constructor(startTime: number) {
    this.current = startTime;
  }

  now(): number {
    return this.current;
  }

  setTimer(at: number, callback: () => void): ClockTimer {
    const timer: PendingTimer = { at, callback, cancelled: false };
    // After every timer due at or before `at`, so same-time timers fire in creation order.
    this.pending.splice(firstAfter(this.pending, at), 0, timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Moves time forward by `ms`, firing every timer that falls due. */
  advance(ms: number): void {
    this.set(this.current + ms);
  }

  /** Moves time to `time` (never backwards), firing every timer that falls due, in order. */
  set(time: number): void {
    if (time < this.current) throw new RangeError('ManualClock cannot move backwards');
    for (;;) {
      const next = this.pending[0];
      if (!next || next.at > time) break;
      this.pending.shift();
      if (next.cancelled) continue;
      next.cancelled = true;
      this.current = Math.max(this.current, next.at);
      next.callback();
    }
    this.current = time;
  }

  /** How many timers are waiting. */
  get pendingTimers(): number {
    return this.pending.filter((timer) => !timer.cancelled).length;
  }
}
