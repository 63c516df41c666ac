// Finds the built site and the pages the tests visit (see docs/site-contract.md).
// All page paths returned here are site-relative ('/dlg/dlbcl/'); `pageUrl` puts the
// server's origin and base path in front.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS_DIR = path.join(E2E_DIR, 'artifacts');
export const REPO_DIR = path.dirname(E2E_DIR);

// The retning binary the tests that build their own site run: RETNING_BIN, else the newer of
// target/release/retning and target/debug/retning.
export function retningBinary() {
  if (process.env.RETNING_BIN) return path.resolve(process.env.RETNING_BIN);
  const built = ['release', 'debug']
    .map((profile) => path.join(REPO_DIR, 'target', profile, 'retning'))
    .filter((file) => existsSync(file))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (built.length === 0) {
    throw new Error('no retning binary: run `cargo build` or set RETNING_BIN');
  }
  return built[0];
}

// RETNING_SITE: the built site directory (relative to the current directory);
// default: ../public relative to e2e/, i.e. <repo>/public.
export function siteDir() {
  const dir = process.env.RETNING_SITE
    ? path.resolve(process.env.RETNING_SITE)
    : path.resolve(E2E_DIR, '..', 'public');
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new Error(
      `No built site at ${dir} (no index.html). Run \`retning build\` first, ` +
        'or set RETNING_SITE to the output directory.',
    );
  }
  return dir;
}

function normaliseBasePath(p) {
  let s = p.trim();
  if (!s.startsWith('/')) s = `/${s}`;
  if (!s.endsWith('/')) s = `${s}/`;
  return s;
}

// The path prefix the site's links carry (base_url's path in retning.toml), so the test
// server can mount the site there. RETNING_BASE_PATH overrides; otherwise it is read off
// the stylesheet link of the home page ('/retningslinjer/assets/retning.x.css' → '/retningslinjer/').
export function detectBasePath(dir) {
  if (process.env.RETNING_BASE_PATH) return normaliseBasePath(process.env.RETNING_BASE_PATH);
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (!/\brel\s*=\s*["']?stylesheet/i.test(tag)) continue;
    const href = tag.match(/\bhref\s*=\s*["']([^"']+)["']/i)?.[1];
    if (!href) continue;
    let p = href;
    try {
      p = new URL(href).pathname; // an absolute URL
    } catch {
      /* relative */
    }
    const m = p.match(/^(\/.*?)assets\//);
    if (m) return normaliseBasePath(m[1]);
  }
  return '/';
}

const RESERVED = new Set(['api', 'assets', 'revision', 'styrke', 'soeg', 'search-index', 'forloeb', 'forfattere', 'nyt', 'offline']);

function isDir(p) {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function hasIndex(dir, rel) {
  return existsSync(path.join(dir, rel, 'index.html'));
}

// A real guideline page, not a redirect stub left at an old URL.
function isGuidelinePage(dir, rel) {
  const html = readFileSync(path.join(dir, rel, 'index.html'), 'utf8');
  return /<article\b[^>]*\bclass\s*=\s*["'][^"']*\bguideline\b/i.test(html);
}

// A URL from guidelines.json → site-relative path ('/dlg/dlbcl/'). Accepts absolute URLs,
// base-path-prefixed paths and site-relative paths.
function toSitePath(url, basePath) {
  let p = url;
  try {
    p = new URL(url).pathname;
  } catch {
    /* not absolute */
  }
  if (!p.startsWith('/')) p = `/${p}`;
  if (basePath !== '/' && p.startsWith(basePath)) p = p.slice(basePath.length - 1);
  p = p.replace(/index\.html$/, '');
  if (!p.endsWith('/')) p = `${p}/`;
  return p;
}

// { guidelines: ['/g/slug/', …], groups: ['/g/', …], source }
export function discover(dir, basePath = '/') {
  const jsonPath = path.join(dir, 'api', 'guidelines.json');
  let guidelines = [];
  let groups = [];
  let source;
  if (existsSync(jsonPath)) {
    source = 'api/guidelines.json';
    // The index comes in pages, each naming the next ("next": a URL, null on the last).
    const items = [];
    for (let file = jsonPath; file;) {
      const data = JSON.parse(readFileSync(file, 'utf8'));
      const page = Array.isArray(data) ? data : data.guidelines;
      if (!Array.isArray(page)) throw new Error(`${file}: expected an array "guidelines"`);
      items.push(...page);
      file = typeof data.next === 'string' ? path.join(dir, toSitePath(data.next, basePath).replace(/\/$/, '')) : null;
    }
    for (const item of items) {
      if (typeof item?.url !== 'string') throw new Error(`${jsonPath}: an item has no "url": ${JSON.stringify(item)}`);
      const p = toSitePath(item.url, basePath);
      if (!hasIndex(dir, p)) throw new Error(`${jsonPath} lists ${item.url}, but ${p}index.html is not in the site`);
      guidelines.push(p);
      // The group page: prefer the "group" field when it names a folder, else the URL's first segment.
      const segment = p.split('/')[1];
      const group = typeof item.group === 'string' && hasIndex(dir, `/${item.group}/`) ? item.group : segment;
      if (hasIndex(dir, `/${group}/`)) groups.push(`/${group}/`);
    }
  } else {
    source = 'directory scan';
    for (const g of readdirSync(dir).sort()) {
      if (RESERVED.has(g) || g.startsWith('.') || !isDir(path.join(dir, g))) continue;
      const slugs = readdirSync(path.join(dir, g))
        .sort()
        .filter((s) => isDir(path.join(dir, g, s)) && hasIndex(dir, `/${g}/${s}/`) && isGuidelinePage(dir, `/${g}/${s}/`));
      if (slugs.length === 0) continue;
      if (hasIndex(dir, `/${g}/`)) groups.push(`/${g}/`);
      for (const s of slugs) guidelines.push(`/${g}/${s}/`);
    }
  }
  // Group pages without guidelines (an empty DMCG) get the layout tests too.
  for (const g of readdirSync(dir).sort()) {
    if (RESERVED.has(g) || g.startsWith('.') || !isDir(path.join(dir, g)) || !hasIndex(dir, `/${g}/`)) continue;
    const html = readFileSync(path.join(dir, g, 'index.html'), 'utf8');
    if (!/http-equiv\s*=\s*["']?refresh/i.test(html)) groups.push(`/${g}/`); // not a redirect stub
  }
  guidelines = [...new Set(guidelines)];
  groups = [...new Set(groups)];
  if (guidelines.length === 0) throw new Error(`No guideline pages found in ${dir} (via ${source})`);
  if (groups.length === 0) throw new Error(`No group page (/<group>/index.html) found in ${dir}`);
  return { guidelines, groups, source };
}

// The guideline page with the most markup: it exercises the most of the templates
// (recommendations, evidence details, tables, decision aids).
export function richestGuideline(dir, guidelines) {
  let best = guidelines[0];
  let bestSize = -1;
  for (const g of guidelines) {
    const size = statSync(path.join(dir, g, 'index.html')).size;
    if (size > bestSize) [best, bestSize] = [g, size];
  }
  return best;
}

// Every *.html file under dir, as paths relative to dir, sorted.
export function htmlFiles(dir) {
  const out = [];
  const walk = (rel) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else if (e.isFile() && e.name.endsWith('.html')) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

export function pageUrl(serverUrl, sitePath) {
  return new URL(sitePath.replace(/^\//, ''), serverUrl).href;
}
