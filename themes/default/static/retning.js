// retning: progressive enhancement only. Every page works without this file.
(function () {
  "use strict";

  // Home: filter the guideline list as the user types.
  var filterBox = document.querySelector(".filter");
  var filterInput = document.querySelector("[data-filter-input]");
  if (filterBox && filterInput) {
    filterBox.hidden = false;
    var none = document.querySelector("[data-filter-none]");
    filterInput.addEventListener("input", function () {
      var words = filterInput.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      document.querySelectorAll(".guideline-item").forEach(function (item) {
        var text = item.getAttribute("data-filter") || "";
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        item.hidden = !match;
        if (match) shown++;
      });
      document.querySelectorAll("section.group").forEach(function (group) {
        group.hidden = !group.querySelector(".guideline-item:not([hidden])");
      });
      if (none) none.hidden = shown !== 0;
    });
  }

  // Revision overview: sort by a column without a server.
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var headers = table.querySelectorAll("th");
    headers.forEach(function (th, column) {
      var button = th.querySelector("button");
      if (!button) return;
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = button.getAttribute("data-sort") === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a.cells[column]), y = cellValue(b.cells[column]);
          var order = numeric ? Number(x) - Number(y) : x.localeCompare(y, "da");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });

  // Guideline pages: "Del link" copies the recommendation's deep link, or opens the phone's
  // share sheet where there is one; without this it is a plain link to the recommendation.
  var article = document.querySelector("article.guideline[data-share-text]");
  if (article) {
    var shareText = JSON.parse(article.getAttribute("data-share-text") || "{}");
    article.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[data-share]");
      if (!link) return;
      var url = new URL(link.getAttribute("href"), location.href).href;
      if (navigator.share) {
        event.preventDefault();
        navigator.share({ title: document.title, url: url }).catch(function () {});
      } else if (navigator.clipboard && navigator.clipboard.writeText) {
        event.preventDefault();
        navigator.clipboard.writeText(url).then(
          function () { shareStatus(link, shareText.copied); },
          function () { shareStatus(link, shareText.failed); });
      }
    });
  }

  function shareStatus(link, text) {
    var status = link.nextElementSibling;
    if (!status || !status.classList.contains("share-status")) {
      status = document.createElement("span");
      status.className = "share-status";
      status.setAttribute("role", "status");
      link.after(status);
    }
    status.textContent = text || "";
  }

  // The installable app (published builds only: the preview never registers the worker).
  var app = document.documentElement.dataset;
  if (app.sw && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(app.sw, { scope: app.swScope }).catch(function () {});
    var sayer = function (json) {
      var text = JSON.parse(json || "{}");
      return function (key, values) {
        return (text[key] || "").replace(/\{(\w+)\}/g, function (m, k) {
          return values && k in values ? values[k] : m;
        });
      };
    };
    offlineNotice(sayer(app.offlineText));
    var saveBox = document.querySelector("[data-offline-save]");
    if (saveBox && window.caches) offlineSave(saveBox, sayer(saveBox.getAttribute("data-offline-save-text")));
  }

  // A kept copy served without a network (sw.js marks it): say so, and once online again
  // whether a newer version has been published since.
  function offlineNotice(say) {
    var mark = document.querySelector('meta[name="retning-offline"]');
    if (!mark) return;
    var article = document.querySelector("article.guideline[data-version]");
    var saved = new Date(mark.content);
    var date = isNaN(saved) ? "" : saved.toLocaleDateString("da-DK", { day: "numeric", month: "long", year: "numeric" });
    var notice = document.createElement("p");
    notice.className = "offline-notice";
    notice.setAttribute("role", "status");
    notice.textContent = article
      ? say("offline_version", { version: article.dataset.version, date: date })
      : say("offline", { date: date });
    var main = document.querySelector("main");
    main.insertBefore(notice, main.firstChild);
    if (!article) return;
    // The group's list comes in parts, each naming the next: read on until the page is found.
    var find = function (url) {
      return fetch(url, { cache: "no-store" })
        .then(function (r) { return r.json(); })
        .then(function (list) {
          var current = list.guidelines.filter(function (g) { return g.url === location.pathname; })[0];
          return current || !list.next ? current : find(list.next);
        });
    };
    // navigator.onLine can say true where nothing is reached (a ward's network, a captive
    // portal), and then no "online" event comes: a failed check tries again, less often each
    // time (5 s doubling to a minute).
    var retry = 5000;
    var again = function () {
      setTimeout(check, retry);
      retry = Math.min(retry * 2, 60000);
    };
    var check = function () {
      find(article.dataset.offlineList)
        .then(function (current) {
          if (!current || current.version === article.dataset.version) return notice.remove();
          notice.textContent = say("newer", { version: current.version }) + " ";
          var link = document.createElement("a");
          link.href = location.pathname;
          link.textContent = say("reload");
          notice.appendChild(link);
        })
        .catch(again);
    };
    if (navigator.onLine) check();
    window.addEventListener("online", check);
  }

  // "Gem offline": the size first, then every page and file of the group (or of all
  // groups) kept by the service worker, with progress.
  function offlineSave(box, say) {
    var list = box.getAttribute("data-offline-save");
    var all = /index\.json$/.test(list);
    var index = list.replace(/[^/]*$/, "index.json");
    var getJson = function (url) {
      return fetch(url, { cache: "no-cache" }).then(function (r) {
        if (!r.ok) throw new Error(url);
        return r.json();
      });
    };
    // A long list comes in parts, each naming the next: `key` of every part, in the first.
    var getParts = function (url, key) {
      return getJson(url).then(function (part) {
        if (!part.next) return part;
        return getParts(part.next, key).then(function (rest) {
          part[key] = part[key].concat(rest[key]);
          return part;
        });
      });
    };
    getParts(index, "search").then(function (site) {
      var lists = all ? site.groups.filter(function (g) { return g.guidelines; }).map(function (g) { return g.list; }) : [list];
      return Promise.all(lists.map(function (url) { return getParts(url, "guidelines"); })).then(function (groups) {
        var files = {};
        var add = function (entry) { files[entry.url] = entry.bytes; };
        site.shell.forEach(add);
        site.search.forEach(add);
        site.groups.forEach(function (g) { if (all || g.list === list) add(g.page); });
        var count = 0;
        groups.forEach(function (group) {
          group.guidelines.forEach(function (g) {
            count++;
            add(g);
            g.files.forEach(add);
          });
        });
        return { urls: Object.keys(files), count: count, build: site.build, bytes: Object.keys(files).reduce(function (sum, url) { return sum + files[url]; }, 0) };
      });
    }).then(function (want) {
      return savedState(want).then(function (state) { want.state = state; return want; });
    }).then(function (want) {
      if (!want.count) return;
      var size = box.querySelector("[data-offline-size]");
      var button = box.querySelector("[data-offline-button]");
      var progress = box.querySelector("[data-offline-progress]");
      var status = box.querySelector("[data-offline-status]");
      var show = function (state) {
        var values = { n: want.count, size: megabytes(want.bytes) };
        size.textContent = say((state === "none" ? "size_" : state + "_") + (all ? "all" : "group"), values);
        button.textContent = say(state === "older" ? "update" : "save");
        button.hidden = state === "saved";
      };
      show(want.state);
      box.hidden = false;
      button.addEventListener("click", function () {
        button.disabled = true;
        progress.hidden = false;
        progress.max = want.urls.length;
        progress.value = 0;
        navigator.serviceWorker.ready.then(function (registration) {
          navigator.serviceWorker.onmessage = function (event) {
            var data = event.data || {};
            if (data.type === "progress") {
              progress.value = data.done;
              status.textContent = say("progress", { done: data.done, total: data.total });
            } else if (data.type === "saved" || data.type === "failed") {
              button.disabled = false;
              progress.hidden = true;
              status.textContent = data.type === "saved" ? say("saved", { n: want.count }) : say("failed");
              if (data.type === "saved") show("saved");
            }
          };
          registration.active.postMessage({ type: "save", urls: want.urls });
        });
      });
    }).catch(function () {});
  }

  // "saved": every file is in this build's cache; "older": every file is kept, but some only
  // from an earlier build (its worker has not fetched them again yet); else "none".
  function savedState(want) {
    var every = function (cache) {
      return Promise.all(want.urls.map(function (url) { return cache.match(url); }))
        .then(function (hits) { return hits.every(Boolean); });
    };
    var current = "retning-" + want.build; // sw.js names its cache so
    return caches.has(current)
      .then(function (has) { return has && caches.open(current).then(every); })
      .then(function (saved) { return saved ? "saved" : every(caches).then(function (kept) { return kept ? "older" : "none"; }); })
      .catch(function () { return "none"; });
  }

  function megabytes(bytes) {
    var mb = bytes / 1e6;
    return (mb < 0.1 ? "0,1" : mb.toLocaleString("da-DK", { maximumFractionDigits: 1 })) + " MB";
  }

  // Guideline: a link to an evidence sub-section, or to a heading inside one, opens its
  // <details>. Closed, its content has no box to scroll to, and the <details> itself would
  // show only its summary. On load (a link from another page) and on every link in the page,
  // also to the part already in the address bar, which fires no hashchange.
  function openLinkTarget() {
    var target = document.getElementById(location.hash.slice(1));
    var opened = false;
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) {
        node.open = true;
        opened = true;
      }
    }
    if (opened) target.scrollIntoView();
  }
  if (document.querySelector("details")) {
    openLinkTarget();
    window.addEventListener("hashchange", openLinkTarget);
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href^='#']");
      if (link && link.getAttribute("href") === location.hash) openLinkTarget();
    });
  }

  function cellValue(cell) {
    return cell.getAttribute("data-value") || cell.textContent.trim();
  }
})();
