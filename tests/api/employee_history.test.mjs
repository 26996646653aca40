// The directory's history over real HTTP and the command line, on SQLite and PostgreSQL: an
// import records each field it changed with its effective date, a re-import records nothing,
// a deactivation is a leave; GET /api/v1/employees/{id}/history pages it newest first and
// refuses who may not read the employee; `binome employees history`; the demo's two years.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, DEMO, backends, freshDatabase, run, startServerWithAccounts } from '../support/binome.mjs';

const HEADER = 'matricule;prénom;nom;courriel;niveau;direction';
const extract = (grades) =>
  [HEADER, ...grades.map((g, i) => `H00${i + 1};Zoé${i};Œuvray;h${i + 1}@banque.example;${g};Risques`)].join('\r\n') + '\r\n';

const EN = { 'accept-language': 'en' };
const FR = { 'accept-language': 'fr' };

function importCsv(client, text, query = '', headers = {}) {
  return client.request('POST', `/api/v1/employees/import${query}`, { body: text, raw: true, headers: { 'content-type': 'text/csv', ...headers } });
}

for (const backend of backends()) {
  describe(`the directory's history on ${backend}`, () => {
    let server;
    let admin;
    before(async () => {
      ({ server, admin } = await startServerWithAccounts({ backend }));
    });
    after(async () => {
      assert.equal(await server.stop(), 0);
    });

    test('three grade changes are recorded with their effective date, a re-import records none', async () => {
      const first = await importCsv(admin, extract(['A', 'B', 'C', 'D']), '?effective_date=2026-01-01&file_name=rh-janvier.csv');
      assert.equal(first.status, 200, first.text);
      assert.equal(first.json.changes, 4, 'one hire each');
      const promoted = extract(['B', 'B', 'D', 'E']);
      const r = await importCsv(admin, promoted, '?effective_date=2026-03-01');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual([r.json.updated, r.json.changes, r.json.effective_date], [3, 3, '2026-03-01']);
      assert.ok(Number.isInteger(r.json.import_id) && r.json.import_id > first.json.import_id);

      const grades = {};
      for (const id of ['H001', 'H002', 'H003', 'H004']) {
        const h = await admin.request('GET', `/api/v1/employees/${id}/history`);
        assert.equal(h.status, 200, h.text);
        grades[id] = h.json.items.filter((c) => c.kind === 'changed').map((c) => [c.field, c.old, c.new, c.effective_date, c.import_id]);
        const joined = h.json.items.at(-1);
        assert.deepEqual([joined.kind, joined.field, joined.old, joined.new, joined.effective_date], ['joined', null, null, null, '2026-01-01']);
        assert.match(joined.recorded_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      }
      const id = r.json.import_id;
      assert.deepEqual(grades, {
        H001: [['grade', 'A', 'B', '2026-03-01', id]],
        H002: [],
        H003: [['grade', 'C', 'D', '2026-03-01', id]],
        H004: [['grade', 'D', 'E', '2026-03-01', id]],
      });

      const again = await importCsv(admin, promoted, '?effective_date=2026-04-01');
      assert.equal(again.status, 200, again.text);
      assert.deepEqual([again.json.unchanged, again.json.changes], [4, 0]);
      assert.equal((await admin.request('GET', '/api/v1/employees/H001/history')).json.total, 2, 'nothing more recorded');
    });

    test('a deactivation is a leave; the history is paged newest first', async () => {
      const r = await importCsv(admin, extract(['B', 'B', 'D']), '?effective_date=2026-05-01&deactivate_missing=true');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.deactivated, 1);
      const h = await admin.request('GET', '/api/v1/employees/H004/history?page_size=1');
      assert.equal(h.status, 200, h.text);
      assert.equal(h.json.total, 3);
      assert.deepEqual(h.json.items.map((c) => [c.kind, c.field, c.old, c.new, c.effective_date]), [['left', 'active', 'true', 'false', '2026-05-01']]);
      const second = await admin.request('GET', '/api/v1/employees/H004/history?page_size=1&page=2');
      assert.deepEqual(second.json.items.map((c) => [c.kind, c.effective_date]), [['changed', '2026-03-01']]);
    });

    test('only who may read the employee reads the history; an unknown id is a 404; a bad date a 400', async () => {
      const mentee = new Client(server.url);
      assert.equal((await mentee.login(DEMO.mentee)).status, 200);
      const refused = await mentee.request('GET', '/api/v1/employees/H001/history');
      assert.equal(refused.status, 403);
      assert.equal(refused.json.code, 'forbidden');
      const anonymous = await new Client(server.url).request('GET', '/api/v1/employees/H001/history');
      assert.equal(anonymous.status, 401);
      const unknown = await admin.request('GET', '/api/v1/employees/NOPE/history', { headers: EN });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.json.detail, "No employee has the id 'NOPE'.");

      for (const [headers, says] of [
        [EN, "Query parameter 'effective_date' must be a date written YYYY-MM-DD (such as 2026-03-31)."],
        [FR, 'Le paramètre de requête «\u202feffective_date\u202f» doit être une date écrite AAAA-MM-JJ (comme 2026-03-31).'],
      ]) {
        const bad = await importCsv(admin, extract(['A']), '?effective_date=31/03/2026', headers);
        assert.equal(bad.status, 400, bad.text);
        assert.equal(bad.json.code, 'invalid_parameter');
        assert.equal(bad.json.detail, says);
        assert.equal(bad.json.errors[0].field, 'effective_date');
      }
      const badName = await importCsv(admin, extract(['A']), `?file_name=${'x'.repeat(256)}`);
      assert.equal(badName.status, 400, badName.text);
      assert.equal(badName.json.errors[0].field, 'file_name');
      assert.equal((await admin.request('GET', '/api/v1/employees/H001/history')).json.total, 2, 'refused imports record nothing');
    });
  });
}

test('the command line imports with --effective-date and prints a history', async () => {
  const db = freshDatabase('sqlite');
  try {
    const file = join(db.dir, 'extract.csv');
    writeFileSync(file, extract(['A', 'B']));
    assert.equal((await run(['--db', db.url, 'migrate'])).code, 0);
    const first = await run(['--db', db.url, 'import', 'employees', file, '--effective-date', '2025-12-31', '--json']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(JSON.parse(first.stdout).effective_date, '2025-12-31');
    writeFileSync(file, extract(['C', 'B']));
    assert.equal((await run(['--db', db.url, 'import', 'employees', file, '--effective-date', '2026-02-01'])).code, 0);

    const text = await run(['--db', db.url, 'employees', 'history', 'H001']);
    assert.equal(text.code, 0, text.stderr);
    assert.deepEqual(text.stdout.trim().split('\n').map((l) => l.split('\t').slice(0, 3)), [
      ['2026-02-01', 'changed', "grade 'A' -> 'C'"],
      ['2025-12-31', 'joined', ''],
    ]);
    const json = await run(['--db', db.url, 'employees', 'history', 'H001', '--json']);
    const lines = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((c) => [c.kind, c.field, c.old, c.new, c.effective_date]), [
      ['changed', 'grade', 'A', 'C', '2026-02-01'],
      ['joined', null, null, null, '2025-12-31'],
    ]);

    const bad = await run(['--db', db.url, 'import', 'employees', file, '--effective-date', '2026-02-30']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /effective_date: the effective date '2026-02-30' is not a date written YYYY-MM-DD/);
    const fr = await run(['--db', db.url, 'import', 'employees', file, '--effective-date', 'hier'], { env: { LANG: 'fr_FR.UTF-8', LC_ALL: '' } });
    assert.match(fr.stderr, /effective_date\u202f?: la date d’effet «\u202fhier\u202f» n’est pas une date écrite AAAA-MM-JJ/);
    const unknown = await run(['--db', db.url, 'employees', 'history', 'NOPE']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No employee has the id 'NOPE'/);
  } finally {
    db.drop();
  }
});

test('the demo has two years of history: hires, promotions, moves and leavers', async () => {
  const db = freshDatabase('sqlite');
  try {
    const demo = await run(['--db', db.url, 'demo']);
    assert.equal(demo.code, 0, demo.stderr);
    const path = db.url.replace(/^sqlite:/, '');
    const rows = (sql) => execFileSync('sqlite3', [path, sql]).toString().trim().split('\n');
    const [imports, first, last] = rows('SELECT COUNT(*), MIN(effective_date), MAX(effective_date) FROM directory_imports')[0].split('|');
    assert.deepEqual([imports, first, last], ['25', '2024-11-01', '2026-11-01']);
    const kinds = Object.fromEntries(
      rows("SELECT COALESCE(field, kind), COUNT(*) FROM employee_changes WHERE effective_date > '2024-11-01' GROUP BY 1").map((l) => l.split('|')).map(([k, n]) => [k, Number(n)]),
    );
    for (const field of ['joined', 'grade', 'department', 'site', 'manager_id', 'active']) {
      assert.ok(kinds[field] >= 20, `${field}: ${kinds[field]} changes over two years`);
    }
  } finally {
    db.drop();
  }
});
