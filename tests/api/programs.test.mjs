// Programs over HTTP, on SQLite and PostgreSQL: roles are held per program. The full matrix of
// callers (a platform admin, the manager of program A, the manager of program B, A's sponsor,
// an employee with no role) against every operation on program A: each is answered as the
// product's rules say, and a refused change changes nothing. Then the contract points: the
// command line's `program create`, naming members, the steps that check what they need, KPIs
// with their readings, the taxonomy in both languages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends, Client, DEMO_PASSWORD, run, startServer } from '../support/binome.mjs';

const PEOPLE = {
  admin: ['admin@bank.example', 'admin'],
  managerA: ['manager.a@bank.example', 'mentor'],
  managerB: ['manager.b@bank.example', 'mentor'],
  sponsorA: ['sponsor.a@bank.example', 'sponsor'],
  employee: ['employee@bank.example', 'mentee'],
};

async function createProgram(db, name) {
  const r = await run(['--db', db, 'program', 'create', '--name', name, '--starts-on', '2027-01-04', '--ends-on', '2027-06-30', '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout).id;
}

for (const backend of backends()) {
  describe(`programs (${backend})`, () => {
    let server;
    const as = {};
    const ids = {};
    let a;
    let b;

    before(async () => {
      server = await startServer({ backend, demo: false });
      for (const [key, [email, role]] of Object.entries(PEOPLE)) {
        const r = await run(['--db', server.db.url, 'user', 'add', '--email', email, '--name', key, '--role', role], { input: `${DEMO_PASSWORD}\n` });
        assert.equal(r.code, 0, r.stderr);
        ids[key] = Number(r.stdout.match(/with id (\d+)/)[1]);
        as[key] = new Client(server.url);
        assert.equal((await as[key].login(email)).status, 200);
      }
      a = await createProgram(server.db.url, 'Programme A');
      b = await createProgram(server.db.url, 'Programme B');
      for (const [program, user, role] of [[a, ids.managerA, 'manager'], [b, ids.managerB, 'manager'], [a, ids.sponsorA, 'sponsor']]) {
        const r = await as.admin.request('POST', `/api/v1/programs/${program}/members`, { body: { user_id: user, role } });
        assert.equal(r.status, 201, r.text);
        assert.equal(r.json.role, role);
      }
    });
    after(async () => server?.stop());

    // An objective and a KPI of program A, made fresh for operations that consume them.
    async function objective() {
      const r = await as.admin.request('POST', `/api/v1/programs/${a}/objectives`, { body: { title: 'Raise digital culture' } });
      assert.equal(r.status, 201, r.text);
      return r.json.id;
    }
    async function kpi() {
      const r = await as.admin.request('POST', `/api/v1/objectives/${await objective()}/kpis`,
        { body: { name: 'Mentee applications', instrument: 'applications', side: 'mentee', target: 40, due_on: '2027-02-15' } });
      assert.equal(r.status, 201, r.text);
      return r.json.id;
    }

    const MANAGERS = ['admin', 'managerA'];
    const READERS = ['admin', 'managerA', 'sponsorA'];
    const EVERYONE = Object.keys(PEOPLE);
    // [operation, who may, the status they get, the request]
    const MATRIX = [
      ['read the program', READERS, 200, (c) => c.request('GET', `/api/v1/programs/${a}`)],
      ['change its settings', MANAGERS, 200, (c) => c.request('PATCH', `/api/v1/programs/${a}`, { body: { description: 'Pilote 2027' } })],
      // Allowed, but the step lacks a call: 409, not 403.
      ['move it to its next step', MANAGERS, 409, (c) => c.request('POST', `/api/v1/programs/${a}/status`, { body: { status: 'recruiting' } })],
      ['make a new edition', ['admin'], 201, (c) => c.request('POST', `/api/v1/programs/${a}/editions`, { body: { name: 'Programme A 2028', starts_on: '2028-01-03', ends_on: '2028-06-30' } })],
      ['list its members', MANAGERS, 200, (c) => c.request('GET', `/api/v1/programs/${a}/members`)],
      ['name a sponsor', ['admin'], 201, (c) => c.request('POST', `/api/v1/programs/${a}/members`, { body: { user_id: ids.employee, role: 'sponsor' } })],
      ['remove a sponsor', ['admin'], 204, async (c) => {
        await as.admin.request('POST', `/api/v1/programs/${a}/members`, { body: { user_id: ids.managerB, role: 'sponsor' } });
        const r = await c.request('DELETE', `/api/v1/programs/${a}/members/${ids.managerB}?role=sponsor`);
        if (r.status !== 204) await as.admin.request('DELETE', `/api/v1/programs/${a}/members/${ids.managerB}?role=sponsor`);
        return r;
      }],
      ['read its skills', READERS, 200, (c) => c.request('GET', `/api/v1/programs/${a}/skills`)],
      ['choose its skills', MANAGERS, 200, (c) => c.request('PUT', `/api/v1/programs/${a}/skills`, { body: { built_in: ['digcomp.1.1', 'digcomp.4.2', 'bank.genai_data'], custom: [{ key: 'esg.reporting', label_en: 'ESG reporting', label_fr: 'Reporting ESG', direction: 'business' }] } })],
      ['read its objectives and KPIs', READERS, 200, (c) => c.request('GET', `/api/v1/programs/${a}/objectives`)],
      ['add an objective', MANAGERS, 201, (c) => c.request('POST', `/api/v1/programs/${a}/objectives`, { body: { title: 'Links between teams' } })],
      ['change an objective', MANAGERS, 200, async (c) => c.request('PATCH', `/api/v1/objectives/${await objective()}`, { body: { title: 'Renamed' } })],
      ['delete an objective', MANAGERS, 204, async (c) => c.request('DELETE', `/api/v1/objectives/${await objective()}`)],
      ['add a KPI', MANAGERS, 201, async (c) => c.request('POST', `/api/v1/objectives/${await objective()}/kpis`, { body: { name: 'Typed', instrument: 'manual', target: 10, due_on: '2027-06-30', manual_value: 3 } })],
      ['change a KPI', MANAGERS, 200, async (c) => c.request('PUT', `/api/v1/kpis/${await kpi()}`, { body: { name: 'Mentee applications', instrument: 'applications', target: 60, due_on: '2027-02-15' } })],
      ['delete a KPI', MANAGERS, 204, async (c) => c.request('DELETE', `/api/v1/kpis/${await kpi()}`)],
      ['read the taxonomy', EVERYONE, 200, (c) => c.request('GET', '/api/v1/taxonomy')],
    ];

    test('every caller gets what the rules give them on every operation, and a refusal changes nothing', async () => {
      const before = (await as.admin.request('GET', `/api/v1/programs/${a}`)).json;
      const objectivesBefore = (await as.admin.request('GET', `/api/v1/programs/${a}/objectives`)).json.items.length;
      let denied = 0;
      for (const [operation, allowed, status, send] of MATRIX) {
        for (const who of EVERYONE) {
          const r = await send(as[who]);
          const expected = allowed.includes(who) ? status : 403;
          assert.equal(r.status, expected, `${who} may${allowed.includes(who) ? '' : ' not'} ${operation}: ${r.text}`);
          if (expected === 403) {
            assert.equal(r.json.code, 'forbidden');
            denied += 1;
          }
          // The employee named sponsor by the admin's turn is removed again, for the next rows.
          if (operation === 'name a sponsor' && r.status === 201) {
            assert.equal((await as.admin.request('DELETE', `/api/v1/programs/${a}/members/${ids.employee}?role=sponsor`)).status, 204);
          }
        }
      }
      assert.ok(denied > 40);
      // Refused changes left nothing behind: the name, and only the allowed objectives added.
      const after = (await as.admin.request('GET', `/api/v1/programs/${a}`)).json;
      assert.equal(after.name, before.name);
      assert.equal(after.status, 'draft');
      const added = (await as.admin.request('GET', `/api/v1/programs/${a}/objectives`)).json.items.length - objectivesBefore;
      // Five rows make an objective of their own for every caller (change and delete an objective,
      // add, change and delete a KPI); the managers deleted theirs in one of them and added one
      // more each with 'add an objective'. The refused callers added and deleted nothing.
      assert.equal(added, EVERYONE.length * 5 - MANAGERS.length + MANAGERS.length);
      // Each refusal is in the audit log.
      const log = await as.admin.request('GET', '/api/v1/audit?outcome=denied&page_size=200');
      assert.equal(log.status, 200);
      assert.ok(log.json.items.filter((e) => e.resource === `program:${a}`).length >= 40, 'denials audited');
    });

    test('the program of another manager is not in their list, nor can they read anything of it', async () => {
      const names = async (who) => (await as[who].request('GET', '/api/v1/programs')).json.items.map((p) => p.name);
      assert.deepEqual(await names('managerB'), ['Programme B']);
      assert.deepEqual(await names('employee'), []);
      assert.ok((await names('sponsorA')).includes('Programme A'));
      assert.ok((await names('admin')).length >= 3);
      const mine = (await as.managerA.request('GET', '/api/v1/programs')).json.items.find((p) => p.id === a);
      assert.deepEqual(mine.my_roles, ['manager']);
      for (const path of [`/api/v1/programs/${b}`, `/api/v1/programs/${b}/objectives`, `/api/v1/programs/${b}/skills`, `/api/v1/programs/${b}/members`]) {
        assert.equal((await as.managerA.request('GET', path)).status, 403, path);
      }
    });

    test('a step that lacks what it needs says why, in the reader’s language', async () => {
      const r = await as.managerA.request('POST', `/api/v1/programs/${a}/status`, { body: { status: 'recruiting' }, headers: { 'accept-language': 'fr' } });
      assert.equal(r.status, 409);
      assert.match(r.json.detail, /ne peut pas encore passer à l’étape recrutement.*appel à candidatures/);
      const skip = await as.managerA.request('POST', `/api/v1/programs/${a}/status`, { body: { status: 'running' } });
      assert.equal(skip.status, 409);
      assert.match(skip.json.detail, /one step at a time: after draft comes recruiting/);
      const detail = (await as.managerA.request('GET', `/api/v1/programs/${a}`)).json;
      assert.equal(detail.next_status, 'recruiting');
      assert.deepEqual(detail.next_status_blockers, ['it needs a call for applications']);
    });

    test('bad input names every wrong field and creates nothing', async () => {
      const r = await as.admin.request('POST', '/api/v1/programs', { body: { name: '', starts_on: '2027-06-30', ends_on: '2027-01-01', time_zone: 'Nowhere/City', session_minutes: 1000 } });
      assert.equal(r.status, 422);
      assert.deepEqual(r.json.errors.map((e) => e.field).sort(), ['ends_on', 'name', 'session_minutes', 'time_zone']);
      const k = await as.admin.request('POST', `/api/v1/objectives/${await objective()}/kpis`, { body: { name: 'x', instrument: 'magic', target: 'high', due_on: '2027-01-01' } });
      assert.equal(k.status, 422);
      assert.deepEqual(k.json.errors.map((e) => e.field), ['target']);
      const member = await as.admin.request('POST', `/api/v1/programs/${a}/members`, { body: { user_id: ids.managerA, role: 'manager' } });
      assert.equal(member.status, 409);
      assert.equal((await as.admin.request('GET', `/api/v1/programs/${a}/members`)).json.items.filter((m) => m.user_id === ids.managerA).length, 1);
    });

    test('KPIs are read against their targets, and say which data will feed them', async () => {
      const o = await as.managerA.request('POST', `/api/v1/programs/${a}/objectives`, { body: { title: 'Measure from day one' } });
      const add = (body) => as.managerA.request('POST', `/api/v1/objectives/${o.json.id}/kpis`, { body });
      assert.equal((await add({ name: 'Applications', instrument: 'applications', target: 50, due_on: '2027-02-15' })).status, 201);
      assert.equal((await add({ name: 'Attendance', instrument: 'attendance_rate', target: 80, due_on: '2027-06-30' })).status, 201);
      assert.equal((await add({ name: 'Branches', instrument: 'manual', target: 10, due_on: '2027-06-30', manual_value: 12 })).status, 201);
      const list = await as.sponsorA.request('GET', `/api/v1/programs/${a}/objectives`);
      const kpis = list.json.items.find((x) => x.id === o.json.id).kpis;
      assert.deepEqual(kpis.map((k) => [k.name, k.reading.value, k.reading.state]),
        [['Applications', 0, 'in_progress'], ['Attendance', null, 'awaiting_data'], ['Branches', 12, 'met']]);
      assert.equal(kpis[1].reading.source, 'fed by the sessions once pairs meet');
      assert.equal(kpis[1].unit, '%');
    });

    test('the taxonomy has DigComp’s 21 competences and the levels 0–8, in French and English', async () => {
      const en = (await as.employee.request('GET', '/api/v1/taxonomy')).json;
      const fr = (await as.employee.request('GET', '/api/v1/taxonomy', { headers: { 'accept-language': 'fr-FR' } })).json;
      assert.equal(en.skills.filter((s) => s.key.startsWith('digcomp.')).length, 21);
      assert.equal(en.skills.find((s) => s.key === 'digcomp.3.4').label, 'Programming');
      assert.equal(fr.skills.find((s) => s.key === 'digcomp.3.4').label, 'Programmation');
      assert.ok(en.skills.some((s) => s.direction === 'business'));
      assert.deepEqual(en.levels.map((l) => l.level), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
      assert.equal(fr.levels[3].label, 'Intermédiaire (3)');
    });

    test('the command line creates programs and refuses bad ones with a clear message', async () => {
      const plain = await run(['--db', server.db.url, 'program', 'create', '--name', 'CLI', '--starts-on', '2027-03-01', '--ends-on', '2027-09-30', '--time-zone', 'Europe/Brussels']);
      assert.equal(plain.code, 0, plain.stderr);
      assert.match(plain.stdout, /^\d+\n$/);
      const created = (await as.admin.request('GET', `/api/v1/programs/${plain.stdout.trim()}`)).json;
      assert.equal(created.time_zone, 'Europe/Brussels');
      assert.equal(created.status, 'draft');
      const bad = await run(['--db', server.db.url, 'program', 'create', '--name', 'Bad', '--starts-on', '2027-03-01', '--ends-on', '2027-02-01', '--json']);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /ends_on: must come after the start date \(2027-03-01\)/);
      assert.equal(bad.stdout, '');
    });
  });
}
