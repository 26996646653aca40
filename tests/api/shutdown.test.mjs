// SIGTERM while requests are in flight: they complete, idle connections close, exit code 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Client, DEMO, startServer } from '../support/binome.mjs';

function connect(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(port), hostname, () => resolve(s));
    s.on('error', reject);
  });
}

function readAll(socket) {
  return new Promise((resolve) => {
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('close', () => resolve(data));
  });
}

test('SIGTERM lets requests in flight finish, then exits 0', async () => {
  const server = await startServer();
  const admin = new Client(server.url);
  await admin.login(DEMO.admin);

  // A request whose body is still arriving when the signal comes.
  const slow = await connect(server.url);
  const slowAnswer = readAll(slow);
  const body = JSON.stringify({ email: 'late@demo.example', name: 'Late Arrival', roles: ['mentee'], password: 'arrives-after-sigterm' });
  slow.write(
    `POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
      `Cookie: ${admin.cookie}\r\nX-CSRF-Token: ${admin.csrf}\r\n\r\n` + body.slice(0, 10),
  );
  // An idle kept-alive connection, which should simply be closed.
  const idle = await connect(server.url);
  const idleClosed = readAll(idle);
  // Logins in flight (each spends tens of milliseconds hashing).
  const logins = [DEMO.mentor, DEMO.mentee, DEMO.sponsor].map((e) => new Client(server.url).login(e));

  await new Promise((r) => setTimeout(r, 50)); // let the partial request reach the server
  server.proc.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 200));
  slow.write(body.slice(10));

  const answer = await slowAnswer;
  assert.match(answer, /^HTTP\/1\.1 201 /, `the in-flight request completed: ${answer.slice(0, 200)}`);
  assert.match(answer, /connection: close/i);
  for (const r of await Promise.all(logins)) assert.equal(r.status, 200);
  assert.equal(await idleClosed, '', 'the idle connection was closed without an answer');
  assert.equal(await server.exited, 0);
  assert.ok(server.logs.some((l) => l.includes('finishing requests in flight')));
  server.db.drop();
});
