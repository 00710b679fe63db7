// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";
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
  document.addEventListener("DOMContentLoaded", function () { bindFilters(document); });
  document.addEventListener("htmx:load", function (event) { bindFilters(event.target); });
})();
