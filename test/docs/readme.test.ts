import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { createMockServer } from '../../src/server/app.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The first fenced block of `lang` after `heading`. */
function block(heading: string, lang: string): string {
  const start = readme.indexOf(heading);
  expect(start, `README section "${heading}"`).toBeGreaterThan(-1);
  const open = readme.indexOf(`\`\`\`${lang}\n`, start) + lang.length + 4;
  return readme.slice(open, readme.indexOf('\n```', open));
}

/**
 * Writes the first `ts` block after `heading` (imports of linkedapi-mock pointed at the source) and `exportLine`
 * to test/.generated/`file`, and imports it: the example runs exactly as the README shows it.
 */
async function runSnippet(heading: string, file: string, exportLine: string) {
  const snippet = block(heading, 'ts').replace("from 'linkedapi-mock'", `from '${join(root, 'src/index.js')}'`);
  const dir = join(root, 'test/.generated');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), `${snippet}\n${exportLine}\n`);
  return import(join(dir, file));
}

describe('README', () => {
  it('puts the two commands near the top', () => {
    const top = readme.slice(0, 1500);
    expect(top).toContain('npm start');
    expect(top).toContain('npm test');
  });

  it('runs the in-process example as written', async () => {
    const { outcome } = await runSnippet(
      'In process, with no port',
      'readme-in-process.ts',
      'export const outcome = { status: done.status, body: await done.json(), world, headers, jane };',
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
    const { outcome } = await runSnippet(
      "Today's Linked API (E4)",
      'readme-sdk.ts',
      'export const outcome = { data, errors, jane };',
    );
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
});
