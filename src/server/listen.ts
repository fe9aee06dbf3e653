import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createMockServer, type MockServer } from './app.js';
import type { MockOptions } from './options.js';

export interface ListenOptions extends MockOptions {
  /** Interface to bind. Default `127.0.0.1`: the mock is not reachable from other machines unless told. */
  host?: string;
  /** Port to bind; `0` (the default here) picks a free one. */
  port?: number;
}

/** A mock listening on a real socket. */
export interface RunningMock extends MockServer {
  /** Base URL to give a Linked API client, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  /** The address the socket is bound to, as the operating system reports it. */
  address: AddressInfo;
  /** Answers held long polls with their result links, then stops listening. */
  close(): Promise<void>;
}

/**
 * Starts the mock on a socket.
 *
 * @example
 * const mock = await startMock({ speed: 0, seed: 42 });
 * // point the client at mock.url …
 * await mock.close();
 */
export async function startMock(options: ListenOptions = {}): Promise<RunningMock> {
  const mock = createMockServer(options);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const created = serve({ fetch: mock.app.fetch, hostname: host, port: options.port ?? 0 }, () =>
      resolve(created as Server),
    ) as Server;
    created.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const { port } = address;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closing: Promise<void> | undefined;
  return {
    ...mock,
    url: `http://${urlHost}:${port}`,
    port,
    address,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        mock.releaseLongPolls();
        // Released long polls finish writing, then their keep-alive connections go idle and are closed.
        const sweep = setInterval(() => server.closeIdleConnections(), 20);
        server.close(() => {
          clearInterval(sweep);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
