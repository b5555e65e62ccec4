// The demo CRM's only script (no inline script: the pages run under CSP default-src 'self').
// The lead index: "select all" and the selection count; the bulk-send button is enabled while
// at least one lead is selected. LeadReach's bulk-send dialog reads the checked lead_ids of the
// form that the button's data-leadreach-bulk-send attribute names.
(function () {
  'use strict';

  function leadSelection() {
    var selectAll = document.getElementById('crm-select-all');
    var form = document.getElementById('crm-lead-selection');
    if (!selectAll || !form) {
      return;
    }
    var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type=checkbox][name=lead_ids]'));
    var count = document.getElementById('crm-selection-count');
    var buttons = document.querySelectorAll('[data-leadreach-bulk-send="#crm-lead-selection"]');

    function update() {
      var checked = boxes.filter(function (b) { return b.checked; }).length;
      selectAll.checked = checked > 0 && checked === boxes.length;
      selectAll.indeterminate = checked > 0 && checked < boxes.length;
      boxes.forEach(function (b) {
        var row = b.closest('tr');
        if (row) {
          row.classList.toggle('selected', b.checked);
        }
      });
      if (count) {
        count.textContent = checked === 0 ? 'No leads selected'
          : checked === 1 ? '1 lead selected' : checked + ' leads selected';
      }
      Array.prototype.forEach.call(buttons, function (button) { button.disabled = checked === 0; });
    }

    selectAll.addEventListener('change', function () {
      boxes.forEach(function (b) { b.checked = selectAll.checked; });
      update();
    });
    boxes.forEach(function (b) { b.addEventListener('change', update); });
    selectAll.disabled = boxes.length === 0;
    update();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', leadSelection);
  } else {
    leadSelection();
  }
})();
