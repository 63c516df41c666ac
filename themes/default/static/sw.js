// retning's service worker: the guidelines a clinician opened or saved, readable without a
// network. `retning build` puts this build's settings in place of the string below.
"use strict";
const CONFIG = "__RETNING_SW_CONFIG__";
const ROOT = CONFIG.root;
const PREFIX = "retning-";
const CACHE = PREFIX + CONFIG.build; // one cache per build: never a mix of two builds' files
const SAVED = "x-retning-saved"; // when a copy was kept, on the cached response

const under = (path, dir) => path.startsWith(ROOT + dir);
// Content-hashed, so never stale: from the cache when there. The search index's meta file
// has a stable name (it lists the hashed files): the network's when it answers, as a page.
const immutable = (path) => under(path, "assets/") || (under(path, "search/") && path !== ROOT + "search/meta.json");

self.addEventListener("install", (event) => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

async function install() {
  const cache = await caches.open(CACHE);
  await cache.addAll(CONFIG.shell);
  // What the reader kept from an earlier build comes along, fetched again from this one.
  // Should the network fail half-way, the install fails and the old build stays whole.
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const old = await caches.open(name);
    const urls = new Set();
    let search = false;
    for (const request of await old.keys()) {
      const path = new URL(request.url).pathname;
      if (under(path, "search/")) search = true;
      else if (!immutable(path)) urls.add(request.url);
    }
    if (search) {
      // The list of search files comes in parts, each naming the next.
      for (let part = await fetchJson(ROOT + "offline/index.json"); ; part = await fetchJson(part.next)) {
        for (const file of part.search) urls.add(new URL(file.url, location.href).href);
        if (!part.next) break;
      }
    }
    await keepAll(cache, [...urls], () => {});
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin || !url.pathname.startsWith(ROOT)) return;
  if (under(url.pathname, "offline/")) return; // the lists: always the network's
  event.respondWith(immutable(url.pathname) ? cacheFirst(request) : networkFirst(request));
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

// Pages and figures: the network's when it answers (and kept), else the kept copy.
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key(request), stamped(response.clone()));
    return response;
  } catch (error) {
    const hit = await cache.match(key(request));
    if (hit) return request.mode === "navigate" ? marked(hit) : hit;
    if (request.mode === "navigate") return notSaved();
    return Response.error();
  }
}

// Pages are kept by path: `/soeg/?q=…` is the search page.
const key = (request) => {
  const url = new URL(request.url);
  url.search = "";
  url.hash = "";
  return url.href;
};

function stamped(response) {
  const headers = new Headers(response.headers);
  headers.set(SAVED, new Date().toISOString());
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// A kept page served offline says so: retning.js shows the version and the date it was kept.
async function marked(response) {
  if (!(response.headers.get("content-type") || "").includes("text/html")) return response;
  const saved = response.headers.get(SAVED) || "";
  const html = (await response.text()).replace(
    "</head>", `<meta name="retning-offline" content="${saved.replace(/[^0-9TZ:.-]/g, "")}"></head>`);
  return new Response(html, { status: response.status, headers: response.headers });
}

function notSaved() {
  const t = CONFIG.text || {};
  const escape = (s) => String(s || "").replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="da"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(t.title)}</title><body style="font:1rem/1.5 system-ui,sans-serif;margin:1rem"><main><h1>${escape(t.title)}</h1><p>${escape(t.text)}</p><p><a href="${escape(ROOT)}">${escape(t.home)}</a></p></main></body></html>`;
  return new Response(html, { status: 503, headers: { "content-type": "text/html; charset=utf-8" } });
}

async function fetchJson(url) {
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

// Fetches and keeps `urls`, four at a time; `progress(done)` after each. A page that is gone
// (404, 410) is dropped; any other failure stops, so nothing half-saved looks saved.
async function keepAll(cache, urls, progress) {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++];
      const response = await fetch(url, { cache: "no-cache" });
      if (response.ok) await cache.put(url, immutable(new URL(url).pathname) ? response : stamped(response));
      else if (response.status !== 404 && response.status !== 410) throw new Error(`${url}: ${response.status}`);
      progress(++done);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

// "Gem offline": the page sends the URLs to keep (it has shown their size first).
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "save" || !Array.isArray(data.urls)) return;
  const client = event.source;
  const urls = data.urls.map((url) => new URL(url, location.href).href)
    .filter((url) => new URL(url).origin === location.origin && new URL(url).pathname.startsWith(ROOT));
  event.waitUntil((async () => {
    try {
      const cache = await caches.open(CACHE);
      await keepAll(cache, urls, (done) => client.postMessage({ type: "progress", done, total: urls.length }));
      client.postMessage({ type: "saved", total: urls.length });
    } catch (error) {
      client.postMessage({ type: "failed", message: String(error) });
    }
  })());
});
