// A program manager's flows: create accounts (validated as typed, errors from the server shown
// next to their field, and gone once they no longer apply), edit their name and roles, disable
// them (after a confirmation) and enable them, read, page through and filter the audit log.
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
  assert.deepEqual(await navLinks(page, m), [m.home.nav, m.directory.nav, m.users.nav, m.audit.nav]);
  await context.close();
});

test('the audit log lists what happened, newest first, pages through it and filters by actor and action', async () => {
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
  await page.getByRole('link', { name: m.audit.nav, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: m.audit.title }).waitFor();
  await settled(page);
  const failed = page.getByRole('alert').filter({ hasText: m.errors.network });
  await failed.waitFor();
  await afterResponse(page, auditQuery, () => failed.getByRole('button', { name: m.errors.retry, exact: true }).click());
  assert.equal(await failed.count(), 0, 'the alert goes once the retry succeeds');
  const table = page.getByRole('table');
  const rows = table.locator('tbody tr');
  assert.ok((await rows.count()) >= 3, 'logins and the account creation are in the log');
  const times = await table.locator('tbody time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
  const sorted = [...times].sort((a, b) => Date.parse(b) - Date.parse(a));
  assert.deepEqual(times, sorted, 'newest first');

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

  await page.getByLabel(m.audit.action, { exact: true }).fill('user.create');
  const byAction = await afterResponse(page, (u) => auditQuery(u) && u.searchParams.get('action') === 'user.create', () =>
    page.getByRole('button', { name: m.audit.apply, exact: true }).click(),
  );
  assert.equal(byAction.status(), 200);
  const actions = await table.locator('tbody tr td:nth-child(3)').allTextContents();
  assert.ok(actions.length >= 1, 'the account creation is logged');
  assert.ok(actions.every((a) => a.trim() === 'user.create'), actions.join(','));
  const created = table.locator('tbody tr').filter({ hasText: DEMO.admin });
  assert.ok((await created.count()) >= 1, 'the creation is attributed to the admin');

  await afterResponse(page, (u) => auditQuery(u) && !u.searchParams.has('action'), () =>
    page.getByRole('button', { name: m.audit.reset, exact: true }).click(),
  );
  await page.getByLabel(m.audit.actor, { exact: true }).fill(DEMO.admin);
  const byActor = await afterResponse(page, (u) => auditQuery(u) && u.searchParams.get('actor') === DEMO.admin, () =>
    page.getByRole('button', { name: m.audit.apply, exact: true }).click(),
  );
  assert.equal(byActor.status(), 200);
  assert.match(page.url(), /actor=admin%40demo\.example/);
  const actors = await table.locator('tbody tr td:nth-child(2)').allTextContents();
  assert.ok(actors.length >= 2, 'the admin logged in and created an account');
  assert.ok(actors.every((a) => a.trim() === DEMO.admin), actors.join(','));
  await screenshot(page, 'en-audit-filtered');
  assert.deepEqual(errors, []);
  await context.close();
});
