import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFORMANCE_CHECKS } from '../../src/conformance/checks.js';
import { type Breakage, brokenServer } from '../conformance/support.js';
import { type SocketMock, socketMock } from '../support/index.js';

// dist/cli/index.js is built by test/global-setup.ts when it is older than src/.
const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));
const NAMES = CONFORMANCE_CHECKS.map((check) => check.name);
const API_TOKEN = 'cli-secret-account-api-token';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function verify(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, [CLI, 'verify', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LINKEDAPI_ACCOUNT_API_TOKEN: '', LINKEDAPI_IDENTIFICATION_TOKEN: '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Serves a Hono app on 127.0.0.1 (a free port). */
async function listen(app: Hono): Promise<{ url: string; close: () => Promise<void> }> {
  const server = await new Promise<Server>((resolve) => {
    const created = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () =>
      resolve(created as Server),
    ) as Server;
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let mock: SocketMock;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => {
  mock = await socketMock({ speed: 0 });
});
afterAll(async () => {
  await mock.close();
  await Promise.all(closers.map((close) => close()));
});

async function proxy(breakage: Breakage) {
  const broken = brokenServer(breakage);
  const served = await listen(broken.app);
  closers.push(served.close);
  return { url: served.url, seen: broken.seen };
}

const tokens = (account: string) => ['--account-api-token', API_TOKEN, '--identification-token', account];

describe.concurrent('linkedapi-mock verify', { timeout: 20_000 }, () => {
  it('exits 0 against the mock, with one line per check and a summary, never printing the token', async () => {
    const run = await verify(['--base-url', mock.url, ...tokens('cli-verify-1'), '--poll-interval', '5']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1).map((line) => /^✓ (\S+) \((documented|mock decision)\) \d+ ms$/.exec(line)?.[1])).toEqual(
      NAMES,
    );
    expect(lines.at(-1)).toMatch(new RegExp(`^${NAMES.length} passed, 0 failed, 0 skipped; 2[4-9] requests$`));
    expect(run.stderr).toContain(`[linkedapi-mock] verify ${mock.url} with account-api-token cli-… (28 characters)`);
    expect(run.stderr).toContain('no persons given: used https://www.linkedin.com/in/verify-jane');
    expect(`${run.stdout}${run.stderr}`).not.toContain(API_TOKEN);
  });

  it('sends one request at a time, as many as it reports (counted by a proxy in front of the mock)', async () => {
    const { url, seen } = await proxy({});
    const run = await verify([
      '--base-url',
      url,
      ...tokens('cli-verify-2'),
      '--poll-interval',
      '1',
      '--person',
      'https://www.linkedin.com/in/cli-ann',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`; ${seen.requests} requests\n`);
    expect(seen.requests).toBeLessThanOrEqual(30);
    expect(seen.maxInFlight).toBe(1);
    expect(run.stderr).not.toContain('no persons given');
  });

  it('exits 1 against a broken server, showing the failing checks with JSON paths', async () => {
    const { url } = await proxy({
      answer: (json) => {
        if (json.status !== 'error') return json;
        const { errorType, ...rest } = json.error;
        return { ...json, error: { type: errorType, ...rest } };
      },
    });
    const run = await verify(['--base-url', url, ...tokens('cli-verify-3'), '--poll-interval', '1']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '✗ missing-account-api-token (mock decision): POST /account/conversations.get answered 401: error.errorType: expected "accountApiTokenRequired", got nothing\n',
    );
    expect(run.stdout).toMatch(/^✓ synchronize \(documented\) \d+ ms$/m);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^17 passed, 6 failed, 0 skipped; \d+ requests$/);
  });

  it('--only runs just that check; tokens may come from the environment', async () => {
    const run = await verify(['--base-url', mock.url, '--only', 'since-exclusive', '--poll-interval', '1'], {
      LINKEDAPI_ACCOUNT_API_TOKEN: API_TOKEN,
      LINKEDAPI_IDENTIFICATION_TOKEN: 'cli-verify-4',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^✓ since-exclusive \(mock decision\) \d+ ms\n1 passed, 0 failed, 0 skipped; 3 requests\n$/,
    );
  });

  it("--dialect E4 runs only the checks of today's API, with a linked-api-token of its own", async () => {
    const run = await verify([
      '--base-url',
      mock.url,
      ...tokens('cli-verify-6'),
      '--linked-api-token',
      'cli-secret-linked-api-token',
      '--dialect',
      'E4',
      '--poll-interval',
      '1',
    ]);
    expect(run.code).toBe(0);
    const e4 = CONFORMANCE_CHECKS.filter((check) => check.dialect === 'E4');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1).map((line) => line.split(' ')[1])).toEqual(e4.map((check) => check.name));
    expect(lines.at(-1)).toMatch(new RegExp(`^${e4.length} passed, 0 failed, 0 skipped; \\d+ requests$`));
    expect(run.stdout + run.stderr).not.toContain('cli-secret-linked-api-token');
  });

  it('--documented-only shows the skipped mock decisions with their basis', async () => {
    const run = await verify([
      '--base-url',
      mock.url,
      ...tokens('cli-verify-5'),
      '--documented-only',
      '--poll-interval',
      '1',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('- total-is-count (mock decision): skipped: a mock decision (--documented-only)\n');
    const decisions = CONFORMANCE_CHECKS.filter((check) => check.basis === 'mock decision').length;
    expect(run.stdout).toContain(`${NAMES.length - decisions} passed, 0 failed, ${decisions} skipped;`);
  });

  it.each([
    [[...tokens('x')], '--base-url is required'],
    [
      ['--base-url', 'http://127.0.0.1:9', ...tokens('x'), '--only', 'nope'],
      `unknown check "nope"; the checks are: ${NAMES.join(', ')}`,
    ],
    [
      ['--base-url', 'http://127.0.0.1:9', ...tokens('x'), '--timeout', 'soon'],
      '--timeout: expected a number > 0, got "soon"',
    ],
    [['--base-url', 'https://api.linkedapi.io', ...tokens('x')], 'against the real Linked API, give --person URL'],
    [['--base-url', 'http://127.0.0.1:9', ...tokens('x'), '--dialect', 'E2'], '--dialect: expected E1 or E4, got "E2"'],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const run = await verify(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('linkedapi-mock --help');
    expect(run.stdout).toBe('');
  });
});
