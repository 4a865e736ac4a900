/* The library admin's behaviour, as a static file (the content security policy allows no inline script):
   "select all" on the export page, and the running KPI weight total on a role's page. */
(function () {
  "use strict";

  function wireSelectAll() {
    document.querySelectorAll(".select-toggle").forEach(function (toggle) {
      toggle.addEventListener("change", function () {
        document.querySelectorAll('.selectable-field-export-row input[type="checkbox"]').forEach(function (box) {
          box.checked = toggle.checked;
        });
      });
    });
  }

  function weightInputs(group) {
    return Array.prototype.filter.call(group.querySelectorAll('input[name$="-weight"]'), function (input) {
      var row = input.closest("tr");
      if (!row || row.classList.contains("empty-form")) { return false; }
      var remove = row.querySelector('input[name$="-DELETE"]');
      return !(remove && remove.checked);
    });
  }

  function updateTotal(group, output) {
    var total = weightInputs(group).reduce(function (sum, input) {
      var value = parseInt(input.value, 10);
      return sum + (isNaN(value) ? 0 : value);
    }, 0);
    var target = parseInt(output.dataset.target, 10);
    output.querySelector(".weight-total-value").textContent = total;
    var off = total !== target;
    output.classList.toggle("weight-total-off", off);
    output.querySelector(".weight-total-note").textContent = off
      ? output.dataset.offText.replace("%(target)s", target).replace("%(gap)s", Math.abs(target - total))
      : output.dataset.okText;
  }

  function wireWeightTotal() {
    var output = document.querySelector(".weight-total");
    var group = output && document.getElementById(output.dataset.group);
    if (!group) { return; }
    var update = function () { updateTotal(group, output); };
    group.addEventListener("input", update);
    group.addEventListener("change", update);
    document.addEventListener("formset:added", update);
    document.addEventListener("formset:removed", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    wireSelectAll();
    wireWeightTotal();
  });
}());
