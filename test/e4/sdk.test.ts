import { LinkedApi, LinkedApiError } from '@linkedapi/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { person, type SocketMock, START, START_MS, socketMock } from '../support/index.js';

/*
 * The official SDK, as published (@linkedapi/node 1.2.19), against the mock on 127.0.0.1: only `baseUrl`
 * and a short `pollInterval` differ from production use.
 */

const sdk = (url: string, identificationToken = 'sdk-acc', linkedApiToken = 'sdk-key') =>
  new LinkedApi({ linkedApiToken, identificationToken, baseUrl: url });
const FAST = { pollInterval: 5, timeout: 10_000 };

describe('@linkedapi/node 1.2.19 against the mock (speed 0)', () => {
  let mock: SocketMock;
  beforeAll(async () => {
    mock = await socketMock({ speed: 0, seed: 4 });
  });
  afterAll(() => mock.close());

  it('syncConversation.execute + result, then pollConversations returns the whole thread', async () => {
    const api = sdk(mock.url);
    const workflowId = await api.syncConversation.execute({ personUrl: person('ann') });
    expect(workflowId).toMatch(/^wf-/);
    expect(await api.syncConversation.result(workflowId, FAST)).toEqual({ data: undefined, errors: [] });
    const polled = await api.pollConversations([{ personUrl: person('ann'), type: 'st' }]);
    expect(polled.errors).toEqual([]);
    const thread = mock.world.account('sdk-acc').threads.standard.get('https://www.linkedin.com/in/ann');
    expect(polled.data).toEqual([{ personUrl: person('ann'), type: 'st', messages: thread?.list() }]);
    expect(polled.data?.[0]?.messages.length).toBeGreaterThan(0);
  });

  it('nvSyncConversation syncs the Sales Navigator inbox only', async () => {
    const api = sdk(mock.url);
    const workflowId = await api.nvSyncConversation.execute({ personUrl: person('bob') });
    expect(await api.nvSyncConversation.result(workflowId, FAST)).toEqual({ data: undefined, errors: [] });
    const nv = await api.pollConversations([{ personUrl: person('bob'), type: 'nv' }]);
    expect(nv.errors).toEqual([]);
    expect(nv.data?.[0]).toMatchObject({ personUrl: person('bob'), type: 'nv' });
    const st = await api.pollConversations([{ personUrl: person('bob'), type: 'st' }]);
    expect(st.data).toBeUndefined();
    expect(st.errors.map((e) => e.type)).toEqual(['conversationsNotSynced']);
  });

  it('pollConversations with since returns only messages that arrived after it', async () => {
    const api = sdk(mock.url);
    await api.syncConversation.result(await api.syncConversation.execute({ personUrl: person('cat') }), FAST);
    const first = await api.pollConversations([{ personUrl: person('cat'), type: 'st' }]);
    const since = first.data?.[0]?.messages.at(-1)?.time ?? START;
    const account = mock.world.account('sdk-acc');
    mock.world.addMessage(account, 'standard', person('cat'), {
      sender: 'them',
      text: 'Are you free on Friday?',
      at: START_MS + 1000,
    });
    mock.world.addMessage(account, 'standard', person('cat'), {
      sender: 'us',
      text: 'Yes, 10am works.',
      at: START_MS + 2000,
    });
    const next = await api.pollConversations([{ personUrl: person('cat'), type: 'st', since }]);
    expect(next.errors).toEqual([]);
    expect(next.data?.[0]?.since).toBe(since);
    expect(next.data?.[0]?.messages.map(({ sender, text, time }) => ({ sender, text, time }))).toEqual([
      { sender: 'them', text: 'Are you free on Friday?', time: '2024-06-03T09:00:01Z' },
      { sender: 'us', text: 'Yes, 10am works.', time: '2024-06-03T09:00:02Z' },
    ]);
    const none = await api.pollConversations([{ personUrl: person('cat'), type: 'st', since: '2024-06-03T09:00:02Z' }]);
    expect(none.data?.[0]?.messages).toEqual([]);
  });

  it('a person that does not exist comes back in errors, not thrown', async () => {
    const api = sdk(mock.url);
    const workflowId = await api.syncConversation.execute({ personUrl: person('missing-dan') });
    expect(await api.syncConversation.result(workflowId, FAST)).toEqual({
      data: undefined,
      errors: [{ type: 'personNotFound', message: 'The provided URL is not an existing LinkedIn person.' }],
    });
  });

  it('conversationsNotSynced comes back in errors, not thrown', async () => {
    const polled = await sdk(mock.url, 'sdk-fresh').pollConversations([{ personUrl: person('eve'), type: 'st' }]);
    expect(polled.data).toBeUndefined();
    expect(polled.errors).toEqual([
      {
        type: 'conversationsNotSynced',
        message: `These conversations are not synced: ${person('eve')} (st). Sync them with st.syncConversation or nv.syncConversation first.`,
      },
    ]);
  });

  it('an invalid token is thrown as the SDK’s LinkedApiError with the E4 type', async () => {
    const bad = sdk(mock.url, 'sdk-acc', 'invalid-key');
    const error = await bad.syncConversation.execute({ personUrl: person('ann') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkedApiError);
    expect(error).toMatchObject({
      type: 'invalidLinkedApiToken',
      message: "The provided 'linked-api-token' is invalid.",
    });
    const polled = await sdk(mock.url, 'invalid-acc')
      .pollConversations([{ personUrl: person('ann'), type: 'st' }])
      .catch((e: unknown) => e);
    expect(polled).toBeInstanceOf(LinkedApiError);
    expect(polled).toMatchObject({ type: 'invalidIdentificationToken' });
  });

  it('a signed-out account’s workflow fails and result() throws the failure', async () => {
    const api = sdk(mock.url, 'signed-out-sdk');
    const workflowId = await api.syncConversation.execute({ personUrl: person('ann') });
    const error = await api.syncConversation.result(workflowId, FAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkedApiError);
    expect(error).toMatchObject({ type: 'linkedinAccountSignedOut' });
  });
});

describe('@linkedapi/node 1.2.19 while virtual time passes', () => {
  let mock: SocketMock;
  /** Resolves once the mock has answered `count` workflow status reads. */
  const statusReadsReach = (count: number) => mock.journal.waitFor({ endpoint: 'workflowStatus' }, { count });

  beforeAll(async () => {
    // Syncs take 1.5 s of virtual time; polls take none, so they need no clock moves.
    mock = await socketMock({ seed: 4, latency: { jitter: 0, getMs: 0 } });
  });
  afterAll(() => mock.close());

  it('result() keeps polling while the workflow runs and returns once the clock passes the sync', async () => {
    const api = sdk(mock.url, 'sdk-clock');
    const workflowId = await api.syncConversation.execute({ personUrl: person('ann') });
    expect(await api.syncConversation.status(workflowId)).toBe('running');
    const before = mock.journal.count({ endpoint: 'workflowStatus' });
    const result = api.syncConversation.result(workflowId, FAST);
    await statusReadsReach(before + 3); // it has seen "running" three times
    mock.clock.advance(1500);
    expect(await result).toEqual({ data: undefined, errors: [] });
  });

  it('cancel() stops a running workflow; result() then throws the cancellation', async () => {
    const api = sdk(mock.url, 'sdk-cancel');
    const workflowId = await api.syncConversation.execute({ personUrl: person('ann') });
    expect(await api.syncConversation.cancel(workflowId)).toBe(true);
    expect(await api.syncConversation.cancel(workflowId)).toBe(false);
    const error = await api.syncConversation.result(workflowId, FAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkedApiError);
    expect(error).toMatchObject({ type: 'workflowCancelled', message: 'The workflow was cancelled.' });
    const polled = await api.pollConversations([{ personUrl: person('ann'), type: 'st' }]);
    expect(polled.errors.map((e) => e.type)).toEqual(['conversationsNotSynced']);
  });
});
