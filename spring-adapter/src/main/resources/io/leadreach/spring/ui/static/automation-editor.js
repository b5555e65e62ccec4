/*
 * Automation rule editor: shows the days field only for triggers that take a number of days, the
 * from/to status fields only for a status-change rule, and the note about the dry run while the
 * rule is switched on. The dry run itself is an htmx request (see automation/editor.jte).
 */
(function () {
  'use strict';

  function sync(root) {
    (root || document).querySelectorAll('select[data-lr-trigger]').forEach(function (select) {
      var form = select.form;
      var option = select.options[select.selectedIndex];
      var days = form.querySelector('[data-lr-days]');
      var status = form.querySelector('[data-lr-status-change]');
      if (days) { days.hidden = !option || option.getAttribute('data-needs-days') !== 'true'; }
      if (status) { status.hidden = !option || option.value !== 'STATUS_CHANGED'; }
      var active = form.querySelector('input[name="active"]');
      var note = form.querySelector('[data-lr-activate-note]');
      if (note && active) { note.hidden = !active.checked; }
    });
  }

  document.addEventListener('change', function (evt) {
    if (evt.target.closest && evt.target.closest('#lr-rule-fields')) { sync(document); }
  });
  document.addEventListener('DOMContentLoaded', function () { sync(document); });
  document.addEventListener('htmx:afterSettle', function () { sync(document); });
})();
