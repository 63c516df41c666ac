// Real-browser tests of the built site at phone widths (node --test).
// RETNING_SITE=public node --test e2e/      (or: bash e2e/run.sh public)
// What is checked and why: e2e/README.md. The markup relied on: docs/site-contract.md.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

import { startServer } from './server.mjs';
import { collectConsoleErrors, formatViolations, launchBrowser, phoneContext, runAxe } from './browser.mjs';
import { ARTIFACTS_DIR, detectBasePath, discover, pageUrl, richestGuideline, siteDir } from './site.mjs';

const WIDTHS = [390, 320];
const MIN_TARGET = 44; // CSS px, WCAG 2.5.5 (Target Size, AAA)
const TEST_TIMEOUT = 60_000;

const SITE = siteDir();
const BASE_PATH = detectBasePath(SITE);
const { guidelines, groups } = discover(SITE, BASE_PATH);
const GUIDELINE = richestGuideline(SITE, guidelines);
const GROUP = `/${GUIDELINE.split('/')[1]}/`;
const GROUP_PAGE = groups.includes(GROUP) ? GROUP : groups[0];

// Pages every layout test visits. The "accessibility set" is the one page of each kind.
const A11Y_PAGES = [
  ['home', '/'],
  ['group', GROUP_PAGE],
  ['guideline', GUIDELINE],
  ['revision', '/revision/'],
  ['styrke', '/styrke/'],
  ['soeg', '/soeg/'],
  ['soeg-alle', '/soeg/alle/'],
  ['404', '/404.html'],
];
const LAYOUT_PAGES = [...new Set(['/', ...groups, ...guidelines, '/revision/', '/styrke/', '/soeg/', '/soeg/alle/', '/404.html'])];

let server;
let browser;

before(async () => {
  server = await startServer(SITE, { basePath: BASE_PATH });
  browser = await launchBrowser();
  console.log(`# site ${SITE} served at ${server.url}; ${guidelines.length} guideline(s); guideline under test ${GUIDELINE}`);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// ------------------------------------------------------------------ in-page checks
// These functions are serialised and run inside the page: no closures over Node variables.

// A short human-readable name for an element, installed on every page as window.__e2eName.
function installHelpers() {
  window.__e2eName = (el) => {
    if (!el) return '(none)';
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    for (const c of el.classList) s += `.${c}`;
    const text = (el.textContent || el.value || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim();
    if (text) s += ` "${text.slice(0, 40)}${text.length > 40 ? '…' : ''}"`;
    return s;
  };
}

function measureOverflow() {
  const name = window.__e2eName;
  const de = document.documentElement;
  const cw = de.clientWidth;
  const sw = de.scrollWidth;
  const culprits = [];
  if (sw > cw) {
    // The outermost elements sticking out past the viewport that no ancestor clips or scrolls.
    const clipped = (el) => {
      for (let a = el.parentElement; a && a !== document.body && a !== de; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= cw + 0.5 || clipped(el)) continue;
      const p = el.parentElement;
      if (p && p !== document.body && p.getBoundingClientRect().right > cw + 0.5) continue;
      culprits.push(`${name(el)} (right edge at ${Math.round(r.right)} px)`);
    }
  }
  return { cw, sw, culprits: culprits.slice(0, 8) };
}

function measureQuickGuide() {
  const name = window.__e2eName;
  const article = document.querySelector('main article.guideline');
  if (!article) return { error: 'no <article class="guideline"> inside <main>' };
  const first = article.querySelector('section');
  const qg = article.querySelector('section#quick-guide');
  if (!qg) return { error: `no <section id="quick-guide"> in the article; the first section is ${name(first)}` };
  const header = [...document.querySelectorAll('header')].find((h) => !h.closest('main, article, section'));
  const heading = qg.querySelector('h2, h3, h4') ?? qg;
  const item = qg.querySelector('li.qg-item');
  return {
    first: name(first),
    isFirst: first === qg,
    hasClass: qg.classList.contains('quick-guide'),
    items: qg.querySelectorAll('li.qg-item').length,
    links: [...qg.querySelectorAll('li.qg-item a')].map((a) => a.getAttribute('href')),
    visible: qg.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
    scrollY: window.scrollY,
    innerHeight: window.innerHeight,
    headerBottom: header ? header.getBoundingClientRect().bottom : 0,
    top: qg.getBoundingClientRect().top,
    headingBottom: heading.getBoundingClientRect().bottom,
    itemTop: item ? item.getBoundingClientRect().top : null,
    itemHeight: item ? item.getBoundingClientRect().height : null,
  };
}

function measureTapTargets(min) {
  const name = window.__e2eName;
  const main = document.querySelector('main');
  if (!main) return { error: 'no <main>' };
  // Measure what is inside collapsed sections too.
  for (const d of main.querySelectorAll('details')) d.open = true;

  // WCAG 2.5.5 "Inline" exception: a target in a sentence or block of text is exempt.
  // Here: the target is laid out inline (computed display: inline), its nearest block-level
  // ancestor is a paragraph, list item, table cell or caption, and that block has text besides the
  // target's own (a link that is the whole list item is a list of targets, not running
  // text, and is not exempt).
  const inlineInText = (el) => {
    if (getComputedStyle(el).display !== 'inline') return false;
    let block = el.parentElement;
    while (block && block !== main && getComputedStyle(block).display.startsWith('inline')) {
      block = block.parentElement;
    }
    if (!block || block === main || !block.matches('p, li, td, th, caption, figcaption')) return false;
    const squash = (s) => (s ?? '').replace(/\s+/g, '');
    return squash(block.textContent).length > squash(el.textContent).length;
  };

  const small = [];
  let checked = 0;
  let exempt = 0;
  const sel = 'a[href], button, summary, input:not([type="hidden"]), select, textarea';
  for (const el of main.querySelectorAll(sel)) {
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) continue; // visually hidden (screen-reader only)
    checked++;
    let h = rect.height;
    // A label activates its control, so it is part of the target.
    for (const l of el.labels ?? []) h = Math.max(h, l.getBoundingClientRect().height);
    if (h >= min - 0.05) continue;
    if (inlineInText(el)) {
      exempt++;
      continue;
    }
    small.push(`${name(el)}: ${Math.round(h * 10) / 10} px tall, display ${getComputedStyle(el).display}`);
  }
  return { small, checked, exempt };
}

function measureCard(id) {
  const card = document.getElementById(id);
  if (!card) return { error: 'missing' };
  const r = card.getBoundingClientRect();
  const x = Math.min(Math.max(r.left + 8, 1), window.innerWidth - 1);
  const y = Math.min(Math.max(r.top + 4, 1), window.innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  return {
    tag: card.tagName.toLowerCase(),
    cls: [...card.classList],
    top: r.top,
    height: r.height,
    innerHeight: window.innerHeight,
    scrollY: window.scrollY,
    covered: !!hit && !card.contains(hit) && !hit.contains(card),
    hit: window.__e2eName(hit),
    ok: r.height > 0 && r.top >= -1 && r.top < window.innerHeight - 1,
  };
}

// ------------------------------------------------------------------ assertions

function assertOverflow(r, sitePath, width) {
  assert.equal(
    r.cw,
    width,
    `${sitePath}: the layout viewport is ${r.cw} px wide on a ${width} px phone: ` +
      'is <meta name="viewport" content="width=device-width, initial-scale=1"> missing?',
  );
  assert.ok(
    r.sw - r.cw <= 0,
    `${sitePath} scrolls sideways: scrollWidth ${r.sw} px > clientWidth ${r.cw} px. Too wide:\n  ` +
      r.culprits.join('\n  '),
  );
}

function assertQuickGuide(r, g) {
  assert.ok(!r.error, `${g}: ${r.error}`);
  assert.ok(r.isFirst, `${g}: the first <section> in article.guideline is ${r.first}, not section#quick-guide`);
  assert.ok(r.hasClass, `${g}: section#quick-guide lacks class="quick-guide"`);
  assert.ok(r.items > 0, `${g}: the quick guide has no <li class="qg-item">`);
  assert.ok(
    r.links.some((h) => /^#anbefaling-\d+$/.test(h ?? '')),
    `${g}: no quick-guide link of the form href="#anbefaling-N" (found: ${r.links.join(', ') || 'none'})`,
  );
  assert.ok(r.visible, `${g}: the quick guide is not visible`);
  assert.equal(r.scrollY, 0, `${g}: the page is scrolled to ${r.scrollY} px on load`);
  assert.ok(
    r.top >= r.headerBottom - 1,
    `${g}: the quick guide (top ${Math.round(r.top)} px) is under the header (bottom ${Math.round(r.headerBottom)} px)`,
  );
  assert.ok(
    r.headingBottom <= r.innerHeight,
    `${g}: the quick guide heading ends at ${Math.round(r.headingBottom)} px, below the first ${r.innerHeight} px screen`,
  );
  assert.ok(
    r.itemTop + Math.min(r.itemHeight, MIN_TARGET) <= r.innerHeight,
    `${g}: the first quick-guide item starts at ${Math.round(r.itemTop)} px; it is not on the first ${r.innerHeight} px screen`,
  );
}

function assertTapTargets(r, sitePath) {
  assert.ok(!r.error, `${sitePath}: ${r.error}`);
  assert.ok(
    r.small.length === 0,
    `${sitePath}: ${r.small.length} of ${r.checked} tap targets are under ${MIN_TARGET} px tall ` +
      `and not inline in running text:\n  ${r.small.slice(0, 15).join('\n  ')}` +
      (r.small.length > 15 ? `\n  … and ${r.small.length - 15} more` : ''),
  );
}

// ------------------------------------------------------------------ navigation

// Load a site path in `page` (a fresh document load, also for a #fragment); returns the URL.
async function visit(page, sitePath, { hash = '', waitUntil = 'load', expectStatus = 200 } = {}) {
  const url = pageUrl(server.url, sitePath) + hash;
  // Going to the same URL with another fragment would only scroll; start from a blank page.
  if (hash) await page.goto('about:blank');
  const response = await page.goto(url, { waitUntil });
  if (expectStatus !== null) {
    assert.equal(response?.status(), expectStatus, `${url} answered ${response?.status()}`);
  }
  return url;
}

// Wait (at most 3 s) until the page stops scrolling: smooth scrolling, late layout shifts.
async function scrollSettled(page) {
  let last = await page.evaluate(() => window.scrollY);
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(150);
    const y = await page.evaluate(() => window.scrollY);
    if (y === last) return;
    last = y;
  }
}

// The page's icons must be declared and load; without <link rel="icon"> browsers fetch
// /favicon.ico at the origin's root. Returns a list of problems (empty when fine).
async function iconProblems(page) {
  const hrefs = await page.$$eval('link[rel~="icon" i]', (ls) => ls.map((l) => l.href));
  const problems = [];
  if (hrefs.length === 0) {
    const fallback = new URL('/favicon.ico', page.url()).href;
    const status = (await page.request.get(fallback)).status();
    if (status !== 200) problems.push(`no <link rel="icon">, and the browser's fallback ${fallback} answers ${status}`);
  }
  for (const href of hrefs) {
    const status = (await page.request.get(href)).status();
    if (status !== 200) problems.push(`<link rel="icon" href="${href}"> answers ${status}`);
  }
  return problems;
}

// A fresh page (own console-error log); returns { page, errors }.
async function freshPage(ctx) {
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  return { page, errors: collectConsoleErrors(page) };
}

async function newPhone(width) {
  const ctx = await phoneContext(browser, width);
  await ctx.addInitScript(installHelpers);
  return ctx;
}

for (const width of WIDTHS) {
  describe(`${width} px wide phone`, () => {
    let ctx;
    let page; // reused by the layout tests, which do not look at the console
    before(async () => {
      ctx = await newPhone(width);
      ({ page } = await freshPage(ctx));
    });
    after(async () => {
      await ctx?.close();
    });

    // ---------------------------------------------------------------- layout, quick guide, tap targets
    // One load per page; each check is its own subtest. The quick guide goes first (the page as
    // loaded, unscrolled); the later checks open every <details>.
    for (const sitePath of LAYOUT_PAGES) {
      const isGuideline = guidelines.includes(sitePath);
      test(`layout: ${sitePath}`, { timeout: TEST_TIMEOUT }, async (t) => {
        await visit(page, sitePath);
        if (isGuideline) {
          await t.test('quick guide is the first section and on the first screen', async () => {
            assertQuickGuide(await page.evaluate(measureQuickGuide), sitePath);
          });
        }
        await t.test('no horizontal overflow, as loaded and with every <details> open', async () => {
          assertOverflow(await page.evaluate(measureOverflow), sitePath, width);
          // Tables and figures often sit inside the evidence <details>: a reader opens them.
          const opened = await page.evaluate(() => {
            const closed = [...document.querySelectorAll('details:not([open])')];
            for (const d of closed) d.open = true;
            return closed.length;
          });
          if (opened > 0) assertOverflow(await page.evaluate(measureOverflow), `${sitePath} (${opened} <details> opened)`, width);
        });
        await t.test(`tap targets in main are ≥ ${MIN_TARGET} px tall (inline links in text exempt)`, async () => {
          assertTapTargets(await page.evaluate(measureTapTargets, MIN_TARGET), sitePath);
        });
      });
    }

    // ---------------------------------------------------------------- deep links
    for (const g of guidelines) {
      test(`deep links to #anbefaling-N land on the card: ${g}`, { timeout: TEST_TIMEOUT }, async () => {
        await visit(page, g);
        const hrefs = await page.$$eval('.qg-item a', (as) => as.map((a) => a.getAttribute('href')));
        const anchors = hrefs.filter((h) => /^#anbefaling-\d+$/.test(h ?? ''));
        assert.ok(anchors.length > 0, `${g}: no .qg-item a[href="#anbefaling-N"] to deep-link to`);
        // The first quick-guide link (the one specified) and the last (the one that needs the most scrolling).
        for (const hash of new Set([anchors[0], anchors.at(-1)])) {
          await visit(page, g, { hash });
          const id = hash.slice(1);
          await scrollSettled(page);
          const r = await page.evaluate(measureCard, id);
          assert.ok(!r.error, `${g}${hash}: no element with id="${id}"`);
          assert.ok(
            r.tag === 'article' && r.cls.includes('anbefaling'),
            `${g}${hash}: #${id} is <${r.tag} class="${r.cls.join(' ')}">, not <article class="anbefaling">`,
          );
          assert.ok(
            r.ok,
            `${g}${hash}: the card's top is at ${Math.round(r.top)} px (height ${Math.round(r.height)} px, ` +
              `scrollY ${Math.round(r.scrollY)}), outside the ${r.innerHeight} px viewport`,
          );
          assert.ok(
            !r.covered,
            `${g}${hash}: the card's top edge is covered by ${r.hit} (a sticky header needs scroll-margin-top on the card)`,
          );
        }
      });
    }

    // ---------------------------------------------------------------- details
    test('tapping details.evidens > summary opens it', { timeout: TEST_TIMEOUT }, async () => {
      // The guideline under test first, then the others, until one has closed evidence details.
      for (const g of [GUIDELINE, ...guidelines.filter((x) => x !== GUIDELINE)]) {
        await visit(page, g);
        const summary = await page.$('details.evidens:not([open]) > summary');
        if (!summary) continue;
        const details = await summary.evaluateHandle((s) => s.parentElement);
        await summary.tap();
        await page.waitForFunction((d) => d.open, details, { timeout: 2_000 }).catch(() => {});
        const state = await details.evaluate((d) => ({
          open: d.open,
          attr: d.hasAttribute('open'),
          contentVisible: [...d.children].some(
            (c) => c.tagName !== 'SUMMARY' && c.checkVisibility() && c.getBoundingClientRect().height > 0,
          ),
        }));
        assert.ok(state.open && state.attr, `${g}: tapping the summary did not open details.evidens`);
        assert.ok(state.contentVisible, `${g}: details.evidens opened but its content is not visible`);
        return;
      }
      assert.fail('no guideline page has a closed <details class="evidens"> with a <summary> to tap');
    });

    // ---------------------------------------------------------------- axe and console
    // A fresh page per URL so that each page's console log is its own.
    for (const [kind, sitePath] of A11Y_PAGES) {
      test(`${kind} page ${sitePath}`, { timeout: TEST_TIMEOUT }, async (t) => {
        const { page: p, errors } = await freshPage(ctx);
        try {
          await visit(p, sitePath, { waitUntil: 'networkidle' });
          // Late errors (the favicon request, deferred scripts) come after the load event.
          await p.waitForTimeout(200);
          // Chromium asks for a page's icon only once per browser session and remembers a
          // failure, so a missing icon shows in the console of the first page only. Check it here.
          const consoleErrors = [...errors, ...(await iconProblems(p))];
          await t.test('no console errors', () => {
            assert.ok(consoleErrors.length === 0, `${sitePath}: errors in the console:\n  ${consoleErrors.join('\n  ')}`);
          });
          await t.test('axe (WCAG 2.0/2.1 A and AA) finds no violations', async () => {
            const violations = await runAxe(p);
            assert.ok(
              violations.length === 0,
              `${sitePath}: ${violations.length} axe violation(s):\n${formatViolations(violations)}`,
            );
          });
        } finally {
          await p.close();
        }
      });
    }
  });
}

// ---------------------------------------------------------------- not found
test('an unknown deep URL gets status 404 and a working 404 page', { timeout: TEST_TIMEOUT }, async () => {
  const ctx = await newPhone(390);
  try {
    const missing = '/findes/ikke/her/';
    const { page, errors } = await freshPage(ctx);
    const url = await visit(page, missing, { waitUntil: 'networkidle', expectStatus: 404 });
    const r = await page.evaluate(() => ({
      h1: document.querySelector('h1')?.textContent.trim() ?? null,
      main: !!document.querySelector('main#indhold'),
      styled: [...document.styleSheets].some((s) => {
        try {
          return s.cssRules.length > 0;
        } catch {
          return false;
        }
      }),
    }));
    // The 404 of the document itself is expected; anything else is not. The page is served at
    // a URL deeper than /404.html, so relative links to assets would break here.
    const others = errors.filter((e) => !e.includes(url));
    assert.ok(r.main && r.h1, `${missing}: the 404 page has no main#indhold and h1`);
    assert.ok(r.styled, `${missing}: the 404 page's stylesheet did not load (relative asset URL?)`);
    assert.ok(others.length === 0, `${missing}: errors in the console:\n  ${others.join('\n  ')}`);
    await page.close();
  } finally {
    await ctx.close();
  }
});

// ---------------------------------------------------------------- screenshots
test('screenshots of home and a guideline page at 390 px', { timeout: TEST_TIMEOUT }, async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const ctx = await newPhone(390);
  try {
    const { page } = await freshPage(ctx);
    for (const [name, sitePath] of [
      ['home', '/'],
      ['guideline', GUIDELINE],
    ]) {
      await visit(page, sitePath, { waitUntil: 'networkidle' });
      const file = path.join(ARTIFACTS_DIR, `${name}-390.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(statSync(file).size > 1000, `${file} is empty`);
    }
  } finally {
    await ctx.close();
  }
});
