// Sharing one recommendation (node --test): every recommendation card has a "Del link" that
// is a plain link to its deep link without JavaScript, and with it copies the deep link
// `/<group>/<slug>/#anbefaling-N`; opening that link shows the recommendation highlighted.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startServer } from './server.mjs';
import { formatViolations, launchBrowser, phoneContext, runAxe } from './browser.mjs';
import { detectBasePath, discover, pageUrl, richestGuideline, siteDir } from './site.mjs';

const SITE = siteDir();
const BASE_PATH = detectBasePath(SITE);
const { guidelines } = discover(SITE, BASE_PATH);
const GUIDELINE = richestGuideline(SITE, guidelines);

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

test('"Del link" puts the recommendation\'s deep link on the clipboard and says so', async () => {
  const context = await phoneContext(browser, 390, {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  try {
    const url = pageUrl(server.url, GUIDELINE);
    await page.goto(url, { waitUntil: 'load' });
    const card = page.locator('article.anbefaling').nth(1);
    const id = await card.getAttribute('id');
    assert.match(id, /^anbefaling-\d+$/);
    const link = card.getByRole('link', { name: `Del link til anbefaling ${id.split('-')[1]}` });
    assert.equal(await link.getAttribute('href'), `#${id}`, 'a plain link without JavaScript');
    await link.click();
    await page.locator('.share-status', { hasText: 'Linket er kopieret' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, `${url}#${id}`);
    const violations = await runAxe(page);
    assert.equal(violations.length, 0, formatViolations(violations));
  } finally {
    await context.close();
  }
});

test('the deep link opens with the recommendation in view and highlighted', async () => {
  const context = await phoneContext(browser, 390);
  const page = await context.newPage();
  try {
    const id = await (async () => {
      await page.goto(pageUrl(server.url, GUIDELINE), { waitUntil: 'load' });
      return page.locator('article.anbefaling').last().getAttribute('id');
    })();
    await page.goto(`${pageUrl(server.url, GUIDELINE)}#${id}`, { waitUntil: 'load' });
    const state = await page.evaluate((id) => {
      const card = document.getElementById(id);
      const box = card.getBoundingClientRect();
      return {
        target: card.matches(':target'),
        top: box.top,
        height: innerHeight,
        shadow: getComputedStyle(card).boxShadow,
      };
    }, id);
    assert.ok(state.target, 'the card is the :target');
    assert.ok(state.top >= 0 && state.top < state.height, `card top ${state.top} is in view`);
    assert.notEqual(state.shadow, 'none', 'the target is highlighted');
  } finally {
    await context.close();
  }
});
