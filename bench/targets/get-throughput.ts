/**
 * Targets 1a and 1b: `get` of a synced N-message thread, the mock against a bare node:http server that sends
 * the very same bytes, under autocannon load.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type * as ThreadGeneratorModule from '../../src/world/thread-generator.js';
import {
  benchTmp,
  GET,
  getData,
  headersFor,
  log,
  measured,
  ms,
  NODE,
  notes,
  pct,
  personBody,
  ROOT,
  rows,
  SEED,
  START,
  startBenchMock,
  startMockCli,
  syncPerson,
  thousands,
  verdict,
} from '../context.js';
import {
  machineBusyMs,
  procCpuMs,
  quantile,
  rawExchange,
  rawPost,
  request,
  type ServerProcess,
  startServer,
} from '../lib.js';

/**
 * Seconds of warm-up per server (V8 optimises a request path after a few thousand requests), then rounds per
 * server, alternating mock and bare, and seconds per round.
 */
export const WARM_UP_SECONDS = 3;
const ROUNDS = 3;
export const ROUND_SECONDS = 2.5;
export const CONNECTIONS = 10;

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  count: number;
  serverCpu: number;
  clientCpu: number;
  /** CPU used meanwhile by every other process on the machine, in cores. */
  otherCpu: number;
}

/** One round of `seconds` of autocannon load; every answer must be 200, of the same size and the expected body. */
export async function loadRound(
  server: ServerProcess,
  headers: Record<string, string>,
  body: string,
  expectBody: string,
  seconds: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let size = -1;
  let wrong = 0;
  const server0 = procCpuMs(server.pid);
  const client0 = process.cpuUsage();
  const machine0 = machineBusyMs();
  const t0 = performance.now();
  const instance = autocannon({
    url: `${server.url}${GET}`,
    method: 'POST',
    headers,
    body,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 5,
    expectBody,
  });
  instance.on('response', (_client, status, bytes, time) => {
    if (size < 0) size = bytes;
    if (status !== 200 || bytes !== size) wrong++;
    else latencies.push(time);
  });
  const result = await instance;
  const elapsed = performance.now() - t0;
  const client = process.cpuUsage(client0);
  const serverMs = procCpuMs(server.pid) - server0;
  const clientMs = (client.user + client.system) / 1000;
  if (wrong || result.errors || result.timeouts || result.non2xx || result.mismatches) {
    throw new Error(
      `load on ${server.url}: ${wrong} wrong answers, ${result.mismatches} wrong bodies, ${result.errors} errors, ` +
        `${result.timeouts} timeouts, ${result.non2xx} non-2xx`,
    );
  }
  latencies.sort((a, b) => a - b);
  return {
    rps: (latencies.length * 1000) / elapsed,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    count: latencies.length,
    serverCpu: serverMs / elapsed,
    clientCpu: clientMs / elapsed,
    otherCpu: Math.max(0, machineBusyMs() - machine0 - serverMs - clientMs) / elapsed,
  };
}

/** The raw response with the `Date` header's value blanked, for a byte comparison. */
export const withoutDate = (raw: Buffer) => raw.toString('latin1').replace(/\r\nDate: [^\r]*\r\n/i, '\r\nDate: -\r\n');

/** A person slug whose default-world thread (seed, token, standard) has exactly `count` messages. */
export async function personWithMessages(token: string, count: number): Promise<string> {
  const { ThreadGenerator } = (await import(
    new URL('../../dist/world/thread-generator.js', import.meta.url).href
  )) as typeof ThreadGeneratorModule;
  const generator = new ThreadGenerator(SEED);
  for (let i = 0; i < 10_000; i++) {
    const person = `https://www.linkedin.com/in/bench-person-${i}`;
    if (generator.generate(token, 'standard', person, Date.parse(START)).length === count) return person;
  }
  throw new Error(`no person with ${count} messages among 10,000 slugs`);
}

export const figure = (r: LoadResult) =>
  `${thousands(r.rps)} req/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, server CPU ${r.serverCpu.toFixed(2)} core`;

/** Target 1: `get` of a synced N-message thread, mock vs a bare node:http server sending the same bytes. */
export async function getThroughput(id: string, messages: number, minRatio: number): Promise<void> {
  const token = `bench-get-${messages}`;
  let person: string;
  let mock: ServerProcess;
  if (messages <= 40) {
    person = await personWithMessages(token, messages);
    mock = await startMockCli(['--speed', '0']);
    log(`mock: node dist/cli/index.js serve --speed 0 (${mock.url}), ${person} generates ${messages} messages`);
  } else {
    person = 'https://www.linkedin.com/in/bench-long-thread';
    mock = await startBenchMock(token, person, messages);
    log(`mock: bench/mock-server.mjs, speed 0 (${mock.url}), ${person} grown to ${messages} messages`);
  }
  let bare: ServerProcess | undefined;
  try {
    await syncPerson(mock.url, token, person);
    const headers = headersFor(token);
    const body = personBody(person);
    const reply = await request(`${mock.url}${GET}`, { method: 'POST', headers, body });
    const data = getData(reply.body);
    if (reply.status !== 200 || data.total !== messages || data.messages.length !== messages) {
      throw new Error(`get answered ${reply.status} with ${data.total} messages, wanted ${messages}`);
    }
    const copied: [string, string][] = [];
    for (let i = 0; i < reply.rawHeaders.length; i += 2) {
      const name = reply.rawHeaders[i] as string;
      // Node's http server adds these itself, to the bare server's answer as to the mock's.
      if (/^(date|connection|keep-alive|content-length|transfer-encoding)$/i.test(name)) continue;
      copied.push([name, reply.rawHeaders[i + 1] as string]);
    }
    const spec = join(benchTmp(), `bare-${messages}.json`);
    writeFileSync(spec, JSON.stringify({ status: reply.status, headers: copied, body: reply.body }));
    bare = await startServer(NODE, [join(ROOT, 'bench/bare-server.mjs'), spec]);
    const [mockRaw, bareRaw] = await Promise.all([
      rawExchange(mock.port, rawPost(mock.port, GET, headers, body)),
      rawExchange(bare.port, rawPost(bare.port, GET, headers, body)),
    ]);
    const same = withoutDate(mockRaw) === withoutDate(bareRaw);
    log(`responses ${same ? 'identical' : 'DIFFERENT'} byte for byte (Date value aside): ${mockRaw.length} bytes`);
    if (!same) throw new Error(`bare server bytes differ:\n${withoutDate(mockRaw)}\n---\n${withoutDate(bareRaw)}`);

    // Warm both up, then alternate rounds, mock and bare, and keep each one's best round: whatever else runs
    // on the machine can only slow a round down, so the best round is the least disturbed one.
    await loadRound(mock, headers, body, reply.body, WARM_UP_SECONDS);
    await loadRound(bare, headers, body, reply.body, WARM_UP_SECONDS);
    const mockRounds: LoadResult[] = [];
    const bareRounds: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      mockRounds.push(await loadRound(mock, headers, body, reply.body, ROUND_SECONDS));
      bareRounds.push(await loadRound(bare, headers, body, reply.body, ROUND_SECONDS));
    }
    const rounds = (name: string, list: LoadResult[]) =>
      log(
        `${name}: ${list.map((r) => `${thousands(r.rps)} req/s (server ${pct(r.serverCpu)}, autocannon ${pct(r.clientCpu)}, others ${pct(r.otherCpu)})`).join('; ')}`,
      );
    rounds('mock', mockRounds);
    rounds('bare', bareRounds);
    const best = (list: LoadResult[]) => list.reduce((a, b) => (b.rps > a.rps ? b : a));
    const m = best(mockRounds);
    const b = best(bareRounds);
    // On 2 cores the load generator competes with the server, so the bare server may not reach full speed
    // (its CPU stays under one core): then req/s per second of server CPU is the fairer comparison. The
    // verdict takes the lower of the two ratios.
    const ratio = m.rps / b.rps;
    const perCpu = m.rps / m.serverCpu / (b.rps / b.serverCpu);
    const worst = Math.min(ratio, perCpu);
    measured.set(id, { ratio, perCpu });
    const what = `get, synced ${messages}-message thread (${mockRaw.length} B answer), speed 0`;
    rows.push({ id, what: `${what}: mock`, figure: figure(m), target: '', result: '' });
    rows.push({ id, what: `${what}: bare node:http, same bytes`, figure: figure(b), target: '', result: '' });
    rows.push({
      id,
      what: 'ratio mock/bare: req/s; req per server-CPU-second',
      figure: `${ratio.toFixed(2)}; ${perCpu.toFixed(2)}`,
      target: `>= ${minRatio} (both)`,
      result: verdict(worst >= minRatio),
    });
    notes.push(
      `${id}: ${CONNECTIONS} connections; best of ${ROUNDS} alternating rounds of ${ROUND_SECONDS} s per server after a ` +
        `${WARM_UP_SECONDS} s warm-up; every body checked; other processes used up to ` +
        `${Math.max(...mockRounds.map((r) => r.otherCpu), ...bareRounds.map((r) => r.otherCpu)).toFixed(2)} core`,
    );
  } finally {
    await Promise.all([mock.stop(), bare?.stop()]);
  }
}
