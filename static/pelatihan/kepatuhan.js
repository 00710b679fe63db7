// The compliance chart: reached vs not yet reached the JP target, per unit (data from the page, no request).
document.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("kepatuhan-data");
  var canvas = document.getElementById("kepatuhan-chart");
  if (!el || !canvas || typeof Chart === "undefined") return;
  var data = JSON.parse(el.textContent);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: canvas.dataset.patuh || "≥ target", data: data.patuh, backgroundColor: "#15803d" },
        { label: canvas.dataset.belum || "< target", data: data.belum, backgroundColor: "#b91c1c" },
      ],
    },
    options: { responsive: true, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  });
});
