// Behind a reverse proxy (issue 9, point 8): every user reaches Binôme from the proxy's address,
// so the per-address login throttle (20 failures in 15 minutes) locked everyone out at once.
// With `--trusted-proxy`, the address the proxy forwards is the client for the throttle, the
// access log and the audit log; without it, or from any other peer, the headers are ignored.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, DEMO, DEMO_PASSWORD, freshDatabase, run, startServer } from '../support/binome.mjs';

const kAddressLimit = 20; // failures from one client address before 429 (docs/operations.md)

/** A login as the proxy would pass it on: `headers` carry X-Forwarded-For or Forwarded. */
function login(url, email, password, headers) {
  return new Client(url).request('POST', '/api/v1/auth/login', { body: { email, password }, headers });
}

/** Failed logins on distinct unknown accounts, so that only the address limit is reached. */
async function failLogins(url, headersOf) {
  for (let i = 0; i < kAddressLimit; i++) {
    const r = await login(url, `nobody${i}@demo.example`, 'not-the-password!', headersOf(i));
    assert.equal(r.status, 401, `failure ${i + 1}: ${r.text}`);
  }
}

async function loginEntries(admin) {
  const r = await admin.request('GET', '/api/v1/audit?action=auth.login&page_size=200');
  assert.equal(r.status, 200, r.text);
  return r.json.items;
}

function accessLines(server, path) {
  return server.logs
    .filter((l) => l.includes('"type":"access"'))
    .map((l) => JSON.parse(l).log)
    .filter((l) => l.path === path);
}

describe('behind a trusted proxy (--trusted-proxy 127.0.0.1)', () => {
  let server;
  let admin;
  before(async () => {
    server = await startServer({ extraArgs: ['--trusted-proxy', '10.0.0.0/8', '--trusted-proxy', '127.0.0.1'] });
    admin = new Client(server.url);
    assert.equal((await admin.login(DEMO.admin)).status, 200);
  });
  after(() => server.stop());

  test('20 bad logins from one forwarded address throttle that address, not the other users of the proxy', async () => {
    await failLogins(server.url, () => ({ 'x-forwarded-for': '203.0.113.7' }));
    const blocked = await login(server.url, DEMO.mentor, DEMO_PASSWORD, { 'x-forwarded-for': '203.0.113.7' });
    assert.equal(blocked.status, 429, blocked.text);
    assert.equal(blocked.json.code, 'too_many_attempts');
    // What the client writes itself is on the left of the list: nginx appends the address it saw.
    const spoofed = await login(server.url, DEMO.mentor, DEMO_PASSWORD, { 'x-forwarded-for': '198.51.100.200, 203.0.113.7' });
    assert.equal(spoofed.status, 429, spoofed.text);

    const other = await login(server.url, DEMO.mentor, DEMO_PASSWORD, { 'x-forwarded-for': '198.51.100.9' });
    assert.equal(other.status, 200, other.text);
    // The proxy itself, with no header, is not the throttled client either.
    assert.equal((await login(server.url, DEMO.mentee, DEMO_PASSWORD)).status, 200);

    const entries = await loginEntries(admin);
    const from = (client, outcome) => entries.filter((e) => e.client === client && e.outcome === outcome).length;
    assert.equal(from('203.0.113.7', 'failure'), kAddressLimit);
    assert.equal(from('203.0.113.7', 'denied'), 2);
    assert.equal(from('198.51.100.9', 'success'), 1);
    assert.equal(from('198.51.100.200', 'denied') + from('198.51.100.200', 'failure'), 0);
    const logged = accessLines(server, '/api/v1/auth/login').map((l) => `${l.client} ${l.status}`);
    assert.equal(logged.filter((l) => l === '203.0.113.7 401').length, kAddressLimit);
    assert.ok(logged.includes('198.51.100.9 200'), logged.join('\n'));
  });

  test('Forwarded (RFC 7239) gives the client too, a quoted IPv6 address with its port', async () => {
    const r = await login(server.url, DEMO.sponsor, DEMO_PASSWORD, { forwarded: 'for="[2001:DB8::1]:4711";proto=https' });
    assert.equal(r.status, 200, r.text);
    const entries = await loginEntries(admin);
    assert.ok(entries.some((e) => e.client === '2001:db8::1' && e.actor === DEMO.sponsor), JSON.stringify(entries.slice(0, 3)));
  });

  test('a forwarded entry that is no address is never written to the logs: the proxy is', async () => {
    const forged = '1.2.3.4"}, "user": "admin';
    const r = await new Client(server.url).request('GET', '/healthz', { headers: { 'x-forwarded-for': forged } });
    assert.equal(r.status, 200);
    const id = r.headers.get('x-request-id');
    const line = accessLines(server, '/healthz').find((l) => l.request_id === id);
    assert.equal(line.client, '127.0.0.1');
    assert.equal(line.user, '');
  });
});

describe('without --trusted-proxy', () => {
  let server;
  let admin;
  before(async () => {
    server = await startServer();
    admin = new Client(server.url);
    assert.equal((await admin.login(DEMO.admin)).status, 200);
  });
  after(() => server.stop());

  test('X-Forwarded-For and Forwarded are ignored: 20 bad logins throttle the TCP peer whatever they say', async () => {
    await failLogins(server.url, (i) => (i % 2 ? { 'x-forwarded-for': `203.0.113.${i}` } : { forwarded: `for=198.51.100.${i}` }));
    const blocked = await login(server.url, DEMO.mentor, DEMO_PASSWORD, { 'x-forwarded-for': '198.51.100.9' });
    assert.equal(blocked.status, 429, blocked.text);
    assert.equal(blocked.json.code, 'too_many_attempts');
    const entries = await loginEntries(admin);
    assert.equal(entries.filter((e) => e.outcome === 'failure' && e.client === '127.0.0.1').length, kAddressLimit);
    assert.deepEqual([...new Set(entries.map((e) => e.client))], ['127.0.0.1']);
  });
});

describe('--trusted-proxy values', () => {
  for (const bad of ['10.0.0.0/33', 'proxy.internal', '10.0.0.1:8080']) {
    test(`'${bad}' is refused at start, in the operator's language, with a non-zero exit code`, async () => {
      const db = freshDatabase('sqlite');
      try {
        const args = ['--db', db.url, 'serve', '--listen', '127.0.0.1:0', '--trusted-proxy', '127.0.0.1', '--trusted-proxy', bad];
        const en = await run(args);
        assert.notEqual(en.code, 0);
        assert.doesNotMatch(en.stdout, /listening on/);
        assert.match(en.stderr, /--trusted-proxy must be an IP address or a CIDR range/);
        assert.ok(en.stderr.includes(`'${bad}'`), en.stderr);
        const fr = await run(args, { env: { LC_ALL: 'fr_FR.UTF-8' } });
        assert.notEqual(fr.code, 0);
        assert.ok(fr.stderr.includes(`plage CIDR comme 10.0.0.0/8 ou fd00::/8, reçu «\u202F${bad}\u202F»`), fr.stderr);
      } finally {
        db.drop();
      }
    });
  }
});
