// The static file server never serves a file outside its folder, however the path is spelt.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer } from '../support/binome.mjs';

let server;
before(async () => {
  server = await startServer({ demo: false });
});
after(async () => {
  await server.stop();
});

// fetch() normalises "..", so send the raw request line ourselves.
function rawGet(url, path) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

test('paths that climb out of the web folder are refused', async () => {
  for (const path of ['/../../../../etc/passwd', '/assets/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e%5c%2e%2e%5cetc%5cpasswd', '/....//....//etc/passwd', '/%00']) {
    const res = await rawGet(server.url, path);
    const status = Number(res.split(' ')[1]);
    assert.doesNotMatch(res, /root:x:0:0/, `${path} leaked /etc/passwd`);
    // Refused, or (for a path that stays inside once normalised) the application's own page.
    if (status === 200) assert.match(res, /<!doctype html>/i, `${path} answered 200 with something else`);
    else assert.ok(status === 404 || status === 400, `${path} answered ${status}`);
  }
});
