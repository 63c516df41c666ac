// retning search: reads the static index of search-index/FORMAT.md and shows results as you
// type. Progressive enhancement: without it, the form submits to /soeg/.
(() => {
  "use strict";
  const V = "aeiouyæåø", WORD = /[\p{Alphabetic}\p{N}]+/gu; // WORD: Rust's is_alphanumeric
  const MAIN = ("hed ethed ered e erede ende erende ene erne ere en heden eren er heder erer " +
    "heds es endes erendes enes ernes eres ens hedens erens ers ets erets et eret s").split(" ");
  const FOLD = { å: "a", æ: "e", ä: "e", ø: "o", ö: "o", ü: "u", aa: "a", ae: "e", oe: "o" };

  // Snowball Danish as rust-stemmers 1.2 has it: its undouble drops any doubled non-vowel.
  // `s` is lower case; p1 (start of R1) is a UTF-16 index.
  const tail = (s, list, p1) => list.reduce((b, x) => // longest suffix from `list` in R1
    x.length > b.length && s.length - x.length >= p1 && s.endsWith(x) ? x : b, "");
  const pair = (s, p1) => s.length - 2 >= p1 && /(gd|dt|gt|kt)$/.test(s) ? s.slice(0, -1) : s;
  function stem(s) {
    const c = [...s];
    let i = 0, p1 = s.length, x;
    if (c.length > 2) { // R1: after the first non-vowel following a vowel, and ≥ 3 letters in
      while (i < c.length && !V.includes(c[i])) i++;
      while (i < c.length && V.includes(c[i])) i++;
      if (i < c.length) p1 = Math.max(c.slice(0, i + 1).join("").length, c.slice(0, 3).join("").length);
    }
    x = tail(s, MAIN, p1);
    if (x && (x != "s" || "abcdfghjklmnoprtvyzå".includes(s.at(-2)))) s = s.slice(0, -x.length);
    s = pair(s, p1);
    if (s.endsWith("igst")) s = s.slice(0, -2);
    x = tail(s, ["ig", "lig", "elig", "els", "løst"], p1);
    if (x == "løst") s = s.slice(0, -1);
    else if (x) s = pair(s.slice(0, -x.length), p1);
    const d = [...s.slice(-2)].pop() || "", n = d.length; // undouble
    if (n && !V.includes(d) && s.length - n >= p1 && s.slice(-2 * n, -n) == d) s = s.slice(0, -n);
    return s;
  }

  // The analyzer: words, lower case, stop words (from the meta file) out, stem, fold.
  const stop = new Set(), synonyms = new Map(); // synonyms: term → the other terms of its group
  const fold = (s) => s.replace(/aa|ae|oe|[åæäøöü]/g, (x) => FOLD[x]).normalize("NFD").replace(/\p{M}/gu, "");
  const wordForm = (w) => fold(stem(w.toLowerCase())); // a phrase's words keep their stop words
  const term = (w) => stop.has(w.toLowerCase()) ? "" : wordForm(w);
  const analyze = (text) => (String(text).match(WORD) || []).map(term).filter(Boolean);
  // Phrases (FORMAT.md, "Phrases"): the synonym terms with a space, as [word forms, term],
  // longest first. In a query, words in a row joined by spaces or hyphens only that make a
  // phrase are its one term, the longest from the left.
  const phrases = [], JOIN = /^[ \t\n\r\u00a0\u202f\-\u2010\u2011]+$/u;
  function queryTerms(text) {
    text = String(text);
    const w = [...text.matchAll(WORD)], out = [];
    const joined = (j) => JOIN.test(text.slice(w[j - 1].index + w[j - 1][0].length, w[j].index));
    for (let i = 0; i < w.length;) {
      const p = phrases.find(([f]) => f.length <= w.length - i && f.every((x, j) => wordForm(w[i + j][0]) == x && (!j || joined(i + j))));
      if (p) out.push(p[1]), i += p[0].length;
      else out.push(term(w[i++][0]));
    }
    return out.filter(Boolean);
  }

  // Typos (FORMAT.md, "Typos"): a term of 5+ letters (9+) reaches terms 1 (2) edits away.
  const FEW = 3, TYPO = 0.5, MAX_TYPO = 4; // TYPO: a quarter of an exact match, in 1/2000ths
  const PAUSE = 450; // ms after a keystroke's search before the unfinished last word is corrected
  const ENDINGS = "e en er et ene erne ere ens es s ede ende hed ighed".split(" ");
  const len = (s) => [...s].length, numeric = (t) => /[\p{N} ]/u.test(t); // numbers and phrases: no typos
  const reach = (t) => numeric(t) ? 0 : len(t) >= 9 ? 2 : len(t) >= 5 ? 1 : 0;
  function lev(a, b, limit) { // Levenshtein in code points; Infinity when above limit
    a = [...a], b = [...b];
    if (Math.abs(a.length - b.length) > limit) return Infinity;
    let prev = [...Array(b.length + 1).keys()];
    for (let i = 0; i < a.length; i++) {
      const cur = [i + 1];
      for (let j = 0; j < b.length; j++) cur.push(Math.min(prev[j] + (a[i] != b[j]), prev[j + 1] + 1, cur[j] + 1));
      if (Math.min(...cur) > limit) return Infinity;
      prev = cur;
    }
    return prev[b.length] <= limit ? prev[b.length] : Infinity;
  }
  const halves = (w) => { const c = [...w], a = c.length >> 1; return [c.slice(0, a).join(""), c.slice(a).join("")]; };
  const typoKeys = (w) => reach(w) ? ((h) => [`p:${h[0]}`, `s:${h[1]}`])(halves(w)) : []; // the side-table keys
  const unfiled = (key, rest) => key[0] == "p" ? key.slice(2) + rest : rest + key.slice(2);
  const fnv = (key) => { // FNV-1a, 32 bits, of the key's UTF-8 bytes
    let h = 0x811c9dc5;
    for (const b of new TextEncoder().encode(key)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    return h;
  };
  const closest = (w, terms) => { // those at the smallest distance, in order, at most 10
    const [a, z] = halves(w);
    const found = [...new Set(terms)].filter((t) => t != w && !numeric(t) && (t.startsWith(a) || t.endsWith(z))).map((t) => [lev(w, t, reach(w)), t])
      .filter(([d]) => d < Infinity), best = Math.min(...found.map(([d]) => d));
    return found.filter(([d]) => d == best).map(([, t]) => t).sort().slice(0, MAX_TYPO);
  };
  function shown(typed, t, c) { // the correction with the ending that stems back to it, closest to what was typed
    const lower = typed.toLowerCase(), f = fold(lower), own = lower.startsWith(t) ? lower.slice(t.length) : "";
    let best = [[Infinity, 0, 0], c];
    for (const e of ["", own, ...ENDINGS]) {
      const w = c + e, k = [lev(f, w, Infinity), Math.abs(len(w) - len(f)), -len(w)]; // closest, nearest in length, longer
      if (term(w) == c && (k[0] - best[0][0] || k[1] - best[0][1] || k[2] - best[0][2]) < 0) best = [k, w];
    }
    return best[1];
  }
  const corrected = (text, fixes) => String(text).replace(WORD, (w) => fixes.has(term(w)) ? shown(w, term(w), fixes.get(term(w))) : w);

  // The reader: the meta file once, chunks and fragment files when needed; all cached.
  const form = document.querySelector("form.search-form");
  const metaUrl = form?.dataset.searchMeta && new URL(form.dataset.searchMeta, location.href);
  const cache = {};
  // Every file but the meta file is named by its bytes; the meta file's name is stable, so it
  // is always revalidated (`fresh`), whatever the server's cache headers say.
  const fetched = (name, fresh) => {
    const url = new URL(name, metaUrl).href;
    return cache[url] ||= fetch(url, fresh ? { cache: "no-cache" } : {}).then((r) => {
      if (!r.ok) throw Error(`${url}: ${r.status}`);
      return r.json();
    }).catch((e) => { delete cache[url]; throw e; });
  };
  const get = (name) => fetched(name, false);
  // A file's name from its kind and the meta file's hashes (10 hex digits each, in one string).
  const named = (kind, hashes, k) => `${kind}.${hashes.slice(10 * k, 10 * k + 10)}.json`;
  const load = () => metaUrl ? fetched(metaUrl, true).then((m) => {
    if (m.version != 7) throw Error(`search index version ${m.version}, this reader reads 7`);
    m.stopwords.forEach((w) => stop.add(w));
    (m.synonyms || []).forEach((g) => g.forEach((t) => synonyms.set(t, g.filter((x) => x != t))));
    if (!phrases.length) phrases.push(...[...synonyms.keys()].filter((t) => t.includes(" ")).map((t) => [t.split(" "), t])
      .sort((a, b) => b[0].length - a[0].length || (a[1] < b[1] ? -1 : 1)));
    return m;
  }) : Promise.reject(Error("no data-search-meta"));

  // The chunks a word needs (FORMAT.md): from the last one whose bound is <= w, two at a time
  // while the bound is <= w + "\uffff", until they hold 50 terms longer than w that begin with w.
  async function chunks(m, w) {
    const hi = w + "\uffff", b = m.chunks, terms = [];
    for (let k = b.findLastIndex((x) => x <= w); k >= 0 && b[k] <= hi; k += 2) {
      const next = [k, k + 1].filter((i) => i < b.length && b[i] <= hi);
      for (const c of await Promise.all(next.map((i) => get(named("c", m.chunk_files, i))))) terms.push(...c.terms);
      if (terms.filter(([t]) => t != w && t.startsWith(w)).length >= 50) break;
    }
    return terms;
  }

  // A word's score per doc in 1/2000ths: max(2 × exact weight, best of ≤ 50 longer terms,
  // 2 × exact weight of each synonym, and when these find < 3 docs, 0.5 × the closest terms'
  // weights). Postings are pairs of doc id delta and weight. With the word's correction when
  // it found no doc of its own.
  const holding = (m, t) => named("c", m.chunk_files, m.chunks.findLastIndex((x) => x <= t));
  async function scores(m, w, exactOnly) {
    const out = new Map(), add = (p, f) => {
      for (let k = 0, doc = 0; k < p.length; k += 2) {
        doc += p[k];
        if (!(out.get(doc) >= p[k + 1] * f)) out.set(doc, p[k + 1] * f);
      }
    };
    const others = synonyms.get(w) || [];
    const [own, ...theirs] = await Promise.all([chunks(m, w), ...others.map((t) => get(holding(m, t)))]);
    let longer = 0;
    for (const [t, p] of own) {
      const f = t == w ? 2 : 1;
      if (f == 1 && (!t.startsWith(w) || ++longer > 50)) continue;
      add(p, f);
    }
    others.forEach((t, i) => theirs[i].terms.filter(([x]) => x == t).forEach(([, p]) => add(p, 2)));
    // A word of a synonym group is known, never a typo ("nsclc" is not "sclc" misspelt).
    const widened = reach(w) && out.size < FEW && !synonyms.has(w);
    if (exactOnly || !widened) return { out, waited: exactOnly && widened };
    const found = out.size, keys = typoKeys(w), files = [...new Set(keys.map((k) => named("t", m.typo_files, fnv(k) % (m.typo_files.length / 10))))];
    const tables = await Promise.all(files.map(get));
    const close = closest(w, tables.flatMap((f) => keys.flatMap((k) => Object.hasOwn(f.keys, k) ? f.keys[k].map((r) => unfiled(k, r)) : [])));
    const held = await Promise.all(close.map((t) => get(holding(m, t))));
    let best;
    close.forEach((t, i) => held[i].terms.filter(([x]) => x == t).forEach(([, p]) => {
      if (!found && !(best?.[0] >= p.length)) best = [p.length, t];
      add(p, TYPO);
    }));
    return { out, correction: best?.[1] };
  }

  // FORMAT.md query semantics: docs with every word, else (≥ 2 words) with any; group range.
  // `typing`: the last word may be unfinished, so it is not corrected (a half-typed word would
  // fetch typo tables on every keystroke); `waited` says a correction may follow the pause.
  async function search(text, group, typing) {
    const m = await load(), typed = queryTerms(text), words = [...new Set(typed)];
    const unfinished = typing ? typed[typed.length - 1] : null;
    const g = m.groups.find((x) => x.code == group);
    if (!words.length || (group && !g)) return { words, hits: [], fixes: [] };
    const scored = await Promise.all(words.map((w) => scores(m, w, w === unfinished))), maps = scored.map((x) => x.out);
    const fixes = new Map(words.map((w, i) => [w, scored[i].correction]).filter(([, c]) => c));
    const docs = new Set(maps.flatMap((x) => [...x.keys()])), pick = (all) => {
      const hits = [];
      for (const doc of docs) {
        const s = maps.map((x) => x.get(doc) || 0);
        if (!(all && s.includes(0)) && (!g || (doc >= g.first && doc < g.end))) hits.push({ doc, score: s.reduce((a, b) => a + b) / 2000 });
      }
      return hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
    };
    const hits = pick(true), all = hits.length || words.length < 2 ? hits : pick(false);
    // The words to mark in the results: the query's and the corrections'.
    return { words: [...words, ...fixes.values()], hits: all, fixes: [...fixes],
      corrected: fixes.size ? corrected(text, fixes) : null, waited: scored.some((x) => x.waited) };
  }
  const fragments = async (hits) => {
    const { fragment_files: f, fragment_docs: n } = await load();
    // Fragment file k holds the next n[k] docs after the files before it.
    const place = (doc) => { let k = 0; while (k < n.length - 1 && doc >= n[k]) doc -= n[k++]; return [k, doc]; };
    return Promise.all(hits.map(async (h) => {
      const [k, at] = place(h.doc);
      return { ...h, fragment: (await get(named("f", f, k))).docs[at] };
    }));
  };
  const query = async (text, { group, limit = 10 } = {}) => fragments((await search(text, group)).hits.slice(0, limit));
  // `corrections`: what `retning search --format json` says, `corrected_query` included.
  const corrections = async (text, { group } = {}) => {
    const r = await search(text, group);
    return { corrections: r.fixes.map(([term, correction]) => ({ term, correction })), corrected_query: r.corrected };
  };
  window.retningSearch = { analyze, queryTerms, stem, query, corrections, closest };

  // ---- The UI: a panel under the header form, or #soeg-resultater on /soeg/. No innerHTML.
  const input = form?.querySelector("input[name=q]"), page = document.getElementById("soeg-resultater");
  if (!input || !metaUrl) return;
  // The UI's words come from the theme's strings.toml ([search_js]), so a site can translate them.
  const ui = JSON.parse(form.dataset.searchText || "{}");
  const say = (key, values = {}) => (ui[key] ?? key).replace(/\{(\w+)\}/g, (m, k) => k in values ? values[k] : m);
  const el = (tag, cls, text, parent) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return parent ? parent.appendChild(e) : e;
  };
  const root = page || el("div", "search-panel"), url = new URLSearchParams(location.search);
  const status = el("p", "search-status", null, root), body = el("div", "search-body", null, root);
  const tools = el("p", "search-tools", null, body), label = el("label", null, say("group"), tools);
  const select = el("select", null, null, tools), list = el("div", "search-results", null, body);
  const more = !page && el("a", null, null, el("p", "search-more", null, body));
  if (more) more.href = form.action; // never an <a> without href: crawlers and Lighthouse skip those
  let seq = 0, timer, ready;
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  form.id ||= "soeg-form";
  select.id = label.htmlFor = "soeg-gruppe";
  select.setAttribute("form", form.id); // named `gruppe` (and submitted) once a group is chosen
  el("option", null, say("all_groups"), select).value = "";
  body.hidden = !page;
  if (!page) form.after(root), root.id = "soeg-panel", input.setAttribute("aria-controls", root.id);

  const hit = (w, words) => { const t = term(w); return t && words.some((x) => t.startsWith(x)); };
  function mark(parent, text, words) { // a query word, or a longer word it begins, in <mark>
    let last = 0;
    for (const m of text.matchAll(WORD)) {
      if (!hit(m[0], words)) continue;
      parent.append(text.slice(last, m.index), el("mark", null, m[0]));
      last = m.index + m[0].length;
    }
    parent.append(text.slice(last));
    return parent;
  }
  function snippet(text, words) { // ~200 characters from a little before the first match
    const m = [...text.matchAll(WORD)].find((m) => hit(m[0], words));
    const from = m && m.index > 80 ? text.lastIndexOf(" ", m.index - 40) + 1 : 0;
    text = text.slice(from);
    const cut = text.length > 220 ? text.lastIndexOf(" ", 200) : -1;
    return (from ? "… " : "") + (cut > 0 ? text.slice(0, cut) + " …" : text);
  }
  function open(on) {
    body.hidden = !on;
    root.classList.toggle("open", on);
    if (!on) status.textContent = "";
  }
  // Offline, the guidelines whose page the service worker has not kept: their hits are shown
  // (the text may be all a clinician needs) but not as links that would lead nowhere. Offline
  // is also a page the worker served from its cache for want of a network (sw.js marks it):
  // navigator.onLine says true on a network that reaches nothing, as a ward's often does.
  async function unsavedPages(hits) {
    const offline = !navigator.onLine || document.querySelector('meta[name="retning-offline"]');
    if (!offline || !window.caches) return new Set();
    const urls = [...new Set(hits.map((h) => h.fragment.guideline_url))];
    const kept = await Promise.all(urls.map((u) => caches.match(new URL(u, location.href).href).catch(() => null)));
    return new Set(urls.filter((u, i) => !kept[i]));
  }
  function show(q, words, hits, total, fixed, unsaved = new Set()) { // grouped by guideline, in the order of each one's best;
    // total < 0: the index could not be fetched
    const groups = new Map(), g = select.value, n = hits.length;
    list.textContent = "";
    for (const { fragment: f } of hits) {
      let ul = groups.get(f.guideline_url);
      const kept = !unsaved.has(f.guideline_url);
      if (!ul) {
        const sec = el("section", "search-group", null, list), h2 = el("h2", "search-guideline", null, sec);
        if (kept) el("a", null, f.guideline, h2).href = f.guideline_url;
        else h2.append(f.guideline, " ", el("span", "search-unsaved", say("unsaved")));
        groups.set(f.guideline_url, ul = el("ul", "search-hits", null, sec));
      }
      const li = el("li", "search-hit", null, ul), head = el("div", "search-hit-head", null, li);
      const title = mark(el(kept ? "a" : "span", kept ? "search-hit-link" : "search-hit-title", null, head), f.title, words);
      if (kept) title.href = f.url;
      if (f.strength) el("span", "badge strength " + (f.strength_class || ""), null, head)
        .append(el("span", "visually-hidden", say("strength") + ": "), f.strength);
      mark(el("p", "search-snippet", null, li), snippet(f.text, words), words);
    }
    const counts = { n, total, query: q };
    status.textContent = (fixed && n ? say("corrected", { corrected: fixed }) + " " : "") +
      say(total < 0 ? "offline" : n < total ? "some" : total > 1 ? "many" : total ? "one" : g ? "none_in_group" : "none", counts);
    if (more) {
      more.parentNode.hidden = n >= total;
      more.textContent = say("show_all", counts);
      more.href = form.action + params(q);
    }
  }
  const params = (q) => q ? `?q=${encodeURIComponent(q)}${select.value ? "&gruppe=" + select.value : ""}` : location.pathname;
  // From a keystroke (`typing`), the last word is taken as typed; if it might need a
  // correction, the search runs again once the typing has paused.
  async function run(typing) {
    const q = input.value.trim(), n = ++seq;
    select.name = select.value ? "gruppe" : "";
    if (page) history.replaceState(null, "", params(q));
    if (q.length < 2) return list.textContent = status.textContent = "", open(!!page);
    try {
      const r = await search(q, select.value, typing && !/\s$/.test(input.value)), hits = await fragments(r.hits.slice(0, page ? 50 : 10));
      const unsaved = await unsavedPages(hits);
      if (n == seq) open(true), show(q, r.words, hits, r.hits.length, r.corrected, unsaved);
      if (n == seq && r.waited) timer = setTimeout(run, PAUSE);
    } catch { // offline, say: tell, and leave the form to submit as usual
      if (n == seq) open(true), show(q, [], [], -1);
    }
  }
  const start = () => ready ||= load().then((m) => { // the meta file only once someone searches
    for (const g of m.groups) if (g.end > g.first) el("option", null, g.name, select).value = g.code;
    if (page) select.value = url.get("gruppe") || "", run();
  }, () => { ready = null; });
  if (page) input.value = url.get("q") || "", start();
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 150, true); start(); });
  input.addEventListener("focus", (e) => { // reopen, unless Escape brought focus back here
    start();
    if (!page && body.hidden && !root.contains(e.relatedTarget) && input.value.trim().length > 1) run();
  });
  select.addEventListener("change", () => run());

  // Keys: ↓ from the field into the results, ↑/↓ between links, Escape closes the panel.
  const links = () => [...list.querySelectorAll("a")];
  input.addEventListener("keydown", (e) => {
    if (e.key == "ArrowDown" && !body.hidden && links()[0]) e.preventDefault(), links()[0].focus();
  });
  root.addEventListener("keydown", (e) => {
    const a = links(), i = a.indexOf(e.target), up = e.key == "ArrowUp";
    if (i < 0 || !(up || e.key == "ArrowDown")) return;
    e.preventDefault();
    (up ? a[i - 1] || input : a[i + 1] || a[i]).focus();
  });
  if (page) return;
  document.addEventListener("keydown", (e) => {
    if (e.key == "Escape" && !body.hidden && (form.contains(e.target) || root.contains(e.target))) open(false), input.focus();
  });
  document.addEventListener("click", (e) => { if (!form.contains(e.target) && !root.contains(e.target)) open(false); });
})();
