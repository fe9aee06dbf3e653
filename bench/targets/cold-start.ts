/** Target 4: `node dist/cli/index.js serve --port 0` to the first 200 of GET /__mock/health. */
import { spawn } from 'node:child_process';
import { CLI, log, ms, NODE, rows, verdict } from '../context.js';
import { median, request, sleep } from '../lib.js';

export async function coldStart(): Promise<void> {
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    const child = spawn(NODE, [CLI, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error('no startup line within 10 s')), 10_000);
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          const match = /http:\/\/[^\s)]+/.exec(out);
          if (match) {
            clearTimeout(timer);
            resolve(match[0]);
          }
        });
      });
      for (let attempt = 0; ; attempt++) {
        const reply = await request(`${url}/__mock/health`, { timeoutMs: 2000 }).catch(() => undefined);
        if (reply?.status === 200 && reply.body === '{"status":"ok"}') break;
        if (attempt > 200) throw new Error('health never answered 200');
        await sleep(5);
      }
      times.push(performance.now() - t0);
    } finally {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
    }
  }
  const med = median(times);
  log(`runs: ${times.map((t) => ms(t)).join(', ')}`);
  rows.push({
    id: '4',
    what: 'cold start: node dist/cli/index.js serve --port 0 -> first 200 of /__mock/health',
    figure: `median ${ms(med)} of ${times.length}`,
    target: '< 500 ms',
    result: verdict(med < 500),
  });
}
