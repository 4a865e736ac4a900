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

// How far the chart must shrink to fit its frame (1 when it fits).
function neededZoom(frame) {
  var chart = frame.querySelector(".orgchart");
  chart.firstElementChild.style.zoom = "";
  return Math.min(1, chart.clientWidth / chart.firstElementChild.offsetWidth);
}

function fitChart(frame) {
  fitChartAt(frame, neededZoom(frame));
}

function fitChartAt(frame, ratio) {
  var chart = frame.querySelector(".orgchart");
  var tree = chart.firstElementChild;
  tree.style.zoom = ratio < 1 && ratio >= FIT_MIN ? String(Math.floor(ratio * 1000) / 1000) : "";
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
  document.querySelectorAll(".compare-charts").forEach(layOutCharts);
});

// The comparison's charts: side by side while every one of them fits (scaled as above), else one under the
// other at the page's width; all at one scale, so boxes compare at a glance; scrolling one sideways brings the
// others to the same place.
function layOutCharts(grid) {
  var frames = Array.prototype.slice.call(grid.querySelectorAll(".orgchart-frame"));
  var smallest = function () { return Math.min.apply(null, frames.map(neededZoom)); };
  grid.classList.remove("is-stacked");
  if (smallest() < FIT_MIN) {
    grid.classList.add("is-stacked");
  }
  var zoom = Math.max(FIT_MIN, smallest());
  frames.forEach(function (frame) { fitChartAt(frame, zoom); });
}

function syncScrolling(grid) {
  var charts = grid.querySelectorAll(".orgchart");
  var syncing = false;
  charts.forEach(function (chart) {
    chart.addEventListener("scroll", function () {
      if (syncing) { return; }
      syncing = true;
      var ratio = chart.scrollLeft / Math.max(1, chart.scrollWidth - chart.clientWidth);
      charts.forEach(function (other) {
        if (other !== chart) { other.scrollLeft = ratio * (other.scrollWidth - other.clientWidth); }
      });
      requestAnimationFrame(function () { syncing = false; });
    }, { passive: true });
  });
}

document.querySelectorAll(".compare-charts").forEach(function (grid) {
  layOutCharts(grid);
  syncScrolling(grid);
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
  document.querySelectorAll(".compare-charts").forEach(layOutCharts);
});

// A "select all" box ticks or clears every checkbox of the name it names (bulk export's plan list).
document.addEventListener("change", function (event) {
  var all = event.target.closest("[data-check-all]");
  if (!all) { return; }
  all.form.querySelectorAll('input[name="' + all.dataset.checkAll + '"]').forEach(function (box) {
    box.checked = all.checked;
  });
});
