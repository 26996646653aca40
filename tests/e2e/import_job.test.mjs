// A large HR file imported by a background job, as a program manager sees it: the check answers
// at once, the import is queued and followed at its own address (?job=ID), which survives a
// reload; the finished import shows its summary and is listed under "Recent imports". On a
// server whose workers are all busy (here: none), the job waits, says so in French, and can be
// cancelled: nothing is written.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, DEMO_PASSWORD } from '../support/binome.mjs';
import { accessibilityViolations, afterResponse, catalogues, launchBrowser, login, newPage, screenshot, settled } from './support.mjs';
import { csvText, ENGLISH_HEADER, startServerWithEmptyDirectory } from './hr-files.mjs';

// Over this size the server makes an import a job (the default is 1 MiB: a small file here).
const JOB_BYTES = ['--import-job-bytes', '2000'];

let working;
let idle;
let browser;
let M;

before(async () => {
  [working, idle, browser, M] = await Promise.all([
    startServerWithEmptyDirectory([...JOB_BYTES, '--job-workers', '1']),
    startServerWithEmptyDirectory([...JOB_BYTES, '--job-workers', '0']),
    launchBrowser(),
    catalogues(),
  ]);
});

after(async () => {
  await browser?.close();
  await working?.stop();
  await idle?.stop();
});

/** 120 employees (about 9 KB), English headers. */
function largeFile() {
  const rows = [ENGLISH_HEADER];
  for (let i = 1; i <= 120; i += 1) {
    const id = `B${String(i).padStart(3, '0')}`;
    rows.push([id, 'Ana', `Silva ${i}`, `ana.silva${i}@bank.example`, 'Analyst', 'Risk', 'E', '', '01/02/2020', 'Paris', 'Europe/Paris', 'fr', '1990', 'yes']);
  }
  return { name: 'hr-large.csv', bytes: Buffer.from(csvText(rows), 'utf8') };
}

const isImport = (u) => u.pathname === '/api/v1/employees/import';

async function chooseAndCheck(page, i) {
  const file = largeFile();
  await page.getByLabel(i.file, { exact: true }).setInputFiles({ name: file.name, mimeType: 'text/csv', buffer: file.bytes });
  await page.locator('#import-file-hint').getByText(file.name).waitFor();
  const checked = await afterResponse(page, (u) => isImport(u) && u.searchParams.get('dry_run') === 'true', () =>
    page.getByRole('button', { name: i.check, exact: true }).click(),
  );
  assert.equal(checked.status(), 200, 'the check answers at once, even for a file the import makes a job');
  await page.getByRole('heading', { level: 2, name: i.checkOkTitle }).waitFor();
}

test('a large file is imported in the background: followed at its own address, still there after a reload, listed', async () => {
  const m = M.en;
  const i = m.import;
  const { context, page, errors } = await newPage(browser);
  await login(page, working.url, DEMO.admin, DEMO_PASSWORD, m);
  await page.goto(`${working.url}/directory/import`);
  await page.getByRole('heading', { level: 1, name: i.title }).waitFor();
  await settled(page);
  await page.getByText(m.jobs.recentEmpty, { exact: true }).waitFor();
  await chooseAndCheck(page, i);

  const queued = await afterResponse(page, (u) => isImport(u) && u.searchParams.get('dry_run') === 'false', () =>
    page.getByRole('button', { name: i.import, exact: true }).click(),
  );
  assert.equal(queued.status(), 202);
  const job = await queued.json();
  await page.waitForURL(new RegExp(`/directory/import\\?job=${job.id}$`));
  // The job's own summary, once a worker has run it (the page asks every second).
  const done = page.getByRole('heading', { level: 2, name: i.doneTitle });
  await done.waitFor();
  assert.equal(await page.locator('#import-summary [data-count="created"] .stat__value').textContent(), '120');
  await screenshot(page, 'en-import-job-done');

  // A reload (or coming back later) finds the same job and its summary.
  await page.reload();
  await done.waitFor();
  assert.equal(await page.locator('#import-summary [data-count="created"] .stat__value').textContent(), '120');
  const recent = page.locator('#recent-jobs tbody tr');
  await recent.first().waitFor();
  assert.equal(await recent.count(), 1);
  assert.match(await recent.first().textContent(), new RegExp(`${DEMO.admin}.*${m.jobs.status.succeeded}`));
  assert.deepEqual(await accessibilityViolations(page), []);

  // Choosing another file leaves the job's address.
  await page.getByLabel(i.file, { exact: true }).setInputFiles({ name: 'again.csv', mimeType: 'text/csv', buffer: largeFile().bytes });
  await page.waitForURL(/\/directory\/import$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('in French: a job waiting for a server says so, shows how to leave, and can be cancelled; nothing is written', async () => {
  const m = M.fr;
  const i = m.import;
  const { context, page, errors } = await newPage(browser, { locale: 'fr-FR' });
  await login(page, idle.url, DEMO.admin, DEMO_PASSWORD, m);
  await page.goto(`${idle.url}/directory/import`);
  await page.getByRole('heading', { level: 1, name: i.title }).waitFor();
  await settled(page);
  await chooseAndCheck(page, i);
  await afterResponse(page, (u) => isImport(u) && u.searchParams.get('dry_run') === 'false', () =>
    page.getByRole('button', { name: i.import, exact: true }).click(),
  );
  const progress = page.locator('#job-progress');
  await progress.waitFor();
  await page.getByRole('heading', { level: 2, name: m.jobs.progressTitle }).waitFor();
  await progress.getByText(m.jobs.queued, { exact: true }).waitFor();
  await progress.getByText(m.jobs.leave, { exact: true }).waitFor();
  assert.deepEqual(await accessibilityViolations(page), []);
  await screenshot(page, 'fr-import-job-queued');

  const cancelled = await afterResponse(page, (u) => /\/api\/v1\/jobs\/\d+\/cancel$/.test(u.pathname), () =>
    page.getByRole('button', { name: m.jobs.cancel, exact: true }).click(),
  );
  assert.equal(cancelled.status(), 200);
  await page.getByRole('heading', { level: 2, name: m.jobs.cancelled }).waitFor();
  await page.getByText(m.jobs.cancelledText, { exact: true }).waitFor();
  const directory = await page.request.get(`${idle.url}/api/v1/employees?page_size=1`);
  assert.equal((await directory.json()).total, 0, 'nothing was imported');
  assert.deepEqual(errors, []);
  await context.close();
});
