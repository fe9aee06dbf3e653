import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
// In your project: import { linkedApiInteractions } from 'linkedapi-mock/pact';
import { linkedApiInteractions } from '../../src/pact/index.js';
import {
  getNewMessages,
  type LinkedApiConfig,
  LinkedApiError,
  NotSynchronizedError,
  pollSyncResult,
  startSync,
  syncConversations,
} from './client.js';

process.env.PACT_DO_NOT_TRACK = 'true';

const PACTS = resolve('test/.generated/pacts');
// Pact merges new interactions into an existing file: start from none, so a renamed test leaves nothing stale.
rmSync(join(PACTS, 'pact-consumer-example-linkedapi.json'), { force: true });

const pact = new PactV4({ consumer: 'pact-consumer-example', provider: 'linkedapi', dir: PACTS, logLevel: 'warn' });
const jane = 'https://www.linkedin.com/in/jane-doe';
const ghost = 'https://www.linkedin.com/in/missing-ghost';
const account = { identificationToken: 'acc-1' };
const configFor = (baseUrl: string): LinkedApiConfig => ({
  baseUrl,
  accountApiToken: 'my-account-api-token',
  identificationToken: 'acc-1',
});
const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const timeShape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('the example client against Linked API (Pact consumer)', () => {
  it('synchronizes conversations, reporting a person who is not on LinkedIn', async () => {
    await linkedApiInteractions
      .synchronizeConversations(pact, { ...account, standard: [{ person: jane }, { person: ghost, exists: false }] })
      .executeTest(async (mock) => {
        expect(await syncConversations(configFor(mock.url), [jane, ghost])).toEqual([
          { person: jane, synced: true },
          { person: ghost, synced: false, error: 'personNotFound' },
        ]);
      });
  });

  it('starts a synchronization with a result link', async () => {
    await linkedApiInteractions
      .synchronizeWithResultLink(pact, { ...account, standard: [{ person: jane }] })
      .executeTest(async (mock) => {
        const link = await startSync(configFor(mock.url), [jane]);
        expect(link).toMatch(new RegExp(`^${mock.url}/account/results/[A-Za-z0-9_-]+$`));
      });
  });

  it('polls the result link until the synchronization is complete', async () => {
    await linkedApiInteractions.getResult(pact, { ...account, person: jane }).executeTest(async (mock) => {
      expect(await pollSyncResult(mock.resultLink)).toEqual([{ person: jane, synced: true }]);
    });
  });

  it('reads the messages of a synchronized conversation', async () => {
    await linkedApiInteractions
      .getConversations(pact, { ...account, standard: [{ person: jane }] })
      .executeTest(async (mock) => {
        const messages = await getNewMessages(configFor(mock.url), jane);
        expect(messages.length).toBeGreaterThan(0);
        for (const message of messages) {
          expect(message.id).toMatch(uuidShape);
          expect(message.time).toMatch(timeShape);
          expect(['us', 'them']).toContain(message.sender);
        }
      });
  });

  it('reads only the messages after `since`', async () => {
    const since = '2024-05-01T00:00:00Z';
    await linkedApiInteractions
      .getConversations(pact, { ...account, standard: [{ person: jane, since }] })
      .executeTest(async (mock) => {
        const messages = await getNewMessages(configFor(mock.url), jane, since);
        expect(messages.map((message) => message.time > since)).not.toContain(false);
      });
  });

  it('tells a conversation that is not synchronized', async () => {
    const bob = 'https://www.linkedin.com/in/bob-never-synced';
    await linkedApiInteractions
      .getConversations(pact, { ...account, salesNavigator: [{ person: bob, synchronized: false }] })
      .executeTest(async (mock) => {
        await expect(getNewMessages(configFor(mock.url), bob, undefined, 'salesNavigator')).rejects.toThrow(
          NotSynchronizedError,
        );
      });
  });

  it('reports a missing account-api-token as a LinkedApiError', async () => {
    await linkedApiInteractions
      .rejectedRequest(pact, { endpoint: 'get', errorType: 'accountApiTokenRequired' })
      .executeTest(async (mock) => {
        const error = await getNewMessages(
          { ...configFor(mock.url), accountApiToken: '', identificationToken: 'my-account' },
          jane,
        ).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(LinkedApiError);
        expect(error).toMatchObject({ errorType: 'accountApiTokenRequired', httpStatus: 401 });
      });
  });

  it('reports an invalid request body', async () => {
    await linkedApiInteractions
      .rejectedRequest(pact, {
        endpoint: 'synchronize',
        errorType: 'invalidRequestBody',
        identificationToken: 'acc-1',
        body: { standard: [{ person: 'jane' }] },
      })
      .executeTest(async (mock) => {
        const error = await syncConversations(configFor(mock.url), ['jane']).catch((caught: unknown) => caught);
        expect(error).toMatchObject({ errorType: 'invalidRequestBody', httpStatus: 400 });
        expect((error as Error).message).toMatch(/^invalidRequestBody: The request body is invalid: .+\.$/);
      });
  });

  it('reports an account without active seats', async () => {
    await linkedApiInteractions
      .rejectedRequest(pact, {
        endpoint: 'synchronize',
        errorType: 'noActiveSeats',
        identificationToken: 'acc-1',
        body: { standard: [{ person: jane }] },
      })
      .executeTest(async (mock) => {
        const error = await syncConversations(configFor(mock.url), [jane]).catch((caught: unknown) => caught);
        expect(error).toMatchObject({
          errorType: 'noActiveSeats',
          httpStatus: 403,
          message: 'noActiveSeats: No active seats available for this LinkedIn account.',
        });
      });
  });
});
