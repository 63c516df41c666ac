// Figures, attachments and rich tables at phone widths (node --test): every guideline page
// with a figure or a table stays inside the screen, figures tap open at full size, and the
// pages pass axe. The markup relied on: docs/site-contract.md ("Figures and tables").

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { startServer } from './server.mjs';
import { formatViolations, launchBrowser, phoneContext, runAxe } from './browser.mjs';
import { detectBasePath, discover, pageUrl, siteDir } from './site.mjs';

const SITE = siteDir();
const BASE_PATH = detectBasePath(SITE);
const { guidelines } = discover(SITE, BASE_PATH);
const read = (sitePath) => readFileSync(path.join(SITE, sitePath, 'index.html'), 'utf8');
const WITH_FIGURES = guidelines.filter((p) => read(p).includes('<figure class="figure">'));
const PAGES = [...WITH_FIGURES, '/forfattere/'];

let server;
let browser;

before(async () => {
  server = await startServer(SITE, { basePath: BASE_PATH });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the example site has guidelines with figures', () => {
  assert.ok(WITH_FIGURES.length >= 2, `pages with figures: ${WITH_FIGURES}`);
});

for (const width of [390, 320]) {
  describe(`figures and tables at ${width} px`, () => {
    for (const sitePath of PAGES) {
      test(`${sitePath}: nothing scrolls sideways, figures fit, axe finds nothing`, async () => {
        const context = await phoneContext(browser, width);
        const page = await context.newPage();
        try {
          await page.goto(pageUrl(server.url, sitePath), { waitUntil: 'load' });
          // Open every evidence section, so what is inside them is laid out too.
          await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          assert.equal(overflow, 0, 'the page scrolls sideways');
          const figures = await page.evaluate(() =>
            [...document.querySelectorAll('figure.figure img')].map((img) => {
              const box = img.getBoundingClientRect();
              return {
                src: img.getAttribute('src'),
                width: img.getAttribute('width'),
                height: img.getAttribute('height'),
                left: box.left,
                right: box.right,
                viewport: document.documentElement.clientWidth,
              };
            }),
          );
          for (const f of figures) {
            assert.ok(f.width && f.height, `${f.src} has no width/height`);
            assert.ok(f.left >= 0 && f.right <= f.viewport + 0.5, `${f.src} leaves the screen: ${JSON.stringify(f)}`);
          }
          // Wide tables scroll inside their box, which the keyboard can reach.
          const tables = await page.evaluate(() =>
            [...document.querySelectorAll('table')].map((t) => ({
              inBox: !!t.closest('.table-wrap[tabindex="0"]'),
              right: t.closest('.table-wrap')?.getBoundingClientRect().right ?? 0,
              viewport: document.documentElement.clientWidth,
            })),
          );
          for (const t of tables.filter((t) => t.inBox === false)) assert.fail(`a table outside a scroll box: ${JSON.stringify(t)}`);
          for (const t of tables) assert.ok(t.right <= t.viewport + 0.5, `a table box leaves the screen: ${JSON.stringify(t)}`);
          const violations = await runAxe(page);
          assert.equal(violations.length, 0, formatViolations(violations));
        } finally {
          await context.close();
        }
      });
    }

    test('a tap on a figure opens the image at full size', async () => {
      const context = await phoneContext(browser, width);
      const page = await context.newPage();
      try {
        await page.goto(pageUrl(server.url, WITH_FIGURES[0]), { waitUntil: 'load' });
        const link = page.locator('figure.figure a.figure-zoom').first();
        const href = await link.getAttribute('href');
        await link.scrollIntoViewIfNeeded();
        const [response] = await Promise.all([page.waitForNavigation(), link.tap()]);
        assert.equal(new URL(page.url()).pathname, href);
        assert.match(response.headers()['content-type'] ?? '', /^image\//);
      } finally {
        await context.close();
      }
    });
  });
}
