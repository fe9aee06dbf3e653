import { describe, expect, it } from 'vitest';
import { e4, e4Tokens, nv, person, START_MS, st, testMock } from '../support/index.js';
import { PERSON_NOT_FOUND_E4, SIGNED_OUT_E4, WORKFLOW_ID } from './support.js';

describe('POST /workflows and GET /workflows/{id}', () => {
  it('answers the workflow id at once, then reports running and completed with the completion', async () => {
    const mock = testMock();
    const api = e4(mock);
    const started = await api.start(st(person('ann')));
    expect(started.status).toBe(200);
    expect(started.headers.get('content-type')).toBe('application/json');
    expect(Object.keys(started.body)).toEqual(['success', 'result']);
    expect(started.body.success).toBe(true);
    const id = started.body.result.workflowId;
    expect(id).toMatch(WORKFLOW_ID);

    expect((await api.status(id)).body).toEqual({
      success: true,
      result: { workflowId: id, workflowStatus: 'running' },
    });
    mock.clock.advance(1000); // sync latency is 1500 ms ±30 %
    expect((await api.status(id)).body.result.workflowStatus).toBe('running');
    mock.clock.advance(1000);
    const done = await api.status(id);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({
      success: true,
      result: {
        workflowId: id,
        workflowStatus: 'completed',
        completion: { actionType: 'st.syncConversation', success: true },
      },
    });
    // It can be read again and again.
    expect((await api.status(id)).text).toBe(done.text);
  });

  it('is pending while it waits behind the account’s other workflow, then running', async () => {
    const mock = testMock();
    const api = e4(mock);
    const first = (await api.start(st(person('ann')))).body.result.workflowId;
    const second = (await api.start(st(person('bob')))).body.result.workflowId;
    expect((await api.status(first)).body.result.workflowStatus).toBe('running');
    expect((await api.status(second)).body.result.workflowStatus).toBe('pending');
    mock.clock.advance(2000); // the first is done by then, the second has started
    expect((await api.status(first)).body.result.workflowStatus).toBe('completed');
    expect((await api.status(second)).body.result.workflowStatus).toBe('running');
    mock.clock.advance(2000);
    expect((await api.status(second)).body.result.workflowStatus).toBe('completed');
  });

  it('runs an array of actions in order and answers an array completion, labels echoed only when given', async () => {
    const mock = testMock({ speed: 0 });
    const api = e4(mock);
    const id = await api.run([st(person('ann'), 'first'), nv(person('bob')), st(person('missing-cat'), 'third')]);
    expect((await api.status(id)).body.result.completion).toEqual([
      { actionType: 'st.syncConversation', label: 'first', success: true },
      { actionType: 'nv.syncConversation', success: true },
      { actionType: 'st.syncConversation', label: 'third', success: false, error: PERSON_NOT_FOUND_E4 },
    ]);
  });

  it('reports a person that does not exist as a per-action error of a completed workflow', async () => {
    const mock = testMock({ speed: 0 });
    const api = e4(mock);
    const id = await api.run(nv(person('missing-dan')));
    expect((await api.status(id)).body.result).toEqual({
      workflowId: id,
      workflowStatus: 'completed',
      completion: { actionType: 'nv.syncConversation', success: false, error: PERSON_NOT_FOUND_E4 },
    });
  });

  it('fails the workflow of a signed-out account while processing, with a failure the SDK throws', async () => {
    const mock = testMock();
    const api = e4(mock, 'signed-out-1');
    const started = await api.start(st(person('ann')));
    expect(started.status).toBe(200);
    const id = started.body.result.workflowId;
    mock.clock.advance(3000);
    expect((await api.status(id)).body).toEqual({
      success: true,
      result: {
        workflowId: id,
        workflowStatus: 'failed',
        failure: { reason: 'linkedinAccountSignedOut', message: SIGNED_OUT_E4 },
      },
    });
  });

  it('gives deterministic workflow ids per account and seed', async () => {
    const ids = async (seed: number, token: string) => {
      const api = e4(testMock({ seed, speed: 0 }), token);
      return [
        (await api.start(st(person('a')))).body.result.workflowId,
        (await api.start(st(person('b')))).body.result.workflowId,
      ];
    };
    const a = await ids(3, 'acc-1');
    expect(await ids(3, 'acc-1')).toEqual(a);
    expect(a[0]).not.toBe(a[1]);
    expect(await ids(4, 'acc-1')).not.toEqual(a);
    expect(await ids(3, 'acc-2')).not.toEqual(a);
  });

  it('answers workflowNotFound for an unknown id, another account’s workflow, or another linked-api-token', async () => {
    const mock = testMock({ speed: 0 });
    const id = await e4(mock).run(st(person('ann')));
    const notFound = (workflowId: string) => ({
      success: false,
      error: {
        type: 'workflowNotFound',
        message: `There is no workflow ${workflowId} for this account, or it has expired.`,
      },
    });
    for (const headers of [e4Tokens('acc-2'), e4Tokens('acc-1', 'key-2')]) {
      const r = await e4(mock).status(id, headers);
      expect(r.status).toBe(404);
      expect(r.body).toEqual(notFound(id));
      expect((await e4(mock).cancel(id, headers)).status).toBe(404);
    }
    const unknown = await e4(mock).status('wf-00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(notFound('wf-00000000-0000-4000-8000-000000000000'));
    expect((await e4(mock).status(id)).status).toBe(200);
  });

  it('forgets a finished workflow after the result TTL of virtual time', async () => {
    const mock = testMock({ speed: 0, resultTtlMs: 60_000 });
    const api = e4(mock);
    const id = await api.run(st(person('ann')));
    mock.clock.advance(59_999);
    expect((await api.status(id)).status).toBe(200);
    mock.clock.advance(1);
    expect((await api.status(id)).status).toBe(404);
  });
});

describe('DELETE /workflows/{id}', () => {
  it('cancels a running workflow: it fails as cancelled, persons done stay synced, the rest are not', async () => {
    const mock = testMock({ latency: { jitter: 0 } });
    const api = e4(mock);
    const id = (await api.start([st(person('ann')), st(person('bob'))])).body.result.workflowId;
    mock.clock.advance(1500); // ann is synced, bob is in progress
    const cancelled = await api.cancel(id);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ success: true, result: { cancelled: true } });
    expect((await api.status(id)).body.result).toEqual({
      workflowId: id,
      workflowStatus: 'failed',
      failure: { reason: 'workflowCancelled', message: 'The workflow was cancelled.' },
    });
    mock.clock.advance(10_000);
    const account = mock.world.account('acc-1');
    expect([...account.synced.standard].map((key) => key.split('/').pop())).toEqual(['ann']);
    expect(account.uncompleted.size).toBe(0);
    expect((await api.cancel(id)).body).toEqual({ success: true, result: { cancelled: false } });
  });

  it('cancels a pending workflow without disturbing the running one, and the next one then starts', async () => {
    const mock = testMock({ latency: { jitter: 0 } });
    const api = e4(mock);
    const running = (await api.start(st(person('ann')))).body.result.workflowId;
    const pending = (await api.start(st(person('bob')))).body.result.workflowId;
    const third = (await api.start(st(person('cat')))).body.result.workflowId;
    expect((await api.cancel(pending)).body.result.cancelled).toBe(true);
    expect((await api.status(running)).body.result.workflowStatus).toBe('running');
    expect((await api.status(third)).body.result.workflowStatus).toBe('pending');
    mock.clock.advance(1500);
    expect((await api.status(running)).body.result.workflowStatus).toBe('completed');
    expect((await api.status(third)).body.result.workflowStatus).toBe('running');
    mock.clock.advance(1500);
    expect((await api.status(third)).body.result.workflowStatus).toBe('completed');
    expect(mock.world.account('acc-1').synced.standard.size).toBe(2); // ann and cat, never bob
  });

  it('answers cancelled: false for a workflow that has already completed', async () => {
    const mock = testMock({ speed: 0 });
    const api = e4(mock);
    const id = await api.run(st(person('ann')));
    expect((await api.cancel(id)).body).toEqual({ success: true, result: { cancelled: false } });
    expect((await api.status(id)).body.result.workflowStatus).toBe('completed');
  });
});

describe('E4 time', () => {
  it('uses the virtual clock: a workflow started at the clock start is done after the simulated latency', async () => {
    const mock = testMock({ latency: { jitter: 0, syncMs: 30_000 } });
    const api = e4(mock);
    const id = (await api.start(st(person('ann')))).body.result.workflowId;
    mock.clock.set(START_MS + 29_999);
    expect((await api.status(id)).body.result.workflowStatus).toBe('running');
    mock.clock.advance(1);
    expect((await api.status(id)).body.result.workflowStatus).toBe('completed');
  });
});
