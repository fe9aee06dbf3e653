import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/server/http/body.js';
import { GET, person, type SocketMock, SYNC, socketMock, testMock, tokens } from '../support/index.js';

// Over a socket the body is read in one piece when Node's parser enforces a declared content-length (the fast
// path); in-process, and for chunked bodies, it is streamed with a byte count. Both must answer alike.

const mocks: SocketMock[] = [];
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((mock) => mock.close()));
});

const OPTIONS = { speed: 0, seed: 3 };

/** Sends `body` over a fresh socket, with content-length or chunked, and returns status and body text. */
function overSocket(
  mock: SocketMock,
  path: string,
  body: Buffer,
  framing: 'length' | 'chunked',
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(new URL(mock.url).port), '127.0.0.1');
    const chunks: Buffer[] = [];
    const head = [`POST ${path} HTTP/1.1`, 'host: 127.0.0.1', 'connection: close', 'content-type: application/json'];
    for (const [name, value] of Object.entries(tokens())) head.push(`${name}: ${value}`);
    head.push(framing === 'length' ? `content-length: ${body.length}` : 'transfer-encoding: chunked');
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const split = raw.indexOf('\r\n\r\n');
      resolve({ status: Number(raw.slice(9, 12)), text: raw.slice(split + 4) });
    });
    socket.write(`${head.join('\r\n')}\r\n\r\n`);
    if (framing === 'length') socket.write(body);
    else
      socket.write(Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]));
  });
}

async function inProcess(path: string, body: Buffer): Promise<{ status: number; text: string }> {
  const { status, text } = await testMock(OPTIONS).send('POST', path, {
    headers: { ...tokens(), 'content-type': 'application/json', 'content-length': String(body.length) },
    body: new Uint8Array(body),
  });
  return { status, text };
}

const valid = `{"standard":[{"person":"${person('jane')}"}]}`;
const padTo = (size: number) => Buffer.from(valid + ' '.repeat(size - Buffer.byteLength(valid)));

const CASES: [string, Buffer][] = [
  ['a valid body', Buffer.from(valid)],
  ['a UTF-8 byte order mark before the JSON', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(valid)])],
  [
    'invalid UTF-8 inside a string',
    Buffer.concat([Buffer.from('{"standard":[{"person":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}]}')]),
  ],
  ['multi-byte characters', Buffer.from(`{"standard":[{"person":"${person('jané-ü')}"}]}`)],
  ['exactly the 1 MiB limit', padTo(MAX_BODY_BYTES)],
  ['one byte over the limit', padTo(MAX_BODY_BYTES + 1)],
];

describe('request bodies over a socket answer as in-process', () => {
  it.each(CASES)('%s (content-length and chunked)', async (_name, body) => {
    const mock = await socketMock(OPTIONS);
    mocks.push(mock);
    const expected = await inProcess(SYNC, body);
    expect(await overSocket(mock, SYNC, body, 'length')).toEqual(expected);
    expect(await overSocket(mock, SYNC, body, 'chunked')).toEqual(expected);
  });

  it('get answers the same bytes both ways', async () => {
    const mock = await socketMock(OPTIONS);
    mocks.push(mock);
    const body = Buffer.from(valid);
    await overSocket(mock, SYNC, body, 'length');
    const local = testMock(OPTIONS);
    const headers = { ...tokens(), 'content-type': 'application/json' };
    await local.send('POST', SYNC, { headers, body: valid });
    const expected = await local.send('POST', GET, { headers, body: valid });
    const reply = await overSocket(mock, GET, body, 'length');
    expect(reply).toEqual({ status: expected.status, text: expected.text });
    expect(JSON.parse(reply.text).completion.standard[0].result.success).toBe(true);
  });
});

describe('a client that goes away mid-body', () => {
  it('is answered as an incomplete body, not reported as an internal error', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const mock = testMock(OPTIONS);
      // What @hono/node-server hands over when the socket closes mid-body: a stream that fails with ECONNRESET.
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"stan'));
          controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
        },
      });
      const res = await mock.send('POST', GET, { headers: tokens(), body });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'The request body is invalid: body: the connection closed before the body was complete.',
      );
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });
});
