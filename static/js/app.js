// Small progressive enhancements; every page works without this file.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});

// A chart wider than the screen scrolls sideways: start centred, where the unit and the lead are.
document.querySelectorAll(".orgchart").forEach(function (chart) {
  chart.scrollLeft = (chart.scrollWidth - chart.clientWidth) / 2;
});

// Scale wide org charts down so they fit the printed page (A4 landscape).
window.addEventListener("beforeprint", function () {
  document.querySelectorAll(".orgchart > ul").forEach(function (tree) {
    var available = tree.parentElement.clientWidth || 1000;
    var scale = Math.min(1, available / tree.scrollWidth);
    tree.style.zoom = scale < 1 ? String(scale) : "";
  });
});
window.addEventListener("afterprint", function () {
  document.querySelectorAll(".orgchart > ul").forEach(function (tree) { tree.style.zoom = ""; });
});

// A "select all" box ticks or clears every checkbox of the name it names (bulk export's plan list).
document.addEventListener("change", function (event) {
  var all = event.target.closest("[data-check-all]");
  if (!all) { return; }
  all.form.querySelectorAll('input[name="' + all.dataset.checkAll + '"]').forEach(function (box) {
    box.checked = all.checked;
  });
});
