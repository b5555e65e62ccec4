/*
 * Template and rule editors: variable buttons insert "{name}" at the cursor, a counter against the
 * field's data-max, and the WhatsApp bubble preview filled from data-sample (a lead's variables as
 * JSON); variables with no value are marked lr-missing. Built with DOM nodes, never innerHTML.
 * Also: selects marked data-lr-autosubmit submit their form when changed.
 */
(function () {
  'use strict';

  var VARIABLE = /\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g;

  function sampleOf(area) {
    try { return JSON.parse(area.getAttribute('data-sample') || '{}') || {}; } catch (e) { return {}; }
  }

  function refresh(area) {
    var max = parseInt(area.getAttribute('data-max') || '4096', 10);
    var counter = document.getElementById(area.getAttribute('data-counter'));
    if (counter) {
      counter.textContent = area.value.length.toLocaleString() + ' / ' + max.toLocaleString();
      counter.classList.toggle('over', area.value.length > max);
    }
    var bubble = document.getElementById(area.getAttribute('data-preview'));
    if (!bubble) { return; }
    var sample = sampleOf(area);
    var time = bubble.querySelector('.lr-bubble-time');
    while (bubble.firstChild) { bubble.removeChild(bubble.firstChild); }
    var text = area.value;
    var last = 0;
    var m;
    VARIABLE.lastIndex = 0;
    while ((m = VARIABLE.exec(text)) !== null) {
      bubble.appendChild(document.createTextNode(text.slice(last, m.index)));
      var value = sample[m[1]];
      if (value === undefined || value === null || value === '') {
        var missing = document.createElement('span');
        missing.className = 'lr-missing';
        missing.title = Object.prototype.hasOwnProperty.call(sample, m[1])
          ? 'No value for this lead' : 'Unknown variable: it will be refused when saved';
        missing.textContent = m[0];
        bubble.appendChild(missing);
      } else {
        bubble.appendChild(document.createTextNode(String(value)));
      }
      last = m.index + m[0].length;
    }
    bubble.appendChild(document.createTextNode(text.slice(last)));
    if (!text) {
      var hint = document.createElement('span');
      hint.className = 'lr-muted';
      hint.textContent = 'Type a message to see it here.';
      bubble.appendChild(hint);
    }
    if (time) { bubble.appendChild(time); }
  }

  function init(root) {
    (root || document).querySelectorAll('textarea[data-preview], textarea[data-counter]').forEach(refresh);
  }

  document.addEventListener('click', function (evt) {
    var button = evt.target.closest('[data-insert]');
    if (!button) { return; }
    var area = document.getElementById(button.getAttribute('data-target'));
    if (!area) { return; }
    var insert = button.getAttribute('data-insert');
    var start = area.selectionStart === undefined ? area.value.length : area.selectionStart;
    var end = area.selectionEnd === undefined ? area.value.length : area.selectionEnd;
    area.setRangeText(insert, start, end, 'end');
    area.focus();
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });

  document.addEventListener('input', function (evt) {
    if (evt.target.matches && evt.target.matches('textarea[data-preview], textarea[data-counter]')) {
      refresh(evt.target);
    }
  });

  document.addEventListener('change', function (evt) {
    if (evt.target.matches && evt.target.matches('select[data-lr-autosubmit]')) {
      evt.target.form.submit();
    }
  });

  document.addEventListener('DOMContentLoaded', function () { init(document); });
  document.addEventListener('htmx:afterSettle', function (evt) { init(evt.target); });
})();
