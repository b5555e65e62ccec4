/*
 * LeadReach campaign builder: four steps on one page (target, message, schedule, review). The state
 * lives here, in one object, so going back and forth loses nothing. The server gives the URLs, the
 * attachment policy and the permissions in data attributes of #lr-builder; counts and the sample
 * come from POST /leads/whatsapp/campaigns/preview; nothing is saved before Launch or Save as draft.
 */
(function () {
  'use strict';

  var root = document.getElementById('lr-builder');
  if (!root) { return; }
  var LR = window.LeadReach;
  var STEPS = ['target', 'message', 'schedule', 'review'];
  var STEP_TITLES = { target: 'Target', message: 'Message', schedule: 'Schedule and settings', review: 'Review and launch' };
  var FILTERS = ['status', 'source', 'priority'];
  var SKIP_WORDS = {
    opted_out: 'Opted out of WhatsApp messages',
    outside_service_window: 'Outside the 24-hour window, and no approved WhatsApp template to send instead',
    invalid_number: 'Invalid or landline number',
    quiet_hours: 'In quiet hours',
    marketing_to_us_number: 'Marketing template to a +1 (US) number, which Meta does not deliver',
    above_messaging_limit: 'Beyond the messaging tier (unique recipients per 24 hours)',
    lead_not_found: 'No longer in the CRM',
    message_too_long: 'Message too long for this lead',
    template_not_approved_for_number: 'WhatsApp template not approved in the account of the number it would go from'
  };
  /** Which step shows the server's error for a field. */
  function stepOf(field) {
    if (!field) { return null; }
    if (field === 'name' || field === 'description' || field.indexOf('target') === 0 || field === 'leadIds') { return 'target'; }
    if (field === 'body' || field === 'templateId' || field.indexOf('attachment') === 0 || field === 'sampleLeadId') { return 'message'; }
    if (field === 'file') { return 'target'; }
    if (field === 'scheduledAt' || field === 'messagesPerMinute' || field === 'maxAttempts') { return 'schedule'; }
    if (field === 'senderNumbers') { return 'schedule'; }
    if (field === 'to') { return 'review'; }
    return null;
  }

  var canExecute = root.getAttribute('data-can-execute') === 'true';
  var maxBytes = parseInt(root.getAttribute('data-max-attachment-bytes'), 10) || 5 * 1024 * 1024;
  var allowedTypes = (root.getAttribute('data-allowed-types') || '').split(',').filter(Boolean);
  var maxText = parseInt(root.getAttribute('data-max-text'), 10) || 4096;
  var maxCaption = parseInt(root.getAttribute('data-max-caption'), 10) || 1024;

  function $(id) { return document.getElementById(id); }
  function text(el, value) { if (el) { el.textContent = value; } }
  function fmt(n) { return typeof n === 'number' ? n.toLocaleString() : '–'; }

  var state = {
    step: 'target',
    name: '', description: '',
    filters: { status: [], source: [], priority: [] },
    createdFrom: '', createdTo: '',
    attributes: [],           // [{key, value}]
    leadIds: null,            // from the CSV or the prefill; null = no list
    leadIdsLabel: '',
    templateId: null, templateBody: null,
    body: '',
    attachment: null,         // File
    sampleLeadId: null,
    when: 'now', scheduledAt: '',
    messagesPerMinute: $('lr-mpm') ? $('lr-mpm').value : '',
    maxAttempts: $('lr-attempts') ? $('lr-attempts').value : ''
  };
  var lastPreview = null;

  // ------------------------------------------------------------------ time zone

  var zone = (Intl.DateTimeFormat().resolvedOptions().timeZone) || 'local time';
  function offsetWords(date) {
    var minutes = -date.getTimezoneOffset();
    var sign = minutes >= 0 ? '+' : '-';
    minutes = Math.abs(minutes);
    return 'UTC' + sign + String(Math.floor(minutes / 60)).padStart(2, '0') + ':' + String(minutes % 60).padStart(2, '0');
  }
  document.querySelectorAll('[data-browser-zone]').forEach(function (el) {
    var offset = offsetWords(new Date());
    el.textContent = zone === 'UTC' || zone === 'Etc/UTC' ? 'UTC' : zone + ' (' + offset + ')';
  });

  // ------------------------------------------------------------------ steps

  function show(step) {
    state.step = step;
    var index = STEPS.indexOf(step);
    STEPS.forEach(function (s, i) {
      var section = $('lr-step-' + s);
      if (section) { section.hidden = s !== step; }
      var tab = root.querySelector('[data-step-tab="' + s + '"]');
      if (tab) {
        tab.classList.toggle('current', s === step);
        tab.classList.toggle('done', i < index);
        var button = tab.querySelector('button');
        if (button) { button.setAttribute('aria-current', s === step ? 'step' : 'false'); }
      }
    });
    $('lr-back').disabled = index === 0;
    var next = $('lr-next');
    next.hidden = index === STEPS.length - 1;
    if (index < STEPS.length - 1) { next.textContent = 'Next: ' + STEP_TITLES[STEPS[index + 1]] + ' →'; }
    if (step === 'message') { renderBubble(); schedulePreview(0); }
    if (step === 'review') { renderSummary(); schedulePreview(0); }
    window.scrollTo(0, 0);
  }

  root.querySelectorAll('[data-goto]').forEach(function (b) {
    b.addEventListener('click', function () { show(b.getAttribute('data-goto')); });
  });
  $('lr-back').addEventListener('click', function () { show(STEPS[Math.max(0, STEPS.indexOf(state.step) - 1)]); });
  $('lr-next').addEventListener('click', function () {
    show(STEPS[Math.min(STEPS.length - 1, STEPS.indexOf(state.step) + 1)]);
  });

  // ------------------------------------------------------------------ errors next to fields

  /** Marks the steps that show an error. */
  function markSteps() {
    root.querySelectorAll('[data-step-tab]').forEach(function (t) {
      var step = t.getAttribute('data-step-tab');
      t.classList.toggle('lr-has-error', !!root.querySelector('#lr-step-' + step + ' [data-error-for]:not([hidden])'));
    });
  }

  /** Hides the errors shown for {@code source} ('preview', 'submit', ...), or all of them. */
  function clearErrors(source) {
    root.querySelectorAll('[data-error-for]').forEach(function (el) {
      if (!source || el.getAttribute('data-error-source') === source) {
        el.hidden = true;
        el.textContent = '';
      }
    });
    if (!source || source === 'submit') { $('lr-launch-errors').hidden = true; }
    markSteps();
  }

  // An error goes away as soon as its field is edited.
  root.addEventListener('input', function (e) {
    var field = e.target.closest('.lr-field, .lr-fieldset');
    if (!field) { return; }
    field.querySelectorAll('[data-error-for]').forEach(function (el) { el.hidden = true; el.textContent = ''; });
    markSteps();
  });

  /** Places a problem's field errors next to their fields; returns the first step that has one. */
  function showProblem(err, source) {
    var problem = err && err.problem;
    var errors = problem && (problem.errors || problem.fieldErrors);
    var first = null;
    var unplaced = [];
    if (Array.isArray(errors) && errors.length) {
      errors.forEach(function (e) {
        var el = root.querySelector('[data-error-for="' + e.field + '"]');
        if (!el && e.field && e.field.indexOf('target.') === 0) { el = $('lr-error-target'); }
        if (!el && e.field && e.field.indexOf('attachment') === 0) { el = $('lr-error-attachment'); }
        var step = stepOf(e.field);
        if (el) {
          el.textContent = (el.textContent && !el.hidden ? el.textContent + ' ' : '') + (e.message || e.code);
          el.hidden = false;
          el.setAttribute('data-error-source', source || 'submit');
        } else {
          unplaced.push((e.field ? e.field + ': ' : '') + (e.message || e.code));
        }
        if (step) {
          if (!first || STEPS.indexOf(step) < STEPS.indexOf(first)) { first = step; }
        }
      });
    } else {
      unplaced.push((err && err.message) || 'Something went wrong.');
    }
    markSteps();
    if (unplaced.length) {
      var box = $('lr-launch-errors');
      box.textContent = unplaced.join(' ');
      box.hidden = false;
    }
    return first;
  }

  // ------------------------------------------------------------------ target

  $('lr-name').addEventListener('input', function (e) { state.name = e.target.value; });
  $('lr-description').addEventListener('input', function (e) { state.description = e.target.value; });

  function readFilters() {
    FILTERS.forEach(function (f) {
      state.filters[f] = Array.prototype.map.call(
        root.querySelectorAll('input[data-filter-value="' + f + '"]:checked'), function (i) { return i.value; });
    });
  }

  function addFilterValue(f) {
    var input = $('lr-filter-' + f + '-input');
    var value = input.value.trim();
    if (!value) { return; }
    var box = $('lr-filter-' + f + '-values');
    var existing = Array.prototype.find.call(box.querySelectorAll('input'), function (i) {
      return i.value.toLowerCase() === value.toLowerCase();
    });
    if (existing) {
      existing.checked = true;
    } else {
      var label = document.createElement('label');
      label.className = 'lr-check';
      var check = document.createElement('input');
      check.type = 'checkbox';
      check.value = value;
      check.checked = true;
      check.setAttribute('data-filter-value', f);
      label.appendChild(check);
      label.appendChild(document.createTextNode(' ' + value));
      box.appendChild(label);
    }
    input.value = '';
    targetChanged();
  }

  FILTERS.forEach(function (f) {
    $('lr-filter-' + f + '-add').addEventListener('click', function () { addFilterValue(f); });
    $('lr-filter-' + f + '-input').addEventListener('keydown', function (e) {
      if (e.key === 'Enter') { e.preventDefault(); addFilterValue(f); }
    });
  });
  root.addEventListener('change', function (e) {
    if (e.target.matches('input[data-filter-value]')) { targetChanged(); }
  });
  ['lr-created-from', 'lr-created-to'].forEach(function (id) {
    $(id).addEventListener('change', function () {
      state.createdFrom = $('lr-created-from').value;
      state.createdTo = $('lr-created-to').value;
      targetChanged();
    });
  });

  var attrCount = 0;
  function addAttributeRow(key, value) {
    var n = attrCount++;
    var row = document.createElement('div');
    row.className = 'lr-row lr-attr-row';
    row.id = 'lr-attr-row-' + n;
    row.innerHTML = '<div class="lr-field"><label class="lr-hint" for="lr-attr-key-' + n + '">Attribute</label>'
      + '<input class="lr-input lr-attr-key" type="text" list="lr-attr-names" id="lr-attr-key-' + n + '" maxlength="100" autocomplete="off"></div>'
      + '<div class="lr-field"><label class="lr-hint" for="lr-attr-value-' + n + '">equals</label>'
      + '<input class="lr-input lr-attr-value" type="text" id="lr-attr-value-' + n + '" maxlength="200" autocomplete="off"></div>'
      + '<button type="button" class="lr-btn small link" id="lr-attr-remove-' + n + '" aria-label="Remove this attribute">Remove</button>';
    row.querySelector('.lr-attr-key').value = key || '';
    row.querySelector('.lr-attr-value').value = value || '';
    row.querySelector('button').addEventListener('click', function () { row.remove(); targetChanged(); });
    row.addEventListener('input', targetChanged);
    $('lr-attr-rows').appendChild(row);
    return row;
  }
  $('lr-attr-add').addEventListener('click', function () {
    addAttributeRow('', '').querySelector('.lr-attr-key').focus();
  });

  function readAttributes() {
    state.attributes = Array.prototype.map.call(root.querySelectorAll('.lr-attr-row'), function (row) {
      return { key: row.querySelector('.lr-attr-key').value.trim(), value: row.querySelector('.lr-attr-value').value };
    });
  }

  function targetChanged() {
    readFilters();
    readAttributes();
    text($('lr-match-status'), 'Counting…');
    schedulePreview(400);
  }

  /** A local day (yyyy-mm-dd) as the instant it starts in the browser's zone. */
  function dayStart(day, plusDays) {
    var parts = day.split('-').map(Number);
    return new Date(parts[0], parts[1] - 1, parts[2] + (plusDays || 0)).toISOString();
  }

  function target() {
    var t = {};
    FILTERS.forEach(function (f) {
      if (state.filters[f].length) { t[f === 'status' ? 'statuses' : f === 'source' ? 'sources' : 'priorities'] = state.filters[f]; }
    });
    if (state.createdFrom) { t.createdFrom = dayStart(state.createdFrom, 0); }
    if (state.createdTo) { t.createdTo = dayStart(state.createdTo, 1); } // the API's bound is exclusive
    var attrs = {};
    var any = false;
    state.attributes.forEach(function (a) { if (a.key) { attrs[a.key] = a.value; any = true; } });
    if (any) { t.attributes = attrs; }
    if (state.leadIds) { t.leadIds = state.leadIds; }
    return t;
  }

  // CSV upload of lead ids
  function setLeadList(ids, label) {
    state.leadIds = ids && ids.length ? ids : null;
    state.leadIdsLabel = state.leadIds ? label : '';
    $('lr-csv-clear').hidden = !state.leadIds;
    targetChanged();
  }

  function csvSummary(result, file) {
    var box = $('lr-csv-result');
    box.innerHTML = '';
    var ok = document.createElement('div');
    ok.className = 'lr-callout ' + ((result.leadIds || []).length ? 'ok' : 'warn');
    ok.id = 'lr-csv-summary';
    var words = (result.leadIds || []).length + ' lead id' + ((result.leadIds || []).length === 1 ? '' : 's') + ' read from ' + file.name;
    if (result.duplicates) { words += '; ' + result.duplicates + ' duplicate' + (result.duplicates === 1 ? '' : 's') + ' dropped'; }
    var unknown = Array.isArray(result.unknown) ? result.unknown.length : (result.unknown || 0);
    if (unknown) { words += '; ' + unknown + ' not found in the CRM'; }
    var invalid = result.invalid || [];
    var invalidCount = result.invalidCount || invalid.length;
    if (invalidCount) { words += '; ' + invalidCount + ' invalid line' + (invalidCount === 1 ? '' : 's') + ' left out'; }
    ok.textContent = words + '.';
    box.appendChild(ok);
    if (invalid.length) {
      var list = document.createElement('ul');
      list.className = 'lr-csv-invalid';
      list.id = 'lr-csv-invalid';
      invalid.slice(0, 50).forEach(function (line) {
        var li = document.createElement('li');
        li.textContent = 'Line ' + line.line + ': “' + (line.value || '') + '”: ' + (line.reason || 'not a lead id');
        list.appendChild(li);
      });
      if (invalidCount > Math.min(50, invalid.length)) {
        var more = document.createElement('li');
        more.textContent = '… and ' + (invalidCount - Math.min(50, invalid.length)) + ' more.';
        list.appendChild(more);
      }
      box.appendChild(list);
    }
    box.hidden = false;
  }

  function uploadCsv(file) {
    if (!file) { return; }
    clearErrors('csv');
    var form = new FormData();
    form.append('file', file, file.name);
    text($('lr-match-status'), 'Reading ' + file.name + '…');
    LR.fetchJson(root.getAttribute('data-csv-url'), { method: 'POST', body: form }).then(function (result) {
      csvSummary(result || {}, file);
      var note = $('lr-prefill-note');
      if (note) { note.hidden = true; }
      setLeadList((result && result.leadIds) || [], file.name);
    }).catch(function (err) {
      showProblem(err, 'csv');
      var el = $('lr-error-csv');
      if (el.hidden) { el.textContent = err.message; el.hidden = false; }
      $('lr-launch-errors').hidden = true;
      schedulePreview(0);
    });
  }
  $('lr-csv-file').addEventListener('change', function (e) { uploadCsv(e.target.files[0]); e.target.value = ''; });
  $('lr-csv-clear').addEventListener('click', function () {
    $('lr-csv-result').hidden = true;
    $('lr-csv-result').innerHTML = '';
    var note = $('lr-prefill-note');
    if (note) { note.hidden = true; }
    setLeadList(null, '');
  });
  function dropzone(zoneEl, onFile) {
    if (!zoneEl) { return; }
    zoneEl.addEventListener('dragover', function (e) { e.preventDefault(); zoneEl.classList.add('over'); });
    zoneEl.addEventListener('dragleave', function () { zoneEl.classList.remove('over'); });
    zoneEl.addEventListener('drop', function (e) {
      e.preventDefault();
      zoneEl.classList.remove('over');
      if (e.dataTransfer.files.length) { onFile(e.dataTransfer.files[0]); }
    });
  }
  dropzone($('lr-csv-drop'), uploadCsv);

  // ------------------------------------------------------------------ message

  var body = $('lr-body');
  var templateSelect = $('lr-template');

  function limit() { return (state.attachment || templateAttachment()) ? maxCaption : maxText; }
  function templateAttachment() {
    if (!templateSelect || !state.templateId) { return null; }
    return templateSelect.selectedOptions[0].getAttribute('data-attachment');
  }

  function updateCounter() {
    var n = body.value.length;
    var counter = $('lr-body-counter');
    counter.textContent = n.toLocaleString() + ' / ' + limit().toLocaleString()
      + (limit() === maxCaption ? ' (caption of an attachment)' : '');
    counter.classList.toggle('over', n > limit());
  }

  function bodyChanged() {
    state.body = body.value;
    if (state.templateId && body.value !== state.templateBody) {
      // Edited: no longer the library's template (nor its approved WhatsApp binding).
      state.templateId = null;
      state.templateBody = null;
      if (templateSelect) { templateSelect.value = ''; }
      text($('lr-template-note'), 'Edited: sent as your own message, not as the library template.');
    }
    updateCounter();
    renderBubble();
    schedulePreview(400);
  }
  body.addEventListener('input', bodyChanged);

  root.querySelectorAll('[data-var]').forEach(function (button) {
    button.addEventListener('click', function () {
      var token = '{' + button.getAttribute('data-var') + '}';
      var start = body.selectionStart == null ? body.value.length : body.selectionStart;
      var end = body.selectionEnd == null ? start : body.selectionEnd;
      body.value = body.value.slice(0, start) + token + body.value.slice(end);
      body.focus();
      body.setSelectionRange(start + token.length, start + token.length);
      bodyChanged();
    });
  });

  if (templateSelect) {
    templateSelect.addEventListener('change', function () {
      var option = templateSelect.selectedOptions[0];
      if (!templateSelect.value) {
        state.templateId = null;
        state.templateBody = null;
        text($('lr-template-note'), 'A template is sent as saved in the library; editing the text turns it into your own message.');
      } else {
        state.templateId = Number(templateSelect.value);
        state.templateBody = option.getAttribute('data-body') || '';
        body.value = state.templateBody;
        state.body = body.value;
        var words = 'Sent as saved in the library';
        if (option.getAttribute('data-bound') === 'true') { words += ', as its approved WhatsApp template outside the 24-hour window'; }
        if (option.getAttribute('data-attachment')) { words += ', with its attachment ' + option.getAttribute('data-attachment'); }
        text($('lr-template-note'), words + '. Editing the text turns it into your own message.');
      }
      updateCounter();
      renderBubble();
      schedulePreview(0);
    });
  }

  // attachment
  var objectUrl = null;
  function kindOf(file) {
    var type = (file.type || '').toLowerCase();
    var name = file.name.toLowerCase();
    if (type === 'image/jpeg' || type === 'image/png' || /\.(jpe?g|png)$/.test(name)) { return 'image'; }
    if (type === 'application/pdf' || /\.pdf$/.test(name)) { return 'pdf'; }
    if (/\.docx?$/.test(name) || type.indexOf('word') >= 0) { return 'doc'; }
    return 'other';
  }
  function typeAllowed(file) {
    if (!allowedTypes.length) { return true; }
    var type = (file.type || '').toLowerCase();
    if (type && allowedTypes.indexOf(type) >= 0) { return true; }
    // Browsers may not know DOC/DOCX types: fall back on the name; the server decides by the bytes.
    var byName = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png',
      doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
    var ext = (file.name.split('.').pop() || '').toLowerCase();
    return !!byName[ext] && allowedTypes.indexOf(byName[ext]) >= 0;
  }
  function sizeWords(bytes) {
    if (bytes >= 1024 * 1024) { return (bytes / (1024 * 1024)).toFixed(1) + ' MB'; }
    return Math.max(1, Math.round(bytes / 1024)) + ' KB';
  }
  function attachmentError(words) {
    var el = $('lr-error-attachment');
    el.textContent = words;
    el.hidden = !words;
  }
  function fileBlock(name, kind, size) {
    var block = document.createElement('div');
    block.className = 'lr-file';
    var icon = document.createElement('span');
    icon.className = 'lr-file-icon' + (kind === 'doc' ? ' doc' : '');
    icon.textContent = kind === 'doc' ? 'DOC' : 'PDF';
    var label = document.createElement('span');
    label.textContent = name + (size ? ' · ' + sizeWords(size) : '');
    block.appendChild(icon);
    block.appendChild(label);
    return block;
  }
  function setAttachment(file) {
    attachmentError('');
    if (file && file.size > maxBytes) {
      attachmentError(file.name + ' is ' + sizeWords(file.size) + '; at most ' + sizeWords(maxBytes) + ' is allowed.');
      file = null;
    } else if (file && !typeAllowed(file)) {
      attachmentError(file.name + ' is not an allowed type: PDF, JPEG, PNG, DOC or DOCX.');
      file = null;
    } else if (file && file.size === 0) {
      attachmentError(file.name + ' is empty.');
      file = null;
    }
    state.attachment = file || null;
    if (objectUrl) { URL.revokeObjectURL(objectUrl); objectUrl = null; }
    var preview = $('lr-attachment-preview');
    preview.innerHTML = '';
    if (file) {
      if (kindOf(file) === 'image') {
        objectUrl = URL.createObjectURL(file);
        var img = document.createElement('img');
        img.className = 'lr-thumb';
        img.id = 'lr-attachment-thumb';
        img.alt = file.name;
        img.src = objectUrl;
        preview.appendChild(img);
        var caption = document.createElement('div');
        caption.className = 'lr-hint';
        caption.textContent = file.name + ' · ' + sizeWords(file.size);
        preview.appendChild(caption);
      } else {
        preview.appendChild(fileBlock(file.name, kindOf(file), file.size));
      }
    }
    preview.hidden = !file;
    $('lr-attachment-remove').hidden = !file;
    updateCounter();
    renderBubble();
  }
  $('lr-attachment').addEventListener('change', function (e) { setAttachment(e.target.files[0] || null); e.target.value = ''; });
  $('lr-attachment-remove').addEventListener('click', function () { setAttachment(null); });
  dropzone($('lr-attachment-drop'), setAttachment);

  // sample lead and the bubble
  $('lr-sample-lead').addEventListener('change', function (e) {
    state.sampleLeadId = e.target.value ? Number(e.target.value) : null;
    schedulePreview(0);
  });
  $('lr-sample-refresh').addEventListener('click', function () {
    state.sampleLeadId = $('lr-sample-lead').value ? Number($('lr-sample-lead').value) : null;
    schedulePreview(0);
  });

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

  /**
   * The body with each variable's value for the sample lead, found by matching the body's literal
   * text against the rendered sample; a variable left empty is shown marked (lr-missing).
   */
  function bubbleParts(template, rendered) {
    var parts = [];
    var re = /\{([a-z_]+)\}/g;
    var literals = [];
    var names = [];
    var last = 0;
    var m;
    while ((m = re.exec(template)) !== null) {
      literals.push(template.slice(last, m.index));
      names.push(m[1]);
      last = re.lastIndex;
    }
    literals.push(template.slice(last));
    if (rendered == null || /\{[#^\/]/.test(template)) {
      return [{ text: rendered != null ? rendered : template }];
    }
    if (!names.length) { return [{ text: rendered }]; }
    var pattern = '^' + literals.map(escapeRegExp).join('([\\s\\S]*?)') + '$';
    var match = new RegExp(pattern).exec(rendered);
    if (!match) { return [{ text: rendered }]; }
    literals.forEach(function (lit, i) {
      if (lit) { parts.push({ text: lit }); }
      if (i < names.length) {
        var value = match[i + 1];
        parts.push(value ? { text: value } : { missing: '{' + names[i] + '}' });
      }
    });
    return parts;
  }

  function renderBubble() {
    var bubble = $('lr-bubble');
    bubble.innerHTML = '';
    var file = state.attachment;
    if (file && kindOf(file) === 'image' && objectUrl) {
      var img = document.createElement('img');
      img.src = objectUrl;
      img.alt = file.name;
      bubble.appendChild(img);
    } else if (file) {
      bubble.appendChild(fileBlock(file.name, kindOf(file), file.size));
    } else if (templateAttachment()) {
      bubble.appendChild(fileBlock(templateAttachment(), /\.docx?$/i.test(templateAttachment()) ? 'doc' : 'pdf', 0));
    }
    var template = body.value;
    var content = document.createElement('span');
    content.id = 'lr-bubble-text';
    if (!template.trim()) {
      var empty = document.createElement('span');
      empty.className = 'lr-muted';
      empty.textContent = 'Write a message to see it here.';
      content.appendChild(empty);
    } else {
      var rendered = lastPreview && lastPreview.body === template ? lastPreview.data.renderedSample : null;
      var parts = rendered == null
        ? template.split(/(\{[a-z_]+\})/).filter(Boolean).map(function (p) {
          return /^\{[a-z_]+\}$/.test(p) ? { variable: p } : { text: p };
        })
        : bubbleParts(template, rendered);
      parts.forEach(function (p) {
        if (p.missing) {
          var mark = document.createElement('span');
          mark.className = 'lr-missing';
          mark.title = 'No value for this lead';
          mark.textContent = p.missing;
          content.appendChild(mark);
        } else if (p.variable) {
          var v = document.createElement('span');
          v.className = 'lr-var-token';
          v.textContent = p.variable;
          content.appendChild(v);
        } else {
          content.appendChild(document.createTextNode(p.text));
        }
      });
    }
    bubble.appendChild(content);
    var time = document.createElement('span');
    time.className = 'lr-bubble-time';
    time.textContent = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    bubble.appendChild(time);
    var note = $('lr-sample-note');
    if (lastPreview && lastPreview.data && lastPreview.data.sampleLeadId) {
      note.textContent = 'Filled in for lead ' + lastPreview.data.sampleLeadId
        + '. Highlighted variables have no value for this lead and would be left empty.';
    }
  }

  // ------------------------------------------------------------------ schedule

  function whenChanged() {
    state.when = $('lr-when-later').checked ? 'later' : 'now';
    $('lr-scheduled-at-field').hidden = state.when !== 'later';
    var launch = $('lr-launch');
    if (launch) { launch.textContent = launch.getAttribute(state.when === 'later' ? 'data-label-later' : 'data-label-now'); }
    schedulePreview(400);
  }
  $('lr-when-now').addEventListener('change', whenChanged);
  $('lr-when-later').addEventListener('change', whenChanged);
  $('lr-scheduled-at').addEventListener('change', function (e) { state.scheduledAt = e.target.value; schedulePreview(400); });
  $('lr-mpm').addEventListener('input', function (e) { state.messagesPerMinute = e.target.value; schedulePreview(400); });
  $('lr-attempts').addEventListener('input', function (e) { state.maxAttempts = e.target.value; });

  // Send from: shown only when several numbers are registered (else the campaign names none).
  var senderModes = root.querySelectorAll('input[name="lr-sender-mode"]');
  function senderMode() {
    var checked = root.querySelector('input[name="lr-sender-mode"]:checked');
    return checked ? checked.value : 'default';
  }
  function senderPoolInputs() { return root.querySelectorAll('input[data-sender-pool]'); }
  /** The ids the campaign names: none for the default number, one, or the ticked pool. */
  function senderNumbers() {
    var mode = senderMode();
    if (mode === 'one') { return [$('lr-sender-one').value]; }
    if (mode === 'pool') {
      return Array.prototype.filter.call(senderPoolInputs(), function (i) { return i.checked; })
        .map(function (i) { return i.value; });
    }
    return [];
  }
  function senderWords() {
    var mode = senderMode();
    if (mode === 'one') {
      var option = $('lr-sender-one').selectedOptions[0];
      return option ? option.getAttribute('data-label') : '';
    }
    if (mode === 'pool') {
      var labels = Array.prototype.filter.call(senderPoolInputs(), function (i) { return i.checked; })
        .map(function (i) { return i.getAttribute('data-label'); });
      return labels.length + ' number' + (labels.length === 1 ? '' : 's') + ', spread by lead: ' + labels.join(', ');
    }
    var first = root.querySelector('#lr-senders [data-sender-label]');
    return 'The default number' + (first ? ', ' + first.textContent : '');
  }
  function sendersChanged() {
    var mode = senderMode();
    $('lr-sender-one-field').hidden = mode !== 'one';
    $('lr-sender-pool').hidden = mode !== 'pool';
    schedulePreview(400);
  }
  if (senderModes.length) {
    senderModes.forEach(function (r) { r.addEventListener('change', sendersChanged); });
    $('lr-sender-one').addEventListener('change', function () { schedulePreview(400); });
    senderPoolInputs().forEach(function (i) { i.addEventListener('change', function () { schedulePreview(400); }); });
  }

  function scheduledInstant() {
    if (state.when !== 'later' || !state.scheduledAt) { return null; }
    var d = new Date(state.scheduledAt); // datetime-local is read in the browser's zone
    return isNaN(d.getTime()) ? null : d.toISOString();
  }

  // ------------------------------------------------------------------ the spec and the preview

  function intOrNull(v) { return v === '' || v == null ? null : Number(v); }

  function spec(forPreview) {
    var s = { target: target() };
    if (state.name.trim()) { s.name = state.name.trim(); }
    if (state.description.trim()) { s.description = state.description.trim(); }
    if (state.templateId) {
      s.templateId = state.templateId;
    } else if (state.body.trim()) {
      s.body = state.body;
    } else if (forPreview) {
      s.body = '{name}'; // counting needs a message; any will do before one is written
    }
    var at = scheduledInstant();
    if (at && (forPreview || canExecute)) { s.scheduledAt = at; }
    if (intOrNull(state.messagesPerMinute) !== null) { s.messagesPerMinute = intOrNull(state.messagesPerMinute); }
    if (!forPreview && intOrNull(state.maxAttempts) !== null) { s.maxAttempts = intOrNull(state.maxAttempts); }
    var numbers = senderNumbers();
    if (numbers.length) { s.senderNumbers = numbers; }
    return s;
  }

  var previewTimer = null;
  var previewSeq = 0;
  var controller = null;
  function schedulePreview(delay) {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(runPreview, delay);
  }

  function runPreview() {
    var seq = ++previewSeq;
    if (controller) { controller.abort(); }
    controller = window.AbortController ? new AbortController() : null;
    var sentBody = body.value;
    var url = root.getAttribute('data-preview-url');
    if (state.sampleLeadId) { url += '?sampleLeadId=' + encodeURIComponent(state.sampleLeadId); }
    root.classList.add('lr-previewing');
    LR.fetchJson(url, { method: 'POST', body: spec(true), signal: controller ? controller.signal : undefined })
      .then(function (p) {
        if (seq !== previewSeq) { return; }
        root.classList.remove('lr-previewing');
        clearErrors('preview');
        lastPreview = { body: sentBody, data: p };
        text($('lr-match-count'), fmt(p.matchingLeads));
        // "12 leads match", or with a list "12 of the 40 listed leads match".
        text($('lr-match-status'), (state.leadIds
          ? 'of the ' + fmt(state.leadIds.length) + ' listed lead' + (state.leadIds.length === 1 ? '' : 's')
            + (p.matchingLeads === 1 ? ' matches' : ' match')
          : (p.matchingLeads === 1 ? 'lead matches' : 'leads match'))
          + (p.complete ? '' : ' (skips counted on the first ' + fmt(p.scanned) + ')'));
        $('lr-match').classList.toggle('lr-none', p.matchingLeads === 0);
        renderBubble();
        renderReview(p);
      })
      .catch(function (err) {
        if (err && err.name === 'AbortError') { return; }
        if (seq !== previewSeq) { return; }
        root.classList.remove('lr-previewing');
        clearErrors('preview');
        lastPreview = null;
        text($('lr-match-count'), '–');
        text($('lr-match-status'), err.status === 404 ? 'The sample lead does not exist.' : 'Cannot count: see the messages next to the fields.');
        text($('lr-review-status'), 'The campaign cannot be checked yet: see the messages next to the fields.');
        showProblem(err, 'preview');
        $('lr-launch-errors').hidden = true;
        renderBubble();
      });
  }

  // ------------------------------------------------------------------ review

  function duration(seconds) {
    if (seconds == null) { return '–'; }
    if (seconds < 1) { return 'less than a second'; }
    if (seconds < 60) { return seconds + ' second' + (seconds === 1 ? '' : 's'); }
    var m = Math.round(seconds / 60);
    if (m < 60) { return m + ' minute' + (m === 1 ? '' : 's'); }
    var h = Math.floor(m / 60);
    var rest = m % 60;
    if (h < 48) { return h + ' h' + (rest ? ' ' + rest + ' min' : ''); }
    return Math.round(h / 24) + ' days';
  }

  function renderReview(p) {
    text($('lr-review-status'), 'Nothing is sent until you launch. Figures as of now:');
    text($('lr-review-matching'), fmt(p.matchingLeads));
    text($('lr-review-willsend'), fmt(p.willSend));
    text($('lr-review-split'), p.templateSends
      ? fmt(p.freeFormSends) + ' as written, ' + fmt(p.templateSends) + ' as the approved template' : '');
    text($('lr-review-skipped'), fmt(p.totalSkipped));
    var tbody = $('lr-review-skips').querySelector('tbody');
    tbody.innerHTML = '';
    var skipped = p.skipped || {};
    Object.keys(skipped).forEach(function (reason) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-skip', reason);
      var th = document.createElement('td');
      th.textContent = SKIP_WORDS[reason] || reason.replace(/_/g, ' ');
      var td = document.createElement('td');
      td.className = 'num';
      td.textContent = fmt(skipped[reason]);
      if (!skipped[reason]) { tr.className = 'lr-muted'; }
      tr.appendChild(th);
      tr.appendChild(td);
      tbody.appendChild(tr);
    });
    // Quiet hours never skip a lead: its message waits until they end (the duration counts it).
    var quiet = document.createElement('tr');
    quiet.setAttribute('data-skip', 'quiet_hours');
    quiet.className = 'lr-muted';
    var qWords = document.createElement('td');
    qWords.textContent = SKIP_WORDS.quiet_hours + ': not skipped, the message waits until they end';
    var qValue = document.createElement('td');
    qValue.className = 'num';
    qValue.textContent = '–';
    quiet.appendChild(qWords);
    quiet.appendChild(qValue);
    tbody.appendChild(quiet);
    text($('lr-review-duration'), duration(p.estimatedDurationSeconds));
    text($('lr-review-end'), p.estimatedEnd ? new Date(p.estimatedEnd).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) + ' (' + zone + ')' : '–');
    text($('lr-review-cost'), p.cost
      ? p.cost.currency + ' ' + Number(p.cost.total).toFixed(2) + (p.cost.free ? ' (' + fmt(p.cost.free) + ' free)' : '')
        + (p.cost.unpriced ? '; ' + fmt(p.cost.unpriced) + ' without a price' : '')
      : 'No rate card configured');
    var list = $('lr-review-assumptions');
    list.innerHTML = '';
    (p.assumptions || []).forEach(function (a) {
      var li = document.createElement('li');
      li.textContent = a ? a.charAt(0).toUpperCase() + a.slice(1) : a;
      list.appendChild(li);
    });
  }

  function kv(dl, label, value) {
    var dt = document.createElement('dt');
    dt.textContent = label;
    var dd = document.createElement('dd');
    dd.textContent = value;
    dl.appendChild(dt);
    dl.appendChild(dd);
  }

  function renderSummary() {
    var dl = $('lr-review-summary');
    dl.innerHTML = '';
    kv(dl, 'Name', state.name.trim() || '(not named yet)');
    var who = [];
    FILTERS.forEach(function (f) { if (state.filters[f].length) { who.push(f + ' ' + state.filters[f].join(' or ')); } });
    if (state.createdFrom || state.createdTo) { who.push('created ' + (state.createdFrom || '…') + ' to ' + (state.createdTo || '…')); }
    state.attributes.forEach(function (a) { if (a.key) { who.push(a.key + ' = ' + a.value); } });
    if (state.leadIds) { who.push(state.leadIds.length + ' listed leads (' + state.leadIdsLabel + ')'); }
    kv(dl, 'Who', who.length ? who.join('; ') : 'every lead');
    var message = state.templateId && templateSelect ? 'Template “' + templateSelect.selectedOptions[0].textContent.split(' · ')[0] + '”' : 'Own message';
    kv(dl, 'Message', message + ', ' + body.value.length + ' characters' + (state.attachment ? ', with ' + state.attachment.name : ''));
    var at = scheduledInstant();
    kv(dl, 'When', at ? new Date(at).toLocaleString([], { dateStyle: 'full', timeStyle: 'short' }) + ' (' + zone + ')'
      : (canExecute ? 'As soon as you launch' : 'Saved as a draft'));
    if (senderModes.length) { kv(dl, 'Send from', senderWords()); }
    kv(dl, 'Pace', (state.messagesPerMinute || 'default') + ' messages per minute, ' + (state.maxAttempts || 'default') + ' attempts per message');
  }

  // test send to the user's own number
  $('lr-test-send').addEventListener('click', function () {
    var button = $('lr-test-send');
    var payload = {};
    if (state.templateId) { payload.templateId = state.templateId; } else { payload.body = state.body; }
    var sample = state.sampleLeadId || (lastPreview && lastPreview.data.sampleLeadId);
    if (sample) { payload.sampleLeadId = sample; }
    button.disabled = true;
    text($('lr-test-result'), 'Sending…');
    $('lr-error-to').hidden = true;
    LR.fetchJson(root.getAttribute('data-test-url'), { method: 'POST', body: payload }).then(function (r) {
      r = r || {};
      if (r.status === 'FAILED') {
        text($('lr-test-result'), 'The test to ' + r.to + ' did not go: '
          + (r.errorDescription || r.errorMessage || r.errorCode || 'refused') + '.');
      } else {
        text($('lr-test-result'), (r.status === 'QUEUED' ? 'Test handed over for ' : 'Test sent to ') + r.to
          + (r.asTemplate ? ', as the approved WhatsApp template' : '') + '. Check your phone.');
      }
    }).catch(function (err) {
      text($('lr-test-result'), '');
      if (err.status === 404 && !(err.problem && err.problem.errors)) {
        text($('lr-test-result'), 'Test sends are not available on this server.');
        return;
      }
      showProblem(err, 'test');
      $('lr-launch-errors').hidden = true;
      var el = $('lr-error-to');
      if (el.hidden) { el.textContent = err.message; el.hidden = false; }
    }).then(function () { button.disabled = false; });
  });

  // ------------------------------------------------------------------ launch

  function create() {
    var s = spec(false);
    if (state.attachment) {
      var form = new FormData();
      form.append('campaign', new Blob([JSON.stringify(s)], { type: 'application/json' }));
      form.append('attachment', state.attachment, state.attachment.name);
      return LR.fetchJson(root.getAttribute('data-create-url'), { method: 'POST', body: form });
    }
    return LR.fetchJson(root.getAttribute('data-create-url'), { method: 'POST', body: s });
  }

  function busy(on) {
    ['lr-launch', 'lr-save-draft'].forEach(function (id) { if ($(id)) { $(id).disabled = on; } });
    $('lr-launch-spinner').hidden = !on;
  }

  function details(id) { return root.getAttribute('data-campaign-url') + id; }

  function submit(launch) {
    clearErrors();
    if (body.value.length > limit()) {
      $('lr-error-body').textContent = 'The text is ' + body.value.length + ' characters; at most ' + limit() + ' are allowed.';
      $('lr-error-body').hidden = false;
      show('message');
      return;
    }
    if (senderMode() === 'pool' && !senderNumbers().length) {
      $('lr-error-senderNumbers').textContent = 'Tick the numbers to spread the leads over, or choose another option.';
      $('lr-error-senderNumbers').hidden = false;
      markSteps();
      show('schedule');
      return;
    }
    if (launch && state.when === 'later' && !scheduledInstant()) {
      $('lr-error-scheduledAt').textContent = 'Choose the date and time to start.';
      $('lr-error-scheduledAt').hidden = false;
      show('schedule');
      return;
    }
    if (!launch && state.when === 'later' && canExecute) {
      // A draft does not start by itself: the time is kept only when scheduling.
      state.when = 'now';
      $('lr-when-now').checked = true;
      whenChanged();
    }
    busy(true);
    create().then(function (campaign) {
      if (launch && !campaign.scheduledAt) {
        return LR.fetchJson(root.getAttribute('data-campaign-url') + campaign.id + '/execute', { method: 'POST' })
          .then(function () { return campaign; }, function (err) {
            LR.flash('Saved as draft ' + campaign.id + ', but it did not start: ' + err.message, 'error');
            window.location.assign(details(campaign.id));
            throw { handled: true };
          });
      }
      return campaign;
    }).then(function (campaign) {
      window.location.assign(details(campaign.id));
    }).catch(function (err) {
      busy(false);
      if (err && err.handled) { return; }
      var step = showProblem(err);
      if (step && step !== 'review') {
        LR.flash('Please correct the highlighted fields.', 'error');
        show(step);
      }
    });
  }
  if ($('lr-launch')) { $('lr-launch').addEventListener('click', function () { submit(true); }); }
  $('lr-save-draft').addEventListener('click', function () { submit(false); });

  // ------------------------------------------------------------------ start

  var prefill = root.getAttribute('data-prefill-ids');
  if (prefill) {
    var ids = prefill.split(',').map(Number).filter(function (n) { return n > 0; });
    state.leadIds = ids.length ? ids : null;
    state.leadIdsLabel = root.getAttribute('data-prefill-label') || 'another campaign';
    $('lr-csv-clear').hidden = !state.leadIds;
  }
  updateCounter();
  show('target');
  targetChanged();
})();
