// What one client may not do to the server (issue 9's review): hold every connection, make it
// spin when it has no file left, make it read large bodies before it knows who is asking, or
// occupy it with heavy work past its budget. The servers run with a low file limit
// (`ulimit -n`), so that their limits are reached with a hundred connections, in a second.
// Clients come from several loopback addresses (127.0.0.0/8 is all ours on Linux).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { Client, DEMO, startServer } from '../support/binome.mjs';
import { tiedProfiles } from '../../bench/matching_problem.mjs';

function portOf(server) {
  return Number(new URL(server.url).port);
}

// A connection from `localAddress`, with a promise that resolves when the server closes it.
function open(server, localAddress) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port: portOf(server), host: '127.0.0.1', localAddress }, () => resolve(socket));
    socket.gone = new Promise((done) => socket.on('close', done));
    socket.on('error', reject);
    socket.on('data', () => {});
  });
}

// One request on an open connection; resolves with the status line's code.
function ask(socket, path = '/healthz') {
  return new Promise((resolve) => {
    let data = '';
    const on = (d) => {
      data += d;
      if (data.includes('\r\n\r\n')) {
        socket.off('data', on);
        resolve(Number(data.split(' ')[1]));
      }
    };
    socket.on('data', on);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
  });
}

async function healthzFrom(server, localAddress) {
  const started = Date.now();
  const socket = await open(server, localAddress);
  const status = await ask(socket);
  socket.destroy();
  return { status, ms: Date.now() - started };
}

// The server's CPU time so far, in clock ticks (1/100 s), and its peak resident memory.
function cpuTicks(server) {
  const fields = readFileSync(`/proc/${server.proc.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime
}
function peakResidentMiB(server) {
  const kb = Number(readFileSync(`/proc/${server.proc.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)[1]);
  return kb / 1024;
}

async function eventually(what, condition, ms = 10_000) {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`${what}: not after ${ms} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test('connections: an address holds its share; at the limit the oldest idle makes room; /healthz answers within 1 s', async () => {
  // A file limit of 128 leaves room for 96 connections (the rest is kept for the database and files).
  const server = await startServer({ demo: false, fileLimit: 128, extraArgs: ['--max-connections-per-client', '20'] });
  const sockets = [];
  try {
    assert.ok(server.logs.some((l) => /at most 96 connections, 20 from one address/.test(l)), server.logs.join('\n'));
    let closed = 0;
    const track = (s) => {
      sockets.push(s);
      s.gone.then(() => (closed += 1));
      return s;
    };
    // One address: 20 connections held, the 5 beyond its share closed at once.
    const first = await Promise.all(Array.from({ length: 25 }, () => open(server, '127.0.0.2').then(track)));
    await eventually('the 5 connections over the share closed', () => closed === 5);
    const held = first.filter((s) => !s.destroyed && s.readyState === 'open');
    assert.equal(held.length, 20);
    assert.deepEqual(new Set(await Promise.all(held.map((s) => ask(s)))), new Set([200]));

    // Five more addresses, 20 each: 120 connections for 96 places. Each one past the limit
    // closes the oldest idle connection: the first address's, then the next ones'.
    for (const a of [3, 4, 5, 6, 7]) {
      await Promise.all(Array.from({ length: 20 }, () => open(server, `127.0.0.${a}`).then(track)));
    }
    await eventually('the oldest idle connections closed for the new ones', () => closed === 5 + 120 - 96);
    assert.equal(first.filter((s) => s.readyState !== 'open').length, 25, 'the first address\'s, the oldest, made room');

    // At the limit, a newcomer is served at once, and the log says so in a line or two.
    const newcomer = await healthzFrom(server, '127.0.0.9');
    assert.equal(newcomer.status, 200);
    assert.ok(newcomer.ms < 1000, `healthz took ${newcomer.ms} ms`);
    const refusals = server.logs.filter((l) => /connection refused/.test(l));
    assert.ok(refusals.length >= 1 && refusals.length <= 2, refusals.join('\n'));
    assert.match(refusals[0], /127\.0\.0\.2/);
  } finally {
    sockets.forEach((s) => s.destroy());
    await server.stop();
  }
});

test('connections beyond the files: the limit follows the file limit; a flood costs little CPU and a line or two of log', async () => {
  // More connections asked for than files: the file limit is what sets the limit.
  const server = await startServer({ demo: false, fileLimit: 64, extraArgs: ['--max-connections', '1000'] });
  const sockets = [];
  try {
    assert.ok(server.logs.some((l) => /1000 connections asked for, but the file limit \(64\) allows 32/.test(l)), server.logs.join('\n'));
    // 200 connections for 32 places, from ten addresses, opened and reopened for a second.
    // Before the fix the server ran out of files: one core spun at 100 % and the log grew by
    // 200,000 lines a second.
    const before = cpuTicks(server);
    const started = Date.now();
    let opened = 0;
    while (Date.now() - started < 1000) {
      const batch = await Promise.all(Array.from({ length: 20 }, (_, i) => open(server, `127.0.0.${2 + (i % 10)}`)));
      opened += batch.length;
      sockets.push(...batch);
      if (sockets.length > 200) sockets.splice(0, 20).forEach((s) => s.destroy());
    }
    const ticks = cpuTicks(server) - before;
    assert.ok(opened >= 200, `${opened} connections opened`);
    // CPU time (not wall time, which other tests share): under a millisecond each, in the
    // sanitized build (a spinning accept loop burns a core whatever the clients do).
    assert.ok(ticks * 10 < opened, `the server used ${ticks * 10} ms of CPU for ${opened} connections`);
    assert.ok(!server.logs.some((l) => /no file descriptor left/.test(l)), 'the server never ran out of files');
    const lines = server.logs.filter((l) => /connection refused|accepting a connection failed/.test(l));
    assert.ok(lines.length <= 2, `${lines.length} lines:\n${lines.slice(0, 5).join('\n')}`);
    // After the flood a newcomer is served, once the connections queued before it are handled
    // (the limit itself lets a newcomer in at once: the test above).
    const newcomer = await healthzFrom(server, '127.0.0.20');
    assert.equal(newcomer.status, 200);
    assert.ok(newcomer.ms < 10_000, `healthz took ${newcomer.ms} ms`);
  } finally {
    sockets.forEach((s) => s.destroy());
    await server.stop();
  }
});

// Sends a request's header, then its body in 1 MiB chunks for as long as the server has not
// answered; resolves with the answer and how much of the body was sent.
function upload(server, path, length, headers = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(portOf(server), '127.0.0.1');
    let data = '';
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(1 << 20, 'a');
    const head = Object.entries({ 'Content-Type': 'text/csv', 'Content-Length': length, ...headers })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    const pump = () => {
      while (!answered && sent < length) {
        const n = Math.min(chunk.length, length - sent);
        sent += n;
        if (!socket.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return socket.once('drain', pump);
      }
    };
    socket.on('connect', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\n${head}\r\n`);
      if (!headers.Expect) pump();
    });
    socket.on('data', (d) => {
      data += d;
      if (!answered && data.includes('\r\n\r\n')) {
        answered = true;
        const status = Number(data.split(' ')[1]);
        if (status === 100) {
          answered = false;
          data = '';
          return pump();
        }
        resolve({ status, data, sent });
        socket.destroy();
      }
    });
    socket.on('error', (e) => (answered ? undefined : reject(e)));
  });
}

test('heavy routes: forty unauthenticated 60 MB uploads are refused before their body is read, in little memory', async () => {
  // AddressSanitizer keeps freed memory aside (256 MB by default) to catch late uses: not the
  // server's own memory, so kept small here.
  const server = await startServer({ env: { ASAN_OPTIONS: 'quarantine_size_mb=8' } });
  try {
    const size = 60 * 1024 * 1024;
    const answers = await Promise.all(Array.from({ length: 40 }, () => upload(server, '/api/v1/employees/import', size)));
    for (const a of answers) {
      assert.equal(a.status, 401, a.data.slice(0, 300));
      assert.match(a.data, /"code":"unauthenticated"/);
      assert.ok(a.sent < size, 'answered before the body was sent');
    }
    const peak = peakResidentMiB(server);
    // 60 MB read forty times would be 2.4 GB. The bound leaves room for the libraries mapped: with
    // libcurl and OpenSSL linked (e-mail), one run under AddressSanitizer peaked at 202 MiB.
    assert.ok(peak < 224, `peak resident memory ${peak.toFixed(0)} MiB`);
  } finally {
    await server.stop();
  }
});

test('heavy routes: Expect 100-continue is answered by who may send the body', async () => {
  const server = await startServer();
  try {
    const admin = new Client(server.url);
    await admin.login(DEMO.admin);
    const mentor = new Client(server.url);
    await mentor.login(DEMO.mentor);
    const expect = { Expect: '100-continue', 'Accept-Language': 'fr' };
    const big = 8 * 1024 * 1024; // over the general 1 MiB limit, within the import limit
    // Nobody logged in: 401, without 100 Continue.
    const anonymous = await upload(server, '/api/v1/employees/import', big, expect);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.sent, 0);
    // A mentor may not import: 403 before the body.
    const asMentor = await upload(server, '/api/v1/employees/import', big, { ...expect, Cookie: mentor.cookie, 'X-CSRF-Token': mentor.csrf });
    assert.equal(asMentor.status, 403, asMentor.data.slice(0, 300));
    assert.equal(asMentor.sent, 0);
    // An admin's session without its CSRF token: 403 csrf_missing before the body.
    const noCsrf = await upload(server, '/api/v1/matching/solve', big, { ...expect, Cookie: admin.cookie });
    assert.equal(noCsrf.status, 403);
    assert.match(noCsrf.data, /"code":"csrf_missing"/);
    assert.equal(noCsrf.sent, 0);
    // The admin, over the import limit: 413 before the body.
    const tooBig = await upload(server, '/api/v1/employees/import', 65 * 1024 * 1024, { ...expect, Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf });
    assert.equal(tooBig.status, 413);
    assert.equal(tooBig.sent, 0);
    // The admin, within it: told to go on, then the file is read (and refused for its content).
    // (In the request, not as a background job: the refusal is the request's answer.)
    const allowed = await upload(server, '/api/v1/employees/import?background=false', big, { ...expect, Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf });
    assert.equal(allowed.sent, big);
    assert.equal(allowed.status, 422, allowed.data.slice(0, 300));
    // Each refusal is in the access log, with its status.
    assert.ok(server.logs.some((l) => /"route":"\/api\/v1\/employees\/import","status":401/.test(l)));
  } finally {
    await server.stop();
  }
});

// 5,000 mentors and mentees whose profile scores tie in a way that defeats the solver's
// candidate subset: minutes of work (the review saw 235 s for such a problem), far past a budget.
const longProblem = (n) => JSON.stringify(tiedProfiles(n));

// Sends a heavy JSON request on its own connection, and resolves once the server has begun its
// work (its log says so); `answer` resolves with the status and the body, `socket` lets the
// test leave.
async function postHeavy(server, admin, path, body) {
  const socket = await open(server, '127.0.0.1');
  const running = server.logs.filter((l) => /heavy request .* running/.test(l)).length;
  let goOn;
  const admitted = new Promise((resolve) => (goOn = resolve));
  const answer = new Promise((resolve) => {
    let data = Buffer.alloc(0);
    socket.on('data', (d) => {
      data = Buffer.concat([data, d]);
      const goAhead = 'HTTP/1.1 100 Continue\r\n\r\n';
      if (data.toString('latin1').startsWith(goAhead)) {
        data = data.subarray(goAhead.length);
        goOn();
      }
      const text = data.toString('latin1'); // one character a byte, as Content-Length counts
      const end = text.indexOf('\r\n\r\n');
      const length = Number((text.match(/content-length: (\d+)/i) ?? [])[1]);
      if (end >= 0 && data.length - end - 4 >= length) {
        resolve({ status: Number(text.split(' ')[1]), body: data.subarray(end + 4).toString('utf8') });
      }
    });
  });
  socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCookie: ${admin.cookie}\r\nX-CSRF-Token: ${admin.csrf}\r\nAccept-Language: fr\r\nExpect: 100-continue\r\n\r\n`);
  await admitted;
  socket.write(body);
  await eventually('the heavy request running', () => server.logs.filter((l) => /heavy request .* running/.test(l)).length > running);
  return { socket, answer };
}

test('heavy work: past its budget a matching request is stopped with a clear error, while health and login answer', { timeout: 60_000 }, async () => {
  const budget = 2;
  const server = await startServer({ extraArgs: ['--heavy-request-timeout', String(budget), '--heavy-requests', '1'] });
  try {
    const admin = new Client(server.url);
    await admin.login(DEMO.admin);
    const problem = longProblem(5000);
    const heavy = await postHeavy(server, admin, '/api/v1/matching/solve', problem);
    const started = Date.now(); // its work has begun
    // While it runs: health and login answer at once, and a second heavy request is refused
    // (one at a time here) before its body is sent.
    const health = await healthzFrom(server, '127.0.0.2');
    assert.equal(health.status, 200);
    assert.ok(health.ms < 1000, `healthz took ${health.ms} ms`);
    const t = Date.now();
    const other = new Client(server.url);
    assert.equal((await other.login(DEMO.mentor)).status, 200);
    assert.ok(Date.now() - t < 2000, `login took ${Date.now() - t} ms`);
    const busy = await upload(server, '/api/v1/matching/solve', problem.length, {
      'Content-Type': 'application/json', Expect: '100-continue', Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf,
    });
    assert.equal(busy.status, 503, busy.data.slice(0, 300));
    assert.match(busy.data, /"code":"server_busy"/);
    assert.match(busy.data, /Retry-After: 5/i);

    const { status, body } = await heavy.answer;
    const ms = Date.now() - started;
    assert.equal(status, 503, body.slice(0, 300));
    const problemJson = JSON.parse(body);
    assert.equal(problemJson.code, 'time_budget_exceeded');
    assert.match(problemJson.detail, /2\u202fs/);
    // Budget + 2 s holds for the release build (2.3–2.7 s for a 2 s budget, docs/matching.md);
    // this sanitized build, sharing two cores with other tests, stops later between its checks.
    assert.ok(ms < (budget + 8) * 1000, `answered ${ms} ms after its work began`);
    heavy.socket.destroy();
  } finally {
    await server.stop();
  }
});

test('heavy work: a client that leaves stops its request; SIGTERM stops heavy work and exits within 10 s', { timeout: 60_000 }, async () => {
  const server = await startServer({ extraArgs: ['--heavy-requests', '1'] });
  const admin = new Client(server.url);
  await admin.login(DEMO.admin);
  const problem = longProblem(5000);
  // Its client gone, the request stops, and the heavy slot is free again.
  const left = await postHeavy(server, admin, '/api/v1/matching/solve', problem);
  left.socket.destroy();
  await eventually('the server saw its client leave', () => server.logs.some((l) => /left: stopping its heavy request/.test(l)));
  await eventually('the stopped request was logged', () => server.logs.some((l) => /"route":"\/api\/v1\/matching\/solve","status":503/.test(l)));

  // Heavy work in flight at SIGTERM: stopped, answered, and the process exits 0 in under 10 s.
  const inFlight = await postHeavy(server, admin, '/api/v1/matching/solve', problem);
  const t = Date.now();
  server.proc.kill('SIGTERM');
  const { status, body } = await inFlight.answer;
  assert.equal(status, 503, body.slice(0, 300));
  assert.equal(JSON.parse(body).code, 'server_busy');
  assert.match(JSON.parse(body).detail, /serveur s’arrête/);
  // Its own exit (stop() would signal again a process still finishing, and a second SIGTERM
  // is not the one under test).
  assert.equal(await server.exited, 0);
  assert.ok(Date.now() - t < 10_000, `exited ${Date.now() - t} ms after SIGTERM`);
  await server.stop();
});
