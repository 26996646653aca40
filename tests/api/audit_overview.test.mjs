// The audit log as people read it (sentences in their language, a search by name, the list of
// actions, the CSV export), the program manager's overview, and every problem worded in the
// reader's language, over real HTTP on SQLite and PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, DEMO, backends, startServer } from '../support/binome.mjs';

const FR = { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' };
const EN = { 'accept-language': 'en-GB' };
// Words that show an English sentence leaked into a French answer.
const ENGLISH = /\b(the|is|are|not|must|you|your|with|has|have|allowed|required)\b/i;

for (const backend of backends()) {
  describe(`audit log and overview on ${backend}`, () => {
    let server;
    let admin;
    before(async () => {
      server = await startServer({ backend });
      admin = new Client(server.url);
      await admin.login(DEMO.admin);
    });
    after(() => server.stop());

    test('entries read as sentences in the reader\'s language, with names for emails and ids', async () => {
      const created = await admin.request('POST', '/api/v1/users', {
        body: { email: 'jean.dupont@demo.example', name: 'Jean Dupont', roles: ['mentee'], password: 'jean-password-2026' },
      });
      assert.equal(created.status, 201, created.text);
      assert.equal((await admin.request('PATCH', `/api/v1/users/${created.json.id}`, { body: { active: false } })).status, 200);
      const en = await admin.request('GET', '/api/v1/audit?action=user.update&page_size=1', { headers: EN });
      assert.equal(en.status, 200, en.text);
      const [entry] = en.json.items;
      assert.equal(entry.summary, 'Claire Morel disabled the account of Jean Dupont.');
      assert.equal(entry.actor_name, 'Claire Morel');
      assert.equal(entry.action_label, 'Account changed');
      assert.equal(entry.resource, `user:${created.json.id}`, 'the codes stay, for whoever needs them');
      const fr = await admin.request('GET', '/api/v1/audit?action=user.update&page_size=1', { headers: FR });
      assert.equal(fr.json.items[0].summary, 'Claire Morel a désactivé le compte de Jean Dupont.');
      assert.equal(fr.json.items[0].action_label, 'Modification de compte');
      // The command line's own entries (the demo was created there).
      const cli = await admin.request('GET', '/api/v1/audit?actor=system&action=user.create&page_size=1', { headers: FR });
      assert.match(cli.json.items[0].summary, /^Ligne de commande \(\w+\) a créé le compte de /);
      assert.equal(cli.json.items[0].actor_name, null);
    });

    test('the actor filter finds a part of the email or of the name, accents and case ignored', async () => {
      const byName = await admin.request('GET', '/api/v1/audit?actor=CLAIRE%20mor&page_size=200');
      const byEmail = await admin.request('GET', '/api/v1/audit?actor=admin%40demo&page_size=200');
      assert.ok(byName.json.total > 0);
      assert.deepEqual(byName.json.items.map((e) => e.id), byEmail.json.items.map((e) => e.id));
      assert.ok(byName.json.items.every((e) => e.actor === DEMO.admin));
      const accents = await admin.request('GET', '/api/v1/audit?actor=h%C3%A9l%C3%A8ne&page_size=200');
      const plain = await admin.request('GET', '/api/v1/audit?actor=HELENE&page_size=200');
      assert.deepEqual(accents.json, plain.json);
      assert.equal((await admin.request('GET', '/api/v1/audit?actor=nobody-at-all')).json.total, 0);
    });

    test('the actions are listed with their names, in the reader\'s language', async () => {
      const en = await admin.request('GET', '/api/v1/audit/actions', { headers: EN });
      const fr = await admin.request('GET', '/api/v1/audit/actions', { headers: FR });
      assert.equal(en.status, 200);
      const codes = en.json.items.map((a) => a.code);
      assert.deepEqual(fr.json.items.map((a) => a.code), codes, 'the same codes, in the same order');
      for (const code of ['auth.login', 'user.update', 'employees.import', 'audit.export', 'schema.migrate']) assert.ok(codes.includes(code), code);
      assert.equal(new Set(codes).size, codes.length);
      const label = (list, code) => list.json.items.find((a) => a.code === code).label;
      assert.equal(label(en, 'employees.import'), 'HR import');
      assert.equal(label(fr, 'employees.import'), 'Import RH');
      // Every listed code filters the log.
      for (const code of codes.slice(0, 5)) {
        const r = await admin.request('GET', `/api/v1/audit?action=${code}&page_size=200`);
        assert.ok(r.json.items.every((e) => e.action === code), code);
      }
      const mentee = new Client(server.url);
      await mentee.login(DEMO.mentee);
      const refused = await mentee.request('GET', '/api/v1/audit/actions', { headers: FR });
      assert.equal(refused.status, 403);
      assert.equal(refused.json.detail, 'Vous n’avez pas le droit de faire ceci.');
    });

    test('the export is a CSV of the filtered entries, in the reader\'s language, and is itself recorded', async () => {
      // The bytes as they are (fetch's text() would drop the byte-order mark).
      const fr = await fetch(`${server.url}/api/v1/audit/export?action=user.`, { headers: { cookie: admin.cookie, ...FR } });
      assert.equal(fr.status, 200);
      assert.match(fr.headers.get('content-type'), /^text\/csv; charset=utf-8/);
      assert.match(fr.headers.get('content-disposition'), /^attachment; filename="binome-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
      const bytes = Buffer.from(await fr.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte-order mark, for Excel');
      const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
      assert.equal(lines[0], 'Date et heure (UTC);Auteur;Nom de l’auteur;Action;Ce qui s’est passé;Ressource;Résultat;Origine;Client;Détail (JSON)');
      const listed = await admin.request('GET', '/api/v1/audit?action=user.&page_size=200');
      assert.equal(lines.length - 1, listed.json.total, 'one line per entry the list shows');
      assert.ok(lines.slice(1).some((l) => l.includes('a désactivé le compte de Jean Dupont')));
      const en = await admin.request('GET', '/api/v1/audit/export?action=user.update', { headers: EN });
      assert.match(en.text, /^Time \(UTC\),Actor,Actor's name,Action,What happened,/);
      assert.match(en.text, /Claire Morel disabled the account of Jean Dupont\./);
      const recorded = await admin.request('GET', '/api/v1/audit?action=audit.export&page_size=1', { headers: EN });
      assert.match(recorded.json.items[0].summary, /^Claire Morel exported the audit log \(entries: \d+\)\.$/);
      const mentee = new Client(server.url);
      await mentee.login(DEMO.mentee);
      assert.equal((await mentee.request('GET', '/api/v1/audit/export')).status, 403);
      const bad = await admin.request('GET', '/api/v1/audit/export?from=yesterday', { headers: FR });
      assert.equal(bad.status, 400);
      assert.equal(bad.json.detail, 'Le paramètre de requête «\u202ffrom\u202f» doit être une date ou un instant ISO 8601.');
    });

    test('the overview counts accounts, the directory and says what the last import did', async () => {
      const o = await admin.request('GET', '/api/v1/overview');
      assert.equal(o.status, 200, o.text);
      assert.equal(o.json.directory.employees, 1500);
      assert.ok(o.json.directory.active > 1300 && o.json.directory.active < 1500, 'those who left the demo bank are inactive');
      assert.equal(o.json.users.by_role.admin, 1);
      assert.ok(o.json.users.total >= 4);
      // The demo's last monthly extract: that month's changes, not the whole directory.
      const last = o.json.last_import;
      assert.ok(last.created + last.updated > 0 && last.created + last.updated + last.unchanged < 200, JSON.stringify(last));
      assert.equal(o.json.last_import.actor_name, null, 'the demo was imported at the command line');
      assert.match(o.json.last_import.at, /^\d{4}-\d{2}-\d{2}T/);
      // An import through the API becomes the last one.
      const csv = 'matricule;prénom;nom;courriel;poste\r\nZ1;Zoé;Zola;zoe.zola@banque.example;Analyste\r\n';
      const r = await admin.request('POST', '/api/v1/employees/import', { body: csv, raw: true, headers: { 'content-type': 'text/csv' } });
      assert.equal(r.status, 200, r.text);
      const after = (await admin.request('GET', '/api/v1/overview')).json;
      assert.equal(after.directory.employees, 1501);
      assert.deepEqual([after.last_import.created, after.last_import.unchanged, after.last_import.actor_name], [1, 0, 'Claire Morel']);
      // Job titles are searched too.
      const analysts = await admin.request('GET', '/api/v1/employees?q=analyste&page_size=200');
      assert.ok(analysts.json.items.some((e) => e.employee_id === 'Z1'));
      assert.ok(analysts.json.items.every((e) => /analyste/i.test(e.job_title) || /analyste/i.test(`${e.first_name} ${e.last_name}`)));
      const mentee = new Client(server.url);
      await mentee.login(DEMO.mentee);
      assert.equal((await mentee.request('GET', '/api/v1/overview')).status, 403);
    });

    test('every 4xx a route can answer has a French sentence for a French reader', async () => {
      const mentee = new Client(server.url);
      await mentee.login(DEMO.mentee);
      const anonymous = new Client(server.url);
      const cases = [
        [anonymous, 'GET', '/api/v1/users', {}, 401],
        [anonymous, 'POST', '/api/v1/auth/login', { body: { email: DEMO.admin, password: 'wrong-password-here' } }, 401],
        [mentee, 'GET', '/api/v1/users', {}, 403],
        [mentee, 'GET', '/api/v1/employees', {}, 403],
        [mentee, 'POST', '/api/v1/matching/solve', { body: { mentors: [], mentees: [], scores: [] } }, 403],
        [mentee, 'GET', '/metrics', {}, 403],
        [admin, 'GET', '/api/v1/users/999999', {}, 404],
        [admin, 'GET', '/api/v1/employees/NOBODY', {}, 404],
        [admin, 'GET', '/api/v1/nothing-here', {}, 404],
        [admin, 'DELETE', '/api/v1/users', {}, 405],
        [admin, 'GET', '/api/v1/users?page=0', {}, 400],
        [admin, 'POST', '/api/v1/users', { body: '{', raw: true, headers: { 'content-type': 'application/json' } }, 400],
        [admin, 'POST', '/api/v1/users', { body: 'x', raw: true, headers: { 'content-type': 'text/plain' } }, 415],
        [admin, 'POST', '/api/v1/users', { body: { email: 'nope', name: '', roles: ['boss'], password: 'short' } }, 422],
        [admin, 'POST', '/api/v1/users', { body: { email: DEMO.mentor, name: 'X', roles: ['mentor'], password: 'long-enough-password' } }, 409],
        [admin, 'PUT', '/api/v1/grade-scale', { body: { grades: ['A', 'A'] } }, 422],
        [admin, 'POST', '/api/v1/employees/import', { body: 'a;b\r\n1;2\r\n', raw: true, headers: { 'content-type': 'text/csv' } }, 422],
        [admin, 'POST', '/api/v1/matching/solve', { body: { mentors: [{ id: 'M' }], mentees: [{ id: 'E' }], weights: {}, scores: [['M', 'X', 1]] } }, 422],
      ];
      for (const [client, method, path, options, status] of cases) {
        const r = await client.request(method, path, { ...options, headers: { ...(options.headers ?? {}), ...FR } });
        assert.equal(r.status, status, `${method} ${path}: ${r.text}`);
        assert.ok(r.json.detail, `${method} ${path} has a detail`);
        assert.doesNotMatch(r.json.detail, ENGLISH, `${method} ${path}: ${r.json.detail}`);
        for (const e of r.json.errors ?? []) assert.doesNotMatch(e.message, ENGLISH, `${method} ${path}: ${e.message}`);
        // The same answer in English for an English reader.
        const english = await client.request(method, path, { ...options, headers: { ...(options.headers ?? {}), ...EN } });
        assert.equal(english.json.code, r.json.code);
        assert.notEqual(english.json.detail, r.json.detail, `${method} ${path} is worded in both languages`);
      }
    });
  });
}
