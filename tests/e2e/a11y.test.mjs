// Accessibility: axe-core finds no serious or critical violation, and no two landmarks with the
// same name, on any page, in French and in English; the keyboard path works (skip link, navigation, focus moved to the new page's heading).
// Also saves a screenshot of every page for review.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, DEMO_PASSWORD, startServer } from '../support/binome.mjs';
import { accessibilityViolations, catalogues, fill, launchBrowser, login, newPage, screenshot, settled } from './support.mjs';
import { faultyFile } from './hr-files.mjs';

let server;
let browser;
let M;

before(async () => {
  // `binome demo` fills the directory with its bank.
  [server, browser, M] = await Promise.all([startServer(), launchBrowser(), catalogues()]);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function check(page, name) {
  await settled(page);
  await screenshot(page, name);
  const violations = await accessibilityViolations(page);
  assert.deepEqual(violations, [], `${name}:\n${violations.join('\n')}`);
}

for (const lang of ['fr', 'en']) {
  describe(`every page passes axe-core (${lang})`, () => {
    const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';

    test('login', async () => {
      const m = M[lang];
      const { context, page } = await newPage(browser, { locale });
      await page.goto(server.url);
      await page.getByRole('heading', { level: 1, name: m.login.title }).waitFor();
      await check(page, `${lang}-login`);
      // With the errors the form can show.
      await page.getByRole('button', { name: m.login.submit, exact: true }).click();
      await page.getByText(m.login.emailRequired, { exact: true }).waitFor();
      await check(page, `${lang}-login-required`);
      await context.close();
    });

    test('forgotten password, and a link that no longer works', async () => {
      const m = M[lang];
      const { context, page } = await newPage(browser, { locale });
      await page.goto(`${server.url}/forgot-password`);
      await page.getByRole('heading', { level: 1, name: m.forgot.title }).waitFor();
      await check(page, `${lang}-forgot-password`);
      await page.goto(`${server.url}/reset-password#token=not-a-token`);
      await page.getByRole('heading', { level: 1, name: m.accountLink.resetTitle }).waitFor();
      await check(page, `${lang}-reset-password`);
      await page.getByRole('button', { name: m.accountLink.submit, exact: true }).click();
      await page.getByText(m.accountLink.passwordRequired, { exact: true }).waitFor();
      await check(page, `${lang}-reset-password-required`);
      await page.goto(`${server.url}/activate`);
      await page.getByText(m.accountLink.noToken, { exact: true }).waitFor();
      await check(page, `${lang}-activate-no-token`);
      await context.close();
    });

    test('outbox', async () => {
      const m = M[lang];
      const { context, page } = await newPage(browser, { locale });
      await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
      await page.getByRole('link', { name: m.outbox.nav, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: m.outbox.title }).waitFor();
      await page.locator('#outbox-messages li').first().waitFor();
      await check(page, `${lang}-outbox`);
      await page.locator('#outbox-messages li').first().getByRole('button', { name: m.outbox.show }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('pre.mail-text').first().waitFor();
      await check(page, `${lang}-outbox-message`);
      await context.close();
    });

    for (const role of ['mentor', 'mentee', 'sponsor']) {
      test(`${role} home`, async () => {
        const m = M[lang];
        const { context, page } = await newPage(browser, { locale });
        await login(page, server.url, DEMO[role], DEMO_PASSWORD, m);
        await check(page, `${lang}-home-${role}`);
        if (role === 'mentee') {
          await page.goto(`${server.url}/users`);
          await page.getByRole('heading', { level: 1, name: m.layout.forbiddenTitle }).waitFor();
          await check(page, `${lang}-forbidden`);
        }
        await context.close();
      });
    }

    test('admin home, users and audit log', async () => {
      const m = M[lang];
      const { context, page } = await newPage(browser, { locale });
      await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
      await page.getByRole('heading', { level: 2, name: m.home.usersByRole }).waitFor();
      await check(page, `${lang}-home-admin`);

      await page.getByRole('link', { name: m.users.nav, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: m.users.title }).waitFor();
      await check(page, `${lang}-users`);
      // The create form showing its errors (submitted empty).
      await page.getByRole('button', { name: m.users.create, exact: true }).click();
      await page.getByText(m.users.rolesRequired, { exact: true }).waitFor();
      await check(page, `${lang}-users-errors`);
      // Its dialogs: confirming that an account is to be disabled, editing one.
      const mentorRow = page.locator('#users-table tbody tr').filter({ hasText: DEMO.mentor });
      const mentorName = (await mentorRow.getByRole('rowheader').textContent()).trim();
      await mentorRow.getByRole('button', { name: fill(m.users.disableLabel, { name: mentorName }) }).click();
      const confirm = page.getByRole('dialog', { name: fill(m.users.confirmDisableTitle, { name: mentorName }) });
      await confirm.getByText(fill(m.users.confirmDisableText, { name: mentorName }), { exact: true }).waitFor();
      await check(page, `${lang}-users-confirm-disable`);
      await page.keyboard.press('Escape');
      await confirm.waitFor({ state: 'detached' });
      await mentorRow.getByRole('button', { name: fill(m.users.editLabel, { name: mentorName }) }).click();
      const edit = page.getByRole('dialog', { name: fill(m.users.editTitle, { name: mentorName }) });
      await edit.getByLabel(m.users.name, { exact: true }).fill('');
      await edit.getByText(m.users.nameRequired, { exact: true }).waitFor();
      await check(page, `${lang}-users-edit-errors`);
      await page.keyboard.press('Escape');
      await edit.waitFor({ state: 'detached' });

      await page.getByRole('link', { name: m.audit.nav, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: m.audit.title }).waitFor();
      await settled(page);
      // With an entry's technical details unfolded.
      await page.locator('tbody tr').first().getByText(m.audit.details).click();
      await page.locator('tbody tr [data-field="action"]').first().waitFor({ state: 'visible' });
      await check(page, `${lang}-audit`);

      await page.goto(`${server.url}/no-such-page`);
      await page.getByRole('heading', { level: 1, name: m.layout.notFoundTitle }).waitFor();
      await check(page, `${lang}-not-found`);
      await context.close();
    });

    test('directory, employee and HR import (with its errors)', async () => {
      const m = M[lang];
      const { context, page } = await newPage(browser, { locale });
      await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
      await page.getByRole('link', { name: m.directory.nav, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: m.directory.title }).waitFor();
      await page.locator('#directory-table').waitFor();
      await check(page, `${lang}-directory`);

      // Someone with a manager (the first listed may head the bank).
      const withManager = page.locator('#directory-table tbody tr').nth(1).getByRole('link');
      const lastName = await withManager.textContent();
      await withManager.click();
      await page.getByRole('heading', { level: 1, name: lastName }).waitFor();
      await page.locator('.facts').waitFor();
      await page.locator('[data-history][aria-busy="false"] #employee-history-table').waitFor(); // the demo's two years
      await check(page, `${lang}-employee`);

      await page.getByRole('link', { name: m.employee.back }).click();
      await page.getByRole('heading', { level: 1, name: m.directory.title }).waitFor();
      await page.getByRole('navigation', { name: m.directory.sections }).getByRole('link', { name: m.directory.tabImport, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: m.import.title }).waitFor();
      await check(page, `${lang}-import`);

      const faulty = faultyFile();
      await page.getByLabel(m.import.file, { exact: true }).setInputFiles({ name: faulty.name, mimeType: 'text/csv', buffer: faulty.bytes });
      await page.locator('#import-file-hint').getByText(faulty.name).waitFor();
      await page.getByRole('button', { name: m.import.check, exact: true }).click();
      await page.locator('#import-errors-table').waitFor();
      await check(page, `${lang}-import-errors`);
      await context.close();
    });
  });
}

test('the keyboard reaches everything: skip link first, then the navigation; focus follows the page', async () => {
  const m = M.en;
  const { context, page } = await newPage(browser);
  await login(page, server.url, DEMO.admin, DEMO_PASSWORD, m);
  // A fresh page load: the first Tab lands on the skip link, which is then visible.
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await settled(page);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), m.layout.skipToContent);
  const box = await page.locator('.skip-link').boundingBox();
  assert.ok(box && box.y >= 0, 'the skip link shows on focus');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

  // Tab from the top to the Users link and follow it with Enter.
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await settled(page);
  let reached = false;
  for (let i = 0; i < 10 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = (await page.evaluate(() => document.activeElement?.textContent)) === m.users.nav;
  }
  assert.ok(reached, 'the Users link is reachable with Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: m.users.title }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), m.users.title);
  assert.equal(await page.title(), `${m.users.title} — ${m.meta.appName}`);
  await context.close();
});
