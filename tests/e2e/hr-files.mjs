// HR files for the directory and import tests, written byte by byte as Excel would save them,
// and a helper that imports one through the API (for tests that need a filled directory).
import assert from 'node:assert/strict';
import { Client, DEMO, DEMO_PASSWORD, run, startServer } from '../support/binome.mjs';

/**
 * A server with an empty directory and the default grade scale (`binome demo` would fill it with
 * its own bank): only the demo program manager and mentee accounts, created on the command line.
 */
export async function startServerWithEmptyDirectory(extraArgs = []) {
  const server = await startServer({ demo: false, extraArgs });
  for (const [role, name] of [['admin', 'Claire Morel'], ['mentee', 'Bernard Lefèvre']]) {
    const r = await run(['--db', server.db.url, 'user', 'add', '--email', DEMO[role], '--name', name, '--role', role], { input: `${DEMO_PASSWORD}\n` });
    assert.equal(r.code, 0, `user add ${role}: ${r.stderr}`);
  }
  return server;
}

/** The Windows-1252 bytes of the few non-ASCII letters the tests use (encoded here, not by a library). */
const CP1252 = new Map([
  ['é', 0xe9],
  ['è', 0xe8],
  ['ç', 0xe7],
  ['œ', 0x9c],
  ['É', 0xc9],
]);

/** Encodes text as Windows-1252; fails loudly on a character the table above does not know. */
export function cp1252(text) {
  const bytes = [];
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (code < 0x80) bytes.push(code);
    else if (CP1252.has(ch)) bytes.push(CP1252.get(ch));
    else throw new Error(`no Windows-1252 byte for ${ch}`);
  }
  return Buffer.from(bytes);
}

/** Lines joined by `eol` (with a final one), as a spreadsheet exports them. */
export function csvText(rows, { delimiter = ',', eol = '\n' } = {}) {
  return rows.map((r) => r.join(delimiter)).join(eol) + eol;
}

export const ENGLISH_HEADER = [
  'Employee ID',
  'First name',
  'Last name',
  'Email',
  'Job title',
  'Department',
  'Grade',
  'Manager ID',
  'Hire date',
  'Site',
  'Time zone',
  'Languages',
  'Birth year',
  'Active',
];

/**
 * A directory of 30 people (UTF-8, comma-separated, English headers): a head of each department
 * reporting to E001, the others to their department's head; E030 has left (inactive).
 * Hire dates are all different, so that sorting by them is unambiguous.
 */
export function sampleDirectory() {
  const departments = ['Retail Banking', 'Risk', 'IT'];
  const last = [
    'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
    'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
    'Morel', 'Girard', 'Andre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'Francois', 'Martinez', 'Legrand',
  ];
  const first = [
    'Claire', 'Hugo', 'Lina', 'Nathan', 'Emma', 'Louis', 'Chloe', 'Jules', 'Manon', 'Adam',
    'Sarah', 'Gabriel', 'Ines', 'Arthur', 'Jade', 'Raphael', 'Lea', 'Paul', 'Alice', 'Tom',
    'Julia', 'Noah', 'Zoe', 'Ethan', 'Rose', 'Leo', 'Anna', 'Victor', 'Eva', 'Samuel',
  ];
  const sites = ['Paris', 'Lyon', 'Lille'];
  const people = [];
  for (let i = 0; i < 30; i++) {
    const n = i + 1;
    const id = `E${String(n).padStart(3, '0')}`;
    // E001 runs everything; E002, E003 and E004 head Retail Banking, Risk and IT; the others
    // report to the head of their department.
    const head = i >= 1 && i <= 3;
    const dept = i === 0 ? departments[0] : head ? departments[i - 1] : departments[i % 3];
    const manager = i === 0 ? '' : head ? 'E001' : `E00${2 + (i % 3)}`;
    // Distinct days in a shuffled order: (7 i mod 30) is a permutation of 0..29; 13 weeks apart.
    const day = new Date(Date.UTC(1995, 0, 1) + ((i * 7) % 30) * 13 * 7 * 86_400_000);
    const hire = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${day.getUTCFullYear()}`;
    people.push({
      employee_id: id,
      first_name: first[i],
      last_name: last[i],
      email: `${first[i]}.${last[i]}@bank.example`.toLowerCase(),
      job_title: i === 0 ? 'Chief Operating Officer' : head ? `Head of ${dept}` : 'Analyst',
      department: dept,
      grade: String(i === 0 ? 12 : head ? 10 : 2 + (i % 7)),
      manager_id: manager,
      hire,
      hire_iso: day.toISOString().slice(0, 10),
      site: sites[i % 3],
      time_zone: 'Europe/Paris',
      languages: i % 2 ? 'fr|en' : 'fr',
      birth_year: String(1960 + i),
      active: n === 30 ? 'no' : 'yes',
    });
  }
  const rows = [
    ENGLISH_HEADER,
    ...people.map((p) => [
      p.employee_id, p.first_name, p.last_name, p.email, p.job_title, p.department, p.grade,
      p.manager_id, p.hire, p.site, p.time_zone, p.languages, p.birth_year, p.active,
    ]),
  ];
  return { people, bytes: Buffer.from(csvText(rows), 'utf8') };
}

/** Imports a CSV file through the API as the demo program manager; returns the result. */
export async function importThroughApi(server, bytes, query = 'dry_run=false') {
  const c = new Client(server.url);
  assert.equal((await c.login(DEMO.admin)).status, 200);
  const r = await c.request('POST', `/api/v1/employees/import?${query}`, {
    body: bytes,
    raw: true,
    headers: { 'content-type': 'text/csv' },
  });
  assert.equal(r.status, 200, `import through the API: ${r.status} ${r.text}`);
  return r.json;
}

/**
 * A file with four faults (UTF-8, comma, English headers): a missing email on line 3, 31 February
 * on line 4, a manager nobody knows on line 5, and line 2's employee id again on line 6.
 * `expected` lists them as (line, column as written in the header).
 */
export function faultyFile() {
  const rows = [
    ENGLISH_HEADER.slice(0, 13),
    ['A100', 'Alice', 'Durand', 'alice.durand@bank.example', 'Head of IT', 'IT', '5', '', '01/02/2010', 'Paris', 'Europe/Paris', 'fr|en', '1970'],
    ['A101', 'Bruno', 'Petit', '', 'Developer', 'IT', '3', 'A100', '03/04/2015', 'Paris', 'Europe/Paris', 'fr', '1985'],
    ['A102', 'Carla', 'Moreau', 'carla.moreau@bank.example', 'Analyst', 'IT', '2', 'A100', '31/02/1975', 'Lyon', 'Europe/Paris', 'fr', '1950'],
    ['A103', 'David', 'Roux', 'david.roux@bank.example', 'Tester', 'IT', '2', 'Z999', '01/09/2020', 'Lyon', 'Europe/Paris', 'en', '1990'],
    ['A100', 'Eva', 'Blanc', 'eva.blanc@bank.example', 'Designer', 'IT', '2', '', '01/09/2021', 'Paris', 'Europe/Paris', 'fr', '1992'],
  ];
  return {
    name: 'hr-export-with-errors.csv',
    bytes: Buffer.from(csvText(rows), 'utf8'),
    expected: [
      { line: 3, column: 'Email' },
      { line: 4, column: 'Hire date' },
      { line: 5, column: 'Manager ID' },
      { line: 6, column: 'Employee ID' },
    ],
  };
}

/**
 * A clean file as Excel saves it in France: Windows-1252, semicolons, CRLF, no BOM, the French
 * header with its accents, and names with é, è, ç and œ.
 */
export function frenchWindowsFile() {
  const header = ['matricule', 'prénom', 'nom', 'courriel', 'poste', 'direction', 'niveau', 'matricule manager', "date d'entrée", 'site', 'fuseau horaire', 'langues', 'année de naissance'];
  const people = [
    ['F001', 'Hélène', 'Lefèvre', 'helene.lefevre@banque.example', 'Directrice de la conformité', 'Conformité', '9', '', '15/03/1998', 'Paris', 'Europe/Paris', 'fr,en', '1968'],
    ['F002', 'François', 'Garçon', 'francois.garcon@banque.example', 'Analyste crédit', 'Crédit', '4', 'F001', '01/09/2015', 'Lyon', 'Europe/Paris', 'fr', '1990'],
    ['F003', 'Chloé', 'Bœuf', 'chloe.boeuf@banque.example', 'Chargée de clientèle', 'Réseau', '3', 'F001', '02/01/2019', 'Bordeaux', 'Europe/Paris', 'fr,es', '1994'],
    ['F004', 'Clément', 'Cœurderoy', 'clement.coeurderoy@banque.example', 'Responsable sécurité', 'Sécurité', '6', 'F001', '20/06/2011', 'Nantes', '', 'fr,de', '1979'],
  ];
  const text = csvText([header, ...people], { delimiter: ';', eol: '\r\n' });
  return {
    name: 'export-rh-excel.csv',
    bytes: cp1252(text),
    people: people.map(([employee_id, first_name, last_name, , job_title, department]) => ({ employee_id, first_name, last_name, job_title, department })),
  };
}
