import { describe, expect, it } from 'vitest';
import { E4_ERRORS } from '../../contracts/e4/schemas.js';
import { RawJson } from '../../core/json.js';
import { Account } from '../../world/account.js';
import { Job } from '../../world/job.js';
import type { JobOutcome } from '../../world/outcome.js';
import { E4_WORLD_ERRORS, pollAnswer, recordWorkflow, workflowStatusBody } from './render.js';

const ann = 'https://www.linkedin.com/in/ann';
const bob = 'https://www.linkedin.com/in/bob';
const job = (kind: Job['kind'] = 'synchronize') => new Job(kind, new Account('acc-1', 'active', 1), 0, 't');
const status = (j: Job) => JSON.parse(workflowStatusBody(j, 'wf-1')).result;

describe('E4 renderer: polls', () => {
  it('echoes each conversation with its messages, the type named from the world channel', () => {
    const poll = job('get');
    const data = { total: 0, messages: new RawJson('[]') };
    poll.finish(
      {
        kind: 'read',
        entries: [
          { channel: 'salesNavigator', person: ann, since: '2024-01-01T00:00:00Z', data },
          { channel: 'standard', person: bob, data },
        ],
      },
      0,
    );
    expect(pollAnswer(poll)).toEqual({
      status: 200,
      body: `{"success":true,"result":[{"personUrl":"${ann}","type":"nv","since":"2024-01-01T00:00:00Z","messages":[]},{"personUrl":"${bob}","type":"st","messages":[]}]}`,
    });
  });

  it('names the conversations not synced, and a signed-out account as E4 calls it', () => {
    const poll = job('get');
    poll.finish({ kind: 'read', entries: [{ channel: 'standard', person: ann, data: undefined }] }, 0);
    const answer = pollAnswer(poll);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error.message).toContain(`not synced: ${ann} (st).`);
    const signedOut = job('get');
    signedOut.finish({ kind: 'failed', reason: 'accountSignedOut' }, 0);
    expect(pollAnswer(signedOut).status).toBe(403);
    expect(JSON.parse(pollAnswer(signedOut).body).error.type).toBe('linkedinAccountSignedOut');
  });
});

describe('E4 renderer: workflow status', () => {
  it('is pending while queued, running once started', () => {
    const wf = job();
    recordWorkflow(wf, [{ actionType: 'st.syncConversation', personUrl: ann }], true);
    expect(status(wf)).toEqual({ workflowId: 'wf-1', workflowStatus: 'pending' });
    wf.startedAt = 0;
    expect(status(wf)).toEqual({ workflowId: 'wf-1', workflowStatus: 'running' });
  });

  it('completes in the shape asked for: one object for one action, an array for an array, labels echoed', () => {
    const outcome: JobOutcome = {
      kind: 'synchronized',
      entries: [
        { channel: 'standard', person: ann },
        { channel: 'salesNavigator', person: bob, error: 'personNotFound' },
      ],
    };
    const many = job();
    recordWorkflow(
      many,
      [
        { actionType: 'st.syncConversation', personUrl: ann, label: 'first' },
        { actionType: 'nv.syncConversation', personUrl: bob },
      ],
      false,
    );
    many.finish(outcome, 0);
    expect(status(many).completion).toEqual([
      { actionType: 'st.syncConversation', label: 'first', success: true },
      {
        actionType: 'nv.syncConversation',
        success: false,
        error: { type: 'personNotFound', message: 'The provided URL is not an existing LinkedIn person.' },
      },
    ]);
    const one = job();
    recordWorkflow(one, [{ actionType: 'st.syncConversation', personUrl: ann }], true);
    one.finish({ kind: 'synchronized', entries: [{ channel: 'standard', person: ann }] }, 0);
    expect(status(one)).toEqual({
      workflowId: 'wf-1',
      workflowStatus: 'completed',
      completion: { actionType: 'st.syncConversation', success: true },
    });
  });

  it('fails with the reason E4 gives: signed out, or cancelled', () => {
    const signedOut = job();
    recordWorkflow(signedOut, [], true);
    signedOut.finish({ kind: 'failed', reason: 'accountSignedOut' }, 0);
    expect(status(signedOut)).toMatchObject({
      workflowStatus: 'failed',
      failure: { reason: 'linkedinAccountSignedOut' },
    });
    const cancelled = job();
    recordWorkflow(cancelled, [], true);
    cancelled.finish({ kind: 'cancelled' }, 0);
    expect(status(cancelled).failure).toEqual({ reason: 'workflowCancelled', message: 'The workflow was cancelled.' });
  });

  it('names every world refusal and failure with a type of its catalogue', () => {
    for (const type of Object.values(E4_WORLD_ERRORS)) expect(E4_ERRORS).toHaveProperty(type);
  });
});
