import { describe, expect, it } from 'vitest';
import { RealtimeClock } from '../../src/core/clock.js';
import {
  GET,
  person,
  realtimeMock,
  resultPath,
  START_MS,
  SYNC,
  settle,
  socketMock,
  TestClock,
  testMock,
  tokens,
  workflowPath,
} from './index.js';

// The suites' defaults are what their assertions rest on: a drift here would show up as puzzling failures there.

describe('testMock', () => {
  it('is the harness mock on a manual clock at START, seed 1, realistic delays, the self-check on', () => {
    const mock = testMock();
    expect(mock.clock).toBeInstanceOf(TestClock);
    expect(mock.clock.now()).toBe(START_MS);
    expect(mock.server.clock).toBe(mock.clock);
    expect(mock.server.options).toMatchObject({ seed: 1, speed: 1, selfCheck: true, startTime: START_MS });
    expect(mock.control.clock()).toMatchObject({ mode: 'manual', now: '2024-06-03T09:00:00.000Z' });
  });

  it('takes options over its defaults; a start time moves its clock; undefined leaves a scenario setting alone', () => {
    const mock = testMock({ speed: 0, seed: 7, startTime: '2025-01-02T03:04:05.678Z' });
    expect(mock.server.options).toMatchObject({ seed: 7, speed: 0 });
    expect(mock.clock.now()).toBe(Date.parse('2025-01-02T03:04:05.678Z'));
    expect(testMock({ startTime: new Date(5) }).clock.now()).toBe(5);
    expect(testMock({ scenario: { seed: 9, speed: 0.5 }, seed: undefined }).server.options).toMatchObject({
      seed: 9,
      speed: 0.5,
    });
  });

  it('sends JSON with the default tokens (post), exactly the headers given (send), bytes and text as they are', async () => {
    const mock = testMock({ speed: 0 });
    const synced = await mock.post(SYNC, { standard: [{ person: person('jane') }] });
    expect([synced.status, synced.body.status]).toEqual([200, 'complete']);
    expect(mock.journal.count({ endpoint: 'synchronize', account: 'acc-1' })).toBe(1);
    const bare = await mock.send('POST', SYNC, { body: {} });
    expect(bare.body.error.errorType).toBe('accountApiTokenRequired');
    const text = await mock.send('POST', GET, { headers: tokens(), body: '{"standard":[' });
    expect(text.body.error.errorType).toBe('invalidRequestBody');
    const bytes = new TextEncoder().encode(JSON.stringify({ standard: [{ person: person('jane') }] }));
    const read = await mock.send('POST', GET, { headers: tokens(), body: bytes });
    expect(read.body.completion.standard[0].result.success).toBe(true);
  });

  it('settle moves the clock until a held long-mode request is answered', async () => {
    const mock = testMock({ latency: { jitter: 0 } });
    const answer = await settle(mock, SYNC, { standard: [{ person: person('jane') }] });
    expect(answer.body.status).toBe('complete');
    expect(mock.clock.now()).toBe(START_MS + 1500);
  });
});

describe('the paths come from the endpoint table', () => {
  it('names each public endpoint', () => {
    expect([SYNC, GET, resultPath('r 1'), workflowPath('wf-1')]).toEqual([
      '/account/conversations.synchronize',
      '/account/conversations.get',
      '/account/results/r%201',
      '/workflows/wf-1',
    ]);
  });
});

describe('TestClock', () => {
  it('whenPending resolves once that many timers wait, at once when they already do', async () => {
    const clock = new TestClock(0);
    let resolved = false;
    const two = clock.whenPending(2).then(() => {
      resolved = true;
    });
    clock.setTimer(10, () => undefined);
    await Promise.resolve();
    expect(resolved).toBe(false);
    clock.setTimer(20, () => undefined);
    await two;
    expect(resolved).toBe(true);
    await clock.whenPending(1);
    clock.advance(20);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('realtimeMock and socketMock', () => {
  it('realtimeMock runs its clock by itself', () => {
    const mock = realtimeMock({ speed: 0 });
    expect(mock.clock).toBeInstanceOf(RealtimeClock);
    expect(mock.control.clock().mode).toBe('realtime');
  });

  it('socketMock listens on 127.0.0.1 with testMock’s defaults, and its requests go over the socket', async () => {
    const mock = await socketMock({ speed: 0 });
    try {
      expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(mock.clock.now()).toBe(START_MS);
      expect(mock.server.options).toMatchObject({ seed: 1, selfCheck: true });
      const answer = await mock.post(
        SYNC,
        { standard: [{ person: person('jane') }] },
        { 'result-handling': 'reslink' },
      );
      expect(answer.body.process.resultLink.startsWith(`${mock.url}/account/results/`)).toBe(true);
    } finally {
      await mock.close();
    }
  });
});
