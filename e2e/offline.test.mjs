// The site on a phone without a network (node --test): the service worker keeps the
// guidelines a clinician opened, "Gem offline" keeps a whole group with the size shown
// first, search works over what was kept (and marks what was not), a kept page says it is a
// kept copy, and once online again it says when a newer version was published. The test
// builds the repository's example site itself (with the binary in RETNING_BIN, or the newer
// of target/release and target/debug), so that it can publish a real new build into the
// folder it serves: the same source with one guideline's version raised.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startServer } from './server.mjs';
import { formatViolations, launchBrowser, phoneContext, runAxe } from './browser.mjs';
import { discover, pageUrl, REPO_DIR, retningBinary } from './site.mjs';

const BASE_PATH = '/';
const WORK = mkdtempSync(path.join(tmpdir(), 'retning-offline-'));
const SOURCE = path.join(WORK, 'source');
const SITE = path.join(WORK, 'public');
for (const file of ['retning.toml', 'synonyms.toml', 'guidelines']) {
  if (existsSync(path.join(REPO_DIR, file))) cpSync(path.join(REPO_DIR, file), path.join(SOURCE, file), { recursive: true });
}
function build() {
  execFileSync(retningBinary(), ['build', '--out', SITE, '--base-url', `http://127.0.0.1${BASE_PATH}`], {
    cwd: SOURCE, stdio: 'pipe', // its warnings are the example site's; a failure throws with them
  });
}
build();
const { guidelines } = discover(SITE, BASE_PATH);
const byGroup = (sitePath) => sitePath.split('/')[1];
// Two guidelines to open, and a third in a group neither of them is in, to save.
const [first, second] = guidelines;
const third = guidelines.find((g) => byGroup(g) !== byGroup(first) && byGroup(g) !== byGroup(second) && g !== first && g !== second);
// One neither opened nor saved.
const unsaved = guidelines.find((g) => ![first, second].includes(g) && byGroup(g) !== byGroup(third));

let server;
let browser;

before(async () => {
  server = await startServer(SITE, { basePath: BASE_PATH });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(WORK, { recursive: true, force: true });
});

// The longest word of a guideline's first recommendation, from the build's API: the index
// names the guideline's own file, which holds its recommendations.
function longestWord(sitePath) {
  const index = JSON.parse(readFileSync(path.join(SITE, 'api', 'guidelines.json'), 'utf8'));
  const entry = index.guidelines.find((g) => g.url === `${BASE_PATH}${sitePath.slice(1)}`);
  const guideline = JSON.parse(readFileSync(path.join(SITE, entry.api.slice(BASE_PATH.length)), 'utf8'));
  return guideline.recommendations[0].text.split(/[^\p{L}]+/u).sort((a, b) => b.length - a.length)[0];
}

async function controlled(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The first page loaded before the worker took over; this load goes through it.
  await page.reload({ waitUntil: 'load' });
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'the page is controlled');
}

test('the example site has three guidelines in at least two groups', () => {
  assert.ok(first && second && third, `guidelines: ${guidelines}`);
});

test('opened and saved guidelines read and search offline; a newer version is announced', async () => {
  const context = await phoneContext(browser, 390);
  const page = await context.newPage();
  try {
    await controlled(page, pageUrl(server.url, first));
    await page.goto(pageUrl(server.url, second), { waitUntil: 'load' });

    // "Gem offline" on the third guideline's group page: the size first, then progress.
    const group = `/${byGroup(third)}/`;
    await page.goto(pageUrl(server.url, group), { waitUntil: 'load' });
    const box = page.locator('section.offline-save');
    await box.waitFor({ state: 'visible' });
    const size = await box.locator('[data-offline-size]').textContent();
    assert.match(size, /Det fylder ca\. \d+(,\d)? MB\./);
    let violations = await runAxe(page);
    assert.equal(violations.length, 0, formatViolations(violations));
    await box.getByRole('button', { name: 'Gem offline' }).click();
    await box.locator('[data-offline-status]', { hasText: 'Gemt:' }).waitFor({ timeout: 20000 });

    await context.setOffline(true);
    server.unplug(true);
    for (const sitePath of [first, second]) {
      await page.goto(pageUrl(server.url, sitePath), { waitUntil: 'load' });
      assert.ok(await page.locator('article.guideline h1').isVisible(), `${sitePath} reads offline`);
      const notice = await page.locator('.offline-notice').textContent();
      assert.match(notice, /Du er uden net og læser en gemt kopi af version [\d.]+, gemt \d+\. \w+ \d{4}\./);
    }
    await page.goto(pageUrl(server.url, third), { waitUntil: 'load' });
    assert.ok(await page.locator('article.guideline h1').isVisible(), `${third} (saved) reads offline`);
    violations = await runAxe(page);
    assert.equal(violations.length, 0, formatViolations(violations));

    // Search over what was kept: a word of one of the third guideline's recommendations.
    const words = (await page.locator('article.anbefaling .anbefaling-text').first().textContent())
      .split(/[^\p{L}]+/u).sort((a, b) => b.length - a.length);
    await page.getByLabel('Søg i retningslinjerne').fill(words[0]);
    await page.locator('.search-hit-link').first().waitFor({ timeout: 10000 });
    const hits = await page.locator('.search-hit-link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.ok(hits.some((href) => href.includes(third)), `offline search for ${words[0]}: ${hits}`);

    // A guideline that was not kept: its hits are shown, marked, and are not links.
    if (unsaved) {
      await page.getByLabel('Søg i retningslinjerne').fill(longestWord(unsaved));
      const marked = page.locator('.search-guideline', { has: page.locator('.search-unsaved') });
      await marked.first().waitFor({ timeout: 10000 });
      assert.match(await marked.first().textContent(), / ikke gemt offline$/);
      const hrefs = await page.locator('.search-results a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      assert.ok(!hrefs.some((href) => href.includes(unsaved)), `links to ${unsaved}, which is not kept: ${hrefs}`);
      assert.ok(await page.locator('.search-hit-title').first().isVisible());
      violations = await runAxe(page);
      assert.equal(violations.length, 0, formatViolations(violations));
    }

    // A page that was never opened or saved: the worker's own page says so.
    if (unsaved) {
      const response = await page.goto(pageUrl(server.url, unsaved), { waitUntil: 'load' });
      assert.equal(response.status(), 503);
      assert.equal(await page.locator('h1').textContent(), 'Siden er ikke gemt');
    }

    // A new build publishes a newer version of the first guideline: the same source with
    // its version raised, built by the same binary into the folder the server serves.
    await page.goto(pageUrl(server.url, first), { waitUntil: 'load' });
    const source = path.join(SOURCE, 'guidelines', `${first.slice(1, -1)}.md`);
    const text = readFileSync(source, 'utf8');
    assert.match(text, /^version = "[^"]+"$/m);
    writeFileSync(source, text.replace(/^version = "[^"]+"$/m, 'version = "99.0"'));
    build();
    server.unplug(false);
    await context.setOffline(false);
    await page.locator('.offline-notice', { hasText: 'Der er udgivet en nyere version (99.0)' }).waitFor({ timeout: 10000 });
    const link = page.locator('.offline-notice a');
    assert.equal(await link.textContent(), 'Hent den nye version');
    violations = await runAxe(page);
    assert.equal(violations.length, 0, formatViolations(violations));
  } finally {
    server.unplug(false);
    await context.close();
  }
});

test('"Gem offline" says when the group is saved already, and offers to update older copies', async () => {
  const context = await phoneContext(browser, 390);
  const page = await context.newPage();
  const box = page.locator('section.offline-save');
  const size = box.locator('[data-offline-size]');
  const button = box.locator('[data-offline-button]');
  try {
    const group = pageUrl(server.url, `/${byGroup(third)}/`);
    await controlled(page, group);
    await box.waitFor({ state: 'visible' });
    assert.match(await size.textContent(), /^Gem gruppens \d+ retningslinjer/);
    await button.click();
    await box.locator('[data-offline-status]', { hasText: 'Gemt:' }).waitFor({ timeout: 20000 });
    await page.reload({ waitUntil: 'load' });
    await size.filter({ hasText: /^Gruppens \d+ retningslinjer er gemt på enheden\./ }).waitFor();
    assert.equal(await button.isVisible(), false, 'nothing to save');

    // The copies as an earlier build's worker left them: in a cache named for another build.
    await page.evaluate(async () => {
      const [current] = (await caches.keys()).filter((name) => name.startsWith('retning-'));
      const from = await caches.open(current);
      const to = await caches.open('retning-0000000000000000');
      for (const request of await from.keys()) await to.put(request, await from.match(request));
      await caches.delete(current);
    });
    await page.reload({ waitUntil: 'load' });
    await size.filter({ hasText: /er gemt fra en tidligere udgave af siden\. Opdater dem/ }).waitFor();
    assert.equal(await button.textContent(), 'Opdater de gemte');
    const violations = await runAxe(page);
    assert.equal(violations.length, 0, formatViolations(violations));
    await button.click();
    await box.locator('[data-offline-status]', { hasText: 'Gemt:' }).waitFor({ timeout: 20000 });
    assert.match(await size.textContent(), /^Gruppens \d+ retningslinjer er gemt på enheden\./);
    assert.equal(await button.isVisible(), false);
  } finally {
    await context.close();
  }
});

test('the manifest names the icons, and they are PNGs of their size', async () => {
  const manifestPath = path.join(SITE, 'manifest.webmanifest');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  assert.equal(manifest.scope, BASE_PATH);
  assert.equal(manifest.start_url, BASE_PATH);
  assert.equal(manifest.display, 'standalone');
  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
  assert.deepEqual(sizes, ['192x192 any', '512x512 any', '512x512 maskable']);
  for (const icon of manifest.icons) {
    const png = readFileSync(path.join(SITE, icon.src.slice(BASE_PATH.length)));
    assert.equal(png.toString('latin1', 1, 4), 'PNG');
    assert.equal(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.sizes);
  }
});
