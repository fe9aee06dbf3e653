import { describe, expect, it } from 'vitest';
import type { WebhookSender } from '../../src/world/webhooks.js';
import { flush, person, SYNC, tokens } from '../support/index.js';
import { control, controlMock, expectControlError } from './support.js';

describe('GET /__mock/webhooks', () => {
  it('lists every delivery attempt, retries included, optionally of one account', async () => {
    const statuses = [503, 200, 200];
    const sendWebhook: WebhookSender = async () => ({ status: statuses.shift() ?? 200 });
    const mock = controlMock({ speed: 0, sendWebhook, newResultId: () => 'res-1' });
    const hook = { 'result-handling': 'webhook', 'webhook-url': 'http://127.0.0.1:9/hook' };
    await mock.post(SYNC, { standard: [{ person: person('ann') }] }, hook);
    await mock.post(SYNC, { standard: [{ person: person('ann') }] }, { ...tokens('acc-2'), ...hook });
    await flush();
    const answer = await control(mock, 'GET', '/__mock/webhooks');
    expect(answer.status).toBe(200);
    expect(answer.body.attempts[0]).toEqual({
      deliveryId: 1,
      account: 'acc-1',
      url: 'http://127.0.0.1:9/hook',
      resultLink: 'http://mock.test/account/results/res-1',
      attempt: 1,
      at: '2024-06-03T09:00:00.000Z',
      status: 503,
      outcome: 'retrying',
    });
    const rows = answer.body.attempts.map(
      (a: { account: string; attempt: number; status: number; outcome: string }) => [
        a.account,
        a.attempt,
        a.status,
        a.outcome,
      ],
    );
    expect(rows).toEqual([
      ['acc-1', 1, 503, 'retrying'],
      ['acc-1', 2, 200, 'delivered'], // speed 0: the retry comes at once
      ['acc-2', 1, 200, 'delivered'],
    ]);
    const mine = await control(mock, 'GET', '/__mock/webhooks?account=acc-2');
    expect(mine.body.attempts).toHaveLength(1);
    expect(mine.body.attempts[0]).toMatchObject({ account: 'acc-2', deliveryId: 2, at: '2024-06-03T09:00:00.000Z' });
  });

  it('an unknown query parameter is refused', async () => {
    const answer = await control(controlMock(), 'GET', '/__mock/webhooks?acount=acc-1');
    expectControlError(answer, 400, 'invalidRequest', 'query.acount: unknown field (allowed: account)');
  });
});
