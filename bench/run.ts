/**
 * `npm run bench`: the performance targets of the mock, each measured against a baseline or a limit in
 * the same run, printed as one table. Everything runs on 127.0.0.1; every load is bounded in time and count.
 *
 * The mock always runs as its own process (the built `dist/cli/index.js serve`, or `bench/mock-server.mjs`, which
 * calls the same `startMock` on `dist/` after growing one thread to N messages), and the load generator
 * (autocannon's programmatic API, or node:http) runs in this process, so they do not share an event loop.
 *
 * This file is the entry: it raises the open-file limit, runs the targets (`bench/targets/`) one phase at a
 * time, and prints the table; `bench/context.ts` holds what the targets share.
 */
import { spawnSync } from 'node:child_process';
import { log, ms, NODE, notes, rows } from './context.js';
import { openFileLimits, table } from './lib.js';
import { bigThreadSince } from './targets/big-thread-since.js';
import { coldStart } from './targets/cold-start.js';
import { getThroughput } from './targets/get-throughput.js';
import { manySyncs, SYNC_CLIENTS } from './targets/held-syncs.js';
import { scenarioOverhead } from './targets/scenario-overhead.js';

const FDS_NEEDED = SYNC_CLIENTS * 2 + 500;

// 5,000 client sockets need more open files than a default `ulimit -n` of 1024: re-run under a raised limit.
const limits = openFileLimits();
if (limits.soft < FDS_NEEDED && limits.hard >= FDS_NEEDED && !process.env.LINKEDAPI_MOCK_BENCH_REEXEC) {
  console.log(`ulimit -n is ${limits.soft}; re-running with ulimit -n ${FDS_NEEDED}`);
  const args = [...process.execArgv, ...process.argv.slice(1)];
  const child = spawnSync('sh', ['-c', `ulimit -n ${FDS_NEEDED} && exec "$0" "$@"`, NODE, ...args], {
    stdio: 'inherit',
    env: { ...process.env, LINKEDAPI_MOCK_BENCH_REEXEC: '1' },
  });
  process.exit(child.status ?? 1);
}

/** `BENCH_ONLY=1a,3 npm run bench` runs only those targets. */
const only = process.env.BENCH_ONLY?.split(',').map((id) => id.trim());

async function phase(name: string, id: string, body: () => Promise<void>): Promise<void> {
  if (only && !only.includes(id)) return;
  console.log(`\n[${id}] ${name}`);
  const t0 = performance.now();
  try {
    await body();
  } catch (error) {
    console.error(error);
    rows.push({
      id,
      what: name,
      figure: `error: ${(error as Error).message.split('\n')[0]}`,
      target: '',
      result: 'ERROR',
    });
  }
  log(`took ${ms(performance.now() - t0)}`);
}

const benchStart = performance.now();
// A last bound on the whole run, whatever hangs.
setTimeout(() => {
  console.error('bench: still running after 5 minutes, giving up');
  process.exit(2);
}, 300_000).unref();
console.log(`linkedapi-mock bench: node ${process.version}, ${limits.soft} open files allowed, all on 127.0.0.1`);
await phase('cold start', '4', coldStart);
await phase('get of a 20-message thread, mock vs bare node:http', '1a', () => getThroughput('1a', 20, 0.45));
await phase('get of a 20-message thread with fixtures/large-inbox.yaml loaded, vs none', '1a-scenario', () =>
  scenarioOverhead('1a-scenario', 20, 0.1),
);
await phase('get of a 200-message thread, mock vs bare node:http', '1b', () => getThroughput('1b', 200, 0.35));
await phase('get since of a 100,000-message thread', '3', bigThreadSince);
await phase(`${SYNC_CLIENTS} concurrent long-mode synchronize`, '2', manySyncs);

rows.sort((a, b) => a.id.localeCompare(b.id));
console.log(`\nResults (${ms(performance.now() - benchStart)} in all)\n`);
console.log(
  table(
    ['#', 'what', 'figure', 'target', 'result'],
    rows.map((r) => [r.id, r.what, r.figure, r.target, r.result]),
  ),
);
for (const note of notes) console.log(`note ${note}`);
const failed = rows.filter((r) => r.result === 'MISS' || r.result === 'ERROR').length;
console.log(failed ? `\n${failed} target(s) missed or failed` : '\nall targets pass');
process.exitCode = failed ? 1 : 0;
