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

  function cellValue(cell) {
    return cell.getAttribute("data-value") || cell.textContent.trim();
  }
})();
