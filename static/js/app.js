// Small progressive enhancements; every page works without this file.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});

// Org charts wider than their card: a little too wide (at least FIT_MIN of it shows) is scaled to fit;
// wider ones scroll sideways, open centred on the unit at the top (so the lead is on screen), show a hint
// and fade the edges that have more to see.
var FIT_MIN = 0.8;

function markEdges(frame, chart) {
  frame.classList.toggle("at-start", chart.scrollLeft <= 1);
  frame.classList.toggle("at-end", chart.scrollLeft + chart.clientWidth >= chart.scrollWidth - 1);
}

function fitChart(frame) {
  var chart = frame.querySelector(".orgchart");
  var tree = chart.firstElementChild;
  tree.style.zoom = "";
  var ratio = chart.clientWidth / tree.offsetWidth;
  if (ratio < 1 && ratio >= FIT_MIN) {
    tree.style.zoom = String(Math.floor(ratio * 1000) / 1000);
  }
  var scrolls = chart.scrollWidth > chart.clientWidth + 1;
  frame.classList.toggle("is-scrollable", scrolls);
  frame.querySelector(".scroll-hint").hidden = !scrolls;
  if (scrolls) {
    var top = chart.querySelector(".node").getBoundingClientRect();
    var box = chart.getBoundingClientRect();
    chart.scrollLeft += top.left + top.width / 2 - (box.left + chart.clientWidth / 2);
  }
  markEdges(frame, chart);
}

document.querySelectorAll(".orgchart-frame").forEach(function (frame) {
  var chart = frame.querySelector(".orgchart");
  chart.addEventListener("scroll", function () { markEdges(frame, chart); }, { passive: true });
  fitChart(frame);
});
window.addEventListener("resize", function () {
  document.querySelectorAll(".orgchart-frame").forEach(fitChart);
});

// Scale wide org charts down so they fit the printed page (A4 landscape).
window.addEventListener("beforeprint", function () {
  document.querySelectorAll(".orgchart > ul").forEach(function (tree) {
    tree.style.zoom = "";
    var available = tree.parentElement.clientWidth || 1000;
    var scale = Math.min(1, available / tree.scrollWidth);
    tree.style.zoom = scale < 1 ? String(scale) : "";
  });
});
window.addEventListener("afterprint", function () {
  document.querySelectorAll(".orgchart-frame").forEach(fitChart);
});

// A "select all" box ticks or clears every checkbox of the name it names (bulk export's plan list).
document.addEventListener("change", function (event) {
  var all = event.target.closest("[data-check-all]");
  if (!all) { return; }
  all.form.querySelectorAll('input[name="' + all.dataset.checkAll + '"]').forEach(function (box) {
    box.checked = all.checked;
  });
});
