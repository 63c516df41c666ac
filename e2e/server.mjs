// A tiny, dependency-free static file server for the built site.
//
//   const { url, close } = await startServer('public');              // url: http://127.0.0.1:PORT/
//   const { url, close } = await startServer('public', { basePath: '/retningslinjer/' });
//
// - listens on 127.0.0.1 only, on an ephemeral port (port 0);
// - `/dir/` serves `/dir/index.html`; `/dir` (a directory without the slash) redirects to `/dir/`;
// - anything not found is answered with the site's `/404.html` and status 404;
// - a path that escapes the root (`..`, encoded or not, or a symlink out of it) gets 403;
// - `basePath` mounts the site below a path prefix, as `base_url` in retning.toml does on the
//   real host; requests outside the prefix are 404.
//
// Run it by hand to look at a site: `node e2e/server.mjs public` prints the URL.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
};

export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function normaliseBasePath(basePath = '/') {
  let p = basePath.trim();
  if (!p.startsWith('/')) p = `/${p}`;
  if (!p.endsWith('/')) p = `${p}/`;
  return p;
}

async function statOrNull(p) {
  try {
    return await stat(p);
  } catch {
    return null;
  }
}

function isInside(root, p) {
  return p === root || p.startsWith(root + path.sep);
}

export async function startServer(root, { basePath = '/' } = {}) {
  const realRoot = await realpath(path.resolve(root));
  const base = normaliseBasePath(basePath);

  // Resolve a request path to { file } or { status }.
  async function resolve(pathname) {
    if (!pathname.startsWith(base) && `${pathname}/` !== base) return { status: 404 };
    let rel;
    try {
      rel = decodeURIComponent(pathname.slice(base.length));
    } catch {
      return { status: 400 };
    }
    if (rel.includes('\0')) return { status: 400 };
    const candidate = path.resolve(realRoot, `.${path.sep}${rel}`);
    if (!isInside(realRoot, candidate)) return { status: 403 };

    let st = await statOrNull(candidate);
    if (!st) return { status: 404 };
    let file = candidate;
    if (st.isDirectory()) {
      if (!pathname.endsWith('/')) return { redirect: `${pathname}/` };
      file = path.join(candidate, 'index.html');
      st = await statOrNull(file);
      if (!st) return { status: 404 };
    }
    if (!st.isFile()) return { status: 404 };
    // A symlink inside the site must not lead out of it.
    const real = await realpath(file);
    if (!isInside(realRoot, real)) return { status: 403 };
    return { file: real, size: st.size };
  }

  function send(req, res, status, file, size) {
    res.writeHead(status, {
      'content-type': contentType(file),
      'content-length': size,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }

  async function sendError(req, res, status) {
    if (status === 404) {
      const notFound = path.join(realRoot, '404.html');
      const st = await statOrNull(notFound);
      if (st?.isFile()) return send(req, res, 404, notFound, st.size);
    }
    const body = `${status}\n`;
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  // Unplugged, every request fails as a dropped connection does: a network that is gone for
  // the page and for its service worker alike, whatever the browser's offline emulation
  // reaches.
  let unplugged = false;
  const server = createServer(async (req, res) => {
    if (unplugged) return req.socket.destroy();
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' });
        return res.end();
      }
      // Parse the raw path ourselves: `new URL()` would already have collapsed `..` segments.
      const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0];
      if (!rawPath.startsWith('/')) return sendError(req, res, 400);
      const r = await resolve(rawPath);
      if (r.redirect) {
        res.writeHead(301, { location: r.redirect });
        return res.end();
      }
      if (r.status) return sendError(req, res, r.status);
      return send(req, res, 200, r.file, r.size);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`500 ${err?.message ?? err}\n`);
    }
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${base}`,
    origin,
    port,
    basePath: base,
    unplug: (value) => {
      unplugged = value;
      if (value) server.closeAllConnections?.();
    },
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections?.();
      }),
  };
}

// `node e2e/server.mjs [dir] [basePath]`
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? 'public';
  const { url } = await startServer(dir, { basePath: process.argv[3] ?? '/' });
  console.log(`serving ${path.resolve(dir)} at ${url}  (Ctrl-C to stop)`);
}
