// html-validate over every *.html file of the built site (node --test).
// Rules: html-validate:recommended, less the purely stylistic ones in e2e/.htmlvalidate.json.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';

import { E2E_DIR, htmlFiles, siteDir } from './site.mjs';

const SITE = siteDir();
const FILES = htmlFiles(SITE);
const config = JSON.parse(readFileSync(path.join(E2E_DIR, '.htmlvalidate.json'), 'utf8'));
// A static loader: only our config applies, whatever .htmlvalidate.json files lie around the site.
const validator = new HtmlValidate(new StaticConfigLoader(config));

test('the site has HTML files', () => {
  assert.ok(FILES.length > 0, `no *.html files under ${SITE}`);
  assert.ok(FILES.includes('index.html'), `no index.html in ${SITE}`);
  assert.ok(FILES.includes('404.html'), `no 404.html in ${SITE}`);
});

test(`html-validate: ${FILES.length} HTML files in ${SITE}`, async (t) => {
  for (const rel of FILES) {
    await t.test(rel, async () => {
      const report = await validator.validateFile(path.join(SITE, rel));
      const errors = report.results.flatMap((r) =>
        r.messages
          .filter((m) => m.severity === 2)
          .map((m) => `${rel}:${m.line}:${m.column}: ${m.ruleId}: ${m.message}`),
      );
      assert.ok(errors.length === 0, `${errors.length} html-validate error(s):\n  ${errors.join('\n  ')}`);
    });
  }
});
