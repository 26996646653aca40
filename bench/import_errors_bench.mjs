// A bad HR extract over HTTP: how long `binome serve` takes to answer POST
// /api/v1/employees/import with its 422 import_invalid, how large the answer is, and the
// server's peak resident memory (VmHWM) after it. Usage:
//   BINOME_BIN=build/release/binome node bench/import_errors_bench.mjs [KIND] [LINES]
// KIND: emails (the default: `X{i};Ana;Silva;mail{i}`, one bad email a line, 2,000,000 lines,
// 59 MiB) or tiny (`x`, the smallest line that has problems: three required values missing and
// the id repeated, four problems in two bytes; 2,000,000 lines by default).
import { readFileSync } from 'node:fs';
import { Client, DEMO, startServer } from '../tests/support/binome.mjs';

const kind = process.argv[2] ?? 'emails';
const lines = Number(process.argv[3] ?? 2_000_000);

function extract() {
  const parts = ['Matricule;Prénom;Nom;Adresse e-mail\n'];
  for (let i = 1; i <= lines; i += 1) parts.push(kind === 'tiny' ? 'x\n' : `X${i};Ana;Silva;mail${i}\n`);
  return Buffer.from(parts.join(''), 'utf8');
}

function peakResidentMiB(pid) {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : NaN;
}

const body = extract();
const server = await startServer({ demo: true });
try {
  const admin = new Client(server.url);
  if ((await admin.login(DEMO.admin)).status !== 200) throw new Error('login failed');
  const idle = peakResidentMiB(server.proc.pid);
  const t0 = process.hrtime.bigint();
  const r = await admin.request('POST', '/api/v1/employees/import?background=false', { body, raw: true, headers: { 'content-type': 'text/csv' } });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const errors = r.json?.error_count ?? r.json?.errors?.length;
  console.log(`${kind}: ${lines} lines, ${(body.length / 1048576).toFixed(1)} MiB -> ${r.status} ${r.json?.code ?? ''}, ` +
    `${errors} errors, answer ${(r.text.length / 1024).toFixed(1)} KiB in ${seconds.toFixed(2)} s; ` +
    `server peak RSS ${peakResidentMiB(server.proc.pid).toFixed(0)} MiB (${idle.toFixed(0)} MiB before)`);
} finally {
  await server.stop();
}
