import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';

/** A server started in its own process, with the URL it printed. */
export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  port: number;
  /** The line the server printed when it started listening. */
  line: string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Spawns `command args…` and waits (at most `timeoutMs`) for a stdout line containing `http://host:port`.
 * Only processes started here are ever signalled, by their own handle.
 */
export function startServer(command: string, args: string[], timeoutMs = 15_000): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    exited.then(() => running.delete(child));
    let out = '';
    let err = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')}: ${why}\nstdout: ${out}\nstderr: ${err}`));
    };
    const timer = setTimeout(() => fail(`no URL printed within ${timeoutMs} ms`), timeoutMs);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    const early = (code: number | null) => fail(`exited with ${code} before printing a URL`);
    child.once('exit', early);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /(http:\/\/[^\s)]+:(\d+))/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.removeListener('exit', early);
      child.stdout?.removeAllListeners('data').resume();
      const stop = async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
          await exited;
          clearTimeout(killer);
        }
      };
      resolve({
        child,
        pid: child.pid as number,
        url: match[1] as string,
        port: Number(match[2]),
        line: (out.split('\n').find((l) => l.includes(match[1] as string)) ?? '').trim(),
        stop,
      });
    });
  });
}

/** A field of /proc/<pid>/status in kB (VmHWM = peak RSS, VmRSS = current RSS). */
export function procStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]);
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat. */
export function procCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** CPU time (all but idle and iowait) the whole machine has used since boot, in ms, from /proc/stat. */
export function machineBusyMs(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] as string).trim().split(/\s+/).slice(1).map(Number);
  const total = fields.slice(0, 8).reduce((sum, n) => sum + n, 0);
  return ((total - (fields[3] ?? 0) - (fields[4] ?? 0)) * 1000) / CLOCK_TICKS;
}

/** The soft and hard limit on open files of this process. */
export function openFileLimits(): { soft: number; hard: number } {
  const match = /^Max open files\s+(\S+)\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  const parse = (v: string | undefined) => (v === 'unlimited' ? Number.POSITIVE_INFINITY : Number(v));
  return { soft: parse(match?.[1]), hard: parse(match?.[2]) };
}

export interface Reply {
  status: number;
  /** Header pairs exactly as sent: `[name, value, name, value, …]`. */
  rawHeaders: string[];
  body: string;
}

/** One request over `agent` (a fresh connection when none), bounded by `timeoutMs`. */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; agent?: http.Agent; timeoutMs?: number },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const req = http.request(
      url,
      {
        method: options.method ?? 'GET',
        agent: options.agent ?? false,
        headers: { ...options.headers, ...(body && { 'content-length': String(body.length) }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error(`timed out: ${url}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sends `raw` (a whole HTTP/1.1 request) on a fresh socket and returns the raw response bytes, read until
 * the `content-length` body is complete. Used to compare the mock's and the bare server's bytes exactly.
 */
export function rawExchange(port: number, raw: string, timeoutMs = 10_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const settle = (error: Error | undefined, response?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(response as Buffer);
    };
    const timer = setTimeout(() => settle(new Error(`raw exchange with port ${port} timed out`)), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(all.subarray(0, end).toString('latin1'));
      if (length && all.length >= end + 4 + Number(length[1])) settle(undefined, all);
    });
    socket.on('error', (error) => settle(error));
    socket.on('close', () =>
      settle(new Error(`port ${port} closed before a complete response with content-length: ${Buffer.concat(chunks)}`)),
    );
    socket.write(raw);
  });
}

/**
 * Sends `raw` on one keep-alive socket again and again, one at a time, and times each round trip up to the
 * last byte of the response. The lightest client there is, so that the latency is the server's, not the
 * client's. Stops after `count` requests or at `deadline` (performance.now()); every response body must be
 * the same as the first.
 */
export async function rawSequential(
  port: number,
  raw: string,
  count: number,
  deadline: number,
): Promise<{ latencies: number[]; first: string; status: number; mismatches: number }> {
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const latencies: number[] = [];
  let first: string | undefined;
  let status = 0;
  let mismatches = 0;
  try {
    for (let i = 0; i < count && performance.now() < deadline; i++) {
      const t = performance.now();
      const response = await new Promise<Buffer>((resolve, reject) => {
        let buffered: Buffer = Buffer.alloc(0);
        const timer = setTimeout(() => done(new Error('no response within 5 s')), 5000);
        const done = (error?: Error, value?: Buffer) => {
          clearTimeout(timer);
          socket.off('data', onData);
          socket.off('close', onClose);
          if (error) reject(error);
          else resolve(value as Buffer);
        };
        const onClose = () => done(new Error('connection closed'));
        const onData = (chunk: Buffer) => {
          buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
          const end = buffered.indexOf('\r\n\r\n');
          if (end < 0) return;
          const length = /\r\ncontent-length:\s*(\d+)/i.exec(buffered.subarray(0, end).toString('latin1'));
          if (!length) return done(new Error('response without content-length'));
          if (buffered.length >= end + 4 + Number(length[1])) done(undefined, buffered);
        };
        socket.on('data', onData);
        socket.once('close', onClose);
        socket.write(raw);
      });
      latencies.push(performance.now() - t);
      const text = response.toString('utf8');
      const body = text.slice(text.indexOf('\r\n\r\n') + 4);
      if (first === undefined) {
        first = body;
        status = Number(text.slice(9, 12));
      } else if (body !== first) mismatches++;
    }
  } finally {
    socket.destroy();
  }
  return { latencies, first: first ?? '', status, mismatches };
}

/** The raw text of a POST with a JSON body. */
export function rawPost(port: number, path: string, headers: Record<string, string>, body: string): string {
  const lines = [`POST ${path} HTTP/1.1`, `host: 127.0.0.1:${port}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  lines.push(`content-length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** The `q` quantile (0–1) of sorted numbers, nearest rank. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A plain-text table, columns padded to their widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
