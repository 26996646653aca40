// The employee directory, filled with 30 known people through the import API (rather than the
// demo bank, so that every expected row is written here): a program manager searches, filters,
// sorts, pages through it, opens an employee and follows the reporting line.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, DEMO_PASSWORD } from '../support/binome.mjs';
import { afterResponse, catalogues, fill, launchBrowser, login, newPage, screenshot, settled } from './support.mjs';
import { importThroughApi, sampleDirectory, startServerWithEmptyDirectory } from './hr-files.mjs';

let server;
let browser;
let M;
let people;

before(async () => {
  [server, browser, M] = await Promise.all([startServerWithEmptyDirectory(), launchBrowser(), catalogues()]);
  const directory = sampleDirectory();
  people = directory.people;
  const result = await importThroughApi(server, directory.bytes);
  assert.deepEqual({ created: result.created, dry_run: result.dry_run }, { created: 30, dry_run: false });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const byLastName = (a, b) => (a.last_name < b.last_name ? -1 : a.last_name > b.last_name ? 1 : 0);
const employeesQuery = (u) => u.pathname === '/api/v1/employees';
const lastNames = (page) => page.locator('#directory-table tbody th a').allTextContents();
const column = (page, n) => page.locator(`#directory-table tbody tr > :nth-child(${n})`).allTextContents();

test('a program manager searches, filters, sorts and pages through the directory', async () => {
  const m = M.en;
  const d = m.directory;
  const { context, page, errors } = await newPage(browser, { locale: 'en-GB' });
  await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
  await page.getByRole('link', { name: m.directory.nav, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: d.title }).waitFor();
  await settled(page);

  // By default: the active employees (E030 has left), by last name.
  const active = people.filter((p) => p.active === 'yes');
  assert.equal(await page.locator('#directory-count').textContent(), fill(d.count.other, { count: 29 }));
  assert.deepEqual(await lastNames(page), [...active].sort(byLastName).map((p) => p.last_name));
  assert.equal(await page.locator('#directory-table th[aria-sort="ascending"]').textContent(), `${d.colLastName}▲`);
  // The filters offer what the directory holds: departments alphabetical, grades in scale order.
  const options = (label) => page.getByLabel(label, { exact: true }).locator('option').allTextContents();
  assert.deepEqual(await options(d.department), [d.anyDepartment, 'IT', 'Retail Banking', 'Risk']);
  assert.deepEqual(await options(d.grade), [d.anyGrade, '2', '3', '4', '5', '6', '7', '8', '10', '12']);
  assert.deepEqual(await options(d.site), [d.anySite, 'Lille', 'Lyon', 'Paris']);
  await screenshot(page, 'en-directory-sample');

  // Search by name, by employee id and by email.
  const search = page.getByLabel(d.search, { exact: true });
  const submit = page.getByRole('button', { name: d.searchSubmit, exact: true });
  for (const [q, expected] of [
    ['martinez', ['Martinez']],
    ['E017', ['Bertrand']],
    ['claire.martin@bank.example', ['Martin']],
  ]) {
    await search.fill(q);
    const r = await afterResponse(page, (u) => employeesQuery(u) && u.searchParams.get('q') === q, () => submit.click());
    assert.equal(r.status(), 200, `q=${q}: ${await r.text()}`);
    assert.deepEqual(await lastNames(page), expected, `q=${q}`);
    assert.equal(await page.locator('#directory-count').textContent(), fill(d.count.one, { count: 1 }));
  }

  // A slow answer to a search that has since been replaced never overwrites the newer results.
  let releaseSlow;
  const slowAnswer = new Promise((resolve) => (releaseSlow = resolve));
  const isSlow = (r) => employeesQuery(new URL(r.url())) && new URL(r.url()).searchParams.get('q') === 'Mart';
  await page.route((u) => isSlow({ url: () => u.href }), (route) => slowAnswer.then(() => route.continue()).catch(() => {}), { times: 1 });
  // Over when the page has its answer, or gave up on the request.
  const slowOver = Promise.race([page.waitForEvent('requestfinished', isSlow), page.waitForEvent('requestfailed', isSlow)]);
  await search.fill('Mart');
  await submit.click();
  await search.fill('E017');
  await afterResponse(page, (u) => employeesQuery(u) && u.searchParams.get('q') === 'E017', () => submit.click());
  // Let the slow answer through, then give the page two frames to show it, if it wrongly would.
  releaseSlow();
  await slowOver;
  await page.evaluate(() => new Promise((frame) => requestAnimationFrame(() => requestAnimationFrame(frame))));
  await settled(page);
  assert.deepEqual(await lastNames(page), ['Bertrand'], 'the results of the last search stay');
  assert.match(page.url(), /q=E017/);

  await afterResponse(page, (u) => employeesQuery(u) && !u.searchParams.has('q'), () =>
    page.getByRole('button', { name: d.reset, exact: true }).click(),
  );
  assert.equal(await search.inputValue(), '');

  // Filter by department.
  const risk = active.filter((p) => p.department === 'Risk');
  await afterResponse(page, (u) => employeesQuery(u) && u.searchParams.get('department') === 'Risk', () =>
    page.getByLabel(d.department, { exact: true }).selectOption('Risk'),
  );
  assert.match(page.url(), /department=Risk/);
  assert.deepEqual(await column(page, 5), risk.map(() => 'Risk'));
  assert.deepEqual(await lastNames(page), [...risk].sort(byLastName).map((p) => p.last_name));

  // Sort by hire date, then the other way round.
  const hireHeader = page.getByRole('button', { name: d.colHireDate });
  await afterResponse(page, (u) => employeesQuery(u) && u.searchParams.get('sort') === 'hire_date', () => hireHeader.click());
  const dates = () => page.locator('#directory-table tbody time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
  const ascending = risk.map((p) => p.hire_iso).sort();
  assert.deepEqual(await dates(), ascending);
  assert.equal(await page.locator('#directory-table th[aria-sort]').getAttribute('aria-sort'), 'ascending');
  // Shown in the locale's format (en-GB is day first, as in the file).
  const firstRisk = risk.find((p) => p.hire_iso === ascending[0]);
  assert.equal(await page.locator('#directory-table tbody time').first().textContent(), firstRisk.hire);
  await afterResponse(page, (u) => employeesQuery(u) && u.searchParams.get('sort') === '-hire_date', () => hireHeader.click());
  assert.deepEqual(await dates(), [...ascending].reverse());
  assert.equal(await page.locator('#directory-table th[aria-sort]').getAttribute('aria-sort'), 'descending');

  // Page through everyone (still newest hires first), 25 a page.
  await afterResponse(page, (u) => employeesQuery(u) && !u.searchParams.has('department'), () =>
    page.getByRole('button', { name: d.reset, exact: true }).click(),
  );
  await afterResponse(page, (u) => employeesQuery(u) && u.searchParams.get('page_size') === '25', () =>
    page.getByLabel(d.pageSize, { exact: true }).selectOption('25'),
  );
  const newestFirst = [...active].sort((a, b) => (a.hire_iso < b.hire_iso ? 1 : -1));
  assert.deepEqual(await lastNames(page), newestFirst.slice(0, 25).map((p) => p.last_name));
  // A pager above the list and one below it.
  const topPager = page.getByRole('navigation', { name: m.pager.labelTop, exact: true });
  const bottomPager = page.getByRole('navigation', { name: m.pager.labelBottom, exact: true });
  const rows = page.locator('#directory-table tbody tr');
  for (const pager of [topPager, bottomPager]) await pager.getByText(fill(m.pager.pageOf, { page: 1, pages: 2 }), { exact: true }).waitFor();
  assert.ok((await topPager.boundingBox()).y < (await rows.first().boundingBox()).y, 'a pager above the first row');
  assert.ok((await bottomPager.boundingBox()).y > (await rows.last().boundingBox()).y, 'a pager below the last row');
  await afterResponse(page, (u) => employeesQuery(u) && u.searchParams.get('page') === '2', () =>
    bottomPager.getByRole('button', { name: m.pager.next, exact: true }).click(),
  );
  assert.deepEqual(await lastNames(page), newestFirst.slice(25).map((p) => p.last_name));
  assert.match(page.url(), /page=2/);
  assert.match(page.url(), /sort=-hire_date/);
  // The next page starts at its top: the results' heading has the focus, the first row is in view.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'directory-results');
  const first = await rows.first().boundingBox();
  assert.ok(first.y >= 0 && first.y + first.height <= page.viewportSize().height, `first row in view: ${JSON.stringify(first)}`);
  await afterResponse(page, (u) => employeesQuery(u) && u.searchParams.get('page') === '1', () =>
    topPager.getByRole('button', { name: m.pager.previous, exact: true }).click(),
  );
  assert.deepEqual(await lastNames(page), newestFirst.slice(0, 25).map((p) => p.last_name));
  await afterResponse(page, (u) => employeesQuery(u) && u.searchParams.get('page') === '2', () =>
    topPager.getByRole('button', { name: m.pager.next, exact: true }).click(),
  );

  // The one who left, under "Inactive".
  await afterResponse(page, (u) => employeesQuery(u) && u.searchParams.get('active') === 'false', () =>
    page.getByLabel(d.status, { exact: true }).selectOption('inactive'),
  );
  assert.deepEqual(await lastNames(page), ['Legrand']);
  await page.locator('#directory-table tbody tr').getByText(d.inactive, { exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('an employee page shows every field; the manager and the direct reports are links', async () => {
  const m = M.en;
  const e = m.employee;
  const { context, page, errors } = await newPage(browser, { locale: 'en-GB' });
  await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
  await page.getByRole('link', { name: m.directory.nav, exact: true }).click();
  await settled(page);
  // E006 Louis Richard (IT, speaks French and English) reports to E004 Nathan Thomas.
  await page.getByLabel(m.directory.search, { exact: true }).fill('Richard');
  await afterResponse(page, (u) => employeesQuery(u) && u.searchParams.get('q') === 'Richard', () =>
    page.getByRole('button', { name: m.directory.searchSubmit, exact: true }).click(),
  );
  await afterResponse(page, (u) => u.pathname === '/api/v1/employees/E006', () =>
    page.getByRole('link', { name: 'Richard', exact: true }).click(),
  );
  await page.getByRole('heading', { level: 1, name: 'Louis Richard' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
  assert.match(page.url(), /\/directory\/E006$/);

  const fact = (label) => page.locator('.facts__item').filter({ has: page.getByRole('term').getByText(label, { exact: true }) }).getByRole('definition');
  const louis = people.find((p) => p.employee_id === 'E006');
  assert.equal(await fact(e.employeeId).textContent(), 'E006');
  assert.equal(await fact(e.email).textContent(), louis.email);
  assert.equal(await fact(e.jobTitle).textContent(), 'Analyst');
  assert.equal(await fact(e.department).textContent(), 'IT');
  assert.equal(await fact(e.grade).textContent(), louis.grade);
  assert.equal(await fact(e.site).textContent(), louis.site);
  assert.equal(await fact(e.hireDate).textContent(), louis.hire);
  assert.equal(await fact(e.languages).textContent(), 'French and English');
  assert.equal(await fact(e.birthYear).textContent(), louis.birth_year);
  assert.match(await fact(e.timeZone).textContent(), /^Europe\/Paris — \S.+$/); // and the zone's name, from Intl
  assert.equal(await fact(e.status).textContent(), e.active);
  await screenshot(page, 'en-employee-sample');

  // The manager is a link; his page lists Louis among his direct reports.
  await afterResponse(page, (u) => u.pathname === '/api/v1/employees/E004', () =>
    fact(e.manager).getByRole('link', { name: 'Nathan Thomas', exact: true }).click(),
  );
  await page.getByRole('heading', { level: 1, name: 'Nathan Thomas' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Nathan Thomas');
  const reports = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: e.reportsTitle }) });
  const itTeam = people.filter((p) => p.manager_id === 'E004');
  assert.deepEqual(
    (await reports.getByRole('link').allTextContents()).sort(),
    itTeam.map((p) => `${p.first_name} ${p.last_name}`).sort(),
  );
  await reports.getByText(fill(e.reportsCount.other, { count: itTeam.length }), { exact: true }).waitFor();
  assert.equal(await fact(e.manager).getByRole('link').textContent(), 'Claire Martin');

  // Back to the search the list showed.
  await page.getByRole('link', { name: e.back }).click();
  await page.getByRole('heading', { level: 1, name: m.directory.title }).waitFor();
  assert.match(page.url(), /\/directory\?q=Richard$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('in French: French labels, dates, language names; an unknown id says so', async () => {
  const m = M.fr;
  const e = m.employee;
  const { context, page, errors } = await newPage(browser, { locale: 'fr-FR' });
  await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
  await page.goto(`${server.url}/directory?sort=grade`);
  await page.getByRole('heading', { level: 1, name: m.directory.title }).waitFor();
  await settled(page);
  assert.equal(await page.locator('#directory-count').textContent(), fill(m.directory.count.other, { count: 29 }));
  // Grades sort by the scale (numbers numerically: 2 before 10).
  const grades = await column(page, 6);
  assert.deepEqual(grades, [...grades].sort((a, b) => Number(a) - Number(b)));
  await screenshot(page, 'fr-directory-by-grade');

  await page.goto(`${server.url}/directory/E006`);
  await page.getByRole('heading', { level: 1, name: 'Louis Richard' }).waitFor();
  const fact = (label) => page.locator('.facts__item').filter({ has: page.getByRole('term').getByText(label, { exact: true }) }).getByRole('definition');
  assert.equal(await fact(e.languages).textContent(), 'français et anglais');
  assert.equal(await fact(e.hireDate).textContent(), people.find((p) => p.employee_id === 'E006').hire);
  assert.equal(await fact(e.birthYear).textContent(), '1965');
  await screenshot(page, 'fr-employee-sample');

  await page.goto(`${server.url}/directory/NOBODY`);
  await page.getByRole('heading', { level: 1, name: e.notFoundTitle }).waitFor();
  await page.getByText(fill(e.notFoundText, { id: 'NOBODY' }), { exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('an employee page shows their history: what each import changed, in the reader\'s language', async () => {
  // Louis Richard (E006) is promoted from grade 7 to 8 by a file effective on 1 March 2026.
  const update = 'matricule;prénom;nom;courriel;niveau\r\nE006;Louis;Richard;louis.richard@bank.example;8\r\n';
  const result = await importThroughApi(server, Buffer.from(update, 'utf8'), 'effective_date=2026-03-01');
  assert.equal(result.changes, 1);
  for (const [lang, locale] of [['en', 'en-GB'], ['fr', 'fr-FR']]) {
    const m = M[lang];
    const e = m.employee;
    const { context, page, errors } = await newPage(browser, { locale });
    await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
    await page.goto(`${server.url}/directory/E006`);
    await page.getByRole('heading', { level: 2, name: e.historyTitle }).waitFor();
    const history = page.locator('[data-history][aria-busy="false"]');
    await history.locator('#employee-history-table').waitFor();
    assert.deepEqual(await history.locator('thead th').allTextContents(), [e.colEffective, e.colChange, e.colBefore, e.colAfter, e.colRecorded]);
    const rows = await history.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].slice(0, 4).map((td) => td.textContent)));
    // Newest first by effective date: the directory was imported today (each employee joined),
    // the promotion was sent later but dated 1 March. Dates as the reader writes them.
    assert.deepEqual(rows, [
      [new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'UTC' }).format(new Date()), e.historyJoined, '', ''],
      ['01/03/2026', e.grade, '7', '8'],
    ]);
    await history.getByText(fill(e.historyCount.other, { count: 2 }), { exact: true }).waitFor();
    await screenshot(page, `${lang}-employee-history`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
