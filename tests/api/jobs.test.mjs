// Background jobs over real HTTP. On SQLite: an HR import sent as a job answers 202 with the
// job, shows its progress while a worker runs it, then its summary; a refused file fails the
// job with its errors; a running job cancelled writes nothing; only the starter and admins see
// a job; `binome jobs list|show|cancel`. On PostgreSQL, two servers share one database: 200
// queued jobs each run exactly once, spread over both; a server killed with SIGKILL in the
// middle of a large import leaves it to the other, which completes it once, nothing
// half-written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, DEMO, DEMO_PASSWORD, freshDatabase, pgClusterUrl, run, startServer } from '../support/binome.mjs';

const HEADER = 'employee_id,first_name,last_name,email,job_title,department,grade,manager_id\n';
function extract(from, count, prefix = 'J') {
  const rows = [HEADER];
  for (let i = from; i < from + count; i += 1) {
    rows.push(`${prefix}${i},Ana,Silva${i},${prefix.toLowerCase()}${i}@jobs.example,Analyst,Risk,E,\n`);
  }
  return rows.join('');
}

async function importJob(client, body, query = 'background=true') {
  return client.request('POST', `/api/v1/employees/import?${query}`, { body, raw: true, headers: { 'content-type': 'text/csv' } });
}

// Asks for the job until `done` says so (a few tens of seconds at most); returns every answer.
async function follow(client, id, done = (job) => ['succeeded', 'failed', 'cancelled'].includes(job.status)) {
  const seen = [];
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await client.request('GET', `/api/v1/jobs/${id}`);
    assert.equal(r.status, 200, r.text);
    seen.push(r.json);
    if (done(r.json)) return seen;
    assert.ok(Date.now() < deadline, `job ${id} still ${r.json.status}: ${r.text}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function employeeTotal(client) {
  const r = await client.request('GET', '/api/v1/employees?page_size=1');
  assert.equal(r.status, 200, r.text);
  return r.json.total;
}

describe('jobs on one server (SQLite)', () => {
  let server;
  let admin;
  before(async () => {
    server = await startServer({ extraArgs: ['--job-workers', '1', '--job-lease-seconds', '5', '--import-job-bytes', '100000'] });
    admin = new Client(server.url);
    assert.equal((await admin.login(DEMO.admin)).status, 200);
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  test('a large file is imported by a worker: 202, its progress while it runs, then its summary', async () => {
    const before = await employeeTotal(admin);
    const body = extract(1, 5_000);
    assert.ok(body.length > 100_000, 'over --import-job-bytes: the server makes it a job by itself');
    const r = await importJob(admin, body, '');
    assert.equal(r.status, 202, r.text.slice(0, 300));
    assert.equal(r.headers.get('location'), `/api/v1/jobs/${r.json.id}`);
    assert.equal(r.json.kind, 'employees.import');
    assert.equal(r.json.kind_label, 'HR import');
    assert.ok(['queued', 'running'].includes(r.json.status), r.json.status);
    assert.equal(r.json.started_by, DEMO.admin);

    const seen = await follow(admin, r.json.id);
    const running = seen.filter((j) => j.status === 'running' && j.progress.total > 0);
    assert.ok(running.length > 0, `progress seen while running: ${JSON.stringify(seen.map((j) => j.progress))}`);
    assert.ok(running.every((j) => ['reading', 'checking', 'writing'].includes(j.progress.phase)));
    assert.ok(running.every((j) => j.progress.done <= j.progress.total));
    const done = seen.at(-1);
    assert.equal(done.status, 'succeeded', JSON.stringify(done.error));
    assert.equal(done.result.created, 5_000);
    assert.equal(done.progress.phase, 'done');
    assert.equal(done.attempts, 1);
    assert.equal(done.error, null);
    assert.equal(await employeeTotal(admin), before + 5_000);
  });

  test('a refused file fails its job with the errors, line by line, in the reader\'s language; nothing is written', async () => {
    const before = await employeeTotal(admin);
    const r = await importJob(admin, extract(1, 3, 'R') + 'R9,Zoé,Petit,not-an-email,Analyst,Risk,E,\n');
    assert.equal(r.status, 202, r.text);
    const done = (await follow(admin, r.json.id)).at(-1);
    assert.equal(done.status, 'failed');
    assert.equal(done.result, null);
    assert.equal(done.error.code, 'import_invalid');
    assert.equal(done.error.status, 422);
    assert.deepEqual(done.error.errors.map((e) => [e.line, e.column]), [[5, 'email']]);
    const fr = await admin.request('GET', `/api/v1/jobs/${r.json.id}`, { headers: { 'accept-language': 'fr' } });
    assert.match(fr.json.error.errors[0].message, /n’est pas une adresse e-mail valide/);
    assert.equal(fr.json.kind_label, 'import RH');
    assert.equal(await employeeTotal(admin), before);
  });

  test('a running job cancelled stops and writes nothing', async () => {
    const before = await employeeTotal(admin);
    const r = await importJob(admin, extract(1, 40_000, 'C'));
    assert.equal(r.status, 202, r.text.slice(0, 300));
    // Once it checks the rows: on SQLite it then holds the database's one writer until it ends.
    await follow(admin, r.json.id, (job) => job.status === 'running' && ['checking', 'writing'].includes(job.progress.phase));
    const c = await admin.request('POST', `/api/v1/jobs/${r.json.id}/cancel`);
    assert.equal(c.status, 200, c.text);
    assert.ok(c.json.status === 'cancelled' || c.json.cancel_requested, c.text);
    const done = (await follow(admin, r.json.id)).at(-1);
    assert.equal(done.status, 'cancelled', JSON.stringify(done));
    assert.equal(done.error.detail, 'the job was cancelled; nothing was written');
    assert.equal(await employeeTotal(admin), before);
    const again = await admin.request('POST', `/api/v1/jobs/${r.json.id}/cancel`);
    assert.equal(again.status, 409);
  });

  test('only the starter and admins see a job; the list of a mentor holds only their own', async () => {
    const r = await importJob(admin, extract(1, 2, 'V'), 'background=true&dry_run=true');
    assert.equal(r.status, 202, r.text);
    const mentor = new Client(server.url);
    assert.equal((await mentor.login(DEMO.mentor)).status, 200);
    const seen = await mentor.request('GET', `/api/v1/jobs/${r.json.id}`);
    assert.equal(seen.status, 404, seen.text);
    assert.equal(seen.json.code, 'not_found');
    assert.equal((await mentor.request('POST', `/api/v1/jobs/${r.json.id}/cancel`)).status, 404);
    const list = await mentor.request('GET', '/api/v1/jobs');
    assert.equal(list.status, 200);
    assert.equal(list.json.total, 0);
    const anonymous = new Client(server.url);
    assert.equal((await anonymous.request('GET', `/api/v1/jobs/${r.json.id}`)).status, 401);
    const all = await admin.request('GET', '/api/v1/jobs?kind=employees.import&page_size=2');
    assert.equal(all.status, 200);
    assert.ok(all.json.total >= 4);
    assert.equal(all.json.items.length, 2);
    assert.equal(all.json.items[0].id, r.json.id, 'newest first');
    assert.equal((await admin.request('GET', '/api/v1/jobs?status=finished')).status, 400);
    assert.equal((await admin.request('GET', '/api/v1/jobs/999999')).status, 404);
  });

  test('binome jobs list, show and cancel', async () => {
    const list = await run(['--db', server.db.url, 'jobs', 'list', '--status', 'failed']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`^\\d+\temployees\\.import\tfailed\t${DEMO.admin}\t`, 'm'));
    const id = Number(list.stdout.split('\t')[0]);
    const show = await run(['--db', server.db.url, 'jobs', 'show', String(id)]);
    assert.equal(show.code, 0, show.stderr);
    assert.match(show.stdout, /^job \d+: HR import$/m);
    assert.match(show.stderr, new RegExp(`^job ${id}:5: email: 'not-an-email' is not a valid email address`, 'm'));
    const json = await run(['--db', server.db.url, 'jobs', 'show', String(id), '--json']);
    assert.equal(JSON.parse(json.stdout).status, 'failed');
    const cancel = await run(['--db', server.db.url, 'jobs', 'cancel', String(id)]);
    assert.equal(cancel.code, 1);
    assert.match(cancel.stderr, /has already finished \(failed\)/);
    const missing = await run(['--db', server.db.url, 'jobs', 'show', '999999']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /there is no job 999,999/);
  });
});

describe('jobs on two servers sharing one PostgreSQL', { skip: pgClusterUrl() ? false : 'no PostgreSQL cluster' }, () => {
  let database;
  let servers;
  let admin;
  before(async () => {
    // An empty directory and one program manager: each import reads the whole directory, and
    // the demo's would only make 200 of them slower.
    database = freshDatabase('postgresql');
    assert.equal((await run(['--db', database.url, 'migrate'])).code, 0);
    const add = await run(['--db', database.url, 'user', 'add', '--email', DEMO.admin, '--name', 'Claire Morel', '--role', 'admin'], {
      input: `${DEMO_PASSWORD}\n`,
    });
    assert.equal(add.code, 0, add.stderr);
    const args = ['--job-workers', '2', '--job-lease-seconds', '2', '--job-poll-ms', '50'];
    servers = [await startServer({ database, extraArgs: args }), await startServer({ database, extraArgs: args })];
    admin = new Client(servers[0].url);
    assert.equal((await admin.login(DEMO.admin)).status, 200);
  });
  after(async () => {
    for (const s of servers) await s.stop();
    database.drop();
  });

  async function importAudits() {
    const r = await admin.request('GET', '/api/v1/audit?action=employees.import&page_size=1');
    assert.equal(r.status, 200, r.text);
    return r.json.total;
  }

  test('200 queued jobs: each runs exactly once, and both servers run some', async () => {
    const audits = await importAudits();
    const before = await employeeTotal(admin);
    const ids = [];
    for (let i = 0; i < 200; i += 1) {
      const r = await importJob(admin, extract(i, 1, 'P'));
      assert.equal(r.status, 202, r.text);
      ids.push(r.json.id);
    }
    const jobs = [];
    for (const id of ids) jobs.push((await follow(admin, id)).at(-1));
    assert.deepEqual(jobs.filter((j) => j.status !== 'succeeded').map((j) => [j.id, j.status]), []);
    assert.deepEqual(jobs.filter((j) => j.attempts !== 1).map((j) => [j.id, j.attempts]), []);
    assert.ok(jobs.every((j) => j.result.created === 1));
    const pids = new Set(jobs.map((j) => j.worker.split(':')[1]));
    assert.deepEqual([...pids].sort(), servers.map((s) => String(s.proc.pid)).sort(), 'both servers claimed jobs');
    assert.equal(await employeeTotal(admin), before + 200);
    assert.equal(await importAudits(), audits + 200, 'one import recorded per job');
  });

  test('a server killed mid-import leaves its job to the other, which completes it once', async () => {
    const audits = await importAudits();
    const before = await employeeTotal(admin);
    const rows = 30_000;
    const r = await importJob(admin, extract(1, rows, 'K'));
    assert.equal(r.status, 202, r.text.slice(0, 300));
    // Once a server has saved the job's progress past its reading, kill that server.
    const seen = await follow(admin, r.json.id, (job) => job.status === 'running' && ['checking', 'writing'].includes(job.progress.phase));
    const holder = seen.at(-1).worker.split(':')[1];
    const victim = servers.find((s) => String(s.proc.pid) === holder);
    const survivor = servers.find((s) => s !== victim);
    assert.ok(victim && survivor, `the job is held by ${seen.at(-1).worker}`);
    assert.equal(await victim.stop('SIGKILL'), 'SIGKILL');

    const watcher = new Client(survivor.url);
    assert.equal((await watcher.login(DEMO.admin)).status, 200);
    const done = (await follow(watcher, r.json.id)).at(-1);
    assert.equal(done.status, 'succeeded', JSON.stringify(done.error));
    assert.equal(done.attempts, 2);
    assert.equal(done.worker.split(':')[1], String(survivor.proc.pid));
    assert.equal(done.result.created, rows);
    admin = watcher;
    assert.equal(await employeeTotal(watcher), before + rows, 'every row once: nothing half-written, nothing twice');
    assert.equal(await importAudits(), audits + 1);
  });
});
