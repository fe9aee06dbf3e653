/**
 * The baseline: a bare `node:http` server that answers every request with the bytes the mock sent for the
 * benchmarked request (same status, same headers in the same order, same body), after reading the request
 * body like any server has to. Node adds `Date`, `Connection`, `Keep-Alive` and then `Content-Length` itself,
 * exactly as it does for the mock (whose adapter lets Node compute `Content-Length` the same way); the
 * benchmark checks the two responses byte for byte, the `Date` value aside.
 *
 * Plain JavaScript so that it runs on bare `node`, with no loader in the process.
 * Usage: node bench/bare-server.mjs SPEC.json, SPEC = { status, headers: [[name, value], …], body }.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';

/** @type {{ status: number, headers: [string, string][], body: string }} */
const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const body = Buffer.from(spec.body);

const server = http.createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.statusCode = spec.status;
    for (const [name, value] of spec.headers) res.setHeader(name, value);
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`bare node:http listening on http://127.0.0.1:${address.port}`);
});
process.once('SIGTERM', () => process.exit(0));
