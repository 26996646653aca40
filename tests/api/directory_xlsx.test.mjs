// HR extracts as Excel workbooks (.xlsx), written here by openpyxl as an HR system would: the
// same employees imported from CSV and from XLSX give identical directories; a workbook's sheet
// is chosen by name (`--sheet`, `sheet=`); errors name the sheet's row and the column; dates in
// the 1904 system; and the files refused with a clear error (not a workbook, damaged, a ZIP bomb).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client, DEMO, freshDatabase, importSummary, run, startServer } from '../support/binome.mjs';

const WRITER = new URL('../support/write_xlsx.py', import.meta.url).pathname;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook as openpyxl writes it (tests/support/write_xlsx.py describes `sheets`). */
function workbook(dir, name, sheets, { epoch1904 = false } = {}) {
  const path = join(dir, name);
  // Debian's Python, where python3-openpyxl is installed (not the python3 on the PATH).
  execFileSync('/usr/bin/python3', [WRITER], { input: JSON.stringify({ path, sheets, epoch1904 }) });
  return path;
}

/** A ZIP archive of these entries, by Python's zipfile (deflated). */
function zipArchive(dir, name, entries) {
  const path = join(dir, name);
  const script = 'import json, sys, zipfile\nspec = json.load(sys.stdin)\nwith zipfile.ZipFile(spec["path"], "w", zipfile.ZIP_DEFLATED) as z:\n'
    + '    for n, e in spec["entries"].items():\n        z.writestr(n, e["text"] * e.get("times", 1))\n';
  execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify({ path, entries }) });
  return path;
}

const HEADER = ['Matricule', 'Prénom', 'Nom', 'Adresse e-mail', 'Intitulé de poste', 'Direction', 'Niveau', 'Matricule du responsable',
  "Date d'entrée", 'Localisation', 'Fuseau horaire', 'Langues', 'Année de naissance', 'Actif'];
// The employees, each once: the CSV gets their text as French Excel saves it, the workbook the
// cells an HR system writes (ids and years as numbers, dates as date cells or typed text,
// booleans).
const PEOPLE = [
  { id: 1001, first: 'Hélène', last: 'Dubois-Martin', email: 'helene.dubois@banque.example', title: 'Directrice générale', dept: 'Direction générale', grade: 'K', manager: null, hired: '1998-09-01', site: 'Paris', tz: 'Europe/Paris', langs: 'fr,en', born: 1966, active: true },
  { id: 'F002', first: 'François', last: 'Lefèvre', email: 'francois.lefevre@banque.example', title: 'Directeur des risques', dept: 'Risques', grade: 'J', manager: 1001, hired: '2004-03-15', hiredAsText: true, site: 'Paris', tz: 'Europe/Paris', langs: 'fr', born: 1970, active: true },
  { id: 'F003', first: 'Zoé', last: 'Œuvray', email: 'zoe.oeuvray@banque.example', title: 'Analyste crédit', dept: 'Risques', grade: 'D', manager: 'F002', hired: '2022-01-02', site: 'Lyon', tz: 'Europe/Paris', langs: 'fr,en,es', born: 1999, active: true },
  { id: 'F004', first: 'Noël', last: 'Garçon', email: 'noel.garcon@banque.example', title: "Chargé d'affaires; grandes entreprises", dept: 'Banque de financement', grade: 'F', manager: 1001, hired: '2010-12-31', site: 'Bruxelles', tz: 'Europe/Brussels', langs: 'fr,nl', born: 1981, active: false },
  { id: 'F005', first: 'Yanis', last: 'Benali', email: 'yanis.benali@banque.example', title: 'Data scientist', dept: 'Informatique', grade: 'B', manager: 'F002', hired: '2024-06-01', site: 'Londres', tz: 'Europe/London', langs: 'en|fr|ar', born: 2000, active: true },
];
const frenchDate = (iso) => iso.split('-').reverse().join('/');

function csvExtract() {
  const quote = (v) => (/[;"\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const rows = PEOPLE.map((p) => [p.id, p.first, p.last, p.email, p.title, p.dept, p.grade, p.manager ?? '', frenchDate(p.hired), p.site, p.tz, p.langs, p.born, p.active ? 'VRAI' : 'FAUX']);
  return Buffer.from('\uFEFF' + [HEADER, ...rows].map((r) => r.map((v) => quote(String(v))).join(';')).join('\r\n') + '\r\n', 'utf8');
}

function sheetRows() {
  const rows = PEOPLE.map((p) => [p.id, p.first, p.last, p.email, p.title, p.dept, p.grade, p.manager,
    p.hiredAsText ? frenchDate(p.hired) : { date: p.hired, format: 'dd/mm/yyyy' }, p.site, p.tz, p.langs, p.born, p.active]);
  // The empty rows Excel leaves below a table: styled, without values.
  return [HEADER, ...rows, HEADER.map(() => ({ styled: true }))];
}

async function importFile(client, bytes, query = '', headers = {}) {
  return client.request('POST', `/api/v1/employees/import${query}`, { body: bytes, raw: true, headers: { 'content-type': XLSX_TYPE, ...headers } });
}

async function directory(client) {
  const r = await client.request('GET', '/api/v1/employees?page_size=200&sort=employee_id');
  assert.equal(r.status, 200, r.text);
  return r.json;
}

async function adminOf(server) {
  await run(['--db', server.db.url, 'user', 'add', '--email', DEMO.admin, '--name', 'Admin', '--role', 'admin'], { input: 'demo-password-2026\n' });
  const admin = new Client(server.url);
  assert.equal((await admin.login(DEMO.admin)).status, 200);
  return admin;
}

describe('Excel workbooks over the API', () => {
  let fromCsv;
  let fromXlsx;
  let files;
  before(async () => {
    [fromCsv, fromXlsx] = await Promise.all([startServer({ demo: false }), startServer({ demo: false })]);
    files = freshDatabase('sqlite');
  });
  after(async () => {
    await Promise.all([fromCsv?.stop(), fromXlsx?.stop()]);
    files?.drop();
  });

  test('the same employees imported from CSV and from XLSX give identical directories', async () => {
    const [csvAdmin, xlsxAdmin] = await Promise.all([adminOf(fromCsv), adminOf(fromXlsx)]);
    const xlsx = readFileSync(workbook(files.dir, 'export.xlsx', [{ name: 'Salariés', rows: sheetRows() }]));
    const a = await importFile(csvAdmin, csvExtract(), '', { 'content-type': 'text/csv' });
    assert.equal(a.status, 200, a.text);
    const b = await importFile(xlsxAdmin, xlsx);
    assert.equal(b.status, 200, b.text);
    assert.deepEqual(importSummary(b.json), { created: 5, updated: 0, unchanged: 0, deactivated: 0, dry_run: false, format: 'xlsx', sheet: 'Salariés', ignored_columns: [], changes: 5 });
    const [csvDirectory, xlsxDirectory] = await Promise.all([directory(csvAdmin), directory(xlsxAdmin)]);
    assert.equal(xlsxDirectory.total, 5);
    assert.deepEqual(xlsxDirectory, csvDirectory);
    const helene = (await xlsxAdmin.request('GET', '/api/v1/employees/1001')).json;
    assert.deepEqual([helene.employee_id, helene.hire_date, helene.birth_year, helene.direct_reports.length], ['1001', '1998-09-01', 1966, 2]);
    // Each file over the other's directory changes nothing.
    assert.equal((await importFile(csvAdmin, xlsx)).json.unchanged, 5);
    assert.equal((await importFile(xlsxAdmin, csvExtract(), '', { 'content-type': 'text/csv' })).json.unchanged, 5);
    // The bytes say what the file is, not its type: a workbook sent as text/csv is read as one.
    const asCsv = await importFile(xlsxAdmin, xlsx, '?dry_run=true', { 'content-type': 'text/csv' });
    assert.equal(asCsv.json.format, 'xlsx');
  });

  test('a sheet is chosen by name; an unknown one is refused with the sheets there are', async () => {
    const admin = new Client(fromXlsx.url);
    assert.equal((await admin.login(DEMO.admin)).status, 200);
    const xlsx = readFileSync(workbook(files.dir, 'sheets.xlsx', [
      { name: 'Notice', rows: [['Extraction RH du 01/12/2026']] },
      { name: 'Salariés', rows: sheetRows() },
    ]));
    const first = await importFile(admin, xlsx, '?dry_run=true');
    assert.equal(first.status, 422, first.text);
    assert.equal(first.json.errors[0].line, 1);
    assert.match(first.json.errors[0].message, /headers of the sheet 'Notice'/);
    const chosen = await importFile(admin, xlsx, `?dry_run=true&sheet=${encodeURIComponent('Salariés')}`);
    assert.equal(chosen.status, 200, chosen.text);
    assert.deepEqual([chosen.json.sheet, chosen.json.unchanged], ['Salariés', 5]);
    const unknown = await importFile(admin, xlsx, '?sheet=Employees', { 'accept-language': 'fr' });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.json.code, 'import_invalid');
    assert.equal(unknown.json.errors[0].message, 'le classeur n’a pas de feuille «\u202fEmployees\u202f»\u202f; ses feuilles\u202f: «\u202fNotice\u202f», «\u202fSalariés\u202f»');
  });

  test('files that are no workbook, damaged workbooks and ZIP bombs are refused clearly', async () => {
    const admin = new Client(fromXlsx.url);
    assert.equal((await admin.login(DEMO.admin)).status, 200);
    const refusal = async (bytes, lang = 'en') => {
      const r = await importFile(admin, bytes, '', { 'accept-language': lang });
      assert.equal(r.status, 422, r.text);
      assert.equal(r.json.code, 'import_invalid');
      return r.json.errors.map((e) => e.message);
    };
    const notWorkbook = readFileSync(zipArchive(files.dir, 'photos.zip', { 'readme.txt': { text: 'photos' } }));
    assert.deepEqual(await refusal(notWorkbook), ['the file is a ZIP archive but not an Excel workbook (.xlsx); send the HR extract as .xlsx or CSV']);
    const xlsx = readFileSync(workbook(files.dir, 'whole.xlsx', [{ name: 'Salariés', rows: sheetRows() }]));
    assert.match((await refusal(xlsx.subarray(0, xlsx.length - 200)))[0], /^the Excel workbook is damaged or incomplete/);
    // A sheet of 30 MiB of one repeated row: it compresses about a thousand times.
    const bomb = readFileSync(zipArchive(files.dir, 'bomb.xlsx', {
      'xl/workbook.xml': { text: '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' },
      'xl/_rels/workbook.xml.rels': { text: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' },
      'xl/worksheets/sheet1.xml': { text: '<row><c><v>1</v></c></row>', times: 30 * 1024 * 1024 / 24 },
    }));
    assert.ok(bomb.length < 200 * 1024, `the bomb is small (${bomb.length} bytes)`);
    assert.deepEqual(await refusal(bomb), ["the workbook's part 'xl/worksheets/sheet1.xml' grows more than 200 times when uncompressed, as ZIP bombs do: it is not read"]);
    assert.deepEqual(await refusal(bomb, 'fr'), ['la partie «\u202fxl/worksheets/sheet1.xml\u202f» du classeur grossit plus de 200 fois à la décompression, comme une bombe ZIP\u202f: elle n’est pas lue']);
    assert.equal((await directory(admin)).total, 5, 'nothing was written');
  });
});

test('the command line imports a workbook, its --sheet, and names the rows of its errors', async () => {
  const db = freshDatabase('sqlite');
  try {
    assert.equal((await run(['--db', db.url, 'migrate'])).code, 0);
    const file = workbook(db.dir, 'export.xlsx', [
      { name: 'Notice', rows: [['Extraction RH']] },
      { name: 'Salariés', rows: sheetRows() },
    ]);
    const first = await run(['--db', db.url, 'import', 'employees', file]);
    assert.equal(first.code, 1);
    assert.match(first.stderr, /export\.xlsx:1: none of the headers of the sheet 'Notice' is one Binôme reads: 'Extraction RH'/);
    const r = await run(['--db', db.url, 'import', 'employees', file, '--sheet', 'Salariés']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /export\.xlsx: 5 created, 0 updated, 0 unchanged, 0 deactivated \(sheet 'Salariés'\)/);
    const json = await run(['--db', db.url, 'import', 'employees', file, '--sheet', 'Salariés', '--json']);
    assert.deepEqual(importSummary(JSON.parse(json.stdout)), { created: 0, updated: 0, unchanged: 5, deactivated: 0, dry_run: false, format: 'xlsx', sheet: 'Salariés', ignored_columns: [], changes: 0 });

    // Row 5 of the sheet (row 4 left empty) has a bad email and an impossible date.
    const bad = workbook(db.dir, 'bad.xlsx', [{ name: 'RH', rows: [
      ['matricule', 'prénom', 'nom', 'courriel', "date d'entrée"],
      ['X1', 'Ada', 'Lovelace', 'ada@banque.example', { date: '2020-02-01' }],
      ['X2', 'Alan', 'Turing', 'alan@banque.example', '01/02/2020'],
      [],
      ['X3', 'Grace', 'Hopper', 'not-an-email', '31/02/2020'],
    ] }]);
    const refused = await run(['--db', db.url, 'import', 'employees', bad]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /bad\.xlsx:5: courriel: 'not-an-email' is not a valid email address/);
    assert.match(refused.stderr, /bad\.xlsx:5: date d'entrée: /);
    assert.match(refused.stderr, /2 error\(s\); nothing was imported/);

    // Excel for Mac's former 1904 date system: the workbook says so, and the dates stay right.
    const mac = workbook(db.dir, 'mac.xlsx', [{ name: 'RH', rows: [
      ['matricule', 'prénom', 'nom', 'courriel', "date d'entrée"],
      ['M1', 'Ada', 'Lovelace', 'ada.m@banque.example', { date: '2021-07-14' }],
    ] }], { epoch1904: true });
    const macRun = await run(['--db', db.url, 'import', 'employees', mac, '--dry-run', '--json']);
    assert.equal(macRun.code, 0, macRun.stderr);
    const csv = join(db.dir, 'same.csv');
    writeFileSync(csv, "matricule;prénom;nom;courriel;date d'entrée\r\nM1;Ada;Lovelace;ada.m@banque.example;14/07/2021\r\n");
    assert.equal((await run(['--db', db.url, 'import', 'employees', mac])).code, 0);
    const same = await run(['--db', db.url, 'import', 'employees', csv, '--json']);
    assert.equal(JSON.parse(same.stdout).unchanged, 1, 'the 1904 workbook gave the CSV\'s date');
    // A sheet for a CSV file is a mistake worth saying.
    const sheetForCsv = await run(['--db', db.url, 'import', 'employees', csv, '--sheet', 'RH']);
    assert.equal(sheetForCsv.code, 1);
    assert.match(sheetForCsv.stderr, /the sheet 'RH' was chosen, but the file is not an Excel workbook/);
  } finally {
    db.drop();
  }
});
