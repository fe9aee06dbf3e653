/**
 * Target 1a-scenario: the `get` of target 1a with `fixtures/large-inbox.yaml` loaded (200 listed persons with
 * 2,000-message threads, a timeline, a fault rule), against the same mock with no scenario, measured in the
 * same rounds. Scenarios, timeline events and faults must not slow the request path: within 10 %.
 *
 * Fair comparison: both mocks run with the same `--seed` and `--start-time` and read the same person, one the
 * inbox does not list, so both answer the very same 20-message thread, byte for byte (checked). The verdict
 * comes from rounds that load both mocks at the same time (a busy machine slows both alike), the median of
 * their ratios; the mock/bare ratio from alternating rounds, as in target 1a.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  benchTmp,
  GET,
  getData,
  headersFor,
  log,
  measured,
  NODE,
  notes,
  pct,
  personBody,
  ROOT,
  rows,
  startMockCli,
  syncPerson,
  thousands,
  verdict,
} from '../context.js';
import { median, rawExchange, rawPost, request, type ServerProcess, startServer } from '../lib.js';
import {
  CONNECTIONS,
  figure,
  type LoadResult,
  loadRound,
  personWithMessages,
  ROUND_SECONDS,
  WARM_UP_SECONDS,
  withoutDate,
} from './get-throughput.js';

const PAIRED_ROUNDS = 5;
const RATIO_ROUNDS = 2;
/** `BENCH_SCENARIO=path/to/file.yaml` measures another scenario (a path from the repository's root). */
const SCENARIO = process.env.BENCH_SCENARIO ?? 'fixtures/large-inbox.yaml';

/** Starts the bare server sending `body` with the mock's headers (as target 1a does). */
async function bareServerFor(reply: Awaited<ReturnType<typeof request>>): Promise<ServerProcess> {
  const copied: [string, string][] = [];
  for (let i = 0; i < reply.rawHeaders.length; i += 2) {
    const name = reply.rawHeaders[i] as string;
    if (/^(date|connection|keep-alive|content-length|transfer-encoding)$/i.test(name)) continue;
    copied.push([name, reply.rawHeaders[i + 1] as string]);
  }
  const spec = join(benchTmp(), 'bare-scenario.json');
  writeFileSync(spec, JSON.stringify({ status: reply.status, headers: copied, body: reply.body }));
  return startServer(NODE, [join(ROOT, 'bench/bare-server.mjs'), spec]);
}

/** Target 1a-scenario; fails (MISS) when the mock with the scenario is more than `maxSlowdown` slower. */
export async function scenarioOverhead(id: string, messages: number, maxSlowdown: number): Promise<void> {
  const token = `bench-get-${messages}`;
  const person = await personWithMessages(token, messages);
  const [plain, loaded] = await Promise.all([
    startMockCli(['--speed', '0']),
    startMockCli(['--speed', '0', '--scenario', resolve(ROOT, SCENARIO)]),
  ]);
  log(`mocks: serve --speed 0 (${plain.url}) and serve --speed 0 --scenario ${SCENARIO} (${loaded.url})`);
  let bare: ServerProcess | undefined;
  try {
    const headers = headersFor(token);
    const body = personBody(person);
    const replies = [];
    for (const mock of [plain, loaded]) {
      await syncPerson(mock.url, token, person);
      const reply = await request(`${mock.url}${GET}`, { method: 'POST', headers, body });
      const data = getData(reply.body);
      if (reply.status !== 200 || data.total !== messages) {
        throw new Error(`get on ${mock.url} answered ${reply.status} with ${data.total} messages, wanted ${messages}`);
      }
      replies.push(reply);
    }
    const [plainReply, loadedReply] = replies as [(typeof replies)[0], (typeof replies)[0]];
    if (plainReply.body !== loadedReply.body) throw new Error('the two mocks answer different bodies: unfair');
    bare = await bareServerFor(plainReply);
    const raws = await Promise.all(
      [plain, loaded, bare].map((server) => rawExchange(server.port, rawPost(server.port, GET, headers, body))),
    );
    const same = raws.every((raw) => withoutDate(raw) === withoutDate(raws[0] as Buffer));
    log(`answers ${same ? 'identical' : 'DIFFERENT'} byte for byte (Date aside): ${(raws[0] as Buffer).length} bytes`);
    if (!same) throw new Error('the answers differ byte for byte');

    const load = (server: ServerProcess, seconds: number) => loadRound(server, headers, body, plainReply.body, seconds);
    for (const server of [plain, loaded, bare]) await load(server, WARM_UP_SECONDS);
    // The verdict: both mocks under load at the same time, so that whatever else the machine does (on 2 cores,
    // other processes come and go within seconds) weighs on both alike; the median of the rounds' ratios.
    const paired: { scenario: LoadResult; plain: LoadResult }[] = [];
    for (let round = 0; round < PAIRED_ROUNDS; round++) {
      const [scenario, without] = await Promise.all([load(loaded, ROUND_SECONDS), load(plain, ROUND_SECONDS)]);
      paired.push({ scenario, plain: without });
    }
    // For the figures: the mock with the scenario alone against bare node:http, alternating, best round (as 1a).
    const alone: LoadResult[] = [];
    const bareRounds: LoadResult[] = [];
    for (let round = 0; round < RATIO_ROUNDS; round++) {
      alone.push(await load(loaded, ROUND_SECONDS));
      bareRounds.push(await load(bare, ROUND_SECONDS));
    }
    const perCpu = (r: LoadResult) => r.rps / r.serverCpu;
    const rpsRatios = paired.map((pair) => pair.scenario.rps / pair.plain.rps);
    const cpuRatios = paired.map((pair) => perCpu(pair.scenario) / perCpu(pair.plain));
    log(
      `side by side, with/without the scenario: ${paired.map((pair) => `${thousands(pair.scenario.rps)}/${thousands(pair.plain.rps)} req/s`).join('; ')}`,
    );
    log(`alone: ${alone.map((r) => `${thousands(r.rps)} req/s (others ${pct(r.otherCpu)})`).join('; ')}`);
    log(`bare: ${bareRounds.map((r) => `${thousands(r.rps)} req/s (others ${pct(r.otherCpu)})`).join('; ')}`);
    const best = (list: LoadResult[]) => list.reduce((a, b) => (b.rps > a.rps ? b : a));
    const [s, b] = [best(alone), best(bareRounds)];
    const ratio = s.rps / b.rps;
    const diff = median(rpsRatios) - 1;
    const diffCpu = median(cpuRatios) - 1;
    const worst = Math.min(diff, diffCpu);
    const signed = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
    const what = `get, synced ${messages}-message thread, speed 0, --scenario ${SCENARIO}`;
    rows.push({ id, what: `${what}: mock`, figure: figure(s), target: '', result: '' });
    rows.push({ id, what: 'bare node:http, same bytes', figure: figure(b), target: '', result: '' });
    rows.push({ id, what: 'ratio mock/bare with the scenario', figure: ratio.toFixed(2), target: '', result: '' });
    rows.push({
      id,
      what: 'with the scenario vs without, side by side: req/s; req per server-CPU-second',
      figure: `${signed(diff)}; ${signed(diffCpu)}`,
      target: `>= -${Math.round(maxSlowdown * 100)} % (both)`,
      result: verdict(worst >= -maxSlowdown),
    });
    const earlier = measured.get('1a');
    if (earlier) {
      notes.push(
        `${id}: ratio with the scenario ${ratio.toFixed(2)} against 1a's ${earlier.ratio.toFixed(2)} earlier in this run ` +
          `(${signed(ratio / earlier.ratio - 1)}); the verdict uses the side-by-side rounds, which load cannot skew`,
      );
    }
    notes.push(
      `${id}: verdict = median of ${PAIRED_ROUNDS} side-by-side rounds of ${ROUND_SECONDS} s (${CONNECTIONS} connections ` +
        `each); ratio = best of ${RATIO_ROUNDS} alternating rounds; other processes used up to ` +
        `${Math.max(...[...alone, ...bareRounds].map((r) => r.otherCpu)).toFixed(2)} core`,
    );
  } finally {
    await Promise.all([plain.stop(), loaded.stop(), bare?.stop()]);
  }
}
