import { describe, expect, it } from 'vitest';
import { CONTROL_ROUTES } from '../../src/contracts/mock/control-routes.js';
import { person, SYNC } from '../support/index.js';
import { control, controlMock, expectControlError } from './support.js';

const TOKEN = 'ctl-secret-0123456789';
const WITH_TOKEN = { 'x-mock-control-token': TOKEN };

describe('the control token', () => {
  const mock = controlMock({ speed: 0, controlToken: TOKEN });

  it('missing: every control route answers 401 controlTokenRequired, naming the header', async () => {
    for (const route of CONTROL_ROUTES) {
      const method = route.method.toUpperCase();
      const answer = await control(mock, method, route.path, method === 'GET' || method === 'DELETE' ? undefined : {});
      expectControlError(answer, 401, 'controlTokenRequired', 'x-mock-control-token');
    }
  });

  it('wrong: 401 invalidControlToken, and the request is not carried out', async () => {
    await mock.post(SYNC, { standard: [{ person: person('ann') }] });
    const answer = await control(mock, 'POST', '/__mock/reset', {}, { 'x-mock-control-token': `${TOKEN}x` });
    expectControlError(answer, 401, 'invalidControlToken', 'does not match', '--control-token');
    expect(answer.text).not.toContain(TOKEN);
    expect(mock.world.knownAccounts()).toHaveLength(1);
  });

  it('right: the route answers', async () => {
    const state = await control(mock, 'GET', '/__mock/state', undefined, WITH_TOKEN);
    expect(state.status).toBe(200);
    expect(state.body.accounts).toHaveLength(1);
    const reset = await control(mock, 'POST', '/__mock/reset', {}, WITH_TOKEN);
    expect(reset.body).toEqual({ reset: 'everything' });
    expect(mock.world.knownAccounts()).toHaveLength(0);
  });

  it('/__mock/health stays open, and the public endpoints do not need it', async () => {
    expect((await control(mock, 'GET', '/__mock/health')).status).toBe(200);
    expect((await mock.post(SYNC, { standard: [{ person: person('ann') }] })).status).toBe(200);
  });

  it('without a token option, the control API is open', async () => {
    expect((await control(controlMock(), 'GET', '/__mock/state')).status).toBe(200);
  });
});
