// The pages the git history adds, in a real browser at 320 px (node --test): an earlier
// version's page and the pages of what changed between versions stay inside the screen and
// pass axe. The example site is not a git repository, so this builds its own: history-site.sh
// commits three approved versions of one guideline in a temporary folder and builds them with
// the retning binary in RETNING_BIN (default: the newer of target/release and target/debug).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startServer } from './server.mjs';
import { collectConsoleErrors, formatViolations, launchBrowser, phoneContext, runAxe } from './browser.mjs';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';

import { E2E_DIR, pageUrl, retningBinary } from './site.mjs';

const ARCHIVED = '/dlg/dlbcl/version/1.0/';
const PAGES = [
  '/dlg/dlbcl/',
  ARCHIVED,
  '/dlg/dlbcl/version/1.0/aendringer/',
  '/dlg/dlbcl/version/2.0/aendringer/',
];

let work;
let site;
let server;
let browser;

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'retning-history-'));
  site = path.join(work, 'public');
  execFileSync('bash', [path.join(E2E_DIR, 'history-site.sh'), retningBinary(), site], {
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

test('the history site has the pages of both earlier versions and their changes', () => {
  for (const sitePath of PAGES) {
    assert.ok(existsSync(path.join(site, sitePath, 'index.html')), `${sitePath} was not built`);
  }
  const archived = readFileSync(path.join(site, ARCHIVED, 'index.html'), 'utf8');
  assert.match(archived, /<meta name="robots" content="noindex">/);
  assert.match(archived, /Erstattet af version 2\.0/);
  // 1.0's flowchart differs from today's: its page shows its own copy.
  assert.match(archived, /src="\/dlg\/dlbcl\/version\/1\.0\/flowchart-udredning\.svg"/);
});

test('the history pages are valid HTML (html-validate, as validate.test.mjs)', async () => {
  const config = JSON.parse(readFileSync(path.join(E2E_DIR, '.htmlvalidate.json'), 'utf8'));
  const validator = new HtmlValidate(new StaticConfigLoader(config));
  for (const sitePath of PAGES) {
    const report = await validator.validateFile(path.join(site, sitePath, 'index.html'));
    const errors = report.results.flatMap((r) =>
      r.messages.filter((m) => m.severity === 2).map((m) => `${sitePath}:${m.line}:${m.column}: ${m.ruleId}: ${m.message}`),
    );
    assert.deepEqual(errors, []);
  }
});

describe('history pages at 320 px', () => {
  for (const sitePath of PAGES) {
    test(`${sitePath}: nothing scrolls sideways, nothing fails to load, axe finds nothing`, async () => {
      const context = await phoneContext(browser, 320);
      const page = await context.newPage();
      const errors = collectConsoleErrors(page);
      try {
        await page.goto(pageUrl(server.url, sitePath), { waitUntil: 'load' });
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
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

  test('a change links to the recommendation on the newer version, which opens there', async () => {
    const context = await phoneContext(browser, 320);
    const page = await context.newPage();
    try {
      await page.goto(pageUrl(server.url, '/dlg/dlbcl/version/1.0/aendringer/'), { waitUntil: 'load' });
      // Insertions and deletions say so in words, not only in colour.
      const words = await page.locator('.change-list').first().textContent();
      assert.match(words, /\[slettet: 50\]/);
      assert.match(words, /\[indsat: 60\]/);
      await page.locator('.change-list a', { hasText: 'Anbefaling 5' }).click();
      await page.waitForURL(/version\/2\.0\/#anbefaling-5$/);
      const top = await page.locator('#anbefaling-5').evaluate((el) => el.getBoundingClientRect().top);
      assert.ok(top >= 0 && top < 640, `#anbefaling-5 is not on the screen (top ${top})`);
    } finally {
      await context.close();
    }
  });
});
