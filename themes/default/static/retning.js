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
