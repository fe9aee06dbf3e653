import { describe, expect, it } from 'vitest';
import { MockError } from '../../src/core/issue.js';
import { PROVIDER_STATES, providerStateHandlers } from '../../src/pact/provider-states.js';
import { GET, resultPath, SYNC, type TestMock, testMock, tokens } from '../support/index.js';

const jane = 'https://www.linkedin.com/in/jane-doe';
const ghost = 'https://www.linkedin.com/in/missing-ghost';

/** An instant in-process mock (speed 0, so jobs finish without driving the clock). */
const instantMock = () => testMock({ speed: 0 });

const post = (mock: TestMock, path: string, body: unknown, identificationToken = 'acc-1') =>
  mock.post(path, body, tokens(identificationToken, 't'));

const getJane = (mock: TestMock, channel = 'standard') => post(mock, GET, { [channel]: [{ person: jane }] });

describe('providerStateHandlers: Pact provider states mapped onto the mock world', () => {
  it('synchronizes a conversation, on its channel only', async () => {
    const mock = instantMock();
    const handlers = providerStateHandlers(mock.server);
    const params = { identificationToken: 'acc-1', channel: 'salesNavigator', person: jane };
    expect(await handlers[PROVIDER_STATES.conversationSynchronized].setup(params)).toBeUndefined();
    expect((await getJane(mock, 'salesNavigator')).body.completion.salesNavigator[0].result.success).toBe(true);
    expect((await getJane(mock)).body.completion.standard[0].result.error.errorType).toBe('notSynchronized');
  });

  it('un-synchronizes a conversation an earlier interaction synchronized', async () => {
    const mock = instantMock();
    const handlers = providerStateHandlers(mock.server);
    const params = { identificationToken: 'acc-1', channel: 'standard', person: jane };
    await handlers[PROVIDER_STATES.conversationSynchronized].setup(params);
    await handlers[PROVIDER_STATES.conversationNotSynchronized].setup(params);
    expect((await getJane(mock)).body.completion.standard[0].result.error.errorType).toBe('notSynchronized');
  });

  it('refuses to synchronize, or to make disappear, what the mock world cannot, saying which URL to use', async () => {
    const handlers = providerStateHandlers(instantMock().server);
    await expect(
      handlers[PROVIDER_STATES.conversationSynchronized].setup({ identificationToken: 'acc-1', person: ghost }),
    ).rejects.toThrow(
      `[linkedapi-mock] provider state "the conversation is synchronized": ${ghost} is no LinkedIn person in the mock, so it cannot be synchronized; use a URL such as https://www.linkedin.com/in/jane-doe`,
    );
    await expect(handlers[PROVIDER_STATES.personDoesNotExist].setup({ person: jane })).rejects.toThrow(
      `[linkedapi-mock] provider state "the person does not exist on LinkedIn": the mock cannot make ${jane} disappear; use a URL whose /in/ slug starts with "missing-", such as https://www.linkedin.com/in/missing-jane`,
    );
    expect(await handlers[PROVIDER_STATES.personDoesNotExist].setup({ person: ghost })).toBeUndefined();
    await expect(handlers[PROVIDER_STATES.accountHasNoActiveSeats].setup({})).rejects.toThrow(
      '[linkedapi-mock] provider state "the account has no active seats": expected a parameter "identificationToken" (a non-empty string), got undefined',
    );
  });

  it('refuses with a MockError whose code is invalidProviderState, naming the state', async () => {
    const handlers = providerStateHandlers(instantMock().server);
    const refused = await handlers[PROVIDER_STATES.accountSignedOut].setup({ identificationToken: '' }).catch((e) => e);
    expect(refused).toBeInstanceOf(MockError);
    expect(refused).toMatchObject({
      code: 'invalidProviderState',
      details: { state: PROVIDER_STATES.accountSignedOut },
    });
  });

  it('takes the seats of an account for one interaction and gives them back on teardown', async () => {
    const mock = instantMock();
    const handler = providerStateHandlers(mock.server)[PROVIDER_STATES.accountHasNoActiveSeats];
    await handler.setup({ identificationToken: 'acc-1' });
    expect(await getJane(mock)).toMatchObject({ status: 403, body: { error: { errorType: 'noActiveSeats' } } });
    await handler.teardown?.({ identificationToken: 'acc-1' });
    expect(await getJane(mock)).toMatchObject({ status: 200, body: { status: 'complete' } });
  });

  it('signs an account out of the cloud browser: a synchronize then fails while processing', async () => {
    const mock = instantMock();
    await providerStateHandlers(mock.server)[PROVIDER_STATES.accountSignedOut].setup({ identificationToken: 'acc-1' });
    const answer = await post(mock, SYNC, { standard: [{ person: jane }] });
    expect(answer).toMatchObject({ status: 403, body: { error: { errorType: 'linkedinAccountSignedOut' } } });
  });

  it('makes a finished synchronize result and gives its id to inject into the request path', async () => {
    const mock = instantMock();
    const params = { identificationToken: 'acc-1', channel: 'standard', person: jane };
    const injected = await providerStateHandlers(mock.server)[PROVIDER_STATES.synchronizeResultReady].setup(params);
    expect(injected?.resultId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const result = await mock.get(resultPath(injected?.resultId as string));
    expect(result.body).toEqual({
      status: 'complete',
      completion: { standard: [{ person: jane, result: { success: true } }], salesNavigator: [] },
    });
  });
});
