/** Target 2: 5,000 long-mode synchronize requests held at once, each answered correctly; peak RSS of the mock. */
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import {
  benchTmp,
  headersFor,
  log,
  ms,
  personBody,
  rows,
  SYNC,
  startMockCli,
  syncedBody,
  verdict,
} from '../context.js';
import { procStatusKb, quantile, sleep } from '../lib.js';

export const SYNC_CLIENTS = 5000;
const MAX_CONNECTING = 400;

export async function manySyncs(): Promise<void> {
  const scenario = join(benchTmp(), 'no-jitter.json');
  writeFileSync(scenario, JSON.stringify({ latency: { jitter: 0 } }));
  const mock = await startMockCli([
    '--speed',
    '1',
    '--sync-latency',
    process.env.SYNC_MS ?? '2000',
    '--scenario',
    scenario,
  ]);
  log(`mock: node dist/cli/index.js serve --speed 1 --sync-latency 2000 (jitter 0 by scenario) (${mock.url})`);
  const sockets: net.Socket[] = [];
  try {
    const rssBefore = procStatusKb(mock.pid, 'VmRSS');
    // First the 5,000 connections, at most MAX_CONNECTING in their handshake at once (5,000 SYNs in one burst
    // would overflow the listen backlog of 511, and the kernel retries a dropped one only a second later)...
    const connectStart = performance.now();
    await new Promise<void>((allConnected, failed) => {
      let opened = 0;
      let handshaking = 0;
      const timer = setTimeout(() => failed(new Error(`only ${sockets.length} connections after 20 s`)), 20_000);
      const open = () => {
        while (handshaking < MAX_CONNECTING && opened < SYNC_CLIENTS) {
          handshaking++;
          opened++;
          const socket = net.connect(mock.port, '127.0.0.1');
          socket.once('error', (error) => {
            clearTimeout(timer);
            failed(error);
          });
          socket.once('connect', () => {
            handshaking--;
            sockets.push(socket);
            if (sockets.length === SYNC_CLIENTS) {
              clearTimeout(timer);
              allConnected();
            } else open();
          });
        }
      };
      open();
    });
    log(`${sockets.length} connections open after ${ms(performance.now() - connectStart)}`);
    // ...then one long-mode synchronize request on each, all at once, through node:http.
    let inFlight = 0;
    let peak = 0;
    let correct = 0;
    let lastSent = 0;
    let firstAnswer = Number.POSITIVE_INFINITY;
    const latencies: number[] = [];
    const problems: string[] = [];
    const t0 = performance.now();
    const one = (i: number, socket: net.Socket) =>
      new Promise<void>((resolve) => {
        const person = `https://www.linkedin.com/in/bench-sync-${i}`;
        const body = personBody(person);
        const expected = syncedBody(person);
        let sentAt = 0;
        const req = http.request(
          `${mock.url}${SYNC}`,
          {
            method: 'POST',
            // No `agent` at all: `agent: false` would make a fresh Agent that ignores createConnection.
            createConnection: () => socket,
            headers: { ...headersFor(`bench-sync-account-${i}`), 'content-length': String(Buffer.byteLength(body)) },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              text += chunk;
            });
            res.on('end', () => {
              const now = performance.now();
              firstAnswer = Math.min(firstAnswer, now);
              inFlight--;
              latencies.push(now - sentAt);
              if (res.statusCode === 200 && text === expected) correct++;
              else if (problems.length < 3) problems.push(`#${i}: ${res.statusCode} ${text.slice(0, 200)}`);
              resolve();
            });
          },
        );
        req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
        req.on('error', (error) => {
          if (problems.length < 3) problems.push(`#${i}: ${error.message}`);
          resolve();
        });
        // The socket is connected, so the request is written to it here and now ('finish' would only be seen
        // once this loop has handed out all 5,000 requests).
        sentAt = performance.now();
        lastSent = Math.max(lastSent, sentAt);
        peak = Math.max(peak, ++inFlight);
        req.end(body);
      });
    const all = sockets.map((socket, i) => one(i, socket));
    // Bounded: at most 40 s for all answers (the timer is cleared, so it does not keep the bench alive).
    let bound: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(all), new Promise<void>((resolve) => (bound = setTimeout(resolve, 40_000)))]);
    clearTimeout(bound);
    const elapsed = performance.now() - t0;
    await sleep(200);
    const hwm = procStatusKb(mock.pid, 'VmHWM');
    latencies.sort((a, b) => a - b);
    const held = peak === SYNC_CLIENTS && lastSent < firstAnswer;
    log(
      `${correct}/${SYNC_CLIENTS} correct in ${ms(elapsed)}; all sent after ${ms(lastSent - t0)}, first answer at ${ms(firstAnswer - t0)}; ` +
        `latency min ${ms(quantile(latencies, 0))}, p50 ${ms(quantile(latencies, 0.5))}, max ${ms(quantile(latencies, 1))}`,
    );
    for (const problem of problems) log(`problem ${problem}`);
    const minLatencyOk = quantile(latencies, 0) >= 1990;
    rows.push({
      id: '2',
      what: `${SYNC_CLIENTS} long-mode synchronize (1 person, 2 s each, 5,000 accounts): held at once`,
      figure: `peak ${peak} in flight${held ? ', all sent before the first answer' : ''}, min latency ${ms(quantile(latencies, 0))}`,
      target: `${SYNC_CLIENTS}, each >= 2 s`,
      result: verdict(held && minLatencyOk),
    });
    rows.push({
      id: '2',
      what: '  answered correctly (every body checked)',
      figure: `${correct}/${SYNC_CLIENTS}, all within ${ms(elapsed)}`,
      target: `${SYNC_CLIENTS}/${SYNC_CLIENTS}`,
      result: verdict(correct === SYNC_CLIENTS),
    });
    rows.push({
      id: '2',
      what: '  peak RSS of the mock process (VmHWM)',
      figure: `${(hwm / 1024).toFixed(1)} MB (${(rssBefore / 1024).toFixed(1)} MB idle)`,
      target: '< 250 MB',
      result: verdict(hwm / 1024 < 250),
    });
  } finally {
    for (const socket of sockets) socket.destroy();
    await mock.stop();
  }
}
