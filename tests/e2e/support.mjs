// Shared helpers for the browser tests: Debian's Chromium through playwright-core (resolved from
// web/node_modules), the app's message catalogues, login, screenshots and axe-core checks.
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const webRequire = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = webRequire('playwright-core');
const { AxeBuilder } = webRequire('@axe-core/playwright');

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB_SRC = join(ROOT, 'web', 'src');

/** Where screenshots go: $BINOME_TEST_OUTPUT, else build/test-output/e2e at the repository root. */
export const OUTPUT_DIR = (() => {
  const env = process.env.BINOME_TEST_OUTPUT;
  const dir = env ? (isAbsolute(env) ? env : resolve(process.cwd(), env)) : join(ROOT, 'build', 'test-output', 'e2e');
  mkdirSync(dir, { recursive: true });
  return dir;
})();

/** One headless Chromium per test file; each test opens its own context (fresh cookies and storage). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.BINOME_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A fresh context and page; `locale` sets navigator.language (the app's default language). */
export async function newPage(browser, { locale = 'en-US' } = {}) {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 860 }, timezoneId: 'Europe/Paris' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  return { context, page, errors };
}

/**
 * The merged message catalogues (web/src/i18n/catalogues.ts and every piece it imports), compiled
 * with the TypeScript compiler the web build uses, so the tests look for the very texts the app
 * shows. Each module is transpiled into a temporary folder (relative imports get their `.mjs`).
 */
let merged;
async function loadCatalogues() {
  const ts = webRequire('typescript');
  const out = mkdtempSync(join(tmpdir(), 'binome-catalogues-'));
  const done = new Set();
  const compile = (file) => {
    if (done.has(file)) return;
    done.add(file);
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    const js = outputText.replace(/(from\s+['"])(\.{1,2}\/[^'"]+)(['"])/g, (whole, open, spec, close) => {
      compile(resolve(dirname(file), `${spec}.ts`));
      return `${open}${spec}.mjs${close}`;
    });
    const target = join(out, relative(WEB_SRC, file)).replace(/\.ts$/, '.mjs');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, js);
  };
  const entry = join(WEB_SRC, 'i18n', 'catalogues.ts');
  compile(entry);
  try {
    return await import(pathToFileURL(join(out, 'i18n', 'catalogues.mjs')).href);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function loadCatalogue(lang) {
  merged ??= loadCatalogues();
  return (await merged)[lang];
}

export async function catalogues() {
  return { fr: await loadCatalogue('fr'), en: await loadCatalogue('en') };
}

/** Fills a `{name}` template the way the app does. */
export function fill(template, params) {
  return template.replace(/\{(\w+)\}/g, (w, k) => (k in params ? String(params[k]) : w));
}

/**
 * Opens the app, logs in through the form and waits for the home page.
 * Returns the user object from the login response.
 */
export async function login(page, url, email, password, m) {
  await page.goto(url);
  await page.getByLabel(m.login.email, { exact: true }).fill(email);
  await page.getByLabel(m.login.password, { exact: true }).fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
    page.getByRole('button', { name: m.login.submit, exact: true }).click(),
  ]);
  if (response.status() !== 200) throw new Error(`login as ${email}: HTTP ${response.status()} ${await response.text()}`);
  const { user } = await response.json();
  await page.getByRole('navigation', { name: m.layout.mainNav }).waitFor();
  await page.getByRole('heading', { level: 1 }).waitFor();
  return user;
}

/** The texts of the main navigation's links, in order. */
export async function navLinks(page, m) {
  const nav = page.getByRole('navigation', { name: m.layout.mainNav });
  await nav.waitFor();
  return (await nav.getByRole('link').allTextContents()).map((s) => s.trim());
}

/**
 * Waits until the page has what it asked the server for: the app marks a region aria-busy
 * while its data is in flight (set before the request leaves, cleared once rendered).
 */
export async function settled(page) {
  await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
}

/** Performs `action` and waits for the API response whose URL matches, then for the page to settle. */
export async function afterResponse(page, match, action) {
  const [response] = await Promise.all([page.waitForResponse((r) => match(new URL(r.url()))), action()]);
  await settled(page);
  return response;
}

export async function screenshot(page, name) {
  const path = join(OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Rules whose every violation fails a test, whatever impact axe gives them: two landmarks with the
 * same name ("moderate" for axe) leave a screen-reader user unable to tell them apart.
 */
const ALWAYS_REPORTED = ['landmark-unique'];

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules and best practices); returns the serious and critical
 * violations, and any of ALWAYS_REPORTED. Throws if one of those rules did not run at all.
 */
export async function accessibilityViolations(page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const ran = new Set([...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable].map((r) => r.id));
  const missing = ALWAYS_REPORTED.filter((id) => !ran.has(id));
  if (missing.length) throw new Error(`axe-core did not run ${missing.join(', ')}`);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALWAYS_REPORTED.includes(v.id))
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}
