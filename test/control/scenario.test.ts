import { describe, expect, it } from 'vitest';
import { person, SYNC, tokens } from '../support/index.js';
import { control, controlMock, expectControlError, snapshot } from './support.js';

const TWO_ACCOUNTS = {
  accounts: [{ identificationToken: 'acc-1' }, { identificationToken: 'acc-2', state: 'noSeats' }],
  timeline: [{ at: '+1m', type: 'accountState', account: 'acc-1', state: 'signedOut' }],
};

describe('GET and PUT /__mock/scenario', () => {
  it('GET: null and "the default world" when none was loaded', async () => {
    const answer = await control(controlMock(), 'GET', '/__mock/scenario');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ scenario: null, summary: 'the default world' });
  });

  it('PUT JSON: loads it (defaults filled in), resets the world, and GET shows it', async () => {
    const mock = controlMock();
    const reslink = { ...tokens('someone'), 'result-handling': 'reslink' };
    expect((await mock.post(SYNC, { standard: [{ person: person('ann') }] }, reslink)).status).toBe(200);
    const answer = await control(mock, 'PUT', '/__mock/scenario', TWO_ACCOUNTS);
    expect(answer.status).toBe(200);
    expect(answer.body.summary).toBe('2 accounts, 1 timeline event');
    expect(answer.body.scenario.accounts).toEqual([
      { identificationToken: 'acc-1', state: 'active' },
      { identificationToken: 'acc-2', state: 'noSeats' },
    ]);
    expect((await control(mock, 'GET', '/__mock/scenario')).body).toEqual(answer.body);
    // The new scenario is in force: only its accounts exist, and the old account's state is gone.
    const state = await control(mock, 'GET', '/__mock/state');
    expect(state.body.accounts).toEqual([]);
    expect(state.body.timeline).toEqual([
      {
        at: '2024-06-03T09:01:00.000Z',
        remaining: 1,
        event: { type: 'accountState', account: 'acc-1', state: 'signedOut' },
      },
    ]);
    const stranger = await mock.post(SYNC, { standard: [{ person: person('ann') }] }, tokens('someone'));
    expect(stranger.body.error.errorType).toBe('invalidIdentificationToken');
  });

  it('PUT YAML text (application/yaml or text/yaml) is read as YAML', async () => {
    const mock = controlMock();
    const yaml = 'seed: 7\naccounts:\n  - identificationToken: acc-9\n';
    for (const type of ['application/yaml', 'text/yaml; charset=utf-8']) {
      const answer = await control(mock, 'PUT', '/__mock/scenario', yaml, { 'content-type': type });
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body.scenario).toMatchObject({ seed: 7, accounts: [{ identificationToken: 'acc-9' }] });
    }
    // Options given to the mock (the test's seed 1) still win over the scenario's settings.
    expect(mock.server.options.seed).toBe(1);
  });

  it('an invalid YAML scenario: 400 invalidScenario with every problem, its line and column and a hint; nothing changes', async () => {
    const mock = controlMock();
    expect((await control(mock, 'PUT', '/__mock/scenario', TWO_ACCOUNTS)).status).toBe(200);
    const before = await snapshot(mock);
    const yaml = ['accounts:', '  - identificationToken: acc-1', '    state: sleeping', 'sede: 3', ''].join('\n');
    const answer = await control(mock, 'PUT', '/__mock/scenario', yaml, { 'content-type': 'application/yaml' });
    expectControlError(answer, 400, 'invalidScenario', 'the scenario is invalid (2 problems); nothing changed');
    const issues = answer.body.error.issues;
    expect(
      issues.map((issue: { path: string; line: number; column: number }) => [issue.path, issue.line, issue.column]),
    ).toEqual([
      ['accounts[0].state', 3, 12],
      ['sede', 4, 1],
    ]);
    expect(issues[0].problem).toContain('expected one of active, noSeats, signedOut');
    expect(issues[1].hint).toContain('seed, startTime');
    expect(answer.body.error.message).toContain('sede (line 4, column 1)');
    expect(await snapshot(mock)).toEqual(before);
  });

  it('an invalid JSON scenario is located too, and a JSON syntax error is one problem', async () => {
    const mock = controlMock();
    const bad = await control(mock, 'PUT', '/__mock/scenario', '{\n  "accounts": [{"identificationToken": ""}]\n}');
    expectControlError(bad, 400, 'invalidScenario', 'accounts[0].identificationToken (line 2, column 40)');
    expect(bad.body.error.issues[0]).toMatchObject({ line: 2, column: 40, path: 'accounts[0].identificationToken' });
    const syntax = await control(mock, 'PUT', '/__mock/scenario', '{"seed": 1,}');
    expectControlError(syntax, 400, 'invalidScenario', 'is not valid JSON');
    expect(syntax.body.error.issues).toHaveLength(1);
    expect((await control(mock, 'GET', '/__mock/scenario')).body.scenario).toBeNull();
  });

  it('an empty JSON body is refused (send {} for the default world); {} loads the default world', async () => {
    const mock = controlMock();
    expect((await control(mock, 'PUT', '/__mock/scenario', TWO_ACCOUNTS)).status).toBe(200);
    const empty = await control(mock, 'PUT', '/__mock/scenario', '');
    expectControlError(
      empty,
      400,
      'invalidRequest',
      'body: expected a scenario as JSON',
      'send {} for the default world',
    );
    expect((await control(mock, 'GET', '/__mock/scenario')).body.summary).toBe('2 accounts, 1 timeline event');
    const reset = await control(mock, 'PUT', '/__mock/scenario', {});
    expect(reset.body).toMatchObject({ summary: 'the default world', scenario: { unlistedPersonsExist: true } });
  });

  it('a scenario over 16 MiB is refused with 413 bodyTooLarge', async () => {
    const mock = controlMock();
    const huge = JSON.stringify({ description: 'x'.repeat(16 * 1024 * 1024) });
    const answer = await control(mock, 'PUT', '/__mock/scenario', huge);
    expectControlError(answer, 413, 'bodyTooLarge', 'larger than the 16777216 byte limit');
  });

  it('a load keeps the clock and the journal', async () => {
    const mock = controlMock();
    await mock.post(SYNC, { standard: [{ person: person('ann') }] }, { 'result-handling': 'reslink' });
    await control(mock, 'POST', '/__mock/clock/advance', { by: '1h' });
    await control(mock, 'PUT', '/__mock/scenario', {});
    expect((await control(mock, 'GET', '/__mock/clock')).body.now).toBe('2024-06-03T10:00:00.000Z');
    expect((await control(mock, 'GET', '/__mock/journal')).body.entries).toHaveLength(1);
  });
});
