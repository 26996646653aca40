// The API's contract over real HTTP, on SQLite and on PostgreSQL: authentication, CSRF,
// roles, limits, problem+json errors, users, audit, health and metrics.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Client, DEMO, DEMO_PASSWORD, backends, startServer } from '../support/binome.mjs';

const openapi = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));

function assertProblem(r, status, code) {
  assert.equal(r.status, status, `expected ${status}, got ${r.status}: ${r.text}`);
  assert.match(r.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal(r.json.status, status);
  if (code) assert.equal(r.json.code, code);
  assert.ok(r.json.title && r.json.detail, 'a problem has a title and a detail');
  assert.equal(r.json.request_id, r.headers.get('x-request-id'));
}

for (const backend of backends()) {
  describe(`API on ${backend}`, () => {
    let server;
    before(async () => {
      server = await startServer({ backend });
    });
    after(async () => {
      assert.equal(await server.stop(), 0);
    });

    test('without a session, every /api/v1 route but the public ones answers 401', async () => {
      const anon = new Client(server.url);
      let checked = 0;
      for (const [path, item] of Object.entries(openapi.paths)) {
        if (!path.startsWith('/api/v1/')) continue;
        for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
          // Public: logging in, the links that open an account, and the document.
          const isPublic = JSON.stringify(item[method]?.security) === '[{}]';
          if (!item[method] || isPublic || path === '/api/v1/openapi.json') continue;
          const r = await anon.request(method.toUpperCase(), path.replace('{id}', '1'), method === 'get' ? {} : { body: {} });
          assertProblem(r, 401, 'unauthenticated');
          checked++;
        }
      }
      assert.ok(checked >= 8, `checked ${checked} routes`);
      assertProblem(await anon.request('GET', '/api/v1/no-such-route'), 401, 'unauthenticated');
      const doc = await anon.request('GET', '/api/v1/openapi.json');
      assert.equal(doc.status, 200);
      assert.equal(doc.json.openapi.slice(0, 3), '3.1');
    });

    test('login sets an HttpOnly SameSite=Strict cookie and returns the user and a CSRF token', async () => {
      const c = new Client(server.url);
      const r = await c.login(DEMO.admin);
      assert.equal(r.status, 200);
      const cookie = r.headers.get('set-cookie');
      assert.match(cookie, /binome_session=[\w-]{40,}/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Strict/);
      assert.equal(r.json.user.email, DEMO.admin);
      assert.deepEqual(r.json.user.roles, ['admin']);
      assert.ok(r.json.csrf_token.length >= 40);
      assert.ok(r.headers.get('x-request-id'));
      const me = await c.request('GET', '/api/v1/auth/me');
      assert.equal(me.status, 200);
      assert.equal(me.json.user.email, DEMO.admin);
      assert.equal(me.json.csrf_token, r.json.csrf_token);
    });

    test('a wrong password and an unknown email get the same 401 answer', async () => {
      const a = await new Client(server.url).login(DEMO.sponsor, 'not-the-password!');
      const b = await new Client(server.url).login('nobody@demo.example', 'not-the-password!');
      assertProblem(a, 401, 'invalid_credentials');
      assertProblem(b, 401, 'invalid_credentials');
      const strip = ({ request_id, ...rest }) => rest;
      assert.deepEqual(strip(a.json), strip(b.json));
    });

    test('repeated failures on one account are throttled with 429 and Retry-After', async () => {
      const email = 'throttled@demo.example';
      const admin = new Client(server.url);
      await admin.login(DEMO.admin);
      const created = await admin.request('POST', '/api/v1/users', {
        body: { email, name: 'Throttled Person', roles: ['mentee'], password: 'the-right-password' },
      });
      assert.equal(created.status, 201);
      for (let i = 0; i < 5; i++) assertProblem(await new Client(server.url).login(email, 'wrong-password-123'), 401);
      const blocked = await new Client(server.url).login(email, 'the-right-password');
      assertProblem(blocked, 429, 'too_many_attempts');
      assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    });

    test('parallel guesses count too: of 10 at once, at most 5 are checked', async () => {
      const admin = new Client(server.url);
      await admin.login(DEMO.admin);
      const email = 'parallel@demo.example';
      await admin.request('POST', '/api/v1/users', {
        body: { email, name: 'Parallel Target', roles: ['mentee'], password: 'the-right-password' },
      });
      const answers = await Promise.all(Array.from({ length: 10 }, () => new Client(server.url).login(email, 'a-wrong-guess-123')));
      const statuses = answers.map((r) => r.status).sort();
      assert.equal(statuses.filter((s) => s === 401).length, 5, statuses.join(','));
      assert.equal(statuses.filter((s) => s === 429).length, 5, statuses.join(','));
    });

    test('a mentee may not list users: 403, recorded as denied in the audit log', async () => {
      const mentee = new Client(server.url);
      await mentee.login(DEMO.mentee);
      assertProblem(await mentee.request('GET', '/api/v1/users'), 403, 'forbidden');
      assertProblem(await mentee.request('GET', '/api/v1/audit'), 403, 'forbidden');
      const admin = new Client(server.url);
      await admin.login(DEMO.admin);
      const audit = await admin.request('GET', `/api/v1/audit?actor=${encodeURIComponent(DEMO.mentee)}&action=user.list`);
      assert.equal(audit.status, 200);
      assert.ok(audit.json.items.some((e) => e.outcome === 'denied' && e.source === 'api' && e.client === '127.0.0.1'));
    });

    test('with cookie authentication an unsafe method needs X-CSRF-Token', async () => {
      const c = new Client(server.url);
      await c.login(DEMO.admin);
      const body = { email: 'csrf@demo.example', name: 'C', roles: ['mentor'], password: 'long-enough-pass' };
      assertProblem(await c.request('POST', '/api/v1/users', { body, headers: { 'x-csrf-token': '' } }), 403, 'csrf_missing');
      assertProblem(await c.request('POST', '/api/v1/users', { body, headers: { 'x-csrf-token': 'forged' } }), 403, 'csrf_invalid');
      assertProblem(await c.request('POST', '/api/v1/auth/logout', { headers: { 'x-csrf-token': '' } }), 403, 'csrf_missing');
      const me = await c.request('GET', '/api/v1/auth/me');
      assert.equal(me.status, 200, 'the refused logout did not end the session');
      const list = await c.request('GET', '/api/v1/users?q=csrf');
      assert.equal(list.json.total, 0, 'nothing was created');
    });

    test('a 10 MiB body gets 413 and malformed JSON 400, as problem+json', async () => {
      const c = new Client(server.url);
      await c.login(DEMO.admin);
      const big = '{"email":"' + 'x'.repeat(10 * 1024 * 1024) + '"}';
      assertProblem(await c.request('POST', '/api/v1/users', { body: big, raw: true, headers: { 'content-type': 'application/json' } }), 413, 'payload_too_large');
      assertProblem(await c.request('POST', '/api/v1/users', { body: '{"email": ', raw: true, headers: { 'content-type': 'application/json' } }), 400, 'malformed_json');
      assertProblem(await c.request('POST', '/api/v1/users', { body: '[1]', raw: true, headers: { 'content-type': 'application/json' } }), 400, 'malformed_json');
      assertProblem(await c.request('POST', '/api/v1/users', { body: 'email=x', raw: true, headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported_media_type');
      // The server is still healthy after refusing the large body.
      assert.equal((await c.request('GET', '/api/v1/auth/me')).status, 200);
    });

    test('an admin creates, reads, edits and disables a user; disabling ends their sessions', async () => {
      const admin = new Client(server.url);
      await admin.login(DEMO.admin);
      const bad = await admin.request('POST', '/api/v1/users', { body: { email: 'not-an-email', name: ' ', roles: ['boss'], password: 'short' } });
      assertProblem(bad, 422, 'validation_failed');
      assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['email', 'name', 'password', 'roles']);

      const created = await admin.request('POST', '/api/v1/users', {
        body: { email: 'Camille.Roux@Demo.Example', name: 'Camille Roux', roles: ['mentor', 'mentee'], password: 'camille-password-2026' },
      });
      assert.equal(created.status, 201);
      assert.equal(created.json.email, 'camille.roux@demo.example');
      assert.deepEqual(created.json.roles, ['mentor', 'mentee']);
      assert.equal(created.headers.get('location'), `/api/v1/users/${created.json.id}`);
      assertProblem(await admin.request('POST', '/api/v1/users', {
        body: { email: 'camille.roux@demo.example', name: 'Other', roles: ['mentor'], password: 'camille-password-2026' },
      }), 409, 'conflict');

      const id = created.json.id;
      assert.equal((await admin.request('GET', `/api/v1/users/${id}`)).json.name, 'Camille Roux');
      assertProblem(await admin.request('GET', '/api/v1/users/999999'), 404, 'not_found');
      const search = await admin.request('GET', '/api/v1/users?q=roux&role=mentee&active=true&page=1&page_size=10');
      assert.equal(search.status, 200);
      assert.deepEqual(search.json.items.map((u) => u.id), [id]);
      assert.equal(search.json.total, 1);
      assertProblem(await admin.request('GET', '/api/v1/users?page_size=100000'), 400, 'invalid_parameter');

      const camille = new Client(server.url);
      assert.equal((await camille.login('camille.roux@demo.example', 'camille-password-2026')).status, 200);
      const patched = await admin.request('PATCH', `/api/v1/users/${id}`, { body: { name: 'Camille Roux-Martin', active: false } });
      assert.equal(patched.status, 200);
      assert.equal(patched.json.active, false);
      assertProblem(await camille.request('GET', '/api/v1/auth/me'), 401, 'unauthenticated');
      // A disabled account learns it only with its right password; a wrong one gets the usual answer.
      assertProblem(await new Client(server.url).login('camille.roux@demo.example', 'camille-password-2026'), 403, 'account_disabled');
      assertProblem(await new Client(server.url).login('camille.roux@demo.example', 'not-the-password-2026'), 401, 'invalid_credentials');

      await admin.request('PATCH', `/api/v1/users/${id}`, { body: { active: true } });
      assert.equal((await admin.request('PUT', `/api/v1/users/${id}/password`, { body: { password: 'a-new-password-2026' } })).status, 204);
      assert.equal((await new Client(server.url).login('camille.roux@demo.example', 'a-new-password-2026')).status, 200);

      // One's own password: only with the current one (told in French without it).
      const camille2 = new Client(server.url);
      assert.equal((await camille2.login('camille.roux@demo.example', 'a-new-password-2026')).status, 200);
      const bare = await camille2.request('PUT', `/api/v1/users/${id}/password`, {
        body: { password: 'camille-changed-2026' },
        headers: { 'accept-language': 'fr' },
      });
      assertProblem(bare, 422, 'validation_failed');
      assert.deepEqual(bare.json.errors.map((e) => [e.field, e.message]), [['current_password', 'votre mot de passe actuel est nécessaire pour changer le vôtre']]);
      const wrong = await camille2.request('PUT', `/api/v1/users/${id}/password`, { body: { password: 'camille-changed-2026', current_password: 'guessing-2026' } });
      assertProblem(wrong, 422, 'validation_failed');
      assert.equal((await camille2.request('PUT', `/api/v1/users/${id}/password`, { body: { password: 'camille-changed-2026', current_password: 'a-new-password-2026' } })).status, 204);
      assert.equal((await camille2.request('GET', '/api/v1/auth/me')).status, 200, 'the session that changed it stays');

      const me = admin.csrf && (await admin.request('GET', '/api/v1/auth/me')).json.user.id;
      assertProblem(await admin.request('PATCH', `/api/v1/users/${me}`, { body: { active: false } }), 422, 'validation_failed');

      const trail = await admin.request('GET', `/api/v1/audit?action=user.&page_size=50`);
      const actions = trail.json.items.filter((e) => e.resource === `user:${id}`).map((e) => e.action);
      assert.deepEqual(actions, ['user.password', 'user.password', 'user.update', 'user.update', 'user.create']);
      assert.ok(trail.json.items.every((e) => e.action.startsWith('user.')));
    });

    test('the audit log pages and filters by actor, action and time', async () => {
      const admin = new Client(server.url);
      await admin.login(DEMO.admin);
      const all = await admin.request('GET', '/api/v1/audit?page_size=2');
      assert.equal(all.status, 200);
      assert.equal(all.json.items.length, 2);
      assert.ok(all.json.total > 2);
      assert.ok(all.json.items[0].id > all.json.items[1].id, 'newest first');
      const page2 = await admin.request('GET', '/api/v1/audit?page_size=2&page=2');
      assert.ok(page2.json.items[0].id < all.json.items[1].id);
      const logins = await admin.request('GET', `/api/v1/audit?action=auth.login&actor=${encodeURIComponent(DEMO.admin)}`);
      assert.ok(logins.json.items.length >= 1);
      assert.ok(logins.json.items.every((e) => e.action === 'auth.login' && e.actor === DEMO.admin));
      const future = await admin.request('GET', '/api/v1/audit?from=2999-01-01T00:00:00Z');
      assert.equal(future.json.total, 0);
      assertProblem(await admin.request('GET', '/api/v1/audit?from=yesterday'), 400, 'invalid_parameter');
    });

    test('logout ends the session and clears the cookie', async () => {
      const c = new Client(server.url);
      await c.login(DEMO.mentor);
      const cookie = c.cookie;
      const out = await c.request('POST', '/api/v1/auth/logout');
      assert.equal(out.status, 204);
      assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
      const replay = new Client(server.url);
      replay.cookie = cookie;
      assertProblem(await replay.request('GET', '/api/v1/auth/me'), 401, 'unauthenticated');
    });

    test('healthz answers, and metrics are for admins in Prometheus format', async () => {
      const anon = new Client(server.url);
      const h = await anon.request('GET', '/healthz');
      assert.equal(h.status, 200);
      assert.deepEqual(h.json, { status: 'ok' });
      assertProblem(await anon.request('GET', '/metrics'), 401, 'unauthenticated');
      const mentee = new Client(server.url);
      await mentee.login(DEMO.mentee);
      assertProblem(await mentee.request('GET', '/metrics'), 403, 'forbidden');
      const admin = new Client(server.url);
      await admin.login(DEMO.admin);
      const m = await admin.request('GET', '/metrics');
      assert.equal(m.status, 200);
      assert.match(m.headers.get('content-type'), /^text\/plain/);
      assert.match(m.text, /binome_http_requests_total\{route="\/api\/v1\/auth\/login",method="POST",status="200"\} \d+/);
      assert.match(m.text, /binome_http_request_duration_seconds_bucket\{route="\/healthz",method="GET",le="\+Inf"\} \d+/);
      assert.match(m.text, /binome_db_pool_connections \d+/);
    });

    test('the web application is served with content types, caching and client-side routes', async () => {
      const anon = new Client(server.url);
      const index = await anon.request('GET', '/');
      assert.equal(index.status, 200);
      assert.match(index.headers.get('content-type'), /^text\/html/);
      assert.equal(index.headers.get('cache-control'), 'no-cache');
      const route = await anon.request('GET', '/admin/users');
      assert.equal(route.status, 200);
      assert.equal(route.text, index.text, 'a client-side route gets index.html');
      const script = index.text.match(/src="(\/assets\/[^"]+\.js)"/)[1];
      const js = await anon.request('GET', script);
      assert.equal(js.status, 200);
      assert.match(js.headers.get('content-type'), /^text\/javascript/);
      assert.match(js.headers.get('cache-control'), /immutable/);
      assertProblem(await anon.request('GET', '/assets/missing.js'), 404, 'not_found');
      // A bookmarked page whose last segment looks like a file name (an employee id "J.DUPONT").
      const page = await anon.request('GET', '/directory/J.DUPONT', { headers: { accept: 'text/html,application/xhtml+xml' } });
      assert.equal(page.status, 200);
      assert.equal(page.text, index.text);
    });
  });
}
