import { describe, expect, it } from 'vitest';
import { ManualClock, RealtimeClock } from './clock.js';

describe('ManualClock', () => {
  it('fires due timers in time order, same-time timers in creation order, each seeing its own time', () => {
    const clock = new ManualClock(1000);
    const fired: string[] = [];
    const at = (label: string, time: number) => clock.setTimer(time, () => fired.push(`${label}@${clock.now()}`));
    at('c', 3000);
    at('a', 1500);
    at('b1', 2000);
    at('b2', 2000);
    at('late', 9000);
    clock.advance(2000);
    expect(fired).toEqual(['a@1500', 'b1@2000', 'b2@2000', 'c@3000']);
    expect(clock.now()).toBe(3000);
    expect(clock.pendingTimers).toBe(1);
  });

  it('fires timers that callbacks set within the same advance, and not those set beyond it', () => {
    const clock = new ManualClock(0);
    const fired: number[] = [];
    clock.setTimer(100, () => {
      fired.push(clock.now());
      clock.setTimer(clock.now() + 100, () => fired.push(clock.now()));
      clock.setTimer(clock.now() + 1000, () => fired.push(clock.now()));
    });
    clock.advance(500);
    expect(fired).toEqual([100, 200]);
    clock.advance(600);
    expect(fired).toEqual([100, 200, 1100]);
  });

  it('does not fire cancelled timers, and moving backwards is refused', () => {
    const clock = new ManualClock(0);
    let fired = 0;
    clock.setTimer(10, () => fired++).cancel();
    const kept = clock.setTimer(20, () => fired++);
    expect(clock.pendingTimers).toBe(1);
    clock.set(30);
    expect(fired).toBe(1);
    kept.cancel();
    expect(() => clock.set(29)).toThrow(RangeError);
  });

  it('orders thousands of timers added out of order', () => {
    const clock = new ManualClock(0);
    const fired: number[] = [];
    const times = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5000);
    for (const time of times) clock.setTimer(time, () => fired.push(time));
    clock.advance(5000);
    expect(fired).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('RealtimeClock', () => {
  it('starts at its start time and fires a timer once that virtual time is reached', async () => {
    const clock = new RealtimeClock(Date.parse('2024-01-01T00:00:00Z'));
    const start = clock.now();
    expect(start - Date.parse('2024-01-01T00:00:00Z')).toBeLessThan(1000);
    const firedAt = await new Promise<number>((resolve) => clock.setTimer(start + 20, () => resolve(clock.now())));
    expect(firedAt).toBeGreaterThanOrEqual(start + 20);
  });
});
