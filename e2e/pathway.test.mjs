// The patient pathway in a real browser at the smallest phone width (320 px): /forloeb/, a
// phase page and a guideline's MDT view have no horizontal overflow, no console errors and
// no axe violations; the MDT view printed (print media) shows no navigation or search and
// fits on one or two A4 pages. Screenshots go to e2e/artifacts/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { startServer } from './server.mjs';
import { collectConsoleErrors, formatViolations, launchBrowser, phoneContext, runAxe } from './browser.mjs';
import { ARTIFACTS_DIR, detectBasePath, discover, pageUrl, siteDir } from './site.mjs';

const TEST_TIMEOUT = 60_000;
const SITE = siteDir();
const BASE_PATH = detectBasePath(SITE);
const { guidelines } = discover(SITE, BASE_PATH);

// The guideline with the most recommendations has the longest MDT view.
function mostRecommendations() {
  let best = guidelines[0];
  let most = -1;
  for (const g of guidelines) {
    const html = readFileSync(path.join(SITE, g, 'mdt', 'index.html'), 'utf8');
    const n = (html.match(/class="mdt-item"/g) ?? []).length;
    if (n > most) [best, most] = [g, n];
  }
  return best;
}

// The first phase page that lists recommendations.
function phaseWithRecommendations() {
  const index = readFileSync(path.join(SITE, 'forloeb', 'index.html'), 'utf8');
  const phases = [...index.matchAll(/href="[^"]*\/forloeb\/([a-z0-9-]+)\/"/g)].map((m) => m[1]);
  const found = phases.find((p) =>
    readFileSync(path.join(SITE, 'forloeb', p, 'index.html'), 'utf8').includes('class="phase-item"'),
  );
  assert.ok(found, 'no phase page lists a recommendation');
  return `/forloeb/${found}/`;
}

const MDT = `${mostRecommendations()}mdt/`;
const PHASE = phaseWithRecommendations();
const PAGES = [
  ['forloeb', '/forloeb/'],
  ['fase', PHASE],
  ['mdt', MDT],
];

let server;
let browser;
let ctx;

before(async () => {
  server = await startServer(SITE, { basePath: BASE_PATH });
  browser = await launchBrowser();
  ctx = await phoneContext(browser, 320);
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
});

after(async () => {
  await ctx?.close();
  await browser?.close();
  await server?.close();
});

for (const [kind, sitePath] of PAGES) {
  test(`${kind} page ${sitePath} at 320 px`, { timeout: TEST_TIMEOUT }, async (t) => {
    const page = await ctx.newPage();
    const errors = collectConsoleErrors(page);
    try {
      const response = await page.goto(pageUrl(server.url, sitePath), { waitUntil: 'networkidle' });
      assert.equal(response?.status(), 200);
      await t.test('no horizontal overflow', async () => {
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.ok(overflow <= 0, `${sitePath} is ${overflow} px wider than the screen`);
      });
      await t.test('no console errors', () => {
        assert.deepEqual(errors, []);
      });
      await t.test('axe (WCAG 2.0/2.1 A and AA) finds no violations', async () => {
        const violations = await runAxe(page);
        assert.ok(violations.length === 0, `${sitePath}:\n${formatViolations(violations)}`);
      });
      const file = path.join(ARTIFACTS_DIR, `pathway-${kind}-320.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(statSync(file).size > 1000);
    } finally {
      await page.close();
    }
  });
}

test('/forloeb/ shows every group with a chip per phase, gaps marked in words', { timeout: TEST_TIMEOUT }, async () => {
  const page = await ctx.newPage();
  try {
    await page.goto(pageUrl(server.url, '/forloeb/'));
    const r = await page.evaluate(() => ({
      groups: document.querySelectorAll('.pathway-group').length,
      chips: [...document.querySelectorAll('.pathway-group')].map((g) => g.querySelectorAll('.phase-chip').length),
      gaps: document.querySelectorAll('.phase-gap').length,
      gapText: document.querySelector('.phase-gap .phase-count')?.textContent.trim() ?? '',
    }));
    assert.ok(r.groups > 0, 'no group on /forloeb/');
    assert.equal(new Set(r.chips).size, 1, `groups have different numbers of phase chips: ${r.chips}`);
    assert.ok(r.gaps > 0, 'the examples leave phases uncovered, but no gap is shown');
    assert.match(r.gapText, /ingen/i);
  } finally {
    await page.close();
  }
});

test('a phase page deep-links each recommendation to its card', { timeout: TEST_TIMEOUT }, async () => {
  const page = await ctx.newPage();
  try {
    await page.goto(pageUrl(server.url, PHASE));
    const link = page.locator('.phase-item > a').first();
    const href = await link.getAttribute('href');
    assert.match(href ?? '', /#anbefaling-\d+$/);
    await link.click();
    await page.waitForLoadState('load');
    const id = href.split('#')[1];
    const target = await page.evaluate((id) => !!document.getElementById(id), id);
    assert.ok(target, `${href} does not land on an element #${id}`);
  } finally {
    await page.close();
  }
});

test('the MDT view printed shows no navigation or search and fits one or two A4 pages', { timeout: TEST_TIMEOUT }, async () => {
  const page = await ctx.newPage();
  try {
    await page.goto(pageUrl(server.url, MDT), { waitUntil: 'networkidle' });
    await page.emulateMedia({ media: 'print' });
    const hidden = await page.evaluate(() =>
      ['.site-header', '.site-nav', '.search-form', '#soeg-felt', '.site-footer', '.skip-link'].map((sel) => {
        const el = document.querySelector(sel);
        return [sel, !el || el.offsetParent === null || getComputedStyle(el).display === 'none'];
      }),
    );
    for (const [sel, isHidden] of hidden) assert.ok(isHidden, `${sel} shows in print`);
    const items = await page.locator('.mdt-item').count();
    assert.ok(items > 0, 'the MDT view lists no recommendation');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'pathway-mdt-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages >= 1 && pages <= 2, `the MDT view prints on ${pages} A4 pages (${items} recommendations)`);
  } finally {
    await page.close();
  }
});
