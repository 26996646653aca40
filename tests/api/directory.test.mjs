// The employee directory and the HR import over real HTTP and the command line, on SQLite and
// PostgreSQL: French Excel extracts in UTF-8 and Windows-1252, all-or-nothing validation,
// idempotent re-imports, search, filters, sort, paging, reporting lines and the grade scale.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client, DEMO, backends, freshDatabase, importSummary, run, startServerWithAccounts } from '../support/binome.mjs';

// A French HR extract as Excel writes it: ';', CRLF, DD/MM/YYYY, accents, a quoted job title
// spanning two lines and a quoted field holding the delimiter.
const HEADER = "Matricule;Prénom;Nom;Adresse e-mail;Intitulé de poste;Direction;Niveau;Matricule du responsable;Date d'entrée;Localisation;Fuseau horaire;Langues;Année de naissance";
const ROWS = [
  'F001;Hélène;Dubois-Martin;helene.dubois@banque.example;Directrice générale;Direction générale;K;;01/09/1998;Paris;Europe/Paris;fr,en;1966',
  'F002;François;Lefèvre;francois.lefevre@banque.example;"Directeur des risques\r\net de la conformité";Risques;J;F001;15/03/2004;Paris;Europe/Paris;fr;1970',
  'F003;Zoé;Œuvray;zoe.oeuvray@banque.example;Analyste crédit;Risques;D;F002;02/01/2022;Lyon;Europe/Paris;fr,en,es;1999',
  'F004;Noël;Garçon;noel.garcon@banque.example;"Chargé d\'affaires; grandes entreprises";Banque de financement;F;F001;31/12/2010;Bruxelles;Europe/Brussels;fr,nl;1981',
  'F005;Yanis;Benali;yanis.benali@banque.example;Data scientist;Informatique;B;F002;01/06/2024;Londres;Europe/London;en|fr|ar;2000',
];
const utf8Extract = () => Buffer.from('\uFEFF' + [HEADER, ...ROWS].join('\r\n') + '\r\n', 'utf8');

// Windows-1252 by hand (Node has no encoder for it): the characters these rows use.
const CP1252 = { 'é': 0xe9, 'è': 0xe8, 'ç': 0xe7, 'É': 0xc9, 'ë': 0xeb, 'Œ': 0x8c, 'œ': 0x9c, "'": 0x27 };
function windows1252(text) {
  return Buffer.from([...text].map((ch) => {
    if (ch.charCodeAt(0) < 0x80) return ch.charCodeAt(0);
    if (!(ch in CP1252)) throw new Error(`no Windows-1252 byte for ${ch} in this test`);
    return CP1252[ch];
  }));
}
const cp1252Extract = () => windows1252([HEADER, ...ROWS].join('\r\n') + '\r\n');

async function importCsv(client, bytes, query = '', headers = {}) {
  return client.request('POST', `/api/v1/employees/import${query}`, { body: bytes, raw: true, headers: { 'content-type': 'text/csv', ...headers } });
}

async function directory(client) {
  const r = await client.request('GET', '/api/v1/employees?page_size=200&sort=employee_id');
  assert.equal(r.status, 200, r.text);
  return r.json;
}

const snapshots = {};

for (const backend of backends()) {
  describe(`directory on ${backend}`, () => {
    let server;
    let admin;
    before(async () => {
      ({ server, admin } = await startServerWithAccounts({ backend }));
    });
    after(async () => {
      assert.equal(await server.stop(), 0);
    });

    test('a faulty extract imports nothing and names every bad line', async () => {
      const bad = Buffer.from([
        HEADER,
        'B001;Ana;Silva;ana.silva@banque.example;Analyste;Risques;C;;01/02/2020;Paris;Europe/Paris;fr;1990',
        'B002;Luc;Morel;;Analyste;Risques;C;B001;01/02/2020;Paris;Europe/Paris;fr;1990', // line 3: no email
        'B003;Léa;Petit;lea.petit@banque.example;Analyste;Risques;C;B001;31/02/1975;Paris;Europe/Paris;fr;1990', // line 4: impossible date
        'B004;Tom;Roy;tom.roy@banque.example;Analyste;Risques;C;B999;01/02/2020;Paris;Mars/Base;fr;1990', // line 5: manager, zone
        'B001;Eve;Blanc;eve.blanc@banque.example;Analyste;Risques;C;;01/02/2020;Paris;Europe/Paris;xx;1990', // line 6: dup id, language
        'B007;Max;Roux;ana.silva@banque.example;Analyste;Risques;C;B008;01/02/2020;Paris;Europe/Paris;fr;1990', // line 7: dup email
        'B008;Ida;Roux;ida.roux@banque.example;Analyste;Risques;C;B007;01/02/2020;Paris;Europe/Paris;fr;1990', // line 8: cycle with 7
      ].join('\r\n'), 'utf8');
      const r = await importCsv(admin, bad);
      assert.equal(r.status, 422, r.text);
      assert.match(r.headers.get('content-type'), /^application\/problem\+json/);
      assert.equal(r.json.code, 'import_invalid');
      // One error path: a problem document, not a summary with counters holding an error list.
      assert.deepEqual([r.json.created, r.json.errors.length > 0], [undefined, true]);
      assert.match(r.json.detail, /nothing was imported/);
      const where = r.json.errors.map((e) => `${e.line}:${e.column}`);
      for (const expected of ['3:Adresse e-mail', "4:Date d'entrée", '5:Matricule du responsable', '5:Fuseau horaire', '6:Matricule', '6:Langues', '7:Adresse e-mail', '7:Matricule du responsable']) {
        assert.ok(where.includes(expected), `expected an error at ${expected}; got ${where.join(', ')}`);
      }
      assert.ok(r.json.errors.every((e) => e.message.length > 10));
      assert.equal((await directory(admin)).total, 0, 'nothing was written');
    });

    test('a French Excel extract (UTF-8 with BOM) imports with every character intact', async () => {
      const dry = await importCsv(admin, utf8Extract(), '?dry_run=true');
      assert.equal(dry.status, 200, dry.text);
      assert.deepEqual(importSummary(dry.json), { created: 5, updated: 0, unchanged: 0, deactivated: 0, dry_run: true, format: 'csv', delimiter: ';', encoding: 'utf-8', ignored_columns: [], changes: 5 });
      assert.equal((await directory(admin)).total, 0, 'a dry run writes nothing');

      const r = await importCsv(admin, utf8Extract());
      assert.deepEqual(importSummary(r.json), { created: 5, updated: 0, unchanged: 0, deactivated: 0, dry_run: false, format: 'csv', delimiter: ';', encoding: 'utf-8', ignored_columns: [], changes: 5 });
      const list = await directory(admin);
      assert.deepEqual(list.items.map((e) => `${e.first_name} ${e.last_name}`), ['Hélène Dubois-Martin', 'François Lefèvre', 'Zoé Œuvray', 'Noël Garçon', 'Yanis Benali']);
      const f002 = (await admin.request('GET', '/api/v1/employees/F002')).json;
      assert.equal(f002.job_title, 'Directeur des risques\r\net de la conformité');
      assert.equal(f002.hire_date, '2004-03-15');
      assert.equal(f002.manager.employee_id, 'F001');
      assert.deepEqual(f002.direct_reports.map((e) => e.employee_id).sort(), ['F003', 'F005']);
      const f004 = (await admin.request('GET', '/api/v1/employees/F004')).json;
      assert.equal(f004.job_title, "Chargé d'affaires; grandes entreprises");
      assert.deepEqual(f004.languages, ['fr', 'nl']);
      assert.equal(f004.birth_year, 1981);
      assert.equal(f004.time_zone, 'Europe/Brussels');
      assert.deepEqual((await admin.request('GET', '/api/v1/employees/F005')).json.languages, ['en', 'fr', 'ar']);
    });

    test('the same extract again, and in Windows-1252, changes nothing', async () => {
      const again = await importCsv(admin, utf8Extract());
      assert.deepEqual(importSummary(again.json), { created: 0, updated: 0, unchanged: 5, deactivated: 0, dry_run: false, format: 'csv', delimiter: ';', encoding: 'utf-8', ignored_columns: [], changes: 0 });
      const before = await directory(admin);
      const cp = await importCsv(admin, cp1252Extract());
      assert.equal(cp.status, 200, cp.text);
      assert.deepEqual(importSummary(cp.json), { created: 0, updated: 0, unchanged: 5, deactivated: 0, dry_run: false, format: 'csv', delimiter: ';', encoding: 'windows-1252', ignored_columns: [], changes: 0 });
      assert.deepEqual(await directory(admin), before);
      snapshots[backend] = before;
    });

    test('an update, a new employee and --deactivate-missing are counted', async () => {
      const rows = [ROWS[0], ROWS[1].replace('Risques;J', 'Risques;K'), 'F006;Inès;Haddad;ines.haddad@banque.example;Juriste;Conformité;E;F001;04/05/2021;Paris;Europe/Paris;fr,ar;1995'];
      const r = await importCsv(admin, Buffer.from([HEADER, ...rows].join('\r\n'), 'utf8'), '?deactivate_missing=true');
      assert.deepEqual(importSummary(r.json), { created: 1, updated: 1, unchanged: 1, deactivated: 3, dry_run: false, format: 'csv', delimiter: ';', encoding: 'utf-8', ignored_columns: [], changes: 5 });
      const inactive = await admin.request('GET', '/api/v1/employees?active=false&sort=employee_id');
      assert.deepEqual(inactive.json.items.map((e) => e.employee_id), ['F003', 'F004', 'F005']);
      // Back to the original file: the three come back, F002's grade returns, F006 stays (and stays active).
      const back = await importCsv(admin, utf8Extract());
      assert.deepEqual(importSummary(back.json), { created: 0, updated: 4, unchanged: 1, deactivated: 0, dry_run: false, format: 'csv', delimiter: ';', encoding: 'utf-8', ignored_columns: [], changes: 4 });
    });

    test('search ignores case and accents; filters, sort and paging', async () => {
      const q = async (query) => (await admin.request('GET', `/api/v1/employees?${query}`)).json;
      assert.deepEqual((await q('q=helene')).items.map((e) => e.employee_id), ['F001']);
      assert.deepEqual((await q('q=OEUVRAY')).items.map((e) => e.employee_id), ['F003']);
      assert.deepEqual((await q('q=F00&department=Risques&sort=employee_id')).items.map((e) => e.employee_id), ['F002', 'F003']);
      assert.deepEqual((await q('site=Paris&sort=-hire_date')).items.map((e) => e.employee_id), ['F006', 'F002', 'F001']);
      assert.deepEqual((await q('sort=grade')).items.map((e) => e.grade), ['B', 'D', 'E', 'F', 'J', 'K']);
      const page = await q('sort=last_name&page=2&page_size=2');
      assert.equal(page.total, 6);
      assert.deepEqual(page.items.map((e) => e.last_name), ['Garçon', 'Haddad']);
      const facets = (await admin.request('GET', '/api/v1/employees/facets')).json;
      assert.deepEqual(facets.sites, ['Bruxelles', 'Londres', 'Lyon', 'Paris']);
      assert.deepEqual(facets.grades, ['B', 'D', 'E', 'F', 'J', 'K']);
      const bad = await admin.request('GET', '/api/v1/employees?sort=salary');
      assert.equal(bad.status, 400);
      assert.equal(bad.json.code, 'invalid_parameter');
      assert.equal((await admin.request('GET', '/api/v1/employees/NOPE')).status, 404);
    });

    test('a custom grade scale orders grades and is enforced at import', async () => {
      const bad = await admin.request('PUT', '/api/v1/grade-scale', { body: { grades: ['B', 'D'] } });
      assert.equal(bad.status, 422);
      assert.match(bad.json.detail, /'E'/);
      const scale = ['K', 'J', 'F', 'E', 'D', 'B'];  // this bank ranks K lowest
      const ok = await admin.request('PUT', '/api/v1/grade-scale', { body: { grades: scale } });
      assert.equal(ok.status, 200, ok.text);
      assert.deepEqual(ok.json, { grades: scale, custom: true });
      const sorted = (await admin.request('GET', '/api/v1/employees?sort=grade')).json.items.map((e) => e.grade);
      assert.deepEqual(sorted, scale);
      const offScale = Buffer.from([HEADER, 'F009;Max;Klein;max.klein@banque.example;Stagiaire;Risques;Z;F001;01/01/2025;Paris;Europe/Paris;de;2003'].join('\r\n'));
      const r = await importCsv(admin, offScale);
      assert.equal(r.status, 422);
      assert.deepEqual(r.json.errors.map((e) => [e.line, e.column]), [[2, 'Niveau']]);
    });

    test('only program managers reach the directory; imports need text/csv and the CSRF header', async () => {
      const mentee = new Client(server.url);
      await mentee.login(DEMO.mentee);
      for (const [method, path] of [['GET', '/api/v1/employees'], ['GET', '/api/v1/employees/F001'], ['GET', '/api/v1/employees/facets'], ['GET', '/api/v1/grade-scale']]) {
        assert.equal((await mentee.request(method, path)).status, 403, path);
      }
      assert.equal((await importCsv(mentee, utf8Extract())).status, 403);
      assert.equal((await new Client(server.url).request('GET', '/api/v1/employees')).status, 401);
      const noCsrf = await admin.request('POST', '/api/v1/employees/import', { body: utf8Extract(), raw: true, headers: { 'content-type': 'text/csv', 'x-csrf-token': '' } });
      assert.equal(noCsrf.status, 403);
      const json = await admin.request('POST', '/api/v1/employees/import', { body: {} });
      assert.equal(json.status, 415);
      assert.equal((await importCsv(admin, utf8Extract(), '?encoding=latin9')).status, 400);
      const audit = await admin.request('GET', '/api/v1/audit?action=employees.import');
      assert.ok(audit.json.items.some((e) => e.outcome === 'success' && e.detail.created === '5'));
      assert.ok(audit.json.items.some((e) => e.outcome === 'failure'));
    });

    test('emails may change hands in one file: a swap, and a newcomer taking an address just freed', async () => {
      const header = 'matricule;prénom;nom;courriel;niveau';
      const rows = [
        'F001;Hélène;Dubois-Martin;francois.lefevre@banque.example;K',
        'F002;François;Lefèvre;helene.dubois@banque.example;J',
        'F003;Zoé;Œuvray;zoe.o@banque.example;D',
        'F011;Léon;Nouveau;zoe.oeuvray@banque.example;D',
      ];
      const r = await importCsv(admin, Buffer.from([header, ...rows].join('\r\n'), 'utf8'));
      assert.equal(r.status, 200, r.text);
      assert.deepEqual([r.json.created, r.json.updated], [1, 3]);
      const email = async (id) => (await admin.request('GET', `/api/v1/employees/${id}`)).json.email;
      assert.equal(await email('F001'), 'francois.lefevre@banque.example');
      assert.equal(await email('F002'), 'helene.dubois@banque.example');
      assert.equal(await email('F011'), 'zoe.oeuvray@banque.example');
    });

    test('a file of 20,000 bad lines: the first 500 listed by line, how many of each kind, a small answer, in French', async () => {
      const before = (await directory(admin)).total;
      const lines = ['Matricule;Prénom;Nom;Adresse e-mail', 'X0;Ana;Silva;ana@banque.example;trop'];
      for (let i = 1; i < 20_000; i += 1) lines.push(`X${i};Ana;Silva;pas-un-email-${i}`);
      const r = await importCsv(admin, Buffer.from(lines.join('\n'), 'utf8'), '', { 'accept-language': 'fr' });
      assert.equal(r.status, 422, r.text.slice(0, 500));
      assert.ok(r.text.length < 200_000, `answer of ${r.text.length} bytes`);
      // Line 2 has a field too many, which the reading refuses before any field is checked.
      assert.equal(r.json.error_count, undefined);
      assert.deepEqual(r.json.errors.map((e) => e.line), [2]);

      lines[1] = 'X0;Ana;Silva;ana@banque.example';
      const many = await importCsv(admin, Buffer.from(lines.join('\n'), 'utf8'), '', { 'accept-language': 'fr' });
      assert.equal(many.status, 422, many.text.slice(0, 500));
      assert.ok(many.text.length < 200_000, `answer of ${many.text.length} bytes`);
      assert.equal(many.json.error_count, 19_999);
      assert.match(many.json.detail, /19\u202f999|19\u00a0999|19 999/);
      const listed = many.json.errors.filter((e) => e.line > 0);
      assert.equal(listed.length, 500);
      assert.deepEqual([listed[0].line, listed.at(-1).line], [3, 502]);
      assert.match(listed[0].message, /«\u202fpas-un-email-1\u202f»/);
      const kinds = many.json.errors.filter((e) => !(e.line > 0));
      assert.equal(kinds.length, 1);
      assert.equal(kinds[0].column, 'Adresse e-mail');
      assert.match(kinds[0].message, /^19.999 erreurs de ce type en tout\u202f; la première, ligne 3\u202f: «\u202fpas-un-email-1\u202f»/);
      assert.equal((await directory(admin)).total, before, 'nothing was written');
    });

    test('an extract larger than the general body limit imports (8,000 rows, about 1.3 MB)', async () => {
      const csv = await run(['demo', 'hr-csv', '--rows', '8000']);
      assert.ok(csv.stdout.length > 1024 * 1024);
      await admin.request('PUT', '/api/v1/grade-scale', { body: { grades: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K'] } });
      // In the request (a file this size is otherwise a background job: jobs.test.mjs).
      const r = await importCsv(admin, Buffer.from(csv.stdout, 'utf8'), '?dry_run=true&background=false');
      assert.equal(r.status, 200, r.text.slice(0, 500));
      assert.equal(r.json.created, 8000);
    });
  });
}

test('SQLite and PostgreSQL hold the same directory after the same imports', { skip: backends().length < 2 }, () => {
  assert.deepEqual(snapshots.sqlite, snapshots.postgresql);
  assert.equal(snapshots.sqlite.total, 5);
});

test('the command line imports, reports errors as FILE:LINE and writes JSON summaries', async () => {
  const db = freshDatabase('sqlite');
  try {
    const file = join(db.dir, 'extract.csv');
    writeFileSync(file, cp1252Extract());
    const dry = await run(['--db', db.url, 'demo']); // accounts and the demo bank: 1500 employees
    assert.equal(dry.code, 0, dry.stderr);
    const first = await run(['--db', db.url, 'import', 'employees', file, '--encoding', 'windows-1252', '--delimiter', ';']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /5 created, 0 updated, 0 unchanged, 0 deactivated \(windows-1252, ';'\)/);
    const again = await run(['--db', db.url, 'import', 'employees', file, '--json']);
    assert.deepEqual(importSummary(JSON.parse(again.stdout)), { created: 0, updated: 0, unchanged: 5, deactivated: 0, dry_run: false, format: 'csv', delimiter: ';', encoding: 'windows-1252', ignored_columns: [], changes: 0 });

    const mapped = join(db.dir, 'mapped.csv');
    writeFileSync(mapped, 'Code salarié,Given,Family,Mail,Service RH\nM1,Ada,Lovelace,ada@banque.example,Informatique\n');
    const mapping = join(db.dir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ 'Code salarié': 'employee_id', Given: 'first_name', Family: 'last_name', 'Service RH': 'ignore' }));
    const m = await run(['--db', db.url, 'import', 'employees', mapped, '--mapping', mapping, '--dry-run']);
    assert.equal(m.code, 0, m.stderr);
    assert.match(m.stdout, /1 created.*dry run, nothing written/);

    const bad = join(db.dir, 'bad.csv');
    writeFileSync(bad, 'matricule;prénom;nom;courriel\r\nX1;A;B;not-an-email\r\nX2;C;D;\r\n');
    const r = await run(['--db', db.url, 'import', 'employees', bad]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.csv:2: courriel: 'not-an-email' is not a valid email address/);
    assert.match(r.stderr, /bad\.csv:3: courriel: a value is required/);
    assert.match(r.stderr, /2 error\(s\); nothing was imported/);
    const missing = await run(['--db', db.url, 'import', 'employees', join(db.dir, 'nope.csv')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read .*nope\.csv/);
    // In French for a French operator.
    const fr = await run(['--db', db.url, 'import', 'employees', bad], { env: { LANG: 'fr_FR.UTF-8', LC_ALL: '' } });
    assert.match(fr.stderr, /bad\.csv:2: courriel: «\u202fnot-an-email\u202f» n’est pas une adresse e-mail valide/);
    assert.match(fr.stderr, /erreurs\u202f: 2\u202f; rien n’a été importé/);

    // A database of the previous version, whose search texts lacked job titles: migrating
    // recomputes them (the folding is done in C++, not in SQL).
    const path = db.url.replace(/^sqlite:/, '');
    execFileSync('sqlite3', [path, [
      "UPDATE employees SET search_text = lower(first_name || ' ' || last_name)",
      'DELETE FROM schema_version WHERE version >= 3', // and what 0004 did:
      'DROP INDEX employees_by_grade', 'DROP INDEX employees_by_sort_name', 'CREATE INDEX employees_by_sort_name ON employees (sort_name)',
      'DROP TABLE employees_search', // and what 0005 did
      'DROP TRIGGER employees_search_insert', 'DROP TRIGGER employees_search_delete', 'DROP TRIGGER employees_search_update',
      'DROP TABLE employee_changes', 'DROP TABLE directory_imports', // and what 0006 did
      'DROP TABLE jobs', // and 0007
      'DROP TABLE outbox', 'DROP TABLE account_links', 'DROP INDEX users_by_employee', // and 0008
      'ALTER TABLE users DROP COLUMN employee_ref',
      'DROP TABLE kpis', 'DROP TABLE objectives', 'DROP TABLE program_skills', 'DROP TABLE program_members', 'DROP TABLE programs', // and 0009
    ].join('; ')]);
    const byTitle = () => run(['--db', db.url, 'user', 'list']);  // any command checks the schema first
    assert.match((await byTitle()).stderr, /run `binome --db .* migrate` first/);
    const migrated = await run(['--db', db.url, 'migrate']);
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /migrated from schema version 2 to 9/);
    const rows = execFileSync('sqlite3', [path, "SELECT COUNT(*) FROM employees WHERE search_text LIKE '%conseiller clientele%'"]).toString().trim();
    assert.ok(Number(rows) > 0, 'the job titles are in the search text again');
  } finally {
    db.drop();
  }
});
