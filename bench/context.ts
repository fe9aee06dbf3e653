/**
 * What the bench targets share: the mock's fixed settings (seed, start time, token, paths), the request
 * helpers every target uses, and the rows and notes of the one results table that `bench/run.ts` prints.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request, type ServerProcess, startServer } from './lib.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'dist/cli/index.js');
export const NODE = process.execPath;
export const SEED = 7;
export const START = '2024-06-03T09:00:00Z';
const API_TOKEN = 'bench-api';
export const GET = '/account/conversations.get';
export const SYNC = '/account/conversations.synchronize';

let tmp: string | undefined;
/** A scratch directory for this run, made on first use and removed when the process exits. */
export function benchTmp(): string {
  if (tmp === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'linkedapi-mock-bench-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    tmp = dir;
  }
  return tmp;
}

export const headersFor = (identificationToken: string) => ({
  'account-api-token': API_TOKEN,
  'identification-token': identificationToken,
  'content-type': 'application/json',
});
export const personBody = (person: string, since?: string) =>
  JSON.stringify({ standard: [since === undefined ? { person } : { person, since }] });
export const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
export const thousands = (n: number) => Math.round(n).toLocaleString('en-US');
export const pct = (share: number) => `${Math.round(share * 100)}%`;

export interface Row {
  id: string;
  what: string;
  figure: string;
  target: string;
  result: 'PASS' | 'MISS' | 'ERROR' | '';
}
/** The rows of the results table, filled by the targets, printed by `bench/run.ts`. */
export const rows: Row[] = [];
/** Lines printed under the table. */
export const notes: string[] = [];
/** The mock/bare ratios of the targets run so far (1a, 1b), for targets that compare with them. */
export const measured = new Map<string, { ratio: number; perCpu: number }>();
export const verdict = (ok: boolean): Row['result'] => (ok ? 'PASS' : 'MISS');
export const log = (text: string) => console.log(`  · ${text}`);

export function startMockCli(args: string[]): Promise<ServerProcess> {
  return startServer(NODE, [CLI, 'serve', '--port', '0', '--seed', String(SEED), '--start-time', START, ...args]);
}

export function startBenchMock(token: string, person: string, messages: number): Promise<ServerProcess> {
  return startServer(
    NODE,
    [
      join(ROOT, 'bench/mock-server.mjs'),
      ...['--seed', String(SEED), '--start-time', START, '--token', token, '--person', person],
      ...['--messages', String(messages)],
    ],
    60_000,
  );
}

/** The body of a successful synchronize of one standard person. */
export const syncedBody = (person: string) =>
  `{"status":"complete","completion":{"standard":[{"person":"${person}","result":{"success":true}}],"salesNavigator":[]}}`;

/** Syncs `person` for `token` (speed 0: at once) and checks the answer. */
export async function syncPerson(url: string, token: string, person: string): Promise<void> {
  const reply = await request(`${url}${SYNC}`, {
    method: 'POST',
    headers: headersFor(token),
    body: personBody(person),
  });
  if (reply.status !== 200 || reply.body !== syncedBody(person)) {
    throw new Error(`sync of ${person} answered ${reply.status} ${reply.body.slice(0, 300)}`);
  }
}

interface GetReply {
  total: number;
  messages: { id: string; time: string }[];
}

/** Reads the `data` of the single conversation in a `get` body. */
export function getData(body: string): GetReply {
  const parsed = JSON.parse(body) as {
    status: string;
    completion?: { standard: { result: { success: boolean; data?: GetReply } }[] };
  };
  const data = parsed.completion?.standard[0]?.result.data;
  if (parsed.status !== 'complete' || !data) throw new Error(`unexpected get body ${body.slice(0, 300)}`);
  return data;
}
