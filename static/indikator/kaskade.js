// Kaskade page: "Centang semua" ticks or clears every subordinate's checkbox.
document.addEventListener("DOMContentLoaded", function () {
  var all = document.getElementById("centang-semua");
  if (!all) return;
  all.addEventListener("change", function () {
    document.querySelectorAll("#daftar-bawahan input[type=checkbox]").forEach(function (cb) { cb.checked = all.checked; });
  });
});
