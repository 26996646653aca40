// The server's limits on what a client sends, over raw sockets: the size of a request's header
// (16 KiB, then 413 headers_too_large, as documented) and the time a client has to send a header
// once it has begun (--request-timeout), distinct from a kept-alive connection's idle time; a
// request without its Host header.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { run, startServer } from '../support/binome.mjs';

let server;
before(async () => {
  // A short request timeout and a long idle one, so that the test tells them apart in a second.
  server = await startServer({ extraArgs: ['--request-timeout', '1', '--idle-timeout', '30'] });
});
after(async () => {
  await server.stop();
});

function connect() {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => resolve(socket));
    socket.on('error', reject);
  });
}

// Sends `text`, then resolves with what the server wrote until it closed the connection.
async function exchange(text) {
  const socket = await connect();
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('close', () => resolve({ data, ms: Date.now() - started }));
    socket.on('error', reject);
    socket.write(text);
  });
}

const status = (response) => Number(response.split(' ')[1]);
async function adminToken() {
  const created = await run(['--db', server.db.url, 'token', 'create', '--email', 'admin@demo.example', '--name', 'metrics']);
  assert.equal(created.code, 0, created.stderr);
  return created.stdout.trim();
}
const header = (bytes) => `GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Pad: ${'a'.repeat(bytes)}\r\n\r\n`;

test('a header of 12 KiB is read; one over 16 KiB is refused with 413 headers_too_large', async () => {
  assert.equal(status((await exchange(header(12 * 1024))).data), 200);
  const refused = (await exchange(header(17 * 1024))).data;
  assert.equal(status(refused), 413, refused.slice(0, 200));
  assert.match(refused, /"code":"headers_too_large"/);
});

test('a header begun but not finished is dropped after the request timeout, not the idle time', async () => {
  const { data, ms } = await exchange('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
  assert.equal(data, '');
  assert.ok(ms >= 900 && ms < 10_000, `closed after ${ms} ms`);
});

test('an HTTP/1.1 request without a Host header, or with two, is refused with 400 (RFC 9112)', async () => {
  const none = (await exchange('GET /healthz HTTP/1.1\r\nConnection: close\r\nAccept-Language: fr\r\n\r\n')).data;
  assert.equal(status(none), 400, none.slice(0, 200));
  assert.match(none, /"code":"bad_request"/);
  assert.match(none, /en-tête Host/);
  const two = (await exchange('GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n')).data;
  assert.equal(status(two), 400, two.slice(0, 200));
  // HTTP/1.0 had no Host header: still answered.
  assert.equal(status((await exchange('GET /healthz HTTP/1.0\r\n\r\n')).data), 200);
});

test('a body length given as a list, or in two Content-Length headers, is refused with 400 (RFC 9112)', async () => {
  const login = (lengths) => `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${lengths}Accept-Language: fr\r\nConnection: close\r\n\r\n{}`;
  for (const lengths of ['Content-Length: 2, 2\r\n', 'Content-Length: 2\r\nContent-Length: 2\r\n']) {
    const { data } = await exchange(login(lengths));
    assert.equal(status(data), 400, data.slice(0, 300));
    assert.match(data, /un seul en-tête Content-Length/);
  }
  // One length: the login is read (and refused for its empty fields, not for its framing).
  assert.equal(status((await exchange(login('Content-Length: 2\r\n'))).data), 422);
});

test('a header line folded onto the next (obs-fold) is refused with 400 (RFC 9112), in the reader\'s language', async () => {
  for (const fold of ['X-Long: a\r\n b\r\n', 'X-Long: a\r\n\tb\r\n']) {
    const { data } = await exchange(`GET /healthz HTTP/1.1\r\nHost: x\r\n${fold}Accept-Language: fr\r\nConnection: close\r\n\r\n`);
    assert.equal(status(data), 400, data.slice(0, 300));
    assert.match(data, /"code":"bad_request"/);
    assert.match(data, /repli de ligne obsolète/);
  }
  // A space inside a value is no fold.
  assert.equal(status((await exchange('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Spaced: a  b\r\nConnection: close\r\n\r\n')).data), 200);
});

test('methods no route knows are counted as OTHER in /metrics, not one series each', async () => {
  for (const method of ['FOO1', 'FOO2', 'PURGE']) {
    const { data } = await exchange(`${method} /api/v1/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.ok(status(data) >= 400, data.slice(0, 200));
  }
  const { hostname, port } = new URL(server.url);
  const token = await adminToken();
  const metrics = await (await fetch(`http://${hostname}:${port}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
  assert.doesNotMatch(metrics, /FOO1|FOO2|PURGE/);
  assert.match(metrics, /binome_http_requests_total\{[^}]*method="OTHER"/);
});
