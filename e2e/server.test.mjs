// Tests of the test harness's own static server (no browser, no built site needed).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startServer } from './server.mjs';

let root;
let outside;

before(() => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'retning-e2e-server-'));
  root = path.join(tmp, 'site');
  outside = path.join(tmp, 'secret.txt');
  const w = (rel, body) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), body);
  };
  w('index.html', '<!doctype html><title>home</title>');
  w('404.html', '<!doctype html><title>not found</title>');
  w('dlg/dlbcl/index.html', '<!doctype html><title>dlbcl</title>');
  w('assets/retning.abc.css', 'body{}');
  w('assets/app.abc.js', '1');
  w('api/guidelines.json', '{}');
  w('sitemap.xml', '<urlset/>');
  w('assets/icon.svg', '<svg/>');
  w('empty-dir/.keep', '');
  writeFileSync(outside, 'secret');
  symlinkSync(outside, path.join(root, 'link-out.txt'));
});

after(() => rmSync(path.dirname(root), { recursive: true, force: true }));

// A raw GET: the path goes to the server exactly as written (no client-side normalisation).
function get(port, rawPath, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], location: res.headers.location, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves files, directory indexes and content types on 127.0.0.1', async () => {
  const s = await startServer(root);
  try {
    assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const cases = [
      ['/', 200, 'text/html', 'home'],
      ['/dlg/dlbcl/', 200, 'text/html', 'dlbcl'],
      ['/dlg/dlbcl/index.html', 200, 'text/html', 'dlbcl'],
      ['/index.html?q=x#y', 200, 'text/html', 'home'],
      ['/assets/retning.abc.css', 200, 'text/css', 'body{}'],
      ['/assets/app.abc.js', 200, 'text/javascript', '1'],
      ['/api/guidelines.json', 200, 'application/json', '{}'],
      ['/sitemap.xml', 200, 'application/xml', '<urlset/>'],
      ['/assets/icon.svg', 200, 'image/svg+xml', '<svg/>'],
    ];
    for (const [p, status, type, body] of cases) {
      const r = await get(s.port, p);
      assert.equal(r.status, status, p);
      assert.ok(r.type.startsWith(type), `${p}: content-type ${r.type}`);
      assert.ok(r.body.includes(body), `${p}: ${r.body}`);
    }
    const head = await get(s.port, '/', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.equal((await get(s.port, '/', 'POST')).status, 405);
  } finally {
    await s.close();
  }
});

test('a directory without its slash redirects; missing paths get /404.html with 404', async () => {
  const s = await startServer(root);
  try {
    const r = await get(s.port, '/dlg/dlbcl');
    assert.equal(r.status, 301);
    assert.equal(r.location, '/dlg/dlbcl/');
    for (const p of ['/nope/', '/nope.html', '/dlg/dlbcl/nope/', '/empty-dir/']) {
      const nf = await get(s.port, p);
      assert.equal(nf.status, 404, p);
      assert.ok(nf.type.startsWith('text/html'), p);
      assert.match(nf.body, /not found/, p);
    }
  } finally {
    await s.close();
  }
});

test('refuses paths that escape the root', async () => {
  const s = await startServer(root);
  try {
    for (const p of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/dlg/..%2f..%2fsecret.txt', '/link-out.txt']) {
      const r = await get(s.port, p);
      assert.equal(r.status, 403, p);
      assert.doesNotMatch(r.body, /secret/, p);
    }
    assert.equal((await get(s.port, '/a%00b')).status, 400);
    assert.equal((await get(s.port, '/%E0%A4%A')).status, 400);
  } finally {
    await s.close();
  }
});

test('mounts the site under a base path', async () => {
  const s = await startServer(root, { basePath: '/retningslinjer' });
  try {
    assert.ok(s.url.endsWith('/retningslinjer/'));
    assert.match((await get(s.port, '/retningslinjer/dlg/dlbcl/')).body, /dlbcl/);
    assert.equal((await get(s.port, '/retningslinjer')).status, 301);
    assert.equal((await get(s.port, '/dlg/dlbcl/')).status, 404);
  } finally {
    await s.close();
  }
});
