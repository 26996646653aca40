// Starts a real `binome` server for API and browser tests: a fresh database (SQLite in a
// temporary folder, or a new database in the PostgreSQL test cluster), the demo accounts,
// and a free loopback port chosen by the server itself.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const BINOME = process.env.BINOME_BIN ?? new URL('../../build/debug/binome', import.meta.url).pathname;
export const WEB_DIR = process.env.BINOME_WEB_DIR ?? new URL('../../web/dist', import.meta.url).pathname;
export const DEMO_PASSWORD = 'demo-password-2026';
export const DEMO = {
  admin: 'admin@demo.example',
  mentor: 'mentor@demo.example',
  mentee: 'mentee@demo.example',
  sponsor: 'sponsor@demo.example',
};

/** The URL of the PostgreSQL test cluster that the CTest fixture started, if any. */
export function pgClusterUrl() {
  if (process.env.BINOME_TEST_PG_URL) return process.env.BINOME_TEST_PG_URL;
  const file = process.env.BINOME_TEST_PG_URL_FILE;
  return file && existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

/** The database backends to run a suite against: SQLite always, PostgreSQL when a cluster runs. */
export function backends() {
  return pgClusterUrl() ? ['sqlite', 'postgresql'] : ['sqlite'];
}

let pgCounter = 0;
/** A database URL for a fresh, empty database of the given backend, and a function that drops it. */
export function freshDatabase(backend) {
  if (backend === 'postgresql') {
    const base = pgClusterUrl(); // postgresql://postgres@127.0.0.1:PORT/postgres
    const name = `t_${process.pid}_${Date.now()}_${pgCounter++}`;
    execFileSync('psql', [base, '-qAt', '-c', `CREATE DATABASE ${name}`]);
    const url = base.replace(/\/[^/]*$/, `/${name}`);
    return { url, drop: () => execFileSync('psql', [base, '-qAt', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'binome-test-'));
  return { url: `sqlite:${join(dir, 'test.db')}`, dir, drop: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs a binome command to completion; returns {code, stdout, stderr}. The command line speaks
 * the operator's language (LC_ALL, LC_MESSAGES, LANG): English here unless `env` says otherwise.
 */
export function run(args, { input = '', env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(BINOME, args, { env: { ...process.env, LC_ALL: 'C.UTF-8', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/**
 * Starts `binome serve` on a fresh database filled by `binome demo`, or on `database` (from
 * freshDatabase, which several servers may share: then the caller fills and drops it).
 * Returns {url, db, proc, logs, stop(signal)}; stop resolves to the exit code.
 */
// `fileLimit`: the server runs under `ulimit -n fileLimit` (its limits derived from it are
// reached in a second, not after tens of thousands of connections).
export async function startServer({ backend = 'sqlite', demo = true, extraArgs = [], fileLimit = 0, env = {}, database = null } = {}) {
  const db = database ?? freshDatabase(backend);
  if (demo && !database) {
    const r = await run(['--db', db.url, 'demo']);
    if (r.code !== 0) throw new Error(`binome demo failed: ${r.stderr}`);
  }
  const args = ['--db', db.url, 'serve', '--listen', '127.0.0.1:0', '--web', WEB_DIR, ...extraArgs];
  // SQLite keeps the link secret beside its database; a PostgreSQL server is given one.
  if (db.url.startsWith('postgresql') && !extraArgs.includes('--secret-file')) {
    args.push('--secret-file', join(mkdtempSync(join(tmpdir(), 'binome-secret-')), 'link.secret'));
  }
  const options = { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } };
  const proc = fileLimit
    ? spawn('/bin/sh', ['-c', `ulimit -n ${fileLimit} && exec "$0" "$@"`, BINOME, ...args], options)
    : spawn(BINOME, args, options);
  const logs = [];
  createInterface({ input: proc.stderr }).on('line', (l) => logs.push(l));
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve(code ?? signal)));
  const url = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout });
    lines.on('line', (line) => {
      const m = line.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    exited.then((code) => reject(new Error(`binome serve exited with ${code}: ${logs.join('\n')}`)));
  });
  return {
    url,
    db,
    proc,
    logs,
    exited,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      const code = await exited;
      if (!database) db.drop();
      return code;
    },
  };
}

/**
 * `binome serve` on an empty directory with two accounts, the demo's admin ("Admin") and mentee
 * ("Mentee"); returns {server, admin}, `admin` a logged-in Client.
 */
export async function startServerWithAccounts({ backend = 'sqlite' } = {}) {
  const server = await startServer({ backend, demo: false });
  for (const [role, name] of [['admin', 'Admin'], ['mentee', 'Mentee']]) {
    const r = await run(['--db', server.db.url, 'user', 'add', '--email', DEMO[role], '--name', name, '--role', role], { input: `${DEMO_PASSWORD}\n` });
    if (r.code !== 0) throw new Error(`binome user add failed: ${r.stderr}`);
  }
  const admin = new Client(server.url);
  const login = await admin.login(DEMO.admin);
  if (login.status !== 200) throw new Error(`the admin cannot log in: ${login.status}`);
  return { server, admin };
}

/**
 * An import's summary without what differs from run to run: checks that it names its effective
 * date (a day) and, unless a dry run, the import recorded in the directory's history.
 */
export function importSummary(json) {
  const { effective_date: effectiveDate, import_id: importId, ...rest } = json;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveDate)) throw new Error(`effective_date is not a day: ${effectiveDate}`);
  if (json.dry_run ? importId !== null : !Number.isInteger(importId)) throw new Error(`import_id ${importId} for dry_run ${json.dry_run}`);
  return rest;
}

/** A tiny cookie-keeping client: logs in and sends the CSRF token on every unsafe request. */
export class Client {
  constructor(base) {
    this.base = base;
    this.cookie = null;
    this.csrf = null;
  }
  async request(method, path, { body, headers = {}, raw = false } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && !['GET', 'HEAD'].includes(method) && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    let payload = body;
    if (body !== undefined && !raw) {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, json, text };
  }
  async login(email, password = DEMO_PASSWORD) {
    const r = await this.request('POST', '/api/v1/auth/login', { body: { email, password } });
    if (r.status === 200) this.csrf = r.json.csrf_token;
    return r;
  }
}
