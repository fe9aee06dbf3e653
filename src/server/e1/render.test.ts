import { describe, expect, it } from 'vitest';
import { E1_ERRORS } from '../../contracts/e1/errors.js';
import { RawJson } from '../../core/json.js';
import { Account } from '../../world/account.js';
import { Job } from '../../world/job.js';
import type { JobOutcome } from '../../world/outcome.js';
import { E1_WORLD_ERRORS, e1Answer } from './render.js';

const ann = 'https://www.linkedin.com/in/ann';

function finished(outcome: JobOutcome, resultId?: string): Job {
  const job = new Job('get', new Account('acc-1', 'active', 1), 0, undefined);
  job.resultId = resultId;
  job.finish(outcome, 0);
  return job;
}

describe('E1 renderer', () => {
  it('renders a sync as a completion per channel, a missing person as a per-person error', () => {
    const job = finished({
      kind: 'synchronized',
      entries: [
        { channel: 'salesNavigator', person: ann },
        { channel: 'standard', person: ann, error: 'personNotFound' },
      ],
    });
    expect(JSON.parse(e1Answer(job).body)).toEqual({
      status: 'complete',
      completion: {
        standard: [
          {
            person: ann,
            result: {
              success: false,
              error: { errorType: 'personNotFound', message: 'The provided URL is not an existing LinkedIn person.' },
            },
          },
        ],
        salesNavigator: [{ person: ann, result: { success: true } }],
      },
    });
    expect(e1Answer(job).status).toBe(200);
  });

  it('renders a read with its data verbatim, an unsynced conversation as notSynchronized', () => {
    const data = { total: 0, messages: new RawJson('[]') };
    const job = finished({
      kind: 'read',
      entries: [
        { channel: 'standard', person: ann, data },
        { channel: 'standard', person: `${ann}-2`, data: undefined },
      ],
    });
    expect(e1Answer(job).body).toBe(
      `{"status":"complete","completion":{"standard":[{"person":"${ann}","result":{"success":true,"data":{"total":0,"messages":[]}}},{"person":"${ann}-2","result":{"success":false,"error":{"errorType":"notSynchronized","message":"The conversation with this person isn't synchronized."}}}],"salesNavigator":[]}}`,
    );
  });

  it('renders a failure as the global error E1 names it, with its status', () => {
    const answer = e1Answer(finished({ kind: 'failed', reason: 'accountSignedOut' }));
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error.errorType).toBe('linkedinAccountSignedOut');
  });

  it('renders once for a job with a result link (the link and the webhook send the same text)', () => {
    const outcome: JobOutcome = { kind: 'synchronized', entries: [{ channel: 'standard', person: ann }] };
    const linked = finished(outcome, 'res-1');
    expect(e1Answer(linked)).toBe(e1Answer(linked));
    const unlinked = finished(outcome);
    expect(e1Answer(unlinked)).not.toBe(e1Answer(unlinked));
    expect(e1Answer(unlinked)).toEqual(e1Answer(linked));
  });

  it('names every world refusal and failure with a type of its catalogue', () => {
    for (const type of Object.values(E1_WORLD_ERRORS)) expect(E1_ERRORS).toHaveProperty(type);
  });
});
