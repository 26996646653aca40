// Logging in and out, navigation by role, and the language switch, in a real browser against
// the real server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, DEMO_PASSWORD, startServer } from '../support/binome.mjs';

const ROLES = ['admin', 'mentor', 'mentee', 'sponsor'];
import { catalogues, fill, launchBrowser, login, navLinks, newPage, screenshot, settled } from './support.mjs';

let server;
let browser;
let M;

before(async () => {
  [server, browser, M] = await Promise.all([startServer(), launchBrowser(), catalogues()]);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('navigation follows the roles', () => {
  test('a program manager sees Home, Directory, Users and Audit log, and the overview', async () => {
    const m = M.en;
    const { context, page, errors } = await newPage(browser);
    const asked = [];
    page.on('request', (r) => r.url().includes('/api/') && asked.push(new URL(r.url()).pathname));
    const overviewAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/overview');
    const auditAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit');
    const user = await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
    assert.ok(user.roles.includes('admin'));
    assert.deepEqual(await navLinks(page, m), [m.home.nav, m.directory.nav, m.users.nav, m.outbox.nav, m.audit.nav]);
    await page.getByRole('heading', { level: 1, name: fill(m.home.greeting, { name: user.name }) }).waitFor();
    await page.getByRole('heading', { level: 2, name: m.home.usersByRole }).waitFor();
    await page.getByRole('heading', { level: 2, name: m.home.latestAudit }).waitFor();
    await settled(page);
    // One call for the whole overview (no count per role any more), one for the latest entries.
    const overview = await (await overviewAnswer).json();
    assert.deepEqual(asked.filter((p) => p !== '/api/v1/auth/me' && p !== '/api/v1/auth/login').sort(), ['/api/v1/audit', '/api/v1/overview']);
    // The overview counts the demo accounts: one card per role, each with its number.
    const section = (name) => page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });
    const stats = await section(m.home.usersByRole).locator('.stat').allTextContents();
    assert.equal(stats.length, 4, stats.join(' / '));
    for (const s of stats) assert.match(s, /\d/);
    assert.deepEqual(stats, ROLES.map((r) => `${overview.users.by_role[r]}${m.rolesPlural[r]}`));
    // The directory: the demo bank's employees, and its import from the command line.
    const directory = section(m.home.directoryTitle);
    assert.ok(overview.directory.employees > 0 && overview.last_import, JSON.stringify(overview));
    const employees = new Intl.NumberFormat('en-GB').format(overview.directory.employees);
    assert.equal(await directory.locator('[data-stat="employees"]').textContent(), `${employees}${m.home.employees.other}`);
    assert.equal(await directory.locator('[data-field="by"]').textContent(), fill(m.home.commandLine, { user: overview.last_import.actor.replace(/^system:/, '') }));
    // The last import is the demo's last monthly extract: a few newcomers and changes.
    const counted = (n) => new Intl.NumberFormat('en-GB').format(n);
    assert.match(
      await directory.locator('[data-field="counts"]').textContent(),
      new RegExp(`^${fill(m.home.importCreated.other, { count: counted(overview.last_import.created) })}, ${counted(overview.last_import.updated)} updated`),
    );
    // Nothing pending (accounts of every role, employees): no suggestion, a quiet way into the directory.
    assert.equal(await page.getByRole('heading', { level: 2, name: m.home.nextTitle }).count(), 0);
    await directory.getByRole('link', { name: m.home.browseDirectory, exact: true }).waitFor();
    // The latest entries, as the server's sentences.
    const sentences = (await (await auditAnswer).json()).items.map((e) => e.summary);
    assert.deepEqual(await section(m.home.latestAudit).locator('.audit-entry__summary').allTextContents(), sentences);
    await screenshot(page, 'en-home-admin');
    assert.deepEqual(errors, []);
    await context.close();
  });

  for (const role of ['mentor', 'mentee']) {
    test(`a ${role} sees only Home, with an honest empty state`, async () => {
      const m = M.en;
      const { context, page, errors } = await newPage(browser);
      const user = await login(page, server.url, DEMO[role], DEMO_PASSWORD, m);
      assert.deepEqual(user.roles, [role]);
      const links = await navLinks(page, m);
      assert.deepEqual(links, [m.home.nav]);
      assert.ok(!links.includes(m.users.nav) && !links.includes(m.audit.nav) && !links.includes(m.directory.nav) && !links.includes(m.outbox.nav));
      await page.getByRole('heading', { level: 1, name: fill(m.home.greeting, { name: user.name }) }).waitFor();
      await page.getByText(role === 'mentor' ? m.home.noPairMentor : m.home.noPairMentee, { exact: true }).waitFor();
      await screenshot(page, `en-home-${role}`);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  test('a sponsor sees only Home, with "no report yet"', async () => {
    const m = M.en;
    const { context, page, errors } = await newPage(browser);
    const user = await login(page, server.url, DEMO.sponsor, DEMO_PASSWORD, m);
    assert.deepEqual(await navLinks(page, m), [m.home.nav]);
    await page.getByRole('heading', { level: 1, name: fill(m.home.greeting, { name: user.name }) }).waitFor();
    await page.getByText(m.home.noReport, { exact: true }).waitFor();
    await screenshot(page, 'en-home-sponsor');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a mentee who types the address of an admin page is told it is restricted', async () => {
    const m = M.en;
    const { context, page } = await newPage(browser);
    await login(page, server.url, DEMO.mentee, DEMO_PASSWORD, m);
    await page.goto(`${server.url}/users`);
    await page.getByRole('heading', { level: 1, name: m.layout.forbiddenTitle }).waitFor();
    assert.equal(await page.locator('#users-table').count(), 0);
    // The page says who it is for (the route table's roles for it).
    await page.getByText(fill(m.layout.forbiddenText, { roles: m.rolesPlural.admin }), { exact: true }).waitFor();
    for (const path of ['/directory', '/directory/import', '/directory/E001', '/audit']) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1, name: m.layout.forbiddenTitle }).waitFor();
    }
    // The API says the same to a mentee who asks it directly.
    assert.equal(await page.evaluate(() => fetch('/api/v1/employees').then((r) => r.status)), 403);
    await context.close();
  });
});

describe('logging in and out', () => {
  test('a wrong password shows the server\'s explanation and keeps the email', async () => {
    const m = M.en;
    const { context, page } = await newPage(browser);
    await page.goto(server.url);
    await page.getByLabel(m.login.email, { exact: true }).fill(DEMO.mentor);
    await page.getByLabel(m.login.password, { exact: true }).fill('not-the-password');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
      page.getByRole('button', { name: m.login.submit, exact: true }).click(),
    ]);
    assert.equal(response.status(), 401);
    assert.match(response.headers()['content-type'] ?? '', /application\/problem\+json/);
    const problem = await response.json();
    assert.equal(problem.code, 'invalid_credentials');
    assert.ok(problem.detail, 'the problem has a detail');
    const alert = page.getByRole('alert');
    await alert.getByText(problem.detail, { exact: true }).waitFor();
    // The request id is for support: folded under the message, not part of it.
    assert.ok(problem.request_id);
    assert.ok(!(await alert.innerText()).includes(problem.request_id), 'the request id is out of sight');
    const reference = alert.getByRole('group').filter({ has: page.locator('summary') });
    await reference.getByText(m.errors.supportReference, { exact: true }).click();
    await reference.getByText(problem.request_id, { exact: true }).waitFor({ state: 'visible' });
    assert.equal(await page.getByLabel(m.login.email, { exact: true }).inputValue(), DEMO.mentor);
    assert.equal(await page.getByRole('navigation', { name: m.layout.mainNav }).count(), 0);
    await screenshot(page, 'en-login-error');
    await page.getByRole('button', { name: M.fr.meta.language }).click();
    await reference.getByText(M.fr.errors.supportReference, { exact: true }).waitFor();
    await context.close();
  });

  test('logging out returns to the login page and ends the session on the server', async () => {
    const m = M.en;
    const { context, page } = await newPage(browser);
    await login(page, server.url, DEMO.mentor, DEMO_PASSWORD, m);
    assert.equal(await page.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.status)), 200);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout')),
      page.getByRole('button', { name: m.layout.logout, exact: true }).click(),
    ]);
    assert.equal(response.status(), 204);
    await page.getByRole('heading', { level: 1, name: m.login.title }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: m.layout.mainNav }).count(), 0);
    assert.equal(await page.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.status)), 401);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: m.login.title }).waitFor();
    await context.close();
  });

  test('a page whose code fails to load says so, and the other pages still open', async () => {
    const m = M.en;
    const { context, page } = await newPage(browser);
    await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
    await page.route(/\/assets\/AuditPage-[^/]+\.js$/, (route) => route.abort('connectionreset'));
    await page.getByRole('link', { name: m.audit.nav, exact: true }).click();
    await page.getByRole('alert').getByText(m.layout.pageLoadError, { exact: true }).waitFor();
    await page.getByRole('link', { name: m.users.nav, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: m.users.title }).waitFor();
    assert.equal(await page.getByText(m.layout.pageLoadError).count(), 0);
    await context.close();
  });

  test('when the session ends on the server, the next action leads to the login page, which says why', async () => {
    const m = M.en;
    const { context, page } = await newPage(browser);
    await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
    await settled(page);
    // End the session behind the page's back (as an expiry or a logout in another tab would).
    const ended = await page.evaluate(async (csrf) => {
      const r = await fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': csrf } });
      return r.status;
    }, await page.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.json()).then((j) => j.csrf_token)));
    assert.equal(ended, 204);
    await page.getByRole('link', { name: m.users.nav, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: m.login.title }).waitFor();
    await page.getByText(m.layout.sessionExpired, { exact: true }).waitFor();
    await context.close();
  });
});

describe('too many failed attempts', () => {
  test('the lockout says how long to wait in minutes (rounded up) or seconds, in French and in English', async () => {
    const { context, page } = await newPage(browser, { locale: 'fr-FR' });
    const fr = M.fr;
    // An address with no account: locking it out locks nobody out of the other tests.
    const email = 'locked.out@demo.example';
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: fr.login.title }).waitFor();
    const attempts = await page.evaluate(async (email) => {
      const statuses = [];
      while (statuses.at(-1) !== 429 && statuses.length < 20) {
        const r = await fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'wrong-password' }) });
        statuses.push(r.status);
      }
      return statuses;
    }, email);
    assert.equal(attempts.at(-1), 429, `the server locks the address out: ${attempts}`);

    await page.getByLabel(fr.login.email, { exact: true }).fill(email);
    await page.getByLabel(fr.login.password, { exact: true }).fill('wrong-password');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
      page.getByRole('button', { name: fr.login.submit, exact: true }).click(),
    ]);
    assert.equal(refused.status(), 429);
    const seconds = Number(refused.headers()['retry-after']);
    assert.ok(seconds > 60, `Retry-After: ${seconds}`);
    const minutes = Math.ceil(seconds / 60);
    const form = (forms) => (minutes === 1 ? forms.one : forms.other);
    const alert = page.getByRole('alert');
    await alert.getByText(fr.login.tooManyAttempts, { exact: true }).waitFor();
    await alert.getByText(fill(form(fr.login.retryInMinutes), { count: minutes }), { exact: true }).waitFor();
    assert.doesNotMatch(await alert.innerText(), /\d+ s\b/, 'no count of seconds');
    // The request id waits for support, in French too.
    await alert.getByText(fr.errors.supportReference, { exact: true }).waitFor();
    await screenshot(page, 'fr-login-locked');

    await page.getByRole('button', { name: M.en.meta.language }).click();
    await alert.getByText(M.en.login.tooManyAttempts, { exact: true }).waitFor();
    await alert.getByText(fill(form(M.en.login.retryInMinutes), { count: minutes }), { exact: true }).waitFor();

    // Under a minute, the wait is said in seconds (an answer shaped as the server's, 42 s).
    const problem = await refused.json();
    await page.route((u) => u.pathname === '/api/v1/auth/login', (route) =>
      route.fulfill({ status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '42' }, body: JSON.stringify(problem) }),
    { times: 1 });
    await page.getByLabel(M.en.login.password, { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: M.en.login.submit, exact: true }).click();
    await alert.getByText(fill(M.en.login.retryInSeconds.other, { count: 42 }), { exact: true }).waitFor();
    await page.getByRole('button', { name: M.fr.meta.language }).click();
    await alert.getByText(fill(M.fr.login.retryInSeconds.other, { count: 42 }), { exact: true }).waitFor();
    await context.close();
  });
});

/** The vertical extents of the header's parts: brand, navigation, language switch and logout. */
async function headerParts(page, m) {
  const box = async (locator) => {
    const b = await locator.boundingBox();
    return { top: b.y, bottom: b.y + b.height };
  };
  return {
    brand: await box(page.getByRole('link', { name: `${m.meta.appName} — ${m.home.nav}` })),
    nav: await box(page.getByRole('navigation', { name: m.layout.mainNav })),
    language: await box(page.getByRole('group', { name: m.layout.switchLanguage })),
    logout: await box(page.getByRole('button', { name: m.layout.logout, exact: true })),
    header: await box(page.getByRole('banner')),
  };
}
const sameRow = (a, b) => a.top < b.bottom && b.top < a.bottom;
const noSideScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** At 1280 px, the whole header is one row: every part shares the brand's line. */
async function assertHeaderOnOneRow(page, m) {
  const parts = await headerParts(page, m);
  for (const name of ['nav', 'language', 'logout']) assert.ok(sameRow(parts.brand, parts[name]), `${name} on the brand's row: ${JSON.stringify(parts)}`);
  assert.ok(parts.header.bottom - parts.header.top <= 80, `one row high: ${JSON.stringify(parts.header)}`);
}

describe('French and English', () => {
  test('the language follows the browser: French for fr-*, English otherwise', async () => {
    for (const [locale, lang] of [['fr-FR', 'fr'], ['fr-CA', 'fr'], ['en-US', 'en'], ['de-DE', 'en']]) {
      const { context, page } = await newPage(browser, { locale });
      await page.goto(server.url);
      await page.getByRole('heading', { level: 1, name: M[lang].login.title }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), lang, locale);
      await context.close();
    }
  });

  test('switching language changes the texts, and the choice survives a reload and a new login', async () => {
    const { context, page } = await newPage(browser, { locale: 'fr-FR' });
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: M.fr.login.title }).waitFor();
    assert.equal(await page.getByRole('button', { name: M.fr.meta.language }).getAttribute('aria-pressed'), 'true');

    await page.getByRole('button', { name: M.en.meta.language }).click();
    await page.getByRole('heading', { level: 1, name: M.en.login.title }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.getByLabel(M.en.login.password, { exact: true }).count(), 1);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: M.en.login.title }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');

    // Logged in, the navigation changes language too, and dates use the language's format.
    await login(page, server.url, DEMO.admin, DEMO_PASSWORD, M.en);
    assert.deepEqual(await navLinks(page, M.en), [M.en.home.nav, M.en.directory.nav, M.en.users.nav, M.en.outbox.nav, M.en.audit.nav]);
    assert.equal(page.viewportSize().width, 1280);
    await assertHeaderOnOneRow(page, M.en);
    await page.getByRole('button', { name: M.fr.meta.language }).click();
    assert.deepEqual(await navLinks(page, M.fr), [M.fr.home.nav, M.fr.directory.nav, M.fr.users.nav, M.fr.outbox.nav, M.fr.audit.nav]);
    // French labels are longer: still one row at 1280 px.
    await assertHeaderOnOneRow(page, M.fr);
    // Narrower, the navigation takes a row of its own under the brand and the tools; nothing
    // scrolls sideways, down to a phone.
    await page.setViewportSize({ width: 900, height: 860 });
    const narrow = await headerParts(page, M.fr);
    assert.ok(sameRow(narrow.brand, narrow.logout) && narrow.nav.top >= narrow.brand.bottom, JSON.stringify(narrow));
    assert.ok(await noSideScroll(page), 'no horizontal scroll at 900 px');
    await page.setViewportSize({ width: 375, height: 860 });
    assert.ok(await noSideScroll(page), 'no horizontal scroll at 375 px');
    await screenshot(page, 'fr-home-admin-phone');
    await page.setViewportSize({ width: 1280, height: 860 });
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    await settled(page);
    const firstDate = await page.locator('table time').first().textContent();
    assert.match(firstDate, /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/, `French date format: ${firstDate}`);
    await page.reload();
    await page.getByRole('navigation', { name: M.fr.layout.mainNav }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    await context.close();
  });
});
