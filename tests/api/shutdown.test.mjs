// SIGTERM while requests are in flight: they complete, idle connections close, exit code 0.
// Synchronised on the server's own signals (its "100 Continue", its "stopping" log line),
// never on a delay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Client, DEMO, DEMO_PASSWORD, startServer } from '../support/binome.mjs';

function connect(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(port), hostname, () => resolve(s));
    s.on('error', reject);
  });
}

// Resolves with the socket's data once it matches `pattern` (the server's own answer).
function until(socket, pattern) {
  return new Promise((resolve) => {
    let data = '';
    const on = (d) => {
      data += d;
      if (pattern.test(data)) {
        socket.off('data', on);
        resolve(data);
      }
    };
    socket.on('data', on);
  });
}

// Resolves when the server writes a log line matching `pattern` (or has already written one).
function logged(server, pattern) {
  if (server.logs.some((l) => pattern.test(l))) return Promise.resolve();
  return new Promise((resolve) => {
    const on = (line) => {
      if (pattern.test(line)) {
        server.proc.stderr.off('data', onData);
        resolve();
      }
    };
    let rest = '';
    const onData = (chunk) => {
      rest += chunk;
      const lines = rest.split('\n');
      rest = lines.pop();
      lines.forEach(on);
    };
    server.proc.stderr.on('data', onData);
  });
}

function readAll(socket) {
  return new Promise((resolve) => {
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('close', () => resolve(data));
  });
}

// A request sent up to its body, which waits for the go-ahead: resolves once the server's
// "100 Continue" says it has read the header. send() then sends the body; answer is the reply.
async function requestInFlight(url, method, path, body, headers = {}) {
  const socket = await connect(url);
  const text = JSON.stringify(body);
  const goOn = until(socket, /^HTTP\/1\.1 100 Continue\r\n\r\n/);
  const head = Object.entries({ 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), Expect: '100-continue', ...headers })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.write(`${method} ${path} HTTP/1.1\r\nHost: x\r\n${head}\r\n`);
  await goOn;
  const answer = readAll(socket);
  return { send: () => socket.write(text), answer };
}

test('SIGTERM lets requests in flight finish, then exits 0', async () => {
  const server = await startServer();
  const admin = new Client(server.url);
  await admin.login(DEMO.admin);

  // Requests whose body is still to come when the signal comes: a user created, and logins
  // (each spends tens of milliseconds hashing once its body arrives).
  const create = await requestInFlight(server.url, 'POST', '/api/v1/users',
    { email: 'late@demo.example', name: 'Late Arrival', roles: ['mentee'], password: 'arrives-after-sigterm' },
    { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf });
  const logins = await Promise.all([DEMO.mentor, DEMO.mentee, DEMO.sponsor].map((email) =>
    requestInFlight(server.url, 'POST', '/api/v1/auth/login', { email, password: DEMO_PASSWORD })));
  // An idle kept-alive connection, which should simply be closed.
  const idle = await connect(server.url);
  const idleClosed = readAll(idle);

  const stopping = logged(server, /finishing requests in flight/);
  server.proc.kill('SIGTERM');
  await stopping; // the server's own word that it is draining, not a guess at a delay
  for (const r of [create, ...logins]) r.send();

  const answer = await create.answer;
  assert.match(answer, /^HTTP\/1\.1 201 /, `the in-flight request completed: ${answer.slice(0, 200)}`);
  assert.match(answer, /connection: close/i);
  for (const r of logins) assert.match(await r.answer, /^HTTP\/1\.1 200 /);
  assert.equal(await idleClosed, '', 'the idle connection was closed without an answer');
  assert.equal(await server.exited, 0);
  // And nothing new is accepted once stopping.
  await assert.rejects(connect(server.url));
  server.db.drop();
});
