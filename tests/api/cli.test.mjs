// The command line: accounts, tokens, migrations, --db placement and the audit chain's
// tamper detection, on SQLite and on PostgreSQL.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Client, backends, freshDatabase, run, startServer } from '../support/binome.mjs';

function sql(db, backend, statement) {
  if (backend === 'sqlite') return execFileSync('sqlite3', [db.url.slice('sqlite:'.length), statement]).toString();
  return execFileSync('psql', [db.url, '-qAt', '-c', statement]).toString();
}

for (const backend of backends()) {
  describe(`command line on ${backend}`, () => {
    test('--db goes before or after the command, or comes from BINOME_DB', async () => {
      const db = freshDatabase(backend);
      try {
        assert.match((await run(['--db', db.url, 'migrate'])).stdout, /migrated from schema version 0 to \d+/);
        assert.match((await run(['migrate', '--db', db.url])).stdout, /up to date/);
        assert.equal((await run(['user', 'list'], { env: { BINOME_DB: db.url } })).code, 0);
      } finally {
        db.drop();
      }
    });

    test('user add reads the password from stdin and enforces the rules', async () => {
      const db = freshDatabase(backend);
      try {
        await run(['--db', db.url, 'migrate']);
        const add = (email, password, ...roles) =>
          run(['--db', db.url, 'user', 'add', '--email', email, '--name', 'Élodie Marchand', ...roles.flatMap((r) => ['--role', r])], { input: password + '\n' });
        const ok = await add('elodie@bank.example', 'correct horse battery', 'mentor', 'mentee');
        assert.equal(ok.code, 0, ok.stderr);
        const short = await add('short@bank.example', 'elevenchars', 'mentor');
        assert.equal(short.code, 1);
        assert.match(short.stderr, /password: must have at least 12 characters/);
        const dup = await add('ELODIE@bank.example', 'correct horse battery', 'mentor');
        assert.equal(dup.code, 1);
        assert.match(dup.stderr, /already exists/);
        const role = await add('x@bank.example', 'correct horse battery', 'ceo');
        assert.equal(role.code, 1);
        assert.match(role.stderr, /unknown role 'ceo'/);
        const list = await run(['--db', db.url, 'user', 'list', '--json']);
        const users = list.stdout.trim().split('\n').map((l) => JSON.parse(l));
        assert.deepEqual(users.map((u) => [u.email, u.name, u.roles]), [['elodie@bank.example', 'Élodie Marchand', ['mentor', 'mentee']]]);
      } finally {
        db.drop();
      }
    });

    test('a command on a database that was never migrated says what to do', async () => {
      const db = freshDatabase(backend);
      try {
        const r = await run(['--db', db.url, 'user', 'list']);
        assert.equal(r.code, 1);
        assert.match(r.stderr, /migrate/);
      } finally {
        db.drop();
      }
    });

    test('API tokens: created once, used as Bearer without CSRF, revoked', async () => {
      const server = await startServer({ backend });
      try {
        const created = await run(['--db', server.db.url, 'token', 'create', '--email', 'admin@demo.example', '--name', 'reporting']);
        assert.equal(created.code, 0, created.stderr);
        const token = created.stdout.trim();
        assert.match(token, /^bnm_[\w-]{40,}$/);
        const c = new Client(server.url);
        const headers = { authorization: `Bearer ${token}` };
        assert.equal((await c.request('GET', '/api/v1/users', { headers })).status, 200);
        const post = await c.request('POST', '/api/v1/users', {
          headers,
          body: { email: 'via-token@demo.example', name: 'Via Token', roles: ['mentee'], password: 'token-made-password' },
        });
        assert.equal(post.status, 201, post.text);
        // A token cannot "log out": told so (in the reader's language), and it still works.
        const logout = await c.request('POST', '/api/v1/auth/logout', { headers: { ...headers, 'accept-language': 'fr' } });
        assert.equal(logout.status, 400, logout.text);
        assert.match(logout.json.detail, /jeton d’API/);
        assert.equal((await c.request('GET', '/api/v1/users', { headers })).status, 200);
        const list = await run(['--db', server.db.url, 'token', 'list']);
        assert.match(list.stdout, /reporting\s+created .*active/);
        assert.doesNotMatch(list.stdout, new RegExp(token));
        const id = list.stdout.split('\t')[0];
        assert.equal((await run(['--db', server.db.url, 'token', 'revoke', '--id', id])).code, 0);
        assert.equal((await c.request('GET', '/api/v1/users', { headers })).status, 401);
      } finally {
        await server.stop();
      }
    });

    test('user disable ends the sessions of that user at once', async () => {
      const server = await startServer({ backend });
      try {
        const mentor = new Client(server.url);
        await mentor.login('mentor@demo.example');
        assert.equal((await mentor.request('GET', '/api/v1/auth/me')).status, 200);
        const r = await run(['--db', server.db.url, 'user', 'disable', '--email', 'mentor@demo.example']);
        assert.equal(r.code, 0, r.stderr);
        assert.equal((await mentor.request('GET', '/api/v1/auth/me')).status, 401);
      } finally {
        await server.stop();
      }
    });

    test('audit verify passes on an intact log and names the entry edited in the database', async () => {
      const db = freshDatabase(backend);
      try {
        assert.equal((await run(['--db', db.url, 'demo'])).code, 0);
        const ok = await run(['--db', db.url, 'audit', 'verify']);
        assert.equal(ok.code, 0);
        // migrate, 4 accounts, the grade scale, the directory's 25 monthly imports, and (where
        // links can be made: SQLite's secret is beside its file) 3 employees invited by link, and
        // the demo program: created, its manager and sponsor named, its skills, 2 objectives, 4 KPIs
        assert.match(ok.stdout, new RegExp(`intact: ${backend === 'sqlite' ? 44 : 41} entries verified`));
        // The table refuses edits; someone with the database in hand can drop that guard.
        assert.throws(() => sql(db, backend, "UPDATE audit_log SET actor = 'mallory' WHERE id = 3"));
        sql(db, backend, backend === 'sqlite' ? 'DROP TRIGGER audit_log_no_update' : 'DROP TRIGGER audit_log_no_change ON audit_log');
        sql(db, backend, "UPDATE audit_log SET actor = 'mallory' WHERE id = 3");
        const bad = await run(['--db', db.url, 'audit', 'verify']);
        assert.equal(bad.code, 1);
        assert.match(bad.stderr, /broken at entry 3/);
      } finally {
        db.drop();
      }
    });
  });
}

test('a malformed or unreachable database URL gets a clear error and exit code 3', async () => {
  const bad = await run(['--db', 'mysql://x', 'migrate']);
  assert.equal(bad.code, 3);
  assert.match(bad.stderr, /unsupported database URL 'mysql:\/\/x'/);
  const down = await run(['--db', 'postgresql://u:secret@127.0.0.1:1/none', 'migrate']);
  assert.equal(down.code, 3);
  assert.match(down.stderr, /cannot connect to PostgreSQL/);
  assert.doesNotMatch(down.stderr, /secret/, 'the password is never printed');
});
