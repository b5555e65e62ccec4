/*
 * Analytics dashboard: the quick-period buttons set the period's first day from its last one and
 * reload the dashboard (the form does the rest through htmx; charts are drawn by console.js).
 */
(function () {
  'use strict';

  function iso(d) {
    return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  }

  document.addEventListener('click', function (evt) {
    var button = evt.target.closest('[data-lr-periods] [data-days]');
    if (!button) { return; }
    var form = button.closest('form');
    var to = form.querySelector('input[name="to"]');
    var from = form.querySelector('input[name="from"]');
    var last = to.value ? new Date(to.value + 'T00:00:00') : new Date();
    if (!to.value) { to.value = iso(last); }
    var first = new Date(last.getTime());
    first.setDate(first.getDate() - (parseInt(button.getAttribute('data-days'), 10) - 1));
    from.value = iso(first);
    if (window.htmx) { window.htmx.trigger(form, 'submit'); } else { form.submit(); }
  });
})();
