// E-mail over real SMTP, and accounts opened by e-mailed links. A real SMTP server (npm
// smtp-server, with STARTTLS on a certificate made here and a password) runs on 127.0.0.1:
// a test message arrives with its Date, Message-ID, encoded subject, text and HTML parts and
// its .ics attachment; a server that refuses then accepts gets the message exactly once; a
// permanent refusal stops the retries, and an admin may send it again. Without SMTP, messages
// wait in the outbox with their links: an admin creates an account for an employee, the link
// sets the password and logs in, once; a reset answers alike for every address. The token is
// never in the database or the log (SQLite and PostgreSQL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backends, Client, DEMO, DEMO_PASSWORD, startServer } from '../support/binome.mjs';

const webRequire = createRequire(new URL('../../web/package.json', import.meta.url));
const { SMTPServer } = webRequire('smtp-server');
const { simpleParser } = webRequire('mailparser');

const SMTP_USER = 'binome';
const SMTP_PASSWORD = 'smtp-secret-Xq93';

// A self-signed certificate for 127.0.0.1, which the binome server is told to trust.
function certificate(dir) {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
  { stdio: 'ignore' });
  return { key: readFileSync(key), cert: readFileSync(cert), certFile: cert };
}

// An SMTP server that requires STARTTLS and a password, and records what it accepts. `decide`
// answers each message (null to accept, or an SMTP code to refuse with); `waiters` are resolved
// as messages arrive.
async function startSmtp(tls) {
  const smtp = { accepted: [], refused: [], decide: () => null, waiters: [] };
  smtp.server = new SMTPServer({
    key: tls.key,
    cert: tls.cert,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) cb(null, { user: SMTP_USER });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, cb) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        const mail = await simpleParser(raw);
        const code = smtp.decide(mail, session);
        if (code) {
          smtp.refused.push({ mail, code });
          cb(Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: code }));
        } else {
          smtp.accepted.push({ mail, raw: raw.toString('latin1'), secure: session.secure, user: session.user,
            to: session.envelope.rcptTo.map((r) => r.address) });
          cb(null, 'queued');
        }
        for (const w of smtp.waiters.splice(0)) w();
      });
    },
  });
  await new Promise((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
  smtp.port = smtp.server.server.address().port;
  smtp.arrival = () => new Promise((resolve) => smtp.waiters.push(resolve));
  return smtp;
}

// Asks for a message of the outbox until `done` says so; returns it.
async function follow(admin, id, done) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = await admin.request('GET', `/api/v1/outbox/${id}`);
    assert.equal(r.status, 200, r.text);
    if (done(r.json)) return r.json;
    assert.ok(Date.now() < deadline, `message ${id} still ${r.json.status}: ${r.text}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function adminOf(server) {
  const admin = new Client(server.url);
  assert.equal((await admin.login(DEMO.admin)).status, 200);
  return admin;
}

describe('delivery over SMTP (STARTTLS, password)', () => {
  let dir;
  let smtp;
  let server;
  let admin;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'binome-smtp-'));
    const tls = certificate(dir);
    smtp = await startSmtp(tls);
    server = await startServer({
      extraArgs: ['--smtp-url', `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`, '--smtp-ca-file', tls.certFile,
        '--mail-from', 'programme@bank.example', '--mail-from-name', 'Programme Binôme', '--mail-retry-ms', '50'],
    });
    admin = await adminOf(server);
  });
  after(async () => {
    await server?.stop();
    await new Promise((resolve) => (smtp ? smtp.server.close(resolve) : resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  test('a test message arrives with its headers, both parts and its calendar attachment', async () => {
    smtp.decide = () => null;
    const arrived = smtp.arrival();
    const r = await admin.request('POST', '/api/v1/outbox/test', { body: { email: 'Zoe.Lefevre@Bank.example', language: 'fr' } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.kind, 'mail.test');
    await arrived;
    const sent = await follow(admin, r.json.id, (m) => m.status === 'sent');
    // (The demo's activation messages go out too, now that there is a server.)
    const copies = smtp.accepted.filter((a) => a.mail.messageId === sent.message_id);
    assert.equal(copies.length, 1);
    const { mail, raw, secure, user, to } = copies[0];
    assert.equal(secure, true, 'STARTTLS was used');
    assert.equal(user, SMTP_USER, 'the server logged in');
    assert.deepEqual(to, ['zoe.lefevre@bank.example']);
    assert.equal(mail.subject, 'Message d’essai de Binôme');
    assert.match(raw, /^Subject: =\?UTF-8\?B\?/m, 'the subject is an encoded word');
    assert.equal(mail.messageId, sent.message_id);
    assert.ok(Math.abs(mail.date.getTime() - Date.now()) < 120_000, `Date: ${mail.date}`);
    assert.equal(mail.from.value[0].address, 'programme@bank.example');
    assert.equal(mail.from.value[0].name, 'Programme Binôme');
    assert.match(mail.text, /vérifier que les e-mails de Binôme vous parviennent/);
    assert.match(mail.html, /<p>.*vérifier que les e-mails de Binôme vous parviennent.*<\/p>/);
    assert.equal(mail.attachments.length, 1);
    const ics = mail.attachments[0];
    assert.equal(ics.filename, 'binome-test.ics');
    assert.equal(ics.contentType, 'text/calendar');
    assert.match(ics.content.toString('utf8'), /BEGIN:VCALENDAR\r\n[\s\S]*SUMMARY:Événement d’essai Binôme\r\n/);
    assert.equal(sent.attempts, 1);
    assert.deepEqual(sent.attachment, { file_name: 'binome-test.ics', content_type: ics.contentType + '; charset=UTF-8; method=PUBLISH', size: ics.content.length });
    assert.ok(!server.logs.some((l) => l.includes(SMTP_PASSWORD)), 'the SMTP password is not logged');
    assert.ok(server.logs.some((l) => l.includes('smtp://binome:***@127.0.0.1')), server.logs.join('\n'));
  });

  test("the demo's activation messages go out with their links, which the outbox then hides", async () => {
    const deadline = Date.now() + 30_000;
    let list;
    for (;;) {
      list = await admin.request('GET', '/api/v1/outbox?kind=account.activation&status=sent');
      if (list.json.total === 3) break;
      assert.ok(Date.now() < deadline, list.text);
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const m of list.json.items) {
      assert.deepEqual(m.links, [], 'a sent link is the recipient\'s alone');
      const copy = smtp.accepted.find((a) => a.mail.messageId === m.message_id);
      assert.ok(copy, `message ${m.id} arrived`);
      assert.match(copy.mail.text, /http:\/\/127\.0\.0\.1:8080\/activate#token=[A-Za-z0-9_-]{40,}/);
      assert.match(copy.mail.html, /<a href="http:\/\/127\.0\.0\.1:8080\/activate#token=[A-Za-z0-9_-]{40,}">/);
      assert.equal(copy.mail.to.value[0].address, m.to.email);
      const detail = await admin.request('GET', `/api/v1/outbox/${m.id}`);
      assert.ok(!/#token=[A-Za-z0-9_-]{20,}/.test(detail.json.text), 'nor does its text show the token');
    }
  });

  test('a server that refuses twice then accepts gets the message exactly once', async () => {
    let refusals = 0;
    smtp.decide = (mail) => (mail.subject === 'Binôme test message' && refusals++ < 2 ? 451 : null);
    const before = smtp.accepted.length;
    const r = await admin.request('POST', '/api/v1/outbox/test', { body: { email: 'retry@bank.example', language: 'en' } });
    assert.equal(r.status, 201, r.text);
    const sent = await follow(admin, r.json.id, (m) => m.status === 'sent');
    assert.equal(sent.attempts, 3);
    assert.equal(sent.last_error, null);
    const copies = smtp.accepted.slice(before).filter((a) => a.mail.messageId === sent.message_id);
    assert.equal(copies.length, 1);
    assert.equal(smtp.refused.filter((x) => x.mail.messageId === sent.message_id).length, 2, 'the same Message-ID each time');
  });

  test('a permanent refusal stops the retries; an admin may send the message again', async () => {
    smtp.decide = (_mail, session) => (session.envelope.rcptTo.some((t) => t.address === 'gone@bank.example') ? 550 : null);
    const r = await admin.request('POST', '/api/v1/outbox/test', { body: { email: 'gone@bank.example' } });
    const failed = await follow(admin, r.json.id, (m) => m.status === 'failed');
    assert.equal(failed.attempts, 1);
    assert.match(failed.last_error, /550/);
    assert.equal((await admin.request('GET', '/api/v1/outbox?status=failed')).json.items[0].id, failed.id);
    smtp.decide = () => null;
    const retried = await admin.request('POST', `/api/v1/outbox/${failed.id}/retry`);
    assert.equal(retried.status, 200, retried.text);
    const sent = await follow(admin, failed.id, (m) => m.status === 'sent');
    assert.equal(sent.attempts, 1, 'a fresh round of attempts');
    const again = await admin.request('POST', `/api/v1/outbox/${failed.id}/retry`);
    assert.equal(again.status, 409, 'only a failed message is sent again');
  });
});

// The token of the newest message of `kind` in the outbox (and the message).
async function newestLink(admin, kind) {
  const r = await admin.request('GET', `/api/v1/outbox?kind=${kind}`);
  assert.equal(r.status, 200, r.text);
  const message = r.json.items[0];
  assert.ok(message, `no ${kind} message`);
  return { message, token: message.links[0].url.split('#token=')[1] };
}

// Every byte of the database's files (SQLite), or of a dump (PostgreSQL).
function databaseContent(server) {
  const url = server.db.url;
  if (url.startsWith('postgresql')) return execFileSync('pg_dump', [url], { encoding: 'latin1', maxBuffer: 1 << 28 });
  const path = url.slice('sqlite:'.length);
  return [path, `${path}-wal`].filter(existsSync).map((p) => readFileSync(p, 'latin1')).join('');
}

for (const backend of backends()) {
  describe(`accounts by link, without SMTP (${backend})`, () => {
    let server;
    let admin;
    let employee;
    before(async () => {
      server = await startServer({ backend, extraArgs: ['--public-url', 'https://binome.bank.example'] });
      admin = await adminOf(server);
      // An employee of the demo directory without an account.
      const r = await admin.request('GET', '/api/v1/employees?page_size=50&q=');
      for (const e of r.json.items) {
        const d = await admin.request('GET', `/api/v1/employees/${e.employee_id}`);
        if (d.json.account === null) {
          employee = d.json;
          break;
        }
      }
      assert.ok(employee, 'an employee without an account');
    });
    after(async () => server?.stop());

    test('the outbox says no SMTP server is configured', async () => {
      const r = await admin.request('GET', '/api/v1/outbox');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.smtp_configured, false);
      const mentee = new Client(server.url);
      await mentee.login(DEMO.mentee);
      assert.equal((await mentee.request('GET', '/api/v1/outbox')).status, 403);
    });

    test('an account made for an employee is activated by its link, once', async () => {
      const created = await admin.request('POST', '/api/v1/users', { body: { email: employee.email, roles: ['mentee'] } });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.json.activated, false);
      assert.equal(created.json.employee_id, employee.employee_id);
      assert.equal(created.json.name, `${employee.first_name} ${employee.last_name}`);
      const detail = await admin.request('GET', `/api/v1/employees/${employee.employee_id}`);
      assert.deepEqual(detail.json.account, { id: created.json.id, email: employee.email, active: true, activated: false });

      const { message, token } = await newestLink(admin, 'account.activation');
      assert.equal(message.status, 'pending');
      assert.equal(message.to.email, employee.email);
      assert.match(message.links[0].url, /^https:\/\/binome\.bank\.example\/activate#token=[A-Za-z0-9_-]{40,}$/);
      const shown = await admin.request('GET', `/api/v1/outbox/${message.id}`);
      assert.ok(shown.json.text.includes(message.links[0].url), 'the text part carries the link');

      const person = new Client(server.url);
      const weak = await person.request('POST', '/api/v1/auth/activate', { body: { token, password: 'short' } });
      assert.equal(weak.status, 422, weak.text);
      const done = await person.request('POST', '/api/v1/auth/activate', { body: { token, password: 'my own passphrase 2026' } });
      assert.equal(done.status, 200, done.text);
      assert.match(done.headers.get('set-cookie'), /HttpOnly/);
      assert.equal(done.json.user.activated, true);
      assert.equal((await person.request('GET', '/api/v1/auth/me')).json.user.email, employee.email);
      const again = await new Client(server.url).request('POST', '/api/v1/auth/activate', { body: { token, password: 'another passphrase 2026' } });
      assert.equal(again.status, 410, again.text);
      assert.equal(again.json.code, 'link_invalid');
      const resend = await admin.request('POST', `/api/v1/users/${created.json.id}/activation`);
      assert.equal(resend.status, 409, resend.text);

      assert.ok(!databaseContent(server).includes(token), 'the token is not in the database');
      assert.ok(!server.logs.some((l) => l.includes(token)), 'nor in the log');
    });

    test('a new activation link voids the earlier one', async () => {
      const created = await admin.request('POST', '/api/v1/users', { body: { email: 'outsider@bank.example', name: 'Out Sider', roles: ['mentor'] } });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.json.employee_id, null);
      const first = (await newestLink(admin, 'account.activation')).token;
      const resent = await admin.request('POST', `/api/v1/users/${created.json.id}/activation`);
      assert.equal(resent.status, 202, resent.text);
      const second = resent.json.links[0].url.split('#token=')[1];
      assert.notEqual(second, first);
      const client = new Client(server.url);
      assert.equal((await client.request('POST', '/api/v1/auth/activate', { body: { token: first, password: 'my own passphrase 2026' } })).status, 410);
      assert.equal((await client.request('POST', '/api/v1/auth/activate', { body: { token: second, password: 'my own passphrase 2026' } })).status, 200);
    });

    test('a password reset answers alike for every address, and its link sets a new password', async () => {
      const anyone = new Client(server.url);
      const before = (await admin.request('GET', '/api/v1/outbox?kind=account.password_reset')).json.total;
      const unknown = await anyone.request('POST', '/api/v1/auth/password-reset', { body: { email: 'nobody@bank.example' } });
      const known = await anyone.request('POST', '/api/v1/auth/password-reset', { body: { email: DEMO.sponsor, language: 'en' } });
      assert.equal(unknown.status, 202);
      assert.equal(known.status, 202);
      assert.equal(unknown.text, known.text);
      const after = await admin.request('GET', '/api/v1/outbox?kind=account.password_reset');
      assert.equal(after.json.total, before + 1);
      const { message, token } = await newestLink(admin, 'account.password_reset');
      assert.equal(message.to.email, DEMO.sponsor);
      assert.match(message.links[0].url, /\/reset-password#token=/);

      const sponsor = new Client(server.url);
      assert.equal((await sponsor.login(DEMO.sponsor)).status, 200);
      const reset = await anyone.request('POST', '/api/v1/auth/password-reset/confirm', { body: { token, password: 'a fresh passphrase 2026' } });
      assert.equal(reset.status, 200, reset.text);
      assert.equal((await sponsor.request('GET', '/api/v1/auth/me')).status, 401, 'the other sessions ended');
      assert.equal((await new Client(server.url).login(DEMO.sponsor, DEMO_PASSWORD)).status, 401);
      assert.equal((await new Client(server.url).login(DEMO.sponsor, 'a fresh passphrase 2026')).status, 200);
      const reused = await anyone.request('POST', '/api/v1/auth/password-reset/confirm', { body: { token, password: 'yet another passphrase' } });
      assert.equal(reused.status, 410);
      const audit = await admin.request('GET', '/api/v1/audit?action=auth.password_reset');
      assert.equal(audit.status, 200, audit.text);
      assert.ok(audit.json.items.length >= 1, audit.text);
    });
  });
}
