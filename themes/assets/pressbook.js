/* pressbook: filter and sort tables in the page. Our own few lines; no library, no request. */
(function () {
  "use strict";

  function rows(table) {
    return Array.prototype.slice.call(table.tBodies[0].rows);
  }

  function setUpFilter(panel) {
    var table = document.getElementById(panel.getAttribute("data-pb-filter"));
    if (!table) return;
    var text = panel.querySelector("[data-pb-text]");
    var selects = panel.querySelectorAll("[data-pb-select]");
    var count = panel.querySelector("[data-pb-count]");
    var empty = document.querySelector("[data-pb-empty]");
    function apply() {
      var words = (text.value || "").toLowerCase().trim().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows(table).forEach(function (row) {
        var visible = words.every(function (word) {
          return (row.getAttribute("data-search") || "").indexOf(word) !== -1;
        });
        Array.prototype.forEach.call(selects, function (select) {
          var wanted = select.value;
          var values = (row.getAttribute("data-" + select.getAttribute("data-pb-select")) || "").split("|");
          if (wanted && values.indexOf(wanted) === -1) visible = false;
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      if (count) count.textContent = shown + " / " + rows(table).length;
      if (empty) empty.hidden = shown !== 0;
    }
    text.addEventListener("input", apply);
    Array.prototype.forEach.call(selects, function (select) { select.addEventListener("change", apply); });
    apply();
  }

  function cellValue(row, index, kind) {
    var cell = row.cells[index];
    var value = cell.getAttribute("data-value");
    if (value === null) value = cell.textContent;
    return kind === "number" ? parseFloat(value) || 0 : value.toLowerCase();
  }

  function setUpSort(table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (header, index) {
      var kind = header.getAttribute("data-pb-sort");
      var button = header.querySelector("button");
      if (!kind || !button) return;
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var sorted = rows(table).sort(function (a, b) {
          var x = cellValue(a, index, kind), y = cellValue(b, index, kind);
          var order = kind === "number" ? x - y : x.localeCompare(y);
          return ascending ? order : -order;
        });
        sorted.forEach(function (row) { table.tBodies[0].appendChild(row); });
      });
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-pb-filter]"), setUpFilter);
    Array.prototype.forEach.call(document.querySelectorAll("table.pb-sortable"), setUpSort);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/* Charts: each figure.pb-chart carries its Vega-Lite spec as JSON; the Vega libraries are served by
   the site itself (assets/pressbook/vega.js). */
(function () {
  "use strict";
  function draw() {
    if (typeof window.vegaEmbed !== "function") return;
    Array.prototype.forEach.call(document.querySelectorAll("figure.pb-chart"), function (figure) {
      var view = figure.querySelector(".pb-chart-view");
      var source = figure.querySelector("script.pb-chart-spec");
      if (!view || !source || view.getAttribute("data-drawn")) return;
      view.setAttribute("data-drawn", "1");
      var spec = JSON.parse(source.textContent);
      var options = (spec.usermeta && spec.usermeta.embedOptions) || {};
      options.actions = false;
      // The page's Content-Security-Policy forbids eval: Vega's expressions are interpreted (by the
      // interpreter vega-embed carries) instead of compiled into functions.
      options.ast = true;
      window.vegaEmbed(view, spec, options).catch(function (error) { console.error(error); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();

/* A table wider than its column scrolls in its own box (pressbook.css): a keyboard must reach it to
   scroll it, so it takes a place in the tab order while, and only while, it overflows — on a phone,
   or once the details holding it open. */
(function () {
  "use strict";
  if (typeof window.ResizeObserver !== "function") return;
  var observer = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var table = entry.target;
      if (table.scrollWidth > table.clientWidth) table.setAttribute("tabindex", "0");
      else table.removeAttribute("tabindex");
    });
  });
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("table.pb-table"), function (table) {
      observer.observe(table);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
