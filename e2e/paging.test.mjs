// The pages of long lists, in a real browser at 320 and 390 px (node --test): past 200
// guidelines the home page lists the groups, a group's page (its own guidelines, then those
// shared with it), revision/, soeg/alle/ and a phase of the pathway (forloeb/<phase>/) go on
// over several pages linked with "Forrige side"/"Næste side", and the group's offline list
// comes in parts that "Gem offline" reads on through. The example site is too small
// for that, so this builds its own: large-site.sh writes 450 small guidelines in a temporary
// folder and builds them with the retning binary in RETNING_BIN (default: the newer of
// target/release and target/debug).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startServer } from './server.mjs';
import { collectConsoleErrors, formatViolations, launchBrowser, phoneContext, runAxe } from './browser.mjs';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';

import { E2E_DIR, pageUrl } from './site.mjs';

const REPO_DIR = path.dirname(E2E_DIR);

function retningBinary() {
  if (process.env.RETNING_BIN) return path.resolve(process.env.RETNING_BIN);
  const built = ['release', 'debug']
    .map((profile) => path.join(REPO_DIR, 'target', profile, 'retning'))
    .filter((file) => existsSync(file))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (built.length === 0) {
    throw new Error('no retning binary: run `cargo build` or set RETNING_BIN');
  }
  return built[0];
}

// Site path → file in the built site.
const PAGES = {
  '/': 'index.html',
  '/dlg/': 'dlg/index.html',
  '/dlg/side-2.html': 'dlg/side-2.html',
  '/dlg/side-3.html': 'dlg/side-3.html',
  '/revision/': 'revision/index.html',
  '/revision/side-2.html': 'revision/side-2.html',
  '/soeg/alle/': 'soeg/alle/index.html',
  '/soeg/alle/dlg/': 'soeg/alle/dlg/index.html',
  '/soeg/alle/dlg/side-2.html': 'soeg/alle/dlg/side-2.html',
  '/forloeb/behandling/': 'forloeb/behandling/index.html',
  '/forloeb/behandling/dlg/': 'forloeb/behandling/dlg/index.html',
  '/forloeb/behandling/dlg/side-2.html': 'forloeb/behandling/dlg/side-2.html',
};

let work;
let site;
let server;
let browser;

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'retning-large-'));
  site = path.join(work, 'public');
  execFileSync('bash', [path.join(E2E_DIR, 'large-site.sh'), retningBinary(), site], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  server = await startServer(site, { basePath: '/' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the long lists are split into pages of at most 300 KB', () => {
  for (const [sitePath, file] of Object.entries(PAGES)) {
    const size = statSync(path.join(site, file)).size;
    assert.ok(size <= 300 * 1024, `${sitePath} is ${size} bytes`);
  }
  const home = readFileSync(path.join(site, 'index.html'), 'utf8');
  assert.match(home, /<a class="standalone-link" href="\/dlg\/">Dansk Lymfomgruppe \(DLG\)<\/a> <span class="guideline-meta">250 retningslinjer<\/span>/);
});

test('the pages of long lists are valid HTML (html-validate, as validate.test.mjs)', async () => {
  const config = JSON.parse(readFileSync(path.join(E2E_DIR, '.htmlvalidate.json'), 'utf8'));
  const validator = new HtmlValidate(new StaticConfigLoader(config));
  for (const [sitePath, file] of Object.entries(PAGES)) {
    const report = await validator.validateFile(path.join(site, file));
    const errors = report.results.flatMap((r) =>
      r.messages.filter((m) => m.severity === 2).map((m) => `${sitePath}:${m.line}:${m.column}: ${m.ruleId}: ${m.message}`),
    );
    assert.deepEqual(errors, []);
  }
});

for (const width of [390, 320]) {
  describe(`pages of long lists at ${width} px`, () => {
    for (const sitePath of Object.keys(PAGES)) {
      test(`${sitePath}: nothing scrolls sideways, nothing fails to load, axe finds nothing`, async () => {
        const context = await phoneContext(browser, width);
        const page = await context.newPage();
        const errors = collectConsoleErrors(page);
        try {
          await page.goto(pageUrl(server.url, sitePath), { waitUntil: 'load' });
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          assert.equal(overflow, 0, 'the page scrolls sideways');
          const violations = await runAxe(page);
          assert.equal(violations.length, 0, formatViolations(violations));
          assert.deepEqual(errors, []);
        } finally {
          await context.close();
        }
      });
    }
  });
}

test('without JavaScript, every page of a list is reached by its links', async () => {
  const context = await phoneContext(browser, 320, { javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    // soeg/ → soeg/alle/ → a group → its next page → back.
    await page.goto(pageUrl(server.url, '/soeg/alle/'), { waitUntil: 'load' });
    await page.locator('.group-index a', { hasText: 'DLG' }).click();
    await page.waitForURL(/\/soeg\/alle\/dlg\/$/);
    await page.locator('a[rel="next"]').click();
    await page.waitForURL(/\/soeg\/alle\/dlg\/side-2\.html$/);
    assert.equal(await page.locator('a[rel="next"]').count(), 0, 'the last page has no next page');
    await page.locator('a[rel="prev"]').click();
    await page.waitForURL(/\/soeg\/alle\/dlg\/$/);
    // revision/ pages: 450 guidelines, 200 a page.
    await page.goto(pageUrl(server.url, '/revision/'), { waitUntil: 'load' });
    let rows = await page.locator('.revision-table tbody tr').count();
    for (const next of ['side-2.html', 'side-3.html']) {
      await page.locator('a[rel="next"]').click();
      await page.waitForURL(new RegExp(`/revision/${next.replace('.', '\\.')}$`));
      rows += await page.locator('.revision-table tbody tr').count();
    }
    assert.equal(rows, 450);
  } finally {
    await context.close();
  }
});

test('without JavaScript, a phase goes by group and every page of it is reached by its links', async () => {
  const context = await phoneContext(browser, 320, { javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(pageUrl(server.url, '/forloeb/behandling/'), { waitUntil: 'load' });
    assert.equal(await page.locator('.phase-guideline').count(), 0, 'the first page of the phase lists groups');
    await page.locator('.group-index a', { hasText: 'DLG' }).click();
    await page.waitForURL(/\/forloeb\/behandling\/dlg\/$/);
    let sections = await page.locator('.phase-guideline').count();
    let pages = 1;
    while (await page.locator('a[rel="next"]').count()) {
      await page.locator('a[rel="next"]').click();
      await page.waitForURL(/\/forloeb\/behandling\/dlg\/side-\d+\.html$/);
      sections += await page.locator('.phase-guideline').count();
      pages += 1;
    }
    assert.ok(pages >= 2, `${pages} pages`);
    assert.equal(sections, 250, 'every guideline of dlg in the phase, once');
    await page.locator('.backlink a', { hasText: 'Behandling' }).click();
    await page.waitForURL(/\/forloeb\/behandling\/$/);
  } finally {
    await context.close();
  }
});

test("a group's own guidelines, then those shared with it, 200 a page", async () => {
  const context = await phoneContext(browser, 320, { javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    const own = [];
    const shared = [];
    for (const sitePath of ['/dlg/', '/dlg/side-2.html', '/dlg/side-3.html']) {
      await page.goto(pageUrl(server.url, sitePath), { waitUntil: 'load' });
      assert.match(await page.locator('.lead').textContent(), /^250 retningslinjer$/);
      own.push(await page.locator('h1 ~ .guideline-list').first().locator('.guideline-item').count());
      const heading = page.locator('h2', { hasText: 'Fælles retningslinjer med andre grupper' });
      shared.push((await heading.count()) ? await page.locator('h2 + .guideline-list .guideline-item').count() : 0);
      assert.equal(await page.locator('nav.pager').count(), 1, `${sitePath} has one pager`);
    }
    // The first list of a page with no own guidelines left is the shared one.
    assert.deepEqual([own[0], own[1], shared[0], shared[1], shared[2]], [200, 50, 0, 150, 50]);
  } finally {
    await context.close();
  }
});

test('"Gem offline" reads the whole of the offline list of a group, which comes in parts', async () => {
  const first = JSON.parse(readFileSync(path.join(site, 'offline', 'dlg.json'), 'utf8'));
  assert.equal(first.guidelines.length, 200);
  assert.equal(first.next, '/offline/dlg/side-2.json');
  const second = JSON.parse(readFileSync(path.join(site, 'offline', 'dlg', 'side-2.json'), 'utf8'));
  assert.equal(second.guidelines.length, 50);
  assert.equal(second.next, undefined);
  const context = await phoneContext(browser, 320);
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  try {
    await page.goto(pageUrl(server.url, '/dlg/'), { waitUntil: 'load' });
    const box = page.locator('section.offline-save');
    await box.waitFor({ state: 'visible' });
    assert.match(await box.locator('[data-offline-size]').textContent(), /^Gem gruppens 250 retningslinjer/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
