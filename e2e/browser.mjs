// Shared helpers for the browser tests: launching Debian's Chromium through playwright-core,
// phone-sized contexts, axe-core, and console-error collection.
// See /work/shared/TESTING.md for why the launch flags are what they are.

import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Never add --user-data-dir here: playwright makes a fresh profile itself and refuses it.
// The background-networking/component-update/sync flags stop Chromium from trying to reach
// the internet, which the test machines refuse.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install it with ` +
        '`apt-get update && apt-get install -y chromium chromium-driver` ' +
        '(or point CHROMIUM_PATH at a Chromium binary).',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

// Phone viewports the site must work on: a common modern phone and the smallest still in use.
export const PHONE_HEIGHTS = { 390: 844, 320: 640 };

// `extra` adds context options, such as `permissions` or `serviceWorkers`.
export async function phoneContext(browser, width = 390, extra = {}) {
  const height = PHONE_HEIGHTS[width] ?? Math.round(width * 2.16);
  return browser.newContext({
    viewport: { width, height },
    screen: { width, height },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'da-DK',
    ...extra,
  });
}

let axeSource;
function axeScript() {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Run axe-core on the page as loaded; returns the violations array (empty when clean).
// axe is evaluated through the DevTools protocol rather than an inline <script>, so a
// Content-Security-Policy on the site neither blocks it nor logs a console error.
export async function runAxe(page, { tags = AXE_TAGS } = {}) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(axeScript());
  }
  return page.evaluate(
    (values) =>
      window.axe
        .run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] })
        .then((r) =>
          r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            helpUrl: v.helpUrl,
            nodes: v.nodes.map((n) => ({
              target: n.target.map(String).join(' '),
              html: n.html,
              failureSummary: n.failureSummary,
            })),
          })),
        ),
    tags,
  );
}

// A readable report of axe violations for an assertion message.
export function formatViolations(violations, { maxNodes = 5 } = {}) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, maxNodes)
        .map((n) => `      target: ${n.target}\n        html: ${n.html.slice(0, 200)}`)
        .join('\n');
      const more = v.nodes.length > maxNodes ? `\n      … and ${v.nodes.length - maxNodes} more` : '';
      return `  [${v.impact ?? '?'}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
}

// Start collecting everything that would show as an error in DevTools for this page:
// console.error and browser-logged errors (failed resource loads such as a missing
// /favicon.ico appear only here), uncaught exceptions, and requests that failed outright.
// Returns the live array; call before page.goto().
export function collectConsoleErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location();
    const where = loc?.url ? ` (${loc.url}${loc.lineNumber ? `:${loc.lineNumber}` : ''})` : '';
    errors.push(`console.error: ${msg.text()}${where}`);
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) =>
    errors.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`),
  );
  return errors;
}
