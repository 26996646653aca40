// The HR import, as a program manager walks it on an empty directory (in French): the home says
// to import the HR extract; a faulty file is refused with every error by line and column, in the
// server's French, and nothing is written; then Excel's own export (Windows-1252, semicolons,
// CRLF, French header) is checked, imported, and every accent survives; the home then shows the
// import. A file whose headers Binôme cannot read is refused in French too, and a file with
// columns Binôme does not use says which. An Excel workbook is sent as its bytes and read on the
// sheet named.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, DEMO, DEMO_PASSWORD, importSummary } from '../support/binome.mjs';
import { accessibilityViolations, afterResponse, catalogues, fill, launchBrowser, login, newPage, screenshot, settled } from './support.mjs';
import { ENGLISH_HEADER, csvText, faultyFile, frenchWindowsFile, startServerWithEmptyDirectory } from './hr-files.mjs';

let server;
let browser;
let M;

before(async () => {
  [server, browser, M] = await Promise.all([startServerWithEmptyDirectory(), launchBrowser(), catalogues()]);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const isImport = (u) => u.pathname === '/api/v1/employees/import';

/**
 * Holds the next import request until `release()` is called, to see the page while the server
 * works (never more than 5 s, so that a failing test cannot leave a request hanging). The held
 * request is sent from here and the server's answer handed to the page as it came: `answer` is
 * that exchange ({request, response}), known without waiting on the browser's network events.
 */
async function holdImport(page) {
  let release;
  const gate = new Promise((resolve) => {
    release = resolve;
    setTimeout(resolve, 5000).unref();
  });
  let settle;
  let fail;
  const answer = new Promise((resolve, reject) => {
    settle = resolve;
    fail = reject;
    setTimeout(() => reject(new Error('no import request answered within 15 s')), 15000).unref();
  });
  const hold = async (route) => {
    try {
      await gate;
      const response = await route.fetch();
      settle({ request: route.request(), response });
      await route.fulfill({ response });
    } catch (e) {
      fail(e);
      throw e;
    }
  };
  await page.route(isImport, hold, { times: 1 });
  return { answer, release: () => release() };
}

/** Words that give away an English sentence. */
const ENGLISH = /\b(is|not|the|required|already)\b/;

/** A program manager's home section, by its heading. */
const homeSection = (page, name) => page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });

test('on an empty directory, the home says what to do next: import the HR extract, create the accounts', async () => {
  const m = M.fr;
  const { context, page, errors } = await newPage(browser, { locale: 'fr-FR' });
  await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
  await settled(page);
  const next = homeSection(page, m.home.nextTitle);
  await next.waitFor();
  // No employee, and no mentor account (only a program manager and a mentee): two suggestions,
  // in that order, the first as the page's primary action.
  assert.deepEqual(await next.locator('[data-step]').evaluateAll((els) => els.map((e) => e.dataset.step)), ['import', 'accounts']);
  const importLink = next.getByRole('link', { name: m.home.nextImportAction, exact: true });
  assert.equal(await importLink.getAttribute('href'), '/directory/import');
  assert.match(await importLink.getAttribute('class'), /button--primary/);
  await next.getByText(m.home.nextAccountsNoMentorText, { exact: true }).waitFor();
  assert.equal(await next.getByRole('link', { name: m.home.nextAccountsAction, exact: true }).getAttribute('href'), '/users');
  const directory = homeSection(page, m.home.directoryTitle);
  assert.equal(await directory.locator('[data-stat="employees"]').textContent(), `0${m.home.employees.one}`);
  await directory.getByText(m.home.noImport, { exact: true }).waitFor();
  await screenshot(page, 'fr-home-admin-next');
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.getByRole('button', { name: M.en.meta.language }).click();
  await homeSection(page, M.en.home.nextTitle).getByText(M.en.home.nextImportTitle, { exact: true }).waitFor();
  await screenshot(page, 'en-home-admin-next');
  // The suggestion leads to the import.
  await page.getByRole('link', { name: M.en.home.nextImportAction, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: M.en.import.title }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a faulty file is refused line by line; a clean Windows-1252 file is checked, then imported', async () => {
  const m = M.fr;
  const i = m.import;
  const { context, page, errors } = await newPage(browser, { locale: 'fr-FR' });
  await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);

  // An empty directory points to the import.
  await page.getByRole('link', { name: m.directory.nav, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: m.directory.title }).waitFor();
  await settled(page);
  await page.getByText(m.directory.emptyTitle, { exact: true }).waitFor();
  assert.equal(await page.getByRole('search').count(), 0, 'no search form over an empty directory');
  await screenshot(page, 'fr-directory-empty');
  await page.getByRole('link', { name: m.directory.emptyAction, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: i.title }).waitFor();
  assert.match(page.url(), /\/directory\/import$/);

  const fileInput = page.getByLabel(i.file, { exact: true });
  const checkButton = page.getByRole('button', { name: i.check, exact: true });
  const importButton = page.getByRole('button', { name: i.import, exact: true });
  assert.equal(await fileInput.getAttribute('accept'), '.csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.ok(await importButton.isDisabled(), 'nothing to import yet');
  // Checking without a file says so next to the field, which takes the focus.
  await checkButton.click();
  await page.locator('#import-file-error').getByText(i.fileRequired, { exact: true }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-file');

  // 1. The faulty file: every error, by line, with its column; nothing written.
  const faulty = faultyFile();
  await fileInput.setInputFiles({ name: faulty.name, mimeType: 'text/csv', buffer: faulty.bytes });
  await page.locator('#import-file-hint').getByText(faulty.name).waitFor();
  assert.equal(await page.locator('#import-file-error').count(), 0);
  const refused = await afterResponse(page, (u) => isImport(u) && u.searchParams.get('dry_run') === 'true', () => checkButton.click());
  assert.equal(refused.status(), 422, await refused.text());
  assert.match(refused.headers()['content-type'] ?? '', /application\/problem\+json/);
  const problem = await refused.json();
  assert.equal(problem.code, 'import_invalid');
  // The page is in French: so is every sentence the server wrote (no English left in it).
  assert.match(problem.detail, /rien n’a été importé/);
  assert.deepEqual(
    problem.errors.map((e) => e.message),
    [
      'une valeur est obligatoire',
      '« 31/02/1975 » n’est pas une date (attendu\u202f: JJ/MM/AAAA ou AAAA-MM-JJ)',
      'le matricule de responsable « Z999 » ne figure ni dans le fichier ni dans l’annuaire',
      'le matricule « A100 » figure déjà à la ligne 2',
    ].map((m) => m.replaceAll('« ', '«\u202f').replaceAll(' »', '\u202f»')),
  );
  assert.deepEqual(
    problem.errors.map(({ line, column }) => ({ line, column })),
    faulty.expected,
    `the server's errors: ${JSON.stringify(problem.errors)}`,
  );
  const heading = page.getByRole('heading', { level: 2, name: fill(i.errorsTitle.other, { count: 4 }) });
  await heading.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'import-result-title'); // the focus goes to the errors
  const table = page.getByRole('table', { name: fill(i.errorsCaption, { file: faulty.name }) });
  const cells = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.deepEqual(
    cells.map(([line, column]) => ({ line: Number(line), column })),
    faulty.expected,
  );
  assert.deepEqual(
    cells.map(([, , message]) => message),
    problem.errors.map((e) => e.message),
  );
  assert.ok(cells.every(([, , message]) => message.length > 0));
  // The server's French, nothing of the English it would write for an English page.
  assert.deepEqual(cells.filter(([, , message]) => ENGLISH.test(message)), []);
  assert.ok(await importButton.isDisabled(), 'no import after a check with errors');
  const total = () => page.evaluate(() => fetch('/api/v1/employees').then((r) => r.json()).then((j) => j.total));
  assert.equal(await total(), 0, 'nothing was imported');
  await screenshot(page, 'fr-import-errors');

  // The file is kept: another option, check again, the same bytes go.
  await page.getByLabel(i.delimiter, { exact: true }).selectOption('comma');
  await page.getByText(i.staleOptions, { exact: true }).waitFor();
  const again = await afterResponse(page, (u) => isImport(u) && u.searchParams.get('delimiter') === 'comma', () => checkButton.click());
  assert.equal(again.status(), 422);
  assert.ok(again.request().postDataBuffer()?.equals(faulty.bytes), 'the same file is sent again');
  await heading.waitFor();
  await page.getByLabel(i.delimiter, { exact: true }).selectOption('auto');

  // 2. The clean file, chosen with the keyboard: the previous errors go away.
  const clean = frenchWindowsFile();
  await fileInput.focus();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles({ name: clean.name, mimeType: 'text/csv', buffer: clean.bytes });
  await page.locator('#import-file-hint').getByText(clean.name).waitFor();
  assert.equal(await page.locator('#import-errors').count(), 0, 'a new file resets the preview');
  assert.ok(await importButton.isDisabled());

  // Tab to "Check the file" and press Enter; while the server works, the page says so.
  let held = await holdImport(page);
  for (let n = 0; n < 6 && (await page.evaluate(() => document.activeElement?.textContent)) !== i.check; n++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), i.check);
  await page.keyboard.press('Enter');
  await page.locator('.import-result [role="status"]').getByText(i.checking, { exact: true }).waitFor();
  assert.equal(await page.locator('.import-result').getAttribute('aria-busy'), 'true');
  held.release();
  const { request: dryRequest, response: dry } = await held.answer;
  await settled(page);
  assert.equal(dry.status(), 200, await dry.text());
  assert.equal(dryRequest.headers()['content-type'], 'text/csv');
  assert.ok(dryRequest.postDataBuffer()?.equals(clean.bytes), 'the raw Windows-1252 bytes are sent, untouched');
  const dryUrl = new URL(dry.url());
  assert.deepEqual(Object.fromEntries(dryUrl.searchParams), { dry_run: 'true', deactivate_missing: 'false', delimiter: 'auto', encoding: 'auto', background: 'false', file_name: clean.name });
  assert.deepEqual(importSummary(await dry.json()), { created: 4, updated: 0, unchanged: 0, deactivated: 0, dry_run: true, format: 'csv', delimiter: ';', encoding: 'windows-1252', ignored_columns: [], changes: 4 });
  await page.getByRole('heading', { level: 2, name: i.checkOkTitle }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'import-result-title');
  const counter = (key) => page.locator(`[data-count="${key}"]`).textContent();
  assert.equal(await counter('created'), `4${i.willCreate.other}`);
  assert.equal(await counter('updated'), `0${i.willUpdate.one}`);
  // How the server read it: Windows-1252, semicolons; every column used.
  assert.equal(await page.locator('#import-read-as').textContent(), fill(i.readAs, { encoding: i.readWindows1252, delimiter: i.readSemicolon }));
  assert.equal(await page.locator('#import-ignored').count(), 0);
  assert.equal(await total(), 0, 'a check writes nothing');
  assert.ok(await importButton.isEnabled(), 'a clean check allows the import');
  await screenshot(page, 'fr-import-checked');

  // Changing an option after the check asks for a new check.
  const deactivate = page.getByLabel(i.deactivate, { exact: true });
  await deactivate.check();
  assert.ok(await importButton.isDisabled());
  await page.getByText(i.staleOptions, { exact: true }).waitFor();
  await deactivate.uncheck();
  assert.ok(await importButton.isEnabled());

  // 3. Import for real.
  held = await holdImport(page);
  await importButton.click();
  await page.locator('.import-result [role="status"]').getByText(i.importing, { exact: true }).waitFor();
  held.release();
  const { request: importRequest, response: done } = await held.answer;
  await settled(page);
  assert.equal(done.status(), 200, await done.text());
  assert.equal(new URL(done.url()).searchParams.get('dry_run'), 'false');
  assert.ok(importRequest.postDataBuffer()?.equals(clean.bytes));
  assert.deepEqual(importSummary(await done.json()), { created: 4, updated: 0, unchanged: 0, deactivated: 0, dry_run: false, format: 'csv', delimiter: ';', encoding: 'windows-1252', ignored_columns: [], changes: 4 });
  await page.getByRole('heading', { level: 2, name: i.doneTitle }).waitFor();
  assert.equal(await counter('created'), `4${i.created.other}`);
  assert.ok(await importButton.isDisabled(), 'imported once');
  await screenshot(page, 'fr-import-done');

  // The directory shows them, every accent intact.
  await page.getByRole('link', { name: i.seeDirectory, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: m.directory.title }).waitFor();
  await settled(page);
  const rows = await page.locator('#directory-table tbody tr').evaluateAll((trs) => trs.map((r) => [...r.cells].map((c) => c.textContent)));
  const expected = [...clean.people].sort((a, b) => a.last_name.localeCompare(b.last_name, 'fr'));
  assert.deepEqual(
    rows.map(([last, first, id, job, department]) => ({ employee_id: id, first_name: first, last_name: last, job_title: job, department })),
    expected,
  );
  await screenshot(page, 'fr-directory-imported');

  // The home now shows the directory and its last import (by whom, what it did); the import is no
  // longer a next step, the accounts still are.
  await page.getByRole('link', { name: m.home.nav, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: fill(m.home.greeting, { name: 'Claire Morel' }) }).waitFor();
  await settled(page);
  const home = homeSection(page, m.home.directoryTitle);
  assert.equal(await home.locator('[data-stat="employees"]').textContent(), `4${m.home.employees.other}`);
  assert.equal(await home.locator('[data-field="by"]').textContent(), 'Claire Morel');
  assert.equal(
    await home.locator('[data-field="counts"]').textContent(),
    `${fill(m.home.importCreated.other, { count: 4 })}, ${fill(m.home.importUpdated.one, { count: 0 })}, ${fill(m.home.importUnchanged.one, { count: 0 })} et ${fill(m.home.importDeactivated.one, { count: 0 })}`,
  );
  assert.match(await home.locator('time').textContent(), /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  assert.deepEqual(await page.locator('[data-step]').evaluateAll((els) => els.map((e) => e.dataset.step)), ['accounts']);
  await screenshot(page, 'fr-home-admin-imported');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file whose headers Binôme cannot read is refused in French; a file with columns Binôme does not use says which', async () => {
  const m = M.fr;
  const i = m.import;
  const { context, page, errors } = await newPage(browser, { locale: 'fr-FR' });
  await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
  await page.goto(`${server.url}/directory/import`);
  await page.getByRole('heading', { level: 1, name: i.title }).waitFor();
  const fileInput = page.getByLabel(i.file, { exact: true });
  const check = () => page.getByRole('button', { name: i.check, exact: true }).click();

  // Headers of another application: every problem (the header line as a whole, each field
  // nowhere to be found), each in the server's French.
  const unreadable = { name: 'autre-logiciel.csv', bytes: Buffer.from('Nom complet;Service\nAlice Durand;IT\n', 'utf8') };
  await fileInput.setInputFiles({ name: unreadable.name, mimeType: 'text/csv', buffer: unreadable.bytes });
  await page.locator('#import-file-hint').getByText(unreadable.name).waitFor();
  const refused = await afterResponse(page, isImport, check);
  assert.equal(refused.status(), 422);
  assert.equal(refused.request().headers()['accept-language'], 'fr');
  const problem = await refused.json();
  assert.equal(problem.code, 'import_invalid');
  assert.ok(problem.errors.length >= 2, JSON.stringify(problem.errors));
  assert.ok(problem.errors.every((e) => e.line === 1), 'all on the header line');
  const table = page.getByRole('table', { name: fill(i.errorsCaption, { file: unreadable.name }) });
  const cells = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.deepEqual(
    cells,
    problem.errors.map((e) => ['1', e.column || i.wholeLine, e.message]),
  );
  assert.deepEqual(cells.filter(([, , message]) => ENGLISH.test(message)), []);
  await page.getByRole('heading', { level: 2, name: fill(i.errorsTitle.other, { count: problem.errors.length }) }).waitFor();
  await screenshot(page, 'fr-import-unreadable');

  // Columns Binôme does not use, tab-separated: valid, and the page names the columns left aside.
  const extra = {
    name: 'export-avec-colonnes-en-plus.csv',
    bytes: Buffer.from(csvText([[...ENGLISH_HEADER.slice(0, 4), 'Badge', 'Parking'], ['X001', 'Yves', 'Martin', 'yves.martin@bank.example', 'B-12', 'P3']], { delimiter: '\t' }), 'utf8'),
  };
  await fileInput.setInputFiles({ name: extra.name, mimeType: 'text/csv', buffer: extra.bytes });
  await page.locator('#import-file-hint').getByText(extra.name).waitFor();
  const checked = await afterResponse(page, isImport, check);
  assert.equal(checked.status(), 200, await checked.text());
  const summary = await checked.json();
  assert.deepEqual({ delimiter: summary.delimiter, encoding: summary.encoding, ignored: summary.ignored_columns }, { delimiter: 'tab', encoding: 'utf-8', ignored: ['Badge', 'Parking'] });
  await page.getByRole('heading', { level: 2, name: i.checkOkTitle }).waitFor();
  assert.equal(await page.locator('#import-read-as').textContent(), fill(i.readAs, { encoding: i.readUtf8, delimiter: i.readTab }));
  const quoted = (c) => fill(i.quoted, { text: c });
  await page.locator('#import-ignored').getByText(fill(i.ignoredColumns.other, { columns: `${quoted('Badge')} et ${quoted('Parking')}` }), { exact: true }).waitFor();
  await screenshot(page, 'fr-import-ignored-columns');
  await page.getByRole('button', { name: M.en.meta.language }).click();
  await page.locator('#import-ignored').getByText(fill(M.en.import.ignoredColumns.other, { columns: '“Badge” and “Parking”' }), { exact: true }).waitFor();
  await screenshot(page, 'en-import-ignored-columns');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an Excel workbook is sent as its bytes, read on the sheet named, and imported', async () => {
  const m = M.en;
  const i = m.import;
  const { context, page, errors } = await newPage(browser, { locale: 'en-GB' });
  await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
  await page.goto(`${server.url}/directory/import`);
  await page.getByRole('heading', { level: 1, name: i.title }).waitFor();
  // Written by openpyxl as an HR system would (Debian's, for /usr/bin/python3): a notice first,
  // then the employees, with an id stored as a number and a hire date as a date cell.
  const dir = mkdtempSync(join(tmpdir(), 'binome-xlsx-'));
  const path = join(dir, 'extraction.xlsx');
  const rows = [
    ['Matricule', 'Prénom', 'Nom', 'Courriel', "Date d'entrée"],
    [7001, 'Inès', 'Haddad', 'ines.haddad@banque.example', { date: '2021-05-04' }],
    ['X7002', 'Noé', 'Lambert', 'noe.lambert@banque.example', '01/09/2019'],
  ];
  execFileSync('/usr/bin/python3', [new URL('../support/write_xlsx.py', import.meta.url).pathname], {
    input: JSON.stringify({ path, sheets: [{ name: 'Notice', rows: [['Export RH']] }, { name: 'Salariés', rows }] }),
  });
  const bytes = readFileSync(path);
  rmSync(dir, { recursive: true, force: true });

  await page.getByLabel(i.file, { exact: true }).setInputFiles({ name: 'extraction.xlsx', mimeType: '', buffer: bytes });
  await page.locator('#import-file-hint').getByText('extraction.xlsx').waitFor();
  await page.getByLabel(i.sheet, { exact: true }).fill('Salariés');
  const checked = await afterResponse(page, isImport, () => page.getByRole('button', { name: i.check, exact: true }).click());
  assert.equal(checked.status(), 200, await checked.text());
  assert.equal(checked.request().headers()['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.ok(checked.request().postDataBuffer()?.equals(bytes), 'the workbook is sent untouched');
  assert.equal(new URL(checked.url()).searchParams.get('sheet'), 'Salariés');
  assert.deepEqual(importSummary(await checked.json()), { created: 2, updated: 0, unchanged: 0, deactivated: 0, dry_run: true, format: 'xlsx', sheet: 'Salariés', ignored_columns: [], changes: 2 });
  await page.getByRole('heading', { level: 2, name: i.checkOkTitle }).waitFor();
  assert.equal(await page.locator('#import-read-as').textContent(), fill(i.readAsSheet, { sheet: 'Salariés' }));
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshot(page, 'en-import-xlsx-checked');

  const done = await afterResponse(page, isImport, () => page.getByRole('button', { name: i.import, exact: true }).click());
  assert.equal(done.status(), 200, await done.text());
  assert.equal((await done.json()).created, 2);
  await page.getByRole('heading', { level: 2, name: i.doneTitle }).waitFor();
  const c = new Client(server.url);
  assert.equal((await c.login(DEMO.admin)).status, 200);
  const inesFile = (await c.request('GET', '/api/v1/employees/7001')).json;
  assert.deepEqual([inesFile.first_name, inesFile.hire_date], ['Inès', '2021-05-04']);
  assert.deepEqual(errors, []);
  await context.close();
});
