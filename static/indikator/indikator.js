// Pages of indikator: confirmation before deleting, and the progress charts of the dashboard (Chart.js, served
// from static/vendor). Every page works without JavaScript: the chart data is also printed as a table.
(function () {
  "use strict";

  function bindConfirm(root) {
    root.querySelectorAll("form[data-konfirmasi]").forEach(function (form) {
      if (form.dataset.bound) return;
      form.dataset.bound = "1";
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.konfirmasi)) event.preventDefault();
      });
    });
  }

  function drawCharts() {
    var source = document.getElementById("data-grafik");
    if (!source || typeof window.Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var byId = {};
    data.seri.forEach(function (s) { byId[String(s.id)] = s; });
    document.querySelectorAll("canvas[data-grafik]").forEach(function (canvas) {
      var s = byId[canvas.dataset.grafik];
      if (!s || canvas.dataset.drawn) return;
      canvas.dataset.drawn = "1";
      new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: s.label,
          datasets: [
            {
              type: "line",
              label: data.teks.target + " (" + s.satuan + ")",
              data: s.label.map(function () { return s.target; }),
              borderColor: "#f08a24",
              borderDash: [6, 4],
              pointRadius: 0,
              fill: false
            },
            {
              label: data.teks.realisasi + " (" + s.satuan + ")",
              data: s.realisasi,
              backgroundColor: "rgba(11, 79, 138, 0.75)"
            }
          ]
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
          scales: { y: { beginAtZero: true } }
        }
      });
    });
  }

  // The result of a save (refused or done) is rendered beside its form with data-fokus: bring it into view and move
  // the keyboard focus to it, so that a screen reader reads it and the user does not look for it at the top.
  function fokusHasil() {
    var el = document.querySelector("[data-fokus]");
    if (!el) return;
    if (el.scrollIntoView) el.scrollIntoView({block: "center"});
    el.focus({preventScroll: true});
  }

  // <input type="checkbox" data-centang-semua="#list">: tick or untick every enabled checkbox of that list.
  function bindCentangSemua(root) {
    root.querySelectorAll("input[data-centang-semua]").forEach(function (all) {
      all.addEventListener("change", function () {
        document.querySelectorAll(all.dataset.centangSemua + " input[type=checkbox]:not(:disabled)").forEach(
          function (cb) { cb.checked = all.checked; });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    bindConfirm(document);
    bindCentangSemua(document);
    drawCharts();
  });
  // after "load": the browser's own scroll to the URL's #bulan-N would otherwise take the focus back to the body
  window.addEventListener("load", function () { window.setTimeout(fokusHasil, 0); });
  document.addEventListener("htmx:load", function (event) { bindConfirm(event.target); });
})();
