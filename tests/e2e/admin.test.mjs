// A program manager's flows: create accounts (validated as typed, errors from the server shown
// next to their field, and gone once they no longer apply), edit their name and roles, disable
// them (after a confirmation) and enable them; read the audit log as sentences, page through it,
// filter it and export it. In French, the server's refusals and sentences are French.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, DEMO, DEMO_PASSWORD, startServer } from '../support/binome.mjs';
import { afterResponse, catalogues, fill, launchBrowser, login, navLinks, newPage, screenshot, settled } from './support.mjs';

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

const NEW_USER = { name: 'Inès Multirôle', email: 'ines.multirole@demo.example', password: 'a-long-enough-secret' };

/** The row of the users table whose header cell is this name. */
const userRow = (page, name) => page.locator('#users-table tbody tr').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

test('a program manager creates a user (validated as typed) and sees it in the list', async () => {
  const m = M.en;
  const { context, page, errors } = await newPage(browser);
  await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
  await page.getByRole('link', { name: m.users.nav, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: m.users.title }).waitFor();
  await settled(page);
  // The demo accounts are listed.
  for (const email of Object.values(DEMO)) await page.locator('#users-table').getByText(email, { exact: true }).waitFor();

  const form = page.locator('form').filter({ has: page.getByRole('heading', { name: m.users.createTitle }) });
  const password = form.getByLabel(m.users.password, { exact: true });
  await form.getByLabel(m.users.name, { exact: true }).fill(NEW_USER.name);
  await form.getByLabel(m.users.email, { exact: true }).fill(NEW_USER.email);
  await form.getByRole('checkbox', { name: M.en.roles.mentor }).check();
  await form.getByRole('checkbox', { name: M.en.roles.sponsor }).check();

  // Too short: said while typing, before any submit.
  await password.pressSequentially('short-pass');
  await form.getByText(fill(m.users.passwordTooShort, { count: 10 }), { exact: true }).waitFor();
  assert.equal(await password.getAttribute('aria-invalid'), 'true');
  // A submit now is refused by the form itself and the focus goes to the field to fix.
  await form.getByRole('button', { name: m.users.create, exact: true }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'new-user-password');
  await screenshot(page, 'en-users-create-invalid');

  await password.pressSequentially('-ok');
  await form.getByText(fill(m.users.passwordHint, { count: 13 }), { exact: true }).waitFor();
  assert.equal(await password.getAttribute('aria-invalid'), null);
  await password.fill(NEW_USER.password);

  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST'),
    form.getByRole('button', { name: m.users.create, exact: true }).click(),
  ]);
  assert.equal(response.status(), 201, await response.text());
  const created = await response.json();
  assert.equal(created.email, NEW_USER.email);
  assert.deepEqual([...created.roles].sort(), ['mentor', 'sponsor']);
  assert.equal(created.active, true);

  await page.getByRole('status').getByText(fill(m.users.created, { name: NEW_USER.name }), { exact: true }).waitFor();
  const row = userRow(page, NEW_USER.name);
  await row.waitFor();
  assert.match(await row.textContent(), new RegExp(NEW_USER.email.replace(/\./g, '\\.')));
  assert.match(await row.textContent(), new RegExp(`${m.roles.mentor}, ${m.roles.sponsor}`));
  // The form is empty again, ready for the next one.
  assert.equal(await form.getByLabel(m.users.email, { exact: true }).inputValue(), '');

  // The same email again: the server's conflict is shown next to the email field, and what was typed stays.
  await form.getByLabel(m.users.name, { exact: true }).fill('Someone Else');
  await form.getByLabel(m.users.email, { exact: true }).fill(NEW_USER.email);
  await form.getByRole('checkbox', { name: M.en.roles.mentee }).check();
  await password.fill('another-long-secret');
  const [conflict] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST'),
    form.getByRole('button', { name: m.users.create, exact: true }).click(),
  ]);
  assert.equal(conflict.status(), 409);
  const problem = await conflict.json();
  assert.equal(problem.code, 'conflict');
  await page.locator('#new-user-email-error').getByText(problem.detail, { exact: true }).waitFor();
  assert.equal(await form.getByLabel(m.users.name, { exact: true }).inputValue(), 'Someone Else');
  assert.equal(await password.inputValue(), 'another-long-secret');
  await screenshot(page, 'en-users-conflict');

  // Editing the email takes the server's error away, and the alert above the form with it.
  const email = form.getByLabel(m.users.email, { exact: true });
  await email.fill('someone.else@demo.example');
  assert.equal(await page.locator('#new-user-email-error').count(), 0);
  assert.equal(await form.getByRole('alert').count(), 0);
  // The conflict again, then another action succeeds (an account edited): the stale error goes too.
  await email.fill(NEW_USER.email);
  const again = await afterResponse(page, (u) => u.pathname === '/api/v1/users', () => form.getByRole('button', { name: m.users.create, exact: true }).click());
  assert.equal(again.status(), 409);
  await page.locator('#new-user-email-error').getByText(problem.detail, { exact: true }).waitFor();

  // Editing an account: its name and its roles.
  const sponsorRow = page.locator('#users-table tbody tr').filter({ hasText: DEMO.sponsor });
  const sponsorName = (await sponsorRow.getByRole('rowheader').textContent()).trim();
  await sponsorRow.getByRole('button', { name: fill(m.users.editLabel, { name: sponsorName }) }).click();
  const edit = page.getByRole('dialog', { name: fill(m.users.editTitle, { name: sponsorName }) });
  await edit.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'edit-user-name');
  await edit.getByLabel(m.users.name, { exact: true }).fill('Hélène Dubois');
  await edit.getByRole('checkbox', { name: m.roles.mentee }).check();
  await screenshot(page, 'en-users-edit');
  const [saved] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/users\/\d+$/.test(r.url()) && r.request().method() === 'PATCH'),
    edit.getByRole('button', { name: m.users.save, exact: true }).click(),
  ]);
  assert.equal(saved.status(), 200, await saved.text());
  assert.deepEqual(saved.request().postDataJSON(), { name: 'Hélène Dubois', roles: ['mentee', 'sponsor'] });
  await edit.waitFor({ state: 'detached' });
  await page.getByRole('status').getByText(fill(m.users.updated, { name: 'Hélène Dubois' }), { exact: true }).waitFor();
  assert.match(await sponsorRow.textContent(), new RegExp(`Hélène Dubois${DEMO.sponsor.replace(/\./g, '\\.')}${m.roles.mentee}, ${m.roles.sponsor}`));
  // The create form has dropped its stale error, and kept what was typed.
  assert.equal(await page.locator('#new-user-email-error').count(), 0);
  assert.equal(await form.getByRole('alert').count(), 0);
  assert.equal(await form.getByLabel(m.users.name, { exact: true }).inputValue(), 'Someone Else');
  assert.equal(await password.inputValue(), 'another-long-secret');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a user with several roles sees the union of what each role shows', async () => {
  const m = M.en;
  const { context, page } = await newPage(browser);
  const user = await login(page, server.url, NEW_USER.email, NEW_USER.password, m);
  assert.deepEqual([...user.roles].sort(), ['mentor', 'sponsor']);
  assert.deepEqual(await navLinks(page, m), [m.home.nav]);
  await page.getByText(m.home.noPairMentor, { exact: true }).waitFor();
  await page.getByText(m.home.noReport, { exact: true }).waitFor();
  await screenshot(page, 'en-home-mentor-sponsor');
  await context.close();
});

test('a program manager disables (once confirmed) and enables an account; a disabled account cannot log in; nobody can remove their own admin role', async () => {
  const m = M.en;
  const { context, page } = await newPage(browser);
  await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
  await page.getByRole('link', { name: m.users.nav, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: m.users.title }).waitFor();
  await settled(page);
  const row = userRow(page, NEW_USER.name);
  const disable = row.getByRole('button', { name: fill(m.users.disableLabel, { name: NEW_USER.name }) });
  const changes = [];
  page.on('request', (r) => r.method() === 'PATCH' && changes.push(r.url()));
  // One click only asks, naming the person; the focus waits on Cancel; Escape changes nothing.
  await disable.click();
  const confirm = page.getByRole('dialog', { name: fill(m.users.confirmDisableTitle, { name: NEW_USER.name }) });
  await confirm.getByText(fill(m.users.confirmDisableText, { name: NEW_USER.name }), { exact: true }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), m.users.cancel);
  await screenshot(page, 'en-users-confirm-disable');
  await page.keyboard.press('Escape');
  await confirm.waitFor({ state: 'detached' });
  assert.ok(await disable.evaluate((button) => button === document.activeElement), 'the focus is back on the button');
  assert.deepEqual(changes, []);
  await row.getByText(m.users.active, { exact: true }).waitFor();
  // Confirmed, the account is disabled.
  await disable.click();
  await confirm.getByRole('button', { name: m.users.confirmDisable, exact: true }).click();
  await confirm.waitFor({ state: 'detached' });
  assert.equal(changes.length, 1);
  await row.getByText(m.users.inactive, { exact: true }).waitFor();
  await page.getByRole('status').getByText(fill(m.users.disabled, { name: NEW_USER.name }), { exact: true }).waitFor();

  const other = await newPage(browser);
  await other.page.goto(server.url);
  await other.page.getByLabel(m.login.email, { exact: true }).fill(NEW_USER.email);
  await other.page.getByLabel(m.login.password, { exact: true }).fill(NEW_USER.password);
  const [refused] = await Promise.all([
    other.page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
    other.page.getByRole('button', { name: m.login.submit, exact: true }).click(),
  ]);
  // The right password of a disabled account: told so, in the page's language (English here).
  assert.equal(refused.status(), 403);
  assert.equal((await refused.json()).code, 'account_disabled');
  await other.page.getByRole('alert').getByText(/Your account has been disabled/).waitFor();
  await other.context.close();

  await row.getByRole('button', { name: fill(m.users.enableLabel, { name: NEW_USER.name }) }).click();
  await row.getByText(m.users.active, { exact: true }).waitFor();
  // The admin's own row offers no button to lock themself out: only editing.
  const self = page.locator('#users-table tbody tr').filter({ hasText: DEMO.admin });
  const selfName = (await self.getByRole('rowheader').textContent()).trim();
  assert.deepEqual(await self.getByRole('button').allTextContents(), [m.users.edit]);

  // Removing your own program manager role: the server refuses, and says so next to the roles.
  await self.getByRole('button', { name: fill(m.users.editLabel, { name: selfName }) }).click();
  const edit = page.getByRole('dialog', { name: fill(m.users.editTitle, { name: selfName }) });
  await edit.getByRole('checkbox', { name: m.roles.admin }).uncheck();
  await edit.getByRole('checkbox', { name: m.roles.mentor }).check();
  const [ownAdmin] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/users\/\d+$/.test(r.url()) && r.request().method() === 'PATCH'),
    edit.getByRole('button', { name: m.users.save, exact: true }).click(),
  ]);
  assert.equal(ownAdmin.status(), 422);
  const rolesError = (await ownAdmin.json()).errors.find((e) => e.field === 'roles');
  assert.ok(rolesError, 'the server names the roles field');
  await edit.locator('#edit-user-roles-error').getByText(rolesError.message, { exact: true }).waitFor();
  await edit.getByRole('alert').getByText(m.users.fixErrors, { exact: true }).waitFor();
  assert.ok(await edit.getByRole('checkbox', { name: m.roles.mentor }).isChecked(), 'what was chosen stays');
  await screenshot(page, 'en-users-edit-refused');
  // Giving the role back takes the error away; a new name for yourself shows in the header too.
  await edit.getByRole('checkbox', { name: m.roles.admin }).check();
  assert.equal(await edit.locator('#edit-user-roles-error').count(), 0);
  assert.equal(await edit.getByRole('alert').count(), 0);
  await edit.getByRole('checkbox', { name: m.roles.mentor }).uncheck();
  await edit.getByLabel(m.users.name, { exact: true }).fill(`${selfName} Durand`);
  await edit.getByRole('button', { name: m.users.save, exact: true }).click();
  await edit.waitFor({ state: 'detached' });
  assert.match(await self.textContent(), new RegExp(`^${selfName} Durand.*${m.roles.admin}${m.users.active}`));
  await page.getByRole('banner').getByText(`${selfName} Durand`).waitFor();
  assert.deepEqual(await navLinks(page, m), [m.home.nav, m.directory.nav, m.users.nav, m.outbox.nav, m.audit.nav]);
  await context.close();
});

/** The text of each row's raw field (action code, actor) in the audit table's "technical details". */
const auditField = (table, field) => table.locator(`tbody tr [data-field="${field}"] code`).allTextContents();
/** What a downloaded file holds, as text (the bytes kept: a BOM stays). */
async function downloaded(download) {
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return Buffer.concat(chunks);
}
/** Words that give away an English sentence. */
const ENGLISH = /\b(is|not|the|required|already|account|created|you|cannot)\b/i;

test('the audit log lists what happened as sentences, newest first, pages through it, filters by actor and action, and exports', async () => {
  const m = M.en;
  // Enough entries for three pages of 50: the mentor's account disabled and enabled 55 times over.
  const admin = new Client(server.url);
  assert.equal((await admin.login(DEMO.admin)).status, 200);
  const mentor = (await admin.request('GET', `/api/v1/users?q=${encodeURIComponent(DEMO.mentor)}`)).json.items[0];
  for (let i = 0; i < 110; i++) {
    const r = await admin.request('PATCH', `/api/v1/users/${mentor.id}`, { body: { active: i % 2 === 1 } });
    assert.equal(r.status, 200, r.text);
  }
  const { context, page, errors } = await newPage(browser);
  await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
  // The first answer never comes (the connection drops): the page says so and offers to retry.
  const auditQuery = (u) => u.pathname === '/api/v1/audit';
  await page.route((u) => auditQuery(u), (route) => route.abort('connectionreset'), { times: 1 });
  const actionsAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit/actions');
  await page.getByRole('link', { name: m.audit.nav, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: m.audit.title }).waitFor();
  await settled(page);
  const failed = page.getByRole('alert').filter({ hasText: m.errors.network });
  await failed.waitFor();
  const listed = await afterResponse(page, auditQuery, () => failed.getByRole('button', { name: m.errors.retry, exact: true }).click());
  assert.equal(await failed.count(), 0, 'the alert goes once the retry succeeds');
  const table = page.getByRole('table');
  const rows = table.locator('tbody tr');
  assert.ok((await rows.count()) >= 3, 'logins and the account creation are in the log');
  const times = await table.locator('tbody time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
  const sorted = [...times].sort((a, b) => Date.parse(b) - Date.parse(a));
  assert.deepEqual(times, sorted, 'newest first');
  // Each entry is the server's sentence (asked in English, the page's language).
  assert.equal(listed.request().headers()['accept-language'], 'en');
  const sentences = (await listed.json()).items.map((e) => e.summary);
  assert.deepEqual(await table.locator('.audit-entry__summary').allTextContents(), sentences);
  assert.ok(sentences.every((s) => s.length > 0));
  // The raw entry waits, folded, under its sentence.
  const details = rows.first().locator('details');
  assert.equal(await details.locator('[data-field="action"]').isVisible(), false);
  await details.getByText(m.audit.details).click();
  await details.locator('[data-field="action"]').waitFor({ state: 'visible' });

  // The action filter lists the server's actions by name, after "All actions".
  const action = page.getByLabel(m.audit.action, { exact: true });
  const known = (await (await actionsAnswer).json()).items;
  assert.ok(known.some((a) => a.code === 'user.create'), JSON.stringify(known));
  assert.deepEqual(await action.locator('option').allTextContents(), [m.audit.allActions, ...known.map((a) => a.label)]);

  // Pagers above and below; the next page (50 rows, from the bottom one) starts at its first row.
  const topPager = page.getByRole('navigation', { name: m.pager.labelTop, exact: true });
  const bottomPager = page.getByRole('navigation', { name: m.pager.labelBottom, exact: true });
  await topPager.getByText(/^Page 1 of [3-9]$/).waitFor();
  const firstOfPage1 = await rows.first().textContent();
  await afterResponse(page, (u) => auditQuery(u) && u.searchParams.get('page') === '2', () =>
    bottomPager.getByRole('button', { name: m.pager.next, exact: true }).click(),
  );
  assert.equal(await rows.count(), 50);
  assert.notEqual(await rows.first().textContent(), firstOfPage1);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'audit-results');
  const first = await rows.first().boundingBox();
  assert.ok(first.y >= 0 && first.y + first.height <= page.viewportSize().height, `first row in view: ${JSON.stringify(first)}`);
  await screenshot(page, 'en-audit-page-2');
  await afterResponse(page, (u) => auditQuery(u) && u.searchParams.get('page') === '1', () =>
    topPager.getByRole('button', { name: m.pager.previous, exact: true }).click(),
  );
  assert.equal(await rows.first().textContent(), firstOfPage1);

  await action.selectOption('user.create');
  const byAction = await afterResponse(page, (u) => auditQuery(u) && u.searchParams.get('action') === 'user.create', () =>
    page.getByRole('button', { name: m.audit.apply, exact: true }).click(),
  );
  assert.equal(byAction.status(), 200);
  assert.match(page.url(), /action=user\.create/);
  const actions = await auditField(table, 'action');
  assert.ok(actions.length >= 1, 'the account creation is logged');
  assert.ok(actions.every((a) => a === 'user.create'), actions.join(','));
  assert.ok((await auditField(table, 'actor')).includes(DEMO.admin), 'the creation is attributed to the admin');
  // The filters survive a reload.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: m.audit.title }).waitFor();
  await settled(page);
  assert.equal(await action.inputValue(), 'user.create');
  assert.deepEqual(await auditField(table, 'action'), actions);

  await afterResponse(page, (u) => auditQuery(u) && !u.searchParams.has('action'), () =>
    page.getByRole('button', { name: m.audit.reset, exact: true }).click(),
  );
  assert.equal(await action.inputValue(), '');
  const actor = page.getByLabel(m.audit.actor, { exact: true });
  await actor.fill(DEMO.admin);
  const byActor = await afterResponse(page, (u) => auditQuery(u) && u.searchParams.get('actor') === DEMO.admin, () =>
    page.getByRole('button', { name: m.audit.apply, exact: true }).click(),
  );
  assert.equal(byActor.status(), 200);
  assert.match(page.url(), /actor=admin%40demo\.example/);
  const actors = await auditField(table, 'actor');
  assert.ok(actors.length >= 2, 'the admin logged in and created an account');
  assert.ok(actors.every((a) => a === DEMO.admin), actors.join(','));
  // No exact email needed: part of the name will do, whatever its case.
  await actor.fill('MOREL');
  const byName = await afterResponse(page, (u) => auditQuery(u) && u.searchParams.get('actor') === 'MOREL', () =>
    page.getByRole('button', { name: m.audit.apply, exact: true }).click(),
  );
  assert.equal((await byName.json()).total, (await byActor.json()).total);
  assert.ok((await auditField(table, 'actor')).every((a) => a === DEMO.admin));
  await screenshot(page, 'en-audit-filtered');

  // The export: the filters in force, in the page's language (English: commas), as a file.
  const count = (await byName.json()).total;
  const [download, exported] = await Promise.all([
    page.waitForEvent('download'),
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit/export'),
    // Then the list again, which the export has changed.
    page.waitForResponse((r) => auditQuery(new URL(r.url()))),
    page.getByRole('button', { name: m.audit.export, exact: true }).click(),
  ]);
  assert.equal(exported.status(), 200);
  assert.equal(new URL(exported.url()).searchParams.get('actor'), 'MOREL');
  assert.equal(exported.request().headers()['accept-language'], 'en');
  const disposition = exported.headers()['content-disposition'] ?? '';
  assert.match(disposition, /attachment/);
  assert.ok(disposition.includes(`"${download.suggestedFilename()}"`), `${disposition} / ${download.suggestedFilename()}`);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const csv = (await downloaded(download)).toString('utf8');
  assert.ok(csv.startsWith('\ufeff'), 'UTF-8 with a BOM');
  const lines = csv.slice(1).trim().split(/\r?\n/);
  assert.match(lines[0], /^Time \(UTC\),Actor,/);
  assert.equal(lines.length, 1 + count, 'a header, then one line per entry');
  await page.getByRole('status').getByText(fill(m.audit.exported, { file: download.suggestedFilename() }), { exact: true }).waitFor();
  // The export is itself in the log: the list, loaded again, shows it at the top.
  await settled(page);
  assert.equal((await auditField(table, 'action'))[0], 'audit.export');

  // Refused (too many entries): the server's explanation, in the page; the list stays.
  const tooLarge = {
    type: 'about:blank',
    title: 'Unprocessable Entity',
    status: 422,
    code: 'export_too_large',
    detail: '150000 entries match, more than the 100000 an export may hold: narrow the filters (a shorter period, one action).',
    request_id: 'test-export-too-large',
  };
  await page.route((u) => u.pathname === '/api/v1/audit/export', (route) =>
    route.fulfill({ status: 422, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify(tooLarge) }),
  { times: 1 });
  await page.getByRole('button', { name: m.audit.export, exact: true }).click();
  await page.getByRole('alert').getByText(tooLarge.detail, { exact: true }).waitFor();
  assert.ok((await rows.count()) > 0);
  await screenshot(page, 'en-audit-export-refused');
  assert.deepEqual(errors, []);
  await context.close();
});

test('in French, the server refuses in French: a disabled account (403), one’s own admin role (422), a withdrawn role (403)', async () => {
  const m = M.fr;
  const admin = new Client(server.url);
  assert.equal((await admin.login(DEMO.admin)).status, 200);
  const newUser = (await admin.request('GET', `/api/v1/users?q=${encodeURIComponent(NEW_USER.email)}`)).json.items[0];

  // A disabled account, its right password: the login page says why, in the server's French.
  assert.equal((await admin.request('PATCH', `/api/v1/users/${newUser.id}`, { body: { active: false } })).status, 200);
  const visitor = await newPage(browser, { locale: 'fr-FR' });
  await visitor.page.goto(server.url);
  await visitor.page.getByLabel(m.login.email, { exact: true }).fill(NEW_USER.email);
  await visitor.page.getByLabel(m.login.password, { exact: true }).fill(NEW_USER.password);
  const [refused] = await Promise.all([
    visitor.page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
    visitor.page.getByRole('button', { name: m.login.submit, exact: true }).click(),
  ]);
  assert.equal(refused.status(), 403);
  assert.equal(refused.request().headers()['accept-language'], 'fr');
  const disabled = await refused.json();
  assert.equal(disabled.code, 'account_disabled');
  assert.doesNotMatch(disabled.detail, ENGLISH);
  await visitor.page.getByRole('alert').getByText(disabled.detail, { exact: true }).waitFor();
  await screenshot(visitor.page, 'fr-login-disabled');
  await visitor.context.close();
  assert.equal((await admin.request('PATCH', `/api/v1/users/${newUser.id}`, { body: { active: true } })).status, 200);

  // Removing one's own program manager role: the server's French message next to the roles.
  const { context, page, errors } = await newPage(browser, { locale: 'fr-FR' });
  await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
  await page.getByRole('link', { name: m.users.nav, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: m.users.title }).waitFor();
  await settled(page);
  const self = page.locator('#users-table tbody tr').filter({ hasText: DEMO.admin });
  const selfName = (await self.getByRole('rowheader').textContent()).trim();
  await self.getByRole('button', { name: fill(m.users.editLabel, { name: selfName }) }).click();
  const edit = page.getByRole('dialog', { name: fill(m.users.editTitle, { name: selfName }) });
  await edit.getByRole('checkbox', { name: m.roles.admin, exact: true }).uncheck();
  await edit.getByRole('checkbox', { name: m.roles.mentor, exact: true }).check();
  const [ownAdmin] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/users\/\d+$/.test(r.url()) && r.request().method() === 'PATCH'),
    edit.getByRole('button', { name: m.users.save, exact: true }).click(),
  ]);
  assert.equal(ownAdmin.status(), 422);
  const rolesError = (await ownAdmin.json()).errors.find((e) => e.field === 'roles');
  assert.ok(rolesError, 'the server names the roles field');
  assert.doesNotMatch(rolesError.message, ENGLISH);
  await edit.locator('#edit-user-roles-error').getByText(rolesError.message, { exact: true }).waitFor();
  await edit.getByRole('alert').getByText(m.users.fixErrors, { exact: true }).waitFor();
  await screenshot(page, 'fr-users-edit-refused');
  await page.keyboard.press('Escape');
  await edit.waitFor({ state: 'detached' });

  // A second program manager loses the role while reading the audit log: the next request is
  // refused, and the page says so in the server's French.
  const second = { name: 'Agnès Second', email: 'agnes.second@demo.example', password: 'another-long-secret' };
  const created = await admin.request('POST', '/api/v1/users', { body: { ...second, roles: ['admin'] } });
  assert.equal(created.status, 201, created.text);
  const other = await newPage(browser, { locale: 'fr-FR' });
  await login(other.page, server.url, second.email, second.password, m);
  await other.page.getByRole('link', { name: m.audit.nav, exact: true }).click();
  await other.page.getByRole('heading', { level: 1, name: m.audit.title }).waitFor();
  await settled(other.page);
  assert.equal((await admin.request('PATCH', `/api/v1/users/${created.json.id}`, { body: { roles: ['mentor'] } })).status, 200);
  await other.page.getByLabel(m.audit.actor, { exact: true }).fill('morel');
  const forbidden = await afterResponse(other.page, (u) => u.pathname === '/api/v1/audit' && u.searchParams.get('actor') === 'morel', () =>
    other.page.getByRole('button', { name: m.audit.apply, exact: true }).click(),
  );
  assert.equal(forbidden.status(), 403);
  const problem = await forbidden.json();
  assert.equal(problem.code, 'forbidden');
  assert.doesNotMatch(problem.detail, ENGLISH);
  await other.page.getByRole('alert').getByText(problem.detail, { exact: true }).waitFor();
  await screenshot(other.page, 'fr-audit-forbidden');
  await other.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('in French, the audit log reads in French: the sentences, the actions, the export; a language switch follows', async () => {
  const m = M.fr;
  const { context, page, errors } = await newPage(browser, { locale: 'fr-FR' });
  await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
  await settled(page); // the home has its latest entries
  const isList = (u) => u.pathname === '/api/v1/audit';
  const actionsAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit/actions');
  const listAnswer = page.waitForResponse((r) => isList(new URL(r.url())));
  await page.getByRole('link', { name: m.audit.nav, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: m.audit.title }).waitFor();
  await settled(page);
  const table = page.getByRole('table');

  // The actions by their French names (the server's), after « Toutes les actions ».
  const actionsResponse = await actionsAnswer;
  assert.equal(actionsResponse.request().headers()['accept-language'], 'fr');
  const known = (await actionsResponse.json()).items;
  const labels = known.map((a) => a.label);
  assert.ok(labels.includes('Création de compte'), labels.join(' / '));
  assert.deepEqual(await page.getByLabel(m.audit.action, { exact: true }).locator('option').allTextContents(), [m.audit.allActions, ...labels]);

  // Every entry as the server's French sentence.
  const listResponse = await listAnswer;
  assert.equal(listResponse.request().headers()['accept-language'], 'fr');
  const sentences = (await listResponse.json()).items.map((e) => e.summary);
  assert.deepEqual(await table.locator('.audit-entry__summary').allTextContents(), sentences);
  assert.ok(sentences.some((s) => / a (créé|désactivé|réactivé) le compte de /.test(s)), sentences.join('\n'));
  const english = sentences.filter((s) => ENGLISH.test(s));
  assert.deepEqual(english, [], 'no English sentence');
  await table.locator('tbody tr').first().locator('details summary').click();
  await screenshot(page, 'fr-audit-sentences');

  // The export in French: semicolons, French headers.
  await page.getByLabel(m.audit.action, { exact: true }).selectOption('user.create');
  await afterResponse(page, (u) => isList(u) && u.searchParams.get('action') === 'user.create', () =>
    page.getByRole('button', { name: m.audit.apply, exact: true }).click(),
  );
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.waitForResponse((r) => isList(new URL(r.url()))), // the list again, with the export in it
    page.getByRole('button', { name: m.audit.export, exact: true }).click(),
  ]);
  await settled(page);
  const csv = (await downloaded(download)).toString('utf8');
  assert.ok(csv.startsWith('\ufeff'), 'UTF-8 with a BOM');
  const [header, ...lines] = csv.slice(1).trim().split(/\r?\n/);
  assert.match(header, /^Date et heure \(UTC\);Auteur;/);
  assert.ok(lines.length >= 1 && lines.every((l) => l.includes(';Création de compte;')), lines.join('\n'));
  await page.getByRole('status').getByText(fill(m.audit.exported, { file: download.suggestedFilename() }), { exact: true }).waitFor();

  // Switching to English loads the sentences and the actions again, in English.
  const [enList, enActions] = await Promise.all([
    page.waitForResponse((r) => isList(new URL(r.url()))),
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit/actions'),
    page.getByRole('button', { name: M.en.meta.language }).click(),
  ]);
  await settled(page);
  assert.equal(enList.request().headers()['accept-language'], 'en');
  assert.deepEqual(await table.locator('.audit-entry__summary').allTextContents(), (await enList.json()).items.map((e) => e.summary));
  assert.deepEqual(
    await page.getByLabel(M.en.audit.action, { exact: true }).locator('option').allTextContents(),
    [M.en.audit.allActions, ...(await enActions.json()).items.map((a) => a.label)],
  );
  assert.equal(await page.getByLabel(M.en.audit.action, { exact: true }).inputValue(), 'user.create', 'the filter stays');
  assert.deepEqual(errors, []);
  await context.close();
});
