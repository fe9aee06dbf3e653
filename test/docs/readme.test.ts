import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { createMockServer } from '../../src/server/app.js';
import { createTestMock } from '../../src/testing/index.js';
import { blocksChecked, type DocBlock, readPage, scratchDir, where, writeSample } from './blocks.js';
import { README_TEST_CHECKS } from './checks.js';
import { type CurlRequest, commandProblem, curlRequests, shellCommands } from './shell.js';

const readme = readPage('README.md');
const generated = scratchDir('readme');

/**
 * Writes the one ts block marked `check: name` (wherever in the docs it is; imports of linkedapi-mock pointed at
 * the source) with `exportLine` appended, and imports it: the example runs exactly as the docs show it.
 */
async function runSample(name: string, exportLine: string) {
  const [block, ...others] = blocksChecked(name).filter((b) => b.lang === 'ts');
  expect(block, `a ts block marked check: ${name}`).toBeDefined();
  expect(others).toEqual([]);
  return import(writeSample(generated, block as DocBlock, exportLine));
}

describe('README', () => {
  it('puts the two commands near the top', () => {
    const top = readme.slice(0, 1500);
    expect(top).toContain('npm start');
    expect(top).toContain('npm test');
  });

  it('stays under 20 KB, the reference in docs/', () => {
    expect(Buffer.byteLength(readme)).toBeLessThan(20_000);
  });

  it('keeps the generated options table between its markers, under ## Options', () => {
    const begin = readme.indexOf('<!-- options:begin -->');
    const end = readme.indexOf('<!-- options:end -->');
    expect(begin).toBeGreaterThan(readme.indexOf('\n## Options\n'));
    expect(end).toBeGreaterThan(begin);
    expect(readme.indexOf('<!-- options:begin -->', begin + 1)).toBe(-1);
  });

  it('runs the in-process example as written', async () => {
    const { outcome } = await runSample(
      'in-process',
      'export const outcome = { status: done.status, body: await done.json(), world: mock.world, headers, jane };',
    );
    expect(outcome.status).toBe(200);
    expect(outcome.body).toEqual({
      status: 'complete',
      completion: { standard: [{ person: outcome.jane, result: { success: true } }], salesNavigator: [] },
    });
    const account = outcome.world.account(outcome.headers['identification-token']);
    expect(account.threads.standard.get(outcome.jane)?.list().at(-1)).toMatchObject({ sender: 'them', text: 'Hi!' });
  });

  it('runs the official-SDK example as written', async () => {
    const { outcome } = await runSample('sdk', 'export const outcome = { data, errors, jane };');
    expect(outcome.errors).toEqual([]);
    expect(outcome.data).toHaveLength(1);
    expect(outcome.data[0]).toMatchObject({ personUrl: outcome.jane, type: 'st' });
    expect(outcome.data[0].messages.length).toBeGreaterThan(0);
  });

  it('shows the walk-through bodies the mock really sends', async () => {
    const clock = new ManualClock(Date.parse('2024-06-03T09:00:00Z'));
    const { app } = createMockServer({ seed: 7, clock, speed: 0, selfCheck: true });
    const headers = { 'account-api-token': 'my-api-token', 'identification-token': 'my-account' };
    const post = async (path: string, body: unknown) =>
      (
        await app.request(`http://127.0.0.1:4010${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
      ).text();
    const jane = 'https://www.linkedin.com/in/jane-doe';
    const sync = await post('/account/conversations.synchronize', {
      standard: [{ person: jane }],
      salesNavigator: [{ person: 'https://www.linkedin.com/in/missing-bob' }],
    });
    expect(readme).toContain(sync);
    const all = JSON.parse(await post('/account/conversations.get', { standard: [{ person: jane }] }));
    const messages = all.completion.standard[0].result.data.messages;
    expect(readme).toContain(`"total":${messages.length}`);
    expect(readme).toContain(JSON.stringify(messages.at(-1)));
    const since = await post('/account/conversations.get', {
      standard: [{ person: jane, since: messages.at(-2).time }],
    });
    expect(readme).toContain(`"since":"${messages.at(-2).time}"`);
    expect(readme).toContain(since);
    const bad = await post('/account/conversations.get', {
      standard: [{ person: jane, since: '2024-05-21' }],
      salesNavigator: [{ person: 'jane' }],
    });
    expect(readme).toContain(bad);
  });

  it('replays the walk-through: each curl command, sent as written, gets the answer shown after it', async () => {
    const blocks = blocksChecked('walk-through');
    expect(blocks.every((block) => block.page === 'README.md')).toBe(true);
    const serve = blocks.flatMap((block) => shellCommands(block.text)).find((words) => words.includes('serve'));
    expect(serve, 'the walk-through starts the mock').toBeDefined();
    expect(commandProblem(serve as string[])).toBeUndefined();
    const flag = (name: string) => (serve as string[])[(serve as string[]).indexOf(name) + 1];
    // The mock as the walk-through starts it (realistic speed), on a manual clock the replay moves.
    const mock = createTestMock({ seed: Number(flag('--seed')), startTime: flag('--start-time'), speed: 1 });
    const arrays = new Map<string, string[]>();
    let sent = 0;
    let last: { request: CurlRequest; answer: string } | undefined;
    let answered = true;
    const send = async (request: CurlRequest) => {
      const pending = mock.fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
      await mock.journal.waitFor({}, { count: ++sent });
      // A long-mode request is held for its simulated latency (the manual clock stands still): let the clock run
      // past it. Any other answer comes at once.
      const settled = await Promise.race([pending.then(() => true), new Promise((r) => setTimeout(r, 100, false))]);
      if (!settled) mock.control.advance('1s');
      return (await pending).text();
    };
    // Result-link ids are random: the ids the README shows stand for the ids the replay got at the same place.
    const RESULT_ID = /\/account\/results\/([\w-]+)/;
    const realIds = new Map<string, string>();
    const ids = (text: string) => text.replace(new RegExp(RESULT_ID, 'g'), '/account/results/ID');
    let replayed = 0;
    for (const block of blocks) {
      if (block.lang === 'sh') {
        for (const request of curlRequests(shellCommands(block.text), arrays)) {
          if (Array.isArray(request)) continue; // the serve command, checked above
          const shownId = RESULT_ID.exec(request.url)?.[1];
          if (shownId !== undefined) request.url = request.url.replace(shownId, realIds.get(shownId) ?? shownId);
          last = { request, answer: await send(request) };
          answered = false;
        }
      } else if (block.lang === 'json') {
        if (last === undefined) throw new Error(`${where(block)}: an answer with no request before it`);
        if (answered) {
          // A second answer to the same request: "a few seconds later".
          mock.control.advance('10s');
          last = { request: last.request, answer: await send(last.request) };
        }
        answered = true;
        expect(ids(last.answer), where(block)).toMatch(shownAnswer(ids(block.text)));
        const [shownId, realId] = [RESULT_ID.exec(block.text)?.[1], RESULT_ID.exec(last.answer)?.[1]];
        if (shownId !== undefined && realId !== undefined) realIds.set(shownId, realId);
        replayed++;
      }
    }
    expect(replayed).toBeGreaterThanOrEqual(6);
  });

  it('names a block for each check this file runs', () => {
    for (const name of README_TEST_CHECKS) expect(blocksChecked(name).length, name).toBeGreaterThan(0);
  });
});

/**
 * A pattern for an answer as the README shows it: exact, except `…` (any text in a string) and `"… N more …"`
 * (N more array items).
 */
function shownAnswer(shown: string): RegExp {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = shown
    .split(/(, "… \d+ more …", |…)/)
    .map((part) => {
      const more = /^, "… (\d+) more …", $/.exec(part);
      if (more) return `,(?:\\{[^{}]*\\},){${more[1]}}`;
      return part === '…' ? '[^"]*' : literal(part);
    })
    .join('');
  return new RegExp(`^${pattern}$`);
}
