// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";
  // Content-Security-Policy forbids inline styles: htmx must not inject its indicator <style> (kinerja.css has it).
  if (window.htmx) window.htmx.config.includeIndicatorStyles = false;
  // <input data-filter-table="#id">: hide the rows of that table whose text does not contain the input.
  function bindFilters(root) {
    root.querySelectorAll("input[data-filter-table]").forEach(function (input) {
      if (input.dataset.bound) return;
      input.dataset.bound = "1";
      var table = document.querySelector(input.dataset.filterTable);
      if (!table) return;
      input.addEventListener("input", function () {
        var needle = input.value.trim().toLowerCase();
        table.querySelectorAll("tbody tr").forEach(function (row) {
          row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) === -1;
        });
      });
    });
  }
  // A table that scrolls sideways (wide table on a phone) must be reachable by keyboard: make its scroll container
  // a focusable, named region, but only while it really scrolls.
  function bindScrollRegions(root) {
    root.querySelectorAll(".table-wrap, table, [data-scroll-region]").forEach(function (el) {
      var scrolls = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible";
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "region");
        var caption = el.querySelector("caption") || el.closest("section, article");
        var heading = caption && (caption.tagName === "CAPTION" ? caption : caption.querySelector("h2, h3"));
        el.setAttribute("aria-label", heading ? heading.textContent.trim() : document.title);
        el.dataset.scrollBound = "1";
      } else if (!scrolls && el.dataset.scrollBound) {
        el.removeAttribute("tabindex");
        el.removeAttribute("role");
        el.removeAttribute("aria-label");
        delete el.dataset.scrollBound;
      }
    });
  }
  // The to-do count beside "Beranda", fetched after the page so that no page pays for it in its own queries.
  function loadTugasJumlah() {
    var el = document.querySelector("[data-tugas-jumlah]");
    if (!el || !window.fetch) return;
    fetch(el.dataset.tugasJumlah, {credentials: "same-origin"}).then(function (r) {
      return r.ok ? r.text() : "";
    }).then(function (html) { el.innerHTML = html; }).catch(function () {});
  }
  document.addEventListener("DOMContentLoaded", function () {
    bindFilters(document); bindScrollRegions(document); loadTugasJumlah();
  });
  window.addEventListener("resize", function () { bindScrollRegions(document); });
  document.addEventListener("htmx:load", function (event) { bindFilters(event.target); bindScrollRegions(event.target); });
})();
