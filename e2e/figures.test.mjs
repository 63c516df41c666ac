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

// A link into the evidence: a heading inside a closed <details class="evidens">, or the
// <details> itself. retning.js opens it, whether the link comes from another page (load), from
// the page (hashchange), or is the part already in the address bar (no hashchange).
describe('a link into an evidence sub-section opens it', () => {
  // A heading before the <details>' end: inside it.
  const HEADING_INSIDE = /<details class="evidens"[^>]*>(?:(?!<\/details>)[\s\S])*?<h5 id="([^"]+)"/;
  const withEvidenceHeading = guidelines.find((p) => HEADING_INSIDE.test(read(p)));

  test('the example site has a heading inside an evidence sub-section', () => {
    assert.ok(withEvidenceHeading, 'no guideline with a heading inside <details class="evidens">');
  });

  const state = (page, id) => page.evaluate((id) => {
    const target = document.getElementById(id);
    const box = target.getBoundingClientRect();
    return {
      open: target.closest('details')?.open ?? null,
      visible: target.checkVisibility(),
      // Scrolled to the top of the screen, up to a fraction of a pixel.
      inView: box.top > -1 && box.top < window.innerHeight,
    };
  }, id);

  test('from another page, to a heading inside one', async () => {
    const context = await phoneContext(browser, 390);
    const page = await context.newPage();
    try {
      const html = read(withEvidenceHeading);
      const id = html.match(HEADING_INSIDE)[1];
      await page.goto(`${pageUrl(server.url, withEvidenceHeading)}#${id}`, { waitUntil: 'load' });
      assert.deepEqual(await state(page, id), { open: true, visible: true, inView: true });
    } finally {
      await context.close();
    }
  });

  test('within the page, to a sub-section from "På denne side", again after closing it', async () => {
    const context = await phoneContext(browser, 390);
    const page = await context.newPage();
    try {
      await page.goto(pageUrl(server.url, withEvidenceHeading), { waitUntil: 'load' });
      const link = page.locator('nav.toc a[href$="-rationale"]').first();
      const id = (await link.getAttribute('href')).slice(1);
      assert.equal(await page.evaluate((id) => document.getElementById(id).open, id), false);
      await link.click();
      await page.waitForFunction((id) => document.getElementById(id).open, id);
      assert.equal((await state(page, id)).inView, true);
      await page.evaluate((id) => { document.getElementById(id).open = false; window.scrollTo(0, 0); }, id);
      await link.click();
      await page.waitForFunction((id) => document.getElementById(id).open, id);
      assert.equal((await state(page, id)).inView, true);
    } finally {
      await context.close();
    }
  });
});
