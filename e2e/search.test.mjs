// Browser tests of the static search (search.js reading the index of search-index/FORMAT.md).
// RETNING_SITE=public node --test e2e/search.test.mjs     (or: bash e2e/run.sh public)
//
// The whole file is skipped, with a message, while the built site has no search/ folder.
// Fixtures written by the Rust side (each test that needs one is skipped without it):
//   fixtures/danish-stems.json  {"word": "stem", …}, stems from rust-stemmers (Danish)
//   fixtures/relevance.json     [{"query", "group": code|null, "top": "/g/slug/#anbefaling-N"|null,
//                                 "corrected"?: the query as shown corrected, or null}]

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { startServer } from './server.mjs';
import { collectConsoleErrors, formatViolations, launchBrowser, phoneContext, runAxe } from './browser.mjs';
import { E2E_DIR, detectBasePath, pageUrl, siteDir } from './site.mjs';

const TEST_TIMEOUT = 60_000;
const BUDGET = 100 * 1024; // bytes the browser may download from search/ for one query
const SITE = siteDir();
const BASE_PATH = detectBasePath(SITE);
const SEARCH_DIR = path.join(SITE, 'search');
const META = existsSync(path.join(SEARCH_DIR, 'meta.json')) ? 'meta.json' : undefined;
const NO_INDEX = META
  ? false
  : `the built site ${SITE} has no search/meta.*.json: the static search index is not built yet`;
const STEMS_FILE = path.join(E2E_DIR, 'fixtures', 'danish-stems.json');
const RELEVANCE_FILE = path.join(E2E_DIR, 'fixtures', 'relevance.json');
const NO_STEMS = !existsSync(STEMS_FILE) && `${STEMS_FILE} is missing (the Rust side writes it from rust-stemmers)`;
const NO_RELEVANCE = !existsSync(RELEVANCE_FILE) && `${RELEVANCE_FILE} is missing (the Rust side writes it)`;

// Stems worked out by hand from danish.sbl as rust-stemmers 1.2 compiles it: R1 starts after
// the first non-vowel that follows a vowel, but at least 3 letters in; "undouble" drops any
// doubled non-vowel (newer Snowball releases only drop consonants: "aa11" shows the difference).
const HAND_STEMS = {
  huse: 'hus', // main suffix -e
  bogs: 'bog', // -s after a letter of s_ending
  huss: 'hus', // -s after s is kept by main_suffix, then undoubled
  plads: 'plad', // -s may follow a letter before R1
  forløst: 'forløs', // løst → løs
  vigtigst: 'vigt', // igst → ig, then -ig; "gt" lies before R1 and stays
  aa11: 'aa1', // undouble of a non-vowel that is not a consonant
  ok: 'ok', // shorter than 3: R1 is empty
};

// '/retningslinjer/dlg/x/#a' → '/dlg/x/#a' (the fixtures use site-relative URLs)
function sitePath(url) {
  let p = url;
  try {
    const u = new URL(url);
    p = u.pathname + u.hash;
  } catch {
    /* already a path */
  }
  return BASE_PATH !== '/' && p.startsWith(BASE_PATH) ? p.slice(BASE_PATH.length - 1) : p;
}

// A search file's name from the meta file's hashes (FORMAT.md: 10 hex digits each, one string).
const named = (kind, hashes, k) => `${kind}.${hashes.slice(10 * k, 10 * k + 10)}.json`;

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

// The index's chunk, fragment and typo files (search-index/FORMAT.md, format 7), read from disk.
function indexFiles() {
  const meta = readJson(path.join(SEARCH_DIR, META));
  const file = (name) => readJson(path.join(SEARCH_DIR, name));
  const all = (kind, hashes) => (hashes.match(/.{10}/g) || []).map((h) => file(`${kind}.${h}.json`));
  return { meta, chunks: all('c', meta.chunk_files), fragments: all('f', meta.fragment_files), typos: all('t', meta.typo_files) };
}

// Queries for the phone and budget tests: from relevance.json when it is there, else words of
// the index's own recommendations (so the tests run on any site).
function sampleQueries() {
  const rows = NO_RELEVANCE ? [] : readJson(RELEVANCE_FILE);
  const plain = rows.filter((r) => !r.group && r.top && /#anbefaling-\d+$/.test(r.top));
  const one = plain.find((r) => !/\s/.test(r.query.trim()))?.query;
  const two = plain.find((r) => /\S\s+\S/.test(r.query.trim()))?.query;
  const words = [];
  for (const fragment of indexFiles().fragments) {
    for (const d of fragment.docs) {
      if (d.kind === 'recommendation') words.push(...(d.text.match(/\p{L}{7,}/gu) ?? []));
    }
  }
  return { one: one ?? words[0], two: two ?? `${words[0]} ${words[1]}`, candidates: [...new Set(words)] };
}

let server;
let browser;

describe('static search', { skip: NO_INDEX }, () => {
  before(async () => {
    server = await startServer(SITE, { basePath: BASE_PATH });
    browser = await launchBrowser();
    console.log(`# search: site ${SITE} (search/${META}) served at ${server.url}`);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  // A phone page on `sitePath` with search.js loaded and its meta file read.
  async function openPage(sitePathname = '/', width = 390) {
    const ctx = await phoneContext(browser, width);
    const page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    const errors = collectConsoleErrors(page);
    const response = await page.goto(pageUrl(server.url, sitePathname));
    assert.equal(response?.status(), 200, `${sitePathname} answered ${response?.status()}`);
    const has = await page.evaluate(() => typeof window.retningSearch?.query === 'function');
    assert.ok(has, `${sitePathname}: window.retningSearch is missing: is search.js loaded (data-search-meta on the form)?`);
    return { ctx, page, errors };
  }

  async function typeQuery(page, query) {
    await page.tap('#soeg-felt');
    await page.locator('#soeg-felt').pressSequentially(query, { delay: 20 });
    await page.waitForFunction(
      () => /\S/.test(document.querySelector('.search-status')?.textContent ?? ''),
      null,
      { timeout: 10_000 },
    );
  }

  test('stemmer: hand-checked cases of the Danish Snowball algorithm', { timeout: TEST_TIMEOUT }, async () => {
    const { ctx, page } = await openPage('/');
    try {
      const got = await page.evaluate((words) => words.map((w) => window.retningSearch.stem(w)), Object.keys(HAND_STEMS));
      const wrong = Object.entries(HAND_STEMS)
        .filter(([, want], i) => got[i] !== want)
        .map(([w, want]) => `${w}: want ${want}, got ${got[Object.keys(HAND_STEMS).indexOf(w)]}`);
      assert.deepEqual(wrong, []);
    } finally {
      await ctx.close();
    }
  });

  test('stemmer parity with rust-stemmers (fixtures/danish-stems.json)', { skip: NO_STEMS, timeout: TEST_TIMEOUT }, async () => {
    const stems = readJson(STEMS_FILE);
    const { ctx, page } = await openPage('/');
    try {
      const wrong = await page.evaluate((pairs) => {
        const out = [];
        for (const [word, want] of pairs) {
          const got = window.retningSearch.stem(word);
          if (got !== want) out.push(`${word}: rust ${want}, browser ${got}`);
        }
        return out;
      }, Object.entries(stems));
      console.log(`# search: ${Object.keys(stems).length} words stemmed, ${wrong.length} differ`);
      assert.ok(wrong.length === 0, `${wrong.length} words stem differently:\n  ${wrong.slice(0, 30).join('\n  ')}`);
    } finally {
      await ctx.close();
    }
  });

  test('analyzer parity: every term the browser makes of the indexed texts is in the index', { timeout: TEST_TIMEOUT }, async () => {
    const { chunks, fragments } = indexFiles();
    const terms = new Set(chunks.flatMap((c) => c.terms.map(([t]) => t)));
    // A fragment's text is cut to 320 characters: leave out the word the cut went through.
    const texts = fragments.flatMap((f) =>
      f.docs.map((d) => `${d.guideline} ${d.title} ${d.text.replace(/[\p{L}\p{N}]*…$/u, '')}`),
    );
    const { ctx, page } = await openPage('/');
    try {
      const made = await page.evaluate(async (texts) => {
        await window.retningSearch.query('x'); // loads the meta file, and with it the stop words
        return texts.flatMap((t) => window.retningSearch.analyze(t));
      }, texts);
      const missing = [...new Set(made.filter((t) => !terms.has(t)))];
      assert.ok(made.length > 0, 'the browser analyzer made no terms of the fragments');
      assert.ok(missing.length === 0, `${missing.length} terms are not in the index: ${missing.slice(0, 30).join(', ')}`);
    } finally {
      await ctx.close();
    }
  });

  test('relevance: the expected top result for each query (fixtures/relevance.json)', { skip: NO_RELEVANCE, timeout: TEST_TIMEOUT }, async (t) => {
    const rows = readJson(RELEVANCE_FILE);
    const { ctx, page } = await openPage('/');
    try {
      for (const row of rows) {
        await t.test(`${JSON.stringify(row.query)}${row.group ? ` in ${row.group}` : ''}${row.why ? ` (${row.why})` : ''}`, async () => {
          const hits = await page.evaluate(
            ({ query, group }) => window.retningSearch.query(query, { group, limit: 5 }),
            { query: row.query, group: row.group ?? undefined },
          );
          const urls = hits.map((h) => sitePath(h.fragment.url));
          if (row.top === null) {
            assert.deepEqual(urls, [], `expected no hits, got ${urls.join(', ')}`);
            // The /soeg/ page says so, helpfully.
            const { ctx: c2, page: p2 } = await openPage(`/soeg/?q=${encodeURIComponent(row.query)}${row.group ? `&gruppe=${row.group}` : ''}`);
            try {
              const status = p2.locator('#soeg-resultater .search-status');
              await status.filter({ hasText: /\S/ }).waitFor();
              assert.match(await status.textContent(), /^Ingen resultater for »/);
              assert.equal(await p2.locator('#soeg-resultater .search-hit').count(), 0);
            } finally {
              await c2.close();
            }
          } else {
            assert.equal(urls[0], row.top, `top 5: ${urls.join(', ') || '(none)'}`);
          }
          if ('corrected' in row) { // what `retning search --format json` says too
            const got = await page.evaluate((query) => window.retningSearch.corrections(query), row.query);
            assert.equal(got.corrected_query, row.corrected);
          }
        });
      }
      // The /soeg/ page says what it searched for instead (strings.toml, [search_js] corrected).
      const fixed = rows.find((r) => r.corrected && r.top);
      if (fixed) {
        await t.test(`/soeg/?q=${fixed.query} says "Viser resultater for »${fixed.corrected}«"`, async () => {
          const { ctx: c2, page: p2 } = await openPage(`/soeg/?q=${encodeURIComponent(fixed.query)}`);
          try {
            const status = p2.locator('#soeg-resultater .search-status');
            await status.filter({ hasText: /\S/ }).waitFor();
            assert.match(await status.textContent(), new RegExp(`^Viser resultater for »${fixed.corrected}«\\. `));
            const first = p2.locator('#soeg-resultater .search-hit-link').first();
            assert.equal(sitePath(await first.getAttribute('href')), fixed.top);
          } finally {
            await c2.close();
          }
        });
      }
    } finally {
      await ctx.close();
    }
  });

  test('phrases: NSCLC finds "ikke-småcellet lungekræft", and "småcellet lungekræft" does not', { timeout: TEST_TIMEOUT }, async () => {
    const { ctx, page, errors } = await openPage('/soeg/?q=NSCLC');
    try {
      const status = page.locator('#soeg-resultater .search-status');
      await status.filter({ hasText: /\S/ }).waitFor();
      // The one example unit whose text says "ikke-småcellet lungekræft" (and not NSCLC).
      const nsclc = '/dccg/opfoelgning-koloncancer/#billeddiagnostisk-opfoelgning-bemaerkninger';
      const first = page.locator('#soeg-resultater .search-hit-link').first();
      assert.equal(sitePath(await first.getAttribute('href')), nsclc);
      const { terms, sclc } = await page.evaluate(async () => ({
        terms: window.retningSearch.queryTerms('Ikke-småcellet lungekræft, SCLC'),
        sclc: (await window.retningSearch.query('småcellet lungekræft', { limit: 50 })).map((h) => h.fragment.url),
      }));
      assert.deepEqual(terms, ['ikk smacel lungekreft', 'sclc'], 'a phrase of the synonym list is one term');
      assert.ok(sclc.length > 0, '"småcellet lungekræft" finds the text saying SCLC');
      assert.ok(!sclc.map(sitePath).includes(nsclc), `"småcellet lungekræft" found the NSCLC unit ${nsclc}`);
      assert.deepEqual(errors, []);
    } finally {
      await ctx.close();
    }
  });

  test('phone 390×844: type in the header, see grouped results, tap one, land on the recommendation', { timeout: TEST_TIMEOUT }, async () => {
    const { one, two, candidates } = sampleQueries();
    const { ctx, page, errors } = await openPage('/');
    try {
      // A query whose best hit is a recommendation (the fixture's two-word query, normally).
      const query = await page.evaluate(async (qs) => {
        for (const q of qs) {
          const [top] = await window.retningSearch.query(q, { limit: 1 });
          if (top?.fragment.kind === 'recommendation') return q;
        }
        return null;
      }, [two, one, ...candidates.slice(0, 40)].filter(Boolean));
      assert.ok(query, 'found no query whose best hit is a recommendation');
      await typeQuery(page, query);
      const panel = page.locator('.search-panel');
      await panel.locator('.search-hit').first().waitFor({ state: 'visible' });
      const r = await page.evaluate(() => {
        const p = document.querySelector('.search-panel');
        const small = [...p.querySelectorAll('a[href], select')]
          .filter((e) => e.checkVisibility())
          .map((e) => [e.textContent.trim().slice(0, 40), e.getBoundingClientRect().height])
          .filter(([, h]) => h < 44 - 0.05);
        return {
          status: p.querySelector('.search-status').textContent,
          live: p.querySelector('[role=status], [aria-live]') !== null,
          groups: p.querySelectorAll('.search-group h2 a[href]').length,
          badges: [...p.querySelectorAll('.search-hit .badge.strength')].map((b) => [b.className, b.textContent]),
          marks: p.querySelectorAll('.search-hit mark').length,
          first: p.querySelector('.search-hit-link')?.getAttribute('href'),
          label: document.querySelector('label[for="soeg-gruppe"]')?.textContent,
          options: [...document.querySelectorAll('#soeg-gruppe option')].map((o) => o.textContent),
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          small,
        };
      });
      assert.match(r.status, /^(Viser \d+ af )?\d+ resultat(er)?$/, `status line: ${r.status}`);
      assert.ok(r.live, 'no live region announces the number of results');
      assert.ok(r.groups > 0, 'no guideline heading links in the results');
      assert.ok(r.badges.length > 0, 'no strength badge in the results');
      for (const [cls, text] of r.badges) { // the class comes with the fragment, the words from strings.toml
        assert.match(cls, /^badge strength strength-(a|b|c|d|for|against|practice)$/, `badge class: ${cls}`);
        assert.match(text, /^Anbefalingens styrke: \S/, `badge text: ${text}`);
      }
      assert.ok(r.marks > 0, 'no <mark> in the results');
      assert.ok(r.label && r.options[0] === 'Alle grupper' && r.options.length > 1, `group filter: ${r.label}: ${r.options}`);
      assert.ok(r.overflow <= 0, `the page scrolls sideways by ${r.overflow} px with the results open`);
      assert.deepEqual(r.small, [], 'tap targets in the results panel under 44 px');
      assert.match(r.first, /#anbefaling-\d+$/);

      await panel.locator('.search-hit-link').first().tap();
      await page.waitForURL((u) => /#anbefaling-\d+$/.test(u.hash));
      await page.waitForLoadState('load');
      await page.waitForTimeout(300); // let the jump to the fragment settle
      const landed = await page.evaluate(() => {
        const card = document.getElementById(location.hash.slice(1));
        const b = card?.getBoundingClientRect();
        return { hash: location.hash, path: location.pathname, card: card?.matches('article.anbefaling'), top: b?.top, inner: innerHeight };
      });
      assert.equal(`${sitePath(landed.path)}${landed.hash}`, sitePath(r.first));
      assert.ok(landed.card, `${landed.hash} is not an article.anbefaling`);
      assert.ok(landed.top >= -1 && landed.top < landed.inner - 1, `the card's top is at ${landed.top} px, outside the viewport`);
      assert.deepEqual(errors, []);
    } finally {
      await ctx.close();
    }
  });

  test('keyboard: ↓ moves into the results, ↑ back, Escape closes; the group filter narrows', { timeout: TEST_TIMEOUT }, async () => {
    const { one } = sampleQueries();
    const { ctx, page, errors } = await openPage('/', 390);
    try {
      await typeQuery(page, one);
      await page.locator('.search-panel .search-hit').first().waitFor();
      await page.keyboard.press('ArrowDown');
      const first = await page.evaluate(() => document.activeElement.closest('.search-results') !== null && document.activeElement.tagName);
      assert.equal(first, 'A', 'ArrowDown from the search field did not focus a result link');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'soeg-felt', 'ArrowUp from the first link goes back to the field');
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('.search-panel .search-body').isVisible(), false, 'Escape did not close the panel');

      // Reopen, then keep one group: every result lies in it.
      await page.locator('#soeg-felt').fill('');
      await typeQuery(page, one);
      const group = await page.evaluate(() => document.querySelector('#soeg-gruppe option:nth-child(2)').value);
      await page.selectOption('#soeg-gruppe', group);
      await page.waitForFunction(
        (g) => [...document.querySelectorAll('.search-panel .search-hit-link')].every((a) => a.pathname.includes(`/${g}/`)) ||
          /^Ingen/.test(document.querySelector('.search-status').textContent),
        group,
      );
      assert.deepEqual(errors, []);
    } finally {
      await ctx.close();
    }
  });

  test('fetches: the meta file, the chunks FORMAT.md\'s rule names for each word, the shown results\' fragments', { timeout: TEST_TIMEOUT }, async () => {
    const { meta, chunks, typos } = indexFiles();
    const b = meta.chunks, holding = (t) => b.findLastIndex((x) => x <= t);
    const all = new Map(chunks.flatMap((c) => c.terms)), docsOf = (t) => {
      const p = all.get(t) || [], out = [];
      for (let k = 0, d = 0; k < p.length; k += 2) out.push(d += p[k]);
      return out;
    };
    const fnv = (key) => { // FORMAT.md, "Typos": FNV-1a of the key's UTF-8 bytes
      let h = 0x811c9dc5;
      for (const x of Buffer.from(key, 'utf8')) h = Math.imul(h ^ x, 0x01000193) >>> 0;
      return h;
    };
    // FORMAT.md, "What a reader fetches", written out again from the spec.
    const chunksFor = async (w, page) => {
      const hi = `${w}\uffff`, b = meta.chunks, out = [];
      for (let k = b.findLastIndex((x) => x <= w); k < b.length && b[k] <= hi; k += 2) {
        out.push(k);
        if (k + 1 < b.length && b[k + 1] <= hi) out.push(k + 1);
        if (out.flatMap((i) => chunks[i].terms).filter(([t]) => t !== w && t.startsWith(w)).length >= 50) break;
      }
      // …and the chunk that can hold each other term of the word's synonym group.
      const group = (meta.synonyms || []).find((g) => g.includes(w)) || [];
      for (const t of group) if (t !== w) out.push(holding(t));
      const files = out.map((k) => named('c', meta.chunk_files, k));
      // …and, when these terms are in fewer than 3 docs, the typo files of the word's keys and
      // the chunk holding each term it is widened to.
      const n = [...w].length, d = /\p{N}/u.test(w) ? 0 : n >= 9 ? 2 : n >= 5 ? 1 : 0;
      const longer = [...all.keys()].filter((t) => t > w && t.startsWith(w)).sort().slice(0, 50);
      const own = new Set([w, ...longer, ...group].flatMap(docsOf));
      if (!d || own.size >= 3) return files;
      const c = [...w], half = n >> 1, first = c.slice(0, half).join(''), last = c.slice(half).join('');
      const widened = [];
      for (const [key, whole] of [[`p:${first}`, (r) => first + r], [`s:${last}`, (r) => r + last]]) {
        const k = fnv(key) % (meta.typo_files.length / 10);
        files.push(named('t', meta.typo_files, k));
        widened.push(...(typos[k].keys[key] || []).map(whole));
      }
      const close = await page.evaluate(([word, terms]) => window.retningSearch.closest(word, terms), [w, widened]);
      return [...files, ...close.map((t) => named('c', meta.chunk_files, holding(t)))];
    };
    const { one, two } = sampleQueries();
    const typo = readJson(RELEVANCE_FILE).find((r) => r.corrected)?.query;
    for (const query of [one, two, one.slice(0, 2), 'xyzzy', 'xyzzyxyzzy', typo].filter(Boolean)) {
      const { ctx, page } = await openPage('/');
      try {
        const { words, docs, files } = await page.evaluate(async (q) => {
          const hits = await window.retningSearch.query(q, { limit: 10 });
          return {
            words: [...new Set(window.retningSearch.analyze(q))],
            docs: hits.map((h) => h.doc),
            files: performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/search/')).map((n) => n.split('/search/').pop()),
          };
        }, query);
        const perWord = [];
        for (const w of words) perWord.push(...(await chunksFor(w, page)));
        const fileOf = (doc) => { let k = 0; while (doc >= meta.fragment_docs[k]) doc -= meta.fragment_docs[k++]; return k; };
        const want = new Set([META, ...perWord, ...docs.map((d) => named('f', meta.fragment_files, fileOf(d)))]);
        assert.deepEqual([...new Set(files)].sort(), [...want].sort(), JSON.stringify(query));
      } finally {
        await ctx.close();
      }
    }
  });

  test(`download budget: a one-word and a two-word query fetch under ${BUDGET / 1024} KB from search/`, { timeout: TEST_TIMEOUT }, async () => {
    const { one, two } = sampleQueries();
    for (const query of [one, two]) {
      const { ctx, page } = await openPage('/');
      try {
        await typeQuery(page, query);
        await page.waitForLoadState('networkidle');
        // Transfer sizes as the browser reports them (headers and body as sent); body size as a fallback.
        const files = await page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .filter((e) => e.name.includes('/search/'))
            .map((e) => ({ file: e.name.split('/search/').pop(), bytes: e.transferSize || e.encodedBodySize || e.decodedBodySize })),
        );
        const total = files.reduce((a, f) => a + f.bytes, 0);
        console.log(`# search: ${JSON.stringify(query)} downloaded ${total} bytes from search/ in ${files.length} files: ` +
          files.map((f) => `${f.file} ${f.bytes}`).join(', '));
        assert.ok(files.some((f) => f.file === META), 'the meta file was not fetched');
        assert.ok(total < BUDGET, `${JSON.stringify(query)}: ${total} bytes from search/ (budget ${BUDGET})`);
      } finally {
        await ctx.close();
      }
    }
  });

  // A word is corrected once the typing pauses, not letter by letter: a half-typed word
  // would fetch typo tables (t*.json) on every keystroke on a slow ward network.
  test('typing a misspelt word slowly fetches typo tables only for the finished word', { timeout: TEST_TIMEOUT }, async (t) => {
    // A one-word typo row with a prefix (5+ letters) that finds fewer than 3 results: typed
    // letter by letter, that prefix alone would ask for corrections.
    const rows = NO_RELEVANCE ? [] : readJson(RELEVANCE_FILE).filter((r) => r.corrected && !/\s/.test(r.query.trim()));
    const probe = await openPage('/');
    const row = await probe.page.evaluate(async (rows) => {
      for (const r of rows) {
        for (let k = 5; k < r.query.length; k++) {
          if ((await window.retningSearch.query(r.query.slice(0, k), { limit: 3 })).length < 3) return r;
        }
      }
      return null;
    }, rows);
    await probe.ctx.close();
    if (!row) return t.skip('no one-word typo row with a rare prefix in relevance.json');
    const { ctx, page } = await openPage('/');
    try {
      await page.tap('#soeg-felt');
      // Slower than the search's 150 ms wait, so every prefix is searched.
      await page.locator('#soeg-felt').pressSequentially(row.query, { delay: 200 });
      const status = page.locator('.search-status');
      await status.filter({ hasText: /Viser resultater for/ }).waitFor({ timeout: 10_000 });
      assert.match(await status.textContent(), new RegExp(`^Viser resultater for »${row.corrected}«`));
      const typoFiles = await page.evaluate(() => performance.getEntriesByType('resource')
        .map((e) => e.name.split('/search/').pop()).filter((f) => /(^|\/)t\d+\.json$/.test(f)));
      // Two side-table keys per word (FORMAT.md, "Typos"): the first half and the last half.
      assert.ok(typoFiles.length <= 2, `typo tables fetched while typing: ${typoFiles.join(', ')}`);
    } finally {
      await ctx.close();
    }
  });

  test('axe: no WCAG 2.1 A/AA violations with the results open (home panel and /soeg/)', { timeout: TEST_TIMEOUT }, async () => {
    const { one } = sampleQueries();
    const { ctx, page, errors } = await openPage('/');
    try {
      await typeQuery(page, one);
      await page.locator('.search-panel .search-hit').first().waitFor();
      let violations = await runAxe(page);
      assert.ok(violations.length === 0, `home with the results panel open:\n${formatViolations(violations)}`);
      await page.goto(pageUrl(server.url, `/soeg/?q=${encodeURIComponent(one)}`));
      await page.locator('#soeg-resultater .search-hit').first().waitFor();
      violations = await runAxe(page);
      assert.ok(violations.length === 0, `/soeg/ with results:\n${formatViolations(violations)}`);
      assert.equal(await page.inputValue('#soeg-felt'), one, '/soeg/ did not put the query into the search field');
      assert.deepEqual(errors, []);
    } finally {
      await ctx.close();
    }
  });

  test('offline: a short Danish message, and the form still submits', { timeout: TEST_TIMEOUT }, async () => {
    const { ctx, page } = await openPage('/');
    try {
      await ctx.route('**/search/**', (route) => route.abort('internetdisconnected'));
      await typeQuery(page, 'lymfom');
      assert.match(await page.locator('.search-panel .search-status').textContent(), /kunne ikke hentes/);
      await ctx.unroute('**/search/**');
      await page.locator('#soeg-felt').press('Enter');
      await page.waitForURL((u) => u.pathname.endsWith('/soeg/') && u.searchParams.get('q') === 'lymfom');
    } finally {
      await ctx.close();
    }
  });
});
