/* Click a table header to sort by that column; click again to reverse (and the desk's
   tables labelled to read as cards on a phone).
   Numbers (with units or years in brackets) sort as numbers, "—" last.
   Plain script, no library or CDN: the site must work on an intranet. */
(function () {
  "use strict";

  function key(cell) {
    var text = (cell.textContent || "").trim();
    /* Days are written 2021年10月15日 (periods.day_label): sort them as days, not years. */
    var day = text.match(/^(\d{4})年(\d{1,2})月(\d{1,2})日/);
    if (day) return { number: +day[1] * 10000 + +day[2] * 100 + +day[3], text: text };
    var match = text.match(/^[+-]?\d+(\.\d+)?/);
    if (match) return { number: parseFloat(match[0]), text: text };
    return { number: null, text: text };
  }

  function compare(a, b) {
    if (a.number !== null && b.number !== null) return a.number - b.number;
    if (a.number !== null) return -1;
    if (b.number !== null) return 1;
    if (a.text === "—") return 1;
    if (b.text === "—") return -1;
    return a.text.localeCompare(b.text, "zh-Hans-CN");
  }

  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    if (!body) return;
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var result = compare(key(r1.cells[index]), key(r2.cells[index]));
      return ascending ? result : -result;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function enable(table) {
    /* A key/value table (.sc-kv: a project's particulars) reads down; sorting it means nothing. */
    if (!table.tHead || table.dataset.sortable === "done" || table.closest(".sc-kv")) return;
    table.dataset.sortable = "done";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.classList.add("sc-sortable");
      th.setAttribute("tabindex", "0");
      th.setAttribute("title", "点击排序");
      th.addEventListener("click", function () { sortBy(table, index, th); });
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sortBy(table, index, th);
        }
      });
    });
  }

  /* A table in .sc-cards (the reviewer's desk) reads as one card per row on a phone: each
     cell is labelled with its column's name for the stylesheet to show before it. */
  function label(table) {
    if (!table.tHead) return;
    var names = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
      return (th.textContent || "").trim();
    });
    Array.prototype.forEach.call(table.tBodies[0] ? table.tBodies[0].rows : [], function (row) {
      Array.prototype.forEach.call(row.cells, function (td, i) {
        if (names[i]) td.setAttribute("data-label", names[i]);
      });
    });
  }

  function enableAll() {
    document.querySelectorAll("article table").forEach(enable);
    document.querySelectorAll("article .sc-cards table").forEach(label);
  }

  /* Material's instant loading swaps pages without a reload: hook its observable when present. */
  if (typeof document$ !== "undefined") {
    document$.subscribe(enableAll);
  } else {
    document.addEventListener("DOMContentLoaded", enableAll);
  }
})();
