// Accounts by e-mailed link, in the browser, without an SMTP server (the outbox hands the links
// over): a program manager creates an account without a password, finds its activation link on
// the Outbox page (with the banner saying no SMTP server is configured), and the person opens it
// in their own browser, chooses a password and is logged in; the same link then says it no longer
// works. A forgotten password: the page answers alike for every address, and the reset link sets
// a new password. An employee's page shows their account, or creates it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, DEMO_PASSWORD, startServer } from '../support/binome.mjs';
import { catalogues, fill, launchBrowser, login, newPage, screenshot } from './support.mjs';

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

/** The link the outbox shows for the newest message to `email`, read from the Outbox page. */
async function linkFromOutbox(page, m, email) {
  await page.goto(`${server.url}/outbox`);
  await page.getByRole('heading', { level: 1, name: m.outbox.title }).waitFor();
  const item = page.locator('#outbox-messages li').filter({ hasText: email }).first();
  await item.waitFor();
  return (await item.locator('.outbox__link code').textContent()).trim();
}

/** The same path and fragment on the test server (the links point at --public-url). */
const local = (link) => server.url + new URL(link).pathname + new URL(link).hash;

test('an account created without a password is activated by its link, once', async () => {
  const m = M.en;
  const { context, page } = await newPage(browser);
  await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
  await page.goto(`${server.url}/users`);
  const form = page.locator('form').filter({ has: page.getByRole('heading', { name: m.users.createTitle }) });
  await form.getByLabel(m.users.name, { exact: true }).fill('Inès Moreau');
  await form.getByLabel(m.users.email, { exact: true }).fill('ines.moreau@bank.example');
  await form.getByRole('checkbox', { name: M.en.roles.mentor }).check();
  await form.getByText(m.users.passwordOptionalHint, { exact: true }).waitFor();
  await form.getByRole('button', { name: m.users.create, exact: true }).click();
  await page.getByRole('status').getByText(fill(m.users.createdByLink, { name: 'Inès Moreau' }), { exact: true }).waitFor();
  const row = page.locator('#users-table tbody tr').filter({ hasText: 'ines.moreau@bank.example' });
  await row.getByText(m.users.notActivated, { exact: true }).waitFor();

  const link = await linkFromOutbox(page, m, 'ines.moreau@bank.example');
  await page.locator('#outbox-no-smtp').getByText(m.outbox.noSmtp, { exact: true }).waitFor();
  assert.match(link, /\/activate#token=[A-Za-z0-9_-]{40,}$/);
  await screenshot(page, 'en-outbox-pending-link');

  // The person, in their own browser.
  const person = await newPage(browser, { locale: 'fr-FR' });
  const f = M.fr;
  await person.page.goto(local(link));
  await person.page.getByRole('heading', { level: 1, name: f.accountLink.activateTitle }).waitFor();
  await person.page.getByLabel(f.accountLink.password, { exact: true }).fill('ma phrase de passe 2026');
  await person.page.getByLabel(f.accountLink.confirm, { exact: true }).fill('ma phrase de passe 2025');
  await person.page.getByRole('button', { name: f.accountLink.submit, exact: true }).click();
  await person.page.getByText(f.accountLink.mismatch, { exact: true }).waitFor();
  await person.page.getByLabel(f.accountLink.confirm, { exact: true }).fill('ma phrase de passe 2026');
  await person.page.getByRole('button', { name: f.accountLink.submit, exact: true }).click();
  await person.page.getByRole('heading', { level: 1, name: fill(f.home.greeting, { name: 'Inès Moreau' }) }).waitFor();
  assert.equal(new URL(person.page.url()).hash, '', 'the spent token left the address bar');
  await person.context.close();

  // Used: the page learns it when the password is sent.
  const again = await newPage(browser);
  await again.page.goto(local(link));
  await again.page.getByLabel(m.accountLink.password, { exact: true }).fill('someone else 2026 phrase');
  await again.page.getByLabel(m.accountLink.confirm, { exact: true }).fill('someone else 2026 phrase');
  await again.page.getByRole('button', { name: m.accountLink.submit, exact: true }).click();
  await again.page.getByText(m.accountLink.invalid, { exact: true }).waitFor();
  await again.page.getByText(m.accountLink.activateInvalidHelp, { exact: true }).waitFor();
  await again.context.close();

  await page.goto(`${server.url}/users`);
  await page.locator('#users-table tbody tr').filter({ hasText: 'ines.moreau@bank.example' }).waitFor();
  assert.equal(await page.locator('#users-table tbody tr').filter({ hasText: 'ines.moreau@bank.example' }).getByText(m.users.notActivated).count(), 0);
  await context.close();
});

test('a forgotten password: the same answer for every address, and the link sets a new one', async () => {
  const m = M.en;
  const anyone = await newPage(browser);
  await anyone.page.goto(server.url);
  await anyone.page.getByRole('link', { name: m.login.forgot }).click();
  await anyone.page.getByRole('heading', { level: 1, name: m.forgot.title }).waitFor();
  const ask = async (email) => {
    await anyone.page.goto(`${server.url}/forgot-password`);
    await anyone.page.getByLabel(m.forgot.email, { exact: true }).fill(email);
    await anyone.page.getByRole('button', { name: m.forgot.submit, exact: true }).click();
    return anyone.page.getByRole('status').getByText(fill(m.forgot.sent, { email }), { exact: true }).waitFor();
  };
  await ask('nobody@bank.example');
  await ask(DEMO.mentor);
  await anyone.context.close();

  const { context, page } = await newPage(browser);
  await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
  const link = await linkFromOutbox(page, m, DEMO.mentor);
  assert.match(link, /\/reset-password#token=/);
  assert.equal(await page.locator('#outbox-messages li').filter({ hasText: 'nobody@bank.example' }).count(), 0);
  await context.close();

  const mentor = await newPage(browser);
  await mentor.page.goto(local(link));
  await mentor.page.getByRole('heading', { level: 1, name: m.accountLink.resetTitle }).waitFor();
  await mentor.page.getByLabel(m.accountLink.password, { exact: true }).fill('short');
  await mentor.page.getByLabel(m.accountLink.confirm, { exact: true }).fill('short');
  await mentor.page.getByRole('button', { name: m.accountLink.submit, exact: true }).click();
  // The server's rule, next to the field: the link still works.
  await mentor.page.locator('#link-password-error').waitFor();
  await mentor.page.getByLabel(m.accountLink.password, { exact: true }).fill('a new mentor passphrase');
  await mentor.page.getByLabel(m.accountLink.confirm, { exact: true }).fill('a new mentor passphrase');
  await mentor.page.getByRole('button', { name: m.accountLink.submit, exact: true }).click();
  await mentor.page.getByRole('navigation', { name: m.layout.mainNav }).waitFor();
  await mentor.context.close();

  const check = await newPage(browser);
  await login(check.page, server.url, DEMO.mentor, 'a new mentor passphrase', m);
  await check.context.close();
});

test("an employee's page shows their account, or creates one that waits for its link", async () => {
  const m = M.en;
  const { context, page } = await newPage(browser);
  await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
  // The demo invited employees: the Outbox names them; the first one's page shows the account.
  const employees = await page.evaluate(async () => (await (await fetch('/api/v1/employees?page_size=60')).json()).items);
  let without = null;
  for (const e of employees) {
    const d = await page.evaluate(async (id) => (await fetch(`/api/v1/employees/${id}`)).json(), e.employee_id);
    if (d.account === null && d.active) {
      without = d;
      break;
    }
  }
  assert.ok(without, 'an employee without an account');
  await page.goto(`${server.url}/directory/${without.employee_id}`);
  const section = page.locator('section').filter({ has: page.getByRole('heading', { name: m.employee.accountTitle }) });
  await section.getByText(m.employee.noAccount, { exact: true }).waitFor();
  await section.getByRole('button', { name: m.employee.createAsMentee }).click();
  await section.getByText(m.employee.accountCreated, { exact: true }).waitFor();
  await section.getByText(without.email, { exact: true }).waitFor();
  await section.getByText(m.employee.accountNotActivated, { exact: true }).waitFor();
  await screenshot(page, 'en-employee-account-created');
  assert.match(await linkFromOutbox(page, m, without.email), /\/activate#token=/);
  await context.close();
});
