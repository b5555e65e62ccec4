/*
 * LeadReach embed: the WhatsApp pieces a host CRM drops into its own pages (Thymeleaf, JSP, plain
 * HTML). One script and one stylesheet; no htmx, no console.js, nothing from a CDN, no inline
 * script or style (it runs under a strict Content-Security-Policy: it only sets classes, hidden,
 * textContent and, through the CSSOM, nothing else). The markup comes from LeadReach's own
 * server-rendered fragments, so it already knows what the user may do.
 *
 * Mount points it looks for when the page loads (and in LeadReachEmbed.init(root)):
 *   [data-leadreach-bulk-send="#form"]  a button: opens the bulk-send modal for the checked
 *                                       lead_ids of that form (hidden when the user may not bulk-send)
 *   #leadreach-bulk-send                where the modal and a running job's bar go (else <body>)
 *   #leadreach-lead-tab[data-lead-id]   a lead's WhatsApp tab (also [data-leadreach-lead-tab="{id}"]);
 *                                       it keeps its ticks and replies live, every 5 s while the page
 *                                       is visible (data-refresh-seconds on the mount; 0: never)
 *   [data-leadreach-job="{id}"]         a bulk job's live progress bar
 * JavaScript: LeadReachEmbed.openBulkSend([ids]), .mountLeadTab(el, id), .mountJob(el, id), .init(root).
 *
 * Base path: data-base on this script's tag, else the path in front of /leads/whatsapp/assets/ in
 * its src. CSRF: data-csrf-token / data-csrf-header on the mount element, else the host's
 * <meta name="_csrf"> / <meta name="_csrf_header"> (Spring Security's usual names), else the
 * token the fragment itself carries.
 */
(function () {
  'use strict';

  var ASSETS = '/leads/whatsapp/assets/';
  var script = document.currentScript
      || document.querySelector('script[src*="' + ASSETS + 'leadreach-embed.js"]');

  function computeBase() {
    if (script && script.hasAttribute('data-base')) {
      return script.getAttribute('data-base').replace(/\/+$/, '');
    }
    if (script && script.src) {
      var path = new URL(script.src, window.location.href).pathname;
      var i = path.indexOf(ASSETS);
      if (i >= 0) { return path.substring(0, i); }
    }
    return '';
  }

  var base = computeBase();
  var JOB_KEY = 'leadreach.bulkJob:' + (base || '/');

  function url(path) { return base + path; }

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : null;
  }

  /** The token the latest LeadReach fragment carried (the session's own). */
  var fragmentToken = null;

  function pair(node) {
    return node && node.getAttribute('data-csrf-token')
        ? [node.getAttribute('data-csrf-header') || 'X-CSRF-TOKEN', node.getAttribute('data-csrf-token')] : null;
  }

  /**
   * The CSRF header and token for a request made from inside `el`: the host's mount element's
   * data-csrf-token/data-csrf-header, else the host's Spring Security meta tags, else the token
   * of the LeadReach fragment it sits in (or the latest one loaded).
   */
  function csrf(el) {
    var mount = el && el.closest ? el.closest('[data-lre-mount][data-csrf-token]') : null;
    if (mount) { return pair(mount); }
    var root = document.getElementById('leadreach-bulk-send');
    if (root && root.contains && el && root.contains(el) && pair(root)) { return pair(root); }
    if (meta('_csrf')) { return [meta('_csrf_header') || 'X-CSRF-TOKEN', meta('_csrf')]; }
    var own = el && el.closest ? el.closest('[data-lre-fragment][data-csrf-token]') : null;
    return pair(own) || fragmentToken;
  }

  /** A token for a page that loaded no fragment yet (a job bar restored after a reload). */
  function ensureToken(el) {
    if (csrf(el)) { return Promise.resolve(); }
    return request('/leads/whatsapp/embed/bulk-send', { headers: { Accept: 'text/html' } }).then(function (r) {
      if (!r.ok) { return; }
      var t = document.createElement('template');
      t.innerHTML = r.text;
      var tokenHolder = t.content.querySelector('[data-csrf-token]');
      if (tokenHolder) { fragmentToken = pair(tokenHolder); }
    });
  }

  function parse(text) { try { return JSON.parse(text); } catch (e) { return null; } }

  /** A problem detail in words: its detail and each field's message. */
  function problemText(p, status) {
    if (status === 401) { return 'Your session has ended: sign in again.'; }
    if (status === 403) { return 'You do not have permission to do this.'; }
    if (!p || typeof p !== 'object') { return 'The server answered ' + status + '.'; }
    var text = p.detail || p.title || ('The server answered ' + status + '.');
    if (Array.isArray(p.errors) && p.errors.length) {
      var extra = p.errors.map(function (e) { return e.message || e.code; })
          .filter(function (m) { return m && text.indexOf(m) < 0; });
      if (extra.length) { text += ' ' + extra.join('; '); }
    }
    return text;
  }

  /**
   * fetch under the base path with the session cookie and, except for GET, the CSRF header.
   * Resolves with {status, ok, text, json}; never rejects on an HTTP status.
   */
  function request(path, options, from) {
    options = options || {};
    var headers = new Headers(options.headers || {});
    if (!headers.has('Accept')) { headers.set('Accept', 'application/json'); }
    var method = options.method || 'GET';
    if (method !== 'GET') {
      var token = csrf(from);
      if (token) { headers.set(token[0], token[1]); }
    }
    return fetch(path.indexOf('/') === 0 && path.indexOf(base + '/') !== 0 ? url(path) : path, {
      // A session that ended is answered with a redirect to the login page: say so, never show that page in a mount.
      method: method, headers: headers, body: options.body, credentials: 'same-origin', redirect: 'manual'
    }).then(function (r) {
      if (r.type === 'opaqueredirect' || r.status === 401) {
        return { status: 401, ok: false, text: '', json: null, headers: r.headers };
      }
      return r.text().then(function (text) {
        var json = (r.headers.get('Content-Type') || '').indexOf('json') >= 0 ? parse(text) : null;
        return { status: r.status, ok: r.ok, text: text, json: json, headers: r.headers };
      });
    }, function () {
      return { status: 0, ok: false, text: '', json: { detail: 'The server could not be reached.' } };
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function $(root, sel) { return root ? root.querySelector(sel) : null; }
  function $$(root, sel) { return root ? Array.prototype.slice.call(root.querySelectorAll(sel)) : []; }

  function show(node, yes) { if (node) { node.hidden = !yes; } }

  function html(node, markup) {
    node.innerHTML = markup; // server-rendered fragment, escaped by JTE; carries no script
    var tokenHolder = node.querySelector('[data-csrf-token]');
    if (tokenHolder) {
      tokenHolder.setAttribute('data-lre-fragment', '');
      fragmentToken = pair(tokenHolder);
    }
    enhance(node);
  }

  var timeFormat = new Intl.DateTimeFormat(undefined, {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit'
  });
  var clockFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

  function zoneName() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) { return ''; }
  }

  function formatSize(bytes) {
    if (bytes >= 1048576) { return (Math.round(bytes / 104857.6) / 10) + ' MB'; }
    if (bytes >= 1024) { return Math.round(bytes / 1024) + ' KB'; }
    return bytes + ' B';
  }

  // ------------------------------------------------------------------ shared controls

  /** Times in the user's own zone; counters; emoji; attachments; template fill. */
  function enhance(root) {
    $$(root, 'time[data-lre-time]').forEach(function (t) {
      var d = new Date(t.getAttribute('datetime'));
      if (!isNaN(d)) { t.textContent = timeFormat.format(d); t.title = d.toISOString(); }
    });
    $$(root, '[data-lre-zone]').forEach(function (z) { z.textContent = zoneName() ? '(' + zoneName() + ')' : ''; });
    $$(root, '[data-lre-counter-for]').forEach(wireCounter);
    $$(root, '[data-lre-emoji-for]').forEach(wireEmoji);
    $$(root, '[data-lre-dropzone]').forEach(wireDropzone);
    $$(root, '[data-lre-template-select]').forEach(function (s) {
      s.addEventListener('change', function () {
        var opt = s.options[s.selectedIndex];
        var target = document.querySelector(s.getAttribute('data-lre-target'));
        if (opt && opt.value && target) { fill(target, opt.getAttribute('data-body') || ''); }
      });
    });
    $$(root, '[data-lre-fill]').forEach(function (b) {
      b.addEventListener('click', function () {
        var target = document.querySelector(b.getAttribute('data-lre-fill'));
        if (target) { fill(target, b.getAttribute('data-body') || ''); target.focus(); }
      });
    });
  }

  function fill(textarea, text) {
    textarea.value = text;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** The file chosen for the textarea's attachment field, if any. */
  function chosenFile(textarea) {
    var input = document.querySelector(textarea.getAttribute('data-lre-file-input'));
    var zone = input ? input.closest('[data-lre-dropzone]') : null;
    return zone ? zone.lreFile || null : null;
  }

  function wireCounter(counter) {
    var textarea = document.querySelector(counter.getAttribute('data-lre-counter-for'));
    if (!textarea || textarea.lreCounter) { return; }
    textarea.lreCounter = function () {
      var max = chosenFile(textarea) ? +textarea.getAttribute('data-max-caption') : +textarea.getAttribute('data-max-text');
      var n = textarea.value.length;
      counter.textContent = n + ' / ' + max + (chosenFile(textarea) ? ' (caption)' : '');
      counter.classList.toggle('over', n > max);
      textarea.classList.toggle('over', n > max);
      textarea.dispatchEvent(new CustomEvent('lre:change', { bubbles: true }));
    };
    textarea.addEventListener('input', textarea.lreCounter);
    textarea.lreCounter();
  }

  var emojiData = null;
  function loadEmoji() {
    if (!emojiData) {
      emojiData = fetch(url(ASSETS + 'leadreach-emoji.json'), { credentials: 'same-origin' })
          .then(function (r) { return r.json(); }).catch(function () { emojiData = null; return []; });
    }
    return emojiData;
  }

  function insertAtCursor(textarea, text) {
    var start = textarea.selectionStart == null ? textarea.value.length : textarea.selectionStart;
    var end = textarea.selectionEnd == null ? start : textarea.selectionEnd;
    textarea.value = textarea.value.slice(0, start) + text + textarea.value.slice(end);
    textarea.selectionStart = textarea.selectionEnd = start + text.length;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }

  function wireEmoji(button) {
    if (button.lreWired) { return; }
    button.lreWired = true;
    var textarea = document.querySelector(button.getAttribute('data-lre-emoji-for'));
    var panel = document.querySelector(button.getAttribute('data-lre-emoji-panel'));
    if (!textarea || !panel) { return; }
    function close() { panel.hidden = true; button.setAttribute('aria-expanded', 'false'); }
    button.addEventListener('click', function () {
      if (!panel.hidden) { close(); return; }
      loadEmoji().then(function (groups) {
        if (!panel.childElementCount) {
          groups.forEach(function (g) {
            panel.appendChild(el('div', 'lre-emoji-group', g.group));
            var row = el('div', 'lre-emoji-row');
            g.emoji.forEach(function (e) {
              var b = el('button', 'lre-emoji', e[0]);
              b.type = 'button';
              b.title = e[1];
              b.setAttribute('aria-label', e[1]);
              b.setAttribute('data-emoji', e[0]);
              b.addEventListener('click', function () { insertAtCursor(textarea, e[0]); textarea.focus(); });
              row.appendChild(b);
            });
            panel.appendChild(row);
          });
        }
        panel.hidden = false;
        button.setAttribute('aria-expanded', 'true');
      });
    });
    document.addEventListener('click', function (ev) {
      if (!panel.hidden && !panel.contains(ev.target) && ev.target !== button) { close(); }
    });
    panel.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') { close(); button.focus(); } });
  }

  /** Whether the policy accepts the file, by its type or its name; the server checks the bytes again. */
  function fileProblem(zone, file) {
    var max = +zone.getAttribute('data-max-bytes');
    var types = (zone.getAttribute('data-types') || '').split(',');
    var exts = (zone.getAttribute('data-extensions') || '').split(',');
    var name = (file.name || '').toLowerCase();
    var dot = name.lastIndexOf('.');
    var ext = dot >= 0 ? name.substring(dot) : '';
    if (types.indexOf(file.type) < 0 && exts.indexOf(ext) < 0) {
      return '“' + file.name + '” is not an accepted file type. Accepted: ' + acceptedNames(zone) + '.';
    }
    if (exts.indexOf(ext) < 0 && ext) {
      return '“' + file.name + '”: the name does not match an accepted type.';
    }
    if (file.size === 0) { return '“' + file.name + '” is empty.'; }
    if (max && file.size > max) {
      return '“' + file.name + '” is ' + formatSize(file.size) + '; at most ' + zone.getAttribute('data-max-size') + ' is allowed.';
    }
    return null;
  }

  /** The accepted types of a drop zone in words: PDF, JPG, PNG, DOC, DOCX. */
  function acceptedNames(zone) {
    var exts = (zone && zone.getAttribute('data-extensions') || '').split(',').map(function (x) {
      return x.replace(/^\./, '').toLowerCase();
    }).filter(function (x) { return x; });
    if (exts.indexOf('jpg') >= 0) { exts = exts.filter(function (x) { return x !== 'jpeg'; }); }
    var order = ['pdf', 'jpg', 'jpeg', 'png', 'doc', 'docx'];
    exts.sort(function (a, b) {
      var ia = order.indexOf(a), ib = order.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    });
    return exts.map(function (x) { return x.toUpperCase(); }).join(', ');
  }

  /**
   * Why the server refused the attachment, in words a user reads (the API's message names MIME
   * types): by the error's code, about the file that was chosen.
   */
  function attachmentText(error, zone, file) {
    var name = file && file.name ? '“' + file.name + '”' : 'The file';
    switch (error && error.code) {
      case 'type_not_allowed':
        return name + ' was refused: its content is not a ' + acceptedNames(zone).replace(/, (\w+)$/, ' or $1')
            + ' file, whatever its name says.';
      case 'type_mismatch':
        return name + ' was refused: its content is another kind of file than its name says.';
      case 'too_large':
        return name + ' is too large: at most ' + (zone && zone.getAttribute('data-max-size') || 'the limit') + ' is allowed.';
      case 'empty':
        return name + ' is empty.';
      case 'bad_filename':
        return name + ' has a name that cannot be used: rename it and choose it again.';
      default:
        return (error && error.message) || 'The attachment was refused.';
    }
  }

  function wireDropzone(zone) {
    if (zone.lreWired) { return; }
    zone.lreWired = true;
    var input = $(zone, 'input[type=file]');
    var preview = document.querySelector(zone.getAttribute('data-lre-preview'));
    var error = document.querySelector(zone.getAttribute('data-lre-error'));
    var textarea = document.querySelector('[data-lre-file-input="#' + input.id + '"].lre-textarea');

    function changed() { if (textarea && textarea.lreCounter) { textarea.lreCounter(); } }

    function clear() {
      zone.lreFile = null;
      input.value = '';
      if (preview) { preview.textContent = ''; preview.hidden = true; }
      if (zone.lreUrl) { URL.revokeObjectURL(zone.lreUrl); zone.lreUrl = null; }
      zone.classList.remove('has-file');
      changed();
    }

    function choose(file) {
      clear();
      if (!file) { return; }
      var problem = fileProblem(zone, file);
      if (error) { error.textContent = problem || ''; error.hidden = !problem; }
      if (problem) { zone.classList.add('refused'); return; }
      zone.classList.remove('refused');
      zone.lreFile = file;
      zone.classList.add('has-file');
      if (preview) {
        var card = el('div', 'lre-file-card');
        card.setAttribute('data-lre-file-name', file.name);
        if (/^image\//.test(file.type)) {
          var img = el('img', 'lre-thumb');
          zone.lreUrl = URL.createObjectURL(file);
          img.src = zone.lreUrl;
          img.alt = file.name;
          card.appendChild(img);
        } else {
          var name = file.name.toLowerCase();
          var icon = el('span', 'lre-doc-icon', name.substring(name.lastIndexOf('.') + 1).toUpperCase());
          icon.setAttribute('data-ext', name.substring(name.lastIndexOf('.') + 1));
          card.appendChild(icon);
        }
        var info = el('span', 'lre-file-info');
        info.appendChild(el('strong', null, file.name));
        info.appendChild(el('span', 'lre-muted', formatSize(file.size)));
        card.appendChild(info);
        var remove = el('button', 'lre-btn lre-small', 'Remove');
        remove.type = 'button';
        remove.id = input.id + '-remove';
        remove.setAttribute('data-lre-file-remove', '');
        remove.addEventListener('click', function () { clear(); input.focus(); });
        card.appendChild(remove);
        preview.appendChild(card);
        preview.hidden = false;
      }
      changed();
    }

    zone.lreClear = clear;
    input.addEventListener('change', function () { choose(input.files && input.files[0]); });
    ['dragenter', 'dragover'].forEach(function (t) {
      zone.addEventListener(t, function (ev) { ev.preventDefault(); zone.classList.add('over'); });
    });
    ['dragleave', 'drop'].forEach(function (t) {
      zone.addEventListener(t, function (ev) { ev.preventDefault(); zone.classList.remove('over'); });
    });
    zone.addEventListener('drop', function (ev) {
      var files = ev.dataTransfer && ev.dataTransfer.files;
      if (files && files.length) { choose(files[0]); }
    });
  }

  function busy(button, on, label) {
    if (!button) { return; }
    button.disabled = on;
    button.classList.toggle('lre-loading', on);
    button.setAttribute('aria-busy', on ? 'true' : 'false');
    var l = $(button, '[data-lre-label]');
    if (l) {
      if (!button.lreLabel) { button.lreLabel = l.textContent; }
      l.textContent = on ? (label || 'Sending…') : button.lreLabel;
    }
  }

  // ------------------------------------------------------------------ job progress

  function readJob() {
    try { return JSON.parse(window.localStorage.getItem(JOB_KEY) || 'null'); } catch (e) { return null; }
  }
  function saveJob(job) { try { window.localStorage.setItem(JOB_KEY, JSON.stringify(job)); } catch (e) { /* private mode */ } }
  function forgetJob(id) {
    var j = readJob();
    if (j && String(j.id) === String(id)) { try { window.localStorage.removeItem(JOB_KEY); } catch (e) { /* ignore */ } }
  }

  var STATE_WORDS = {
    DRAFT: 'Preparing', SCHEDULED: 'Scheduled', ACTIVE: 'Sending', PAUSED: 'Paused',
    COMPLETED: 'Completed', CANCELLED: 'Cancelled'
  };

  /**
   * A live bar for bulk job `id` inside `host`: sent / failed / pending over the job's server-sent
   * events (polling if the stream is lost), with a Cancel button while it runs.
   */
  function mountJob(host, id, options) {
    options = options || {};
    if (host.lreJob) { host.lreJob.stop(); }
    host.setAttribute('data-lre-mount', '');
    host.textContent = '';
    var box = el('div', 'lre-root lre-job');
    box.setAttribute('data-lre-job', String(id));
    var head = el('div', 'lre-job-head');
    var state = el('strong', 'lre-job-state', 'Connecting…');
    state.setAttribute('data-lre-job-state', '');
    head.appendChild(state);
    var when = el('span', 'lre-muted');
    if (options.scheduledAt) {
      when.textContent = 'starts ' + timeFormat.format(new Date(options.scheduledAt));
      when.setAttribute('data-lre-job-scheduled', options.scheduledAt);
    }
    head.appendChild(when);
    box.appendChild(head);
    var bar = el('progress', 'lre-progress');
    bar.max = 1;
    bar.value = 0;
    bar.setAttribute('data-lre-job-bar', '');
    box.appendChild(bar);
    var figures = el('div', 'lre-job-figures');
    var cells = {};
    [['sent', 'sent'], ['failed', 'failed'], ['pending', 'pending'], ['skipped', 'skipped'], ['cancelled', 'cancelled']]
        .forEach(function (f) {
          var s = el('span', 'lre-job-figure ' + f[0]);
          var n = el('b', null, '0');
          n.setAttribute('data-lre-job-' + f[0], '0');
          s.appendChild(n);
          s.appendChild(document.createTextNode(' ' + f[1]));
          cells[f[0]] = n;
          figures.appendChild(s);
        });
    box.appendChild(figures);
    var foot = el('div', 'lre-job-foot');
    var cancel = el('button', 'lre-btn lre-danger lre-small', 'Cancel');
    cancel.type = 'button';
    cancel.id = 'lre-job-cancel-' + id;
    cancel.setAttribute('data-lre-job-cancel', String(id));
    foot.appendChild(cancel);
    var note = el('span', 'lre-muted lre-job-note');
    note.setAttribute('role', 'status');
    foot.appendChild(note);
    box.appendChild(foot);
    host.appendChild(box);

    var source = null;
    var timer = null;
    var finished = false;

    function update(p) {
      if (!p) { return; }
      var settled = p.total - p.pending;
      bar.max = Math.max(1, p.total);
      bar.value = settled - (p.cancelled || 0); // what was sent, failed or skipped; cancelled leads never went

      bar.setAttribute('aria-valuetext', settled + ' of ' + p.total);
      ['sent', 'failed', 'pending', 'skipped', 'cancelled'].forEach(function (k) {
        var v = k === 'failed' ? p.failed + (p.inDoubt || 0) : p[k];
        cells[k].textContent = String(v);
        cells[k].setAttribute('data-lre-job-' + k, String(v));
        cells[k].parentNode.hidden = (k === 'skipped' || k === 'cancelled') && !v;
      });
      state.textContent = (STATE_WORDS[p.state] || p.state) + (p.finished ? '' : ' · ' + settled + ' of ' + p.total);
      box.setAttribute('data-state', p.state);
      if (p.finished) {
        finished = true;
        stop();
        box.classList.add('done');
        box.setAttribute('data-lre-job-done', '');
        cancel.hidden = true;
        if (options.scheduledAt) {
          // A job cancelled before its time never starts; one that ran needs no start time any more.
          when.textContent = p.state === 'CANCELLED' && settled - (p.cancelled || 0) === 0
              ? 'was to start ' + timeFormat.format(new Date(options.scheduledAt)) : '';
        }
        note.textContent = p.state === 'CANCELLED'
            ? p.sent + ' sent before the cancel; ' + p.cancelled + ' will not be sent.'
            : 'Finished: ' + p.sent + ' of ' + p.total + ' sent.';
        forgetJob(id);
        if (options.onFinished) { options.onFinished(p); }
      }
    }

    function poll() {
      request('/leads/whatsapp/jobs/' + encodeURIComponent(id)).then(function (r) {
        if (r.ok) { update(r.json); } else if (r.status === 404 || r.status === 403 || r.status === 401) {
          stop(); note.textContent = problemText(r.json, r.status); cancel.hidden = true; forgetJob(id); return;
        }
        if (!finished) { timer = setTimeout(poll, 2000); }
      });
    }

    function stop() {
      if (source) { source.close(); source = null; }
      if (timer) { clearTimeout(timer); timer = null; }
    }

    if (window.EventSource) {
      source = new EventSource(url('/leads/whatsapp/jobs/' + encodeURIComponent(id) + '/stream'), { withCredentials: true });
      source.addEventListener('progress', function (ev) { update(parse(ev.data)); });
      source.onerror = function () {
        if (source) { source.close(); source = null; }
        if (!finished && !timer) { poll(); }
      };
    } else {
      poll();
    }

    cancel.addEventListener('click', function () {
      busy(cancel, true, 'Cancelling…');
      ensureToken(cancel).then(function () {
        return request('/leads/whatsapp/jobs/' + encodeURIComponent(id) + '/cancel', { method: 'POST' }, cancel);
      }).then(function (r) {
        busy(cancel, false);
        if (r.ok) { update(r.json); } else { note.textContent = problemText(r.json, r.status); }
      });
    });

    host.lreJob = { stop: stop };
    return host.lreJob;
  }

  /** A job kept from before a reload comes back in a small card. */
  function restoreJob() {
    var job = readJob();
    if (!job || document.querySelector('[data-lre-job="' + job.id + '"]')) { return; }
    var card = el('div', 'lre-root lre-job-float');
    card.id = 'lre-job-float';
    var head = el('div', 'lre-job-float-head');
    head.appendChild(el('strong', null, 'Bulk WhatsApp send'));
    var close = el('button', 'lre-close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', 'Hide');
    close.setAttribute('data-lre-job-hide', '');
    close.addEventListener('click', function () {
      if (slot.lreJob) { slot.lreJob.stop(); }
      card.remove();
    });
    head.appendChild(close);
    card.appendChild(head);
    var slot = el('div');
    card.appendChild(slot);
    mountRoot().appendChild(card);
    mountJob(slot, job.id, { scheduledAt: job.scheduledAt });
  }

  function mountRoot() {
    return document.getElementById('leadreach-bulk-send') || document.body;
  }

  // ------------------------------------------------------------------ bulk-send modal

  var lastFocus = null;

  function uniqueIds(ids) {
    var seen = {};
    var out = [];
    (ids || []).forEach(function (v) {
      var s = String(v).trim();
      if (/^\d+$/.test(s) && !seen[s]) { seen[s] = true; out.push(s); }
    });
    return out;
  }

  function idsOfForm(selector) {
    var form = document.querySelector(selector);
    if (!form) { return []; }
    return uniqueIds($$(form, 'input[name="lead_ids"]:checked, input[name="lead_ids[]"]:checked')
        .map(function (i) { return i.value; }));
  }

  function closeModal() {
    var m = document.getElementById('lre-bulk-modal');
    if (m) {
      var slot = $(m, '#lre-bulk-job');
      if (slot && slot.lreJob && readJob()) {
        slot.lreJob.stop();
        m.remove();
        restoreJob();
      } else {
        if (slot && slot.lreJob) { slot.lreJob.stop(); }
        m.remove();
      }
    }
    document.removeEventListener('keydown', escClose);
    if (lastFocus && lastFocus.focus) { lastFocus.focus(); }
  }

  function escClose(ev) { if (ev.key === 'Escape') { closeModal(); } }

  function openBulkSend(ids) {
    ids = uniqueIds(ids);
    lastFocus = document.activeElement;
    var existing = document.getElementById('lre-bulk-modal');
    if (existing) { existing.remove(); }
    var holder = el('div');
    holder.setAttribute('data-lre-mount', '');
    var mount = mountRoot();
    ['data-csrf-token', 'data-csrf-header'].forEach(function (a) {
      if (mount.getAttribute && mount.getAttribute(a)) { holder.setAttribute(a, mount.getAttribute(a)); }
    });
    mount.appendChild(holder);
    return request('/leads/whatsapp/embed/bulk-send', { headers: { Accept: 'text/html' } }).then(function (r) {
      if (!r.ok) {
        holder.remove();
        window.alert(problemText(r.json, r.status));
        return null;
      }
      html(holder, r.text);
      var modal = $(holder, '#lre-bulk-modal');
      // The modal replaces its wrapper; a token the host put on its mount element still wins.
      if (holder.getAttribute('data-csrf-token')) {
        modal.setAttribute('data-lre-mount', '');
        modal.setAttribute('data-csrf-token', holder.getAttribute('data-csrf-token'));
        modal.setAttribute('data-csrf-header', holder.getAttribute('data-csrf-header') || 'X-CSRF-TOKEN');
      }
      holder.replaceWith(modal);
      wireBulk(modal, ids);
      return modal;
    });
  }

  function wireBulk(modal, ids) {
    var form = $(modal, '#lre-bulk-form');
    var submit = $(modal, '#lre-bulk-submit');
    var message = $(modal, '#lre-bulk-message');
    var checkBox = $(modal, '#lre-bulk-check');
    var errorBox = $(modal, '#lre-bulk-error');
    var later = $(modal, '#lre-bulk-when-later');
    var at = $(modal, '#lre-bulk-at');
    var willSend = 0;
    var names = {};
    var sent = false;

    $$(modal, '[data-bulk-count], [data-lre-bulk-count]').forEach(function (n) { n.textContent = String(ids.length); });
    $$(modal, '[data-lre-bulk-noun]').forEach(function (n) { n.textContent = ids.length === 1 ? 'lead' : 'leads'; });
    modal.setAttribute('data-lead-count', String(ids.length));
    $$(modal, '[data-lre-close]').forEach(function (b) { b.addEventListener('click', closeModal); });
    modal.addEventListener('click', function (ev) { if (ev.target === modal) { closeModal(); } });
    document.addEventListener('keydown', escClose);

    function refresh() {
      var over = message.classList.contains('over');
      var timeOk = !later.checked || (at.value && new Date(at.value).getTime() > Date.now());
      submit.disabled = sent || willSend === 0 || !message.value.trim() || over || !timeOk;
      $(submit, '[data-lre-label]').textContent = later.checked ? 'Schedule' : 'Send now';
    }
    message.addEventListener('lre:change', refresh);
    message.addEventListener('input', refresh);
    $$(modal, 'input[name="when"]').forEach(function (r) {
      r.addEventListener('change', function () {
        at.disabled = !later.checked;
        if (later.checked && !at.value) {
          var d = new Date(Date.now() + 3600000);
          d.setMinutes(0, 0, 0);
          at.value = new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
        }
        refresh();
      });
    });
    at.addEventListener('input', refresh);

    if (!ids.length) {
      checkBox.textContent = '';
      checkBox.appendChild(el('p', 'lre-callout lre-callout-warn', 'No lead is selected: tick the leads to message first.'));
      refresh();
      return;
    }

    var body = new FormData();
    body.append('lead_ids', ids.join(','));
    request('/leads/whatsapp/bulk-send/check', { method: 'POST', body: body, headers: { Accept: 'text/html' } }, modal)
        .then(function (r) {
          if (!r.ok) {
            checkBox.textContent = '';
            checkBox.appendChild(el('p', 'lre-callout lre-callout-error', problemText(parse(r.text), r.status)));
            return;
          }
          html(checkBox, r.text);
          var result = $(checkBox, '#lre-bulk-check-result');
          willSend = +result.getAttribute('data-will-send');
          $$(checkBox, '.lre-names li').forEach(function (li) { names[li.getAttribute('data-lead-id')] = li.textContent; });
          refresh();
        });
    setTimeout(function () { message.focus(); }, 0);

    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (submit.disabled) { return; }
      show(errorBox, false);
      var data = new FormData();
      data.append('lead_ids', ids.join(','));
      data.append('message', message.value);
      var file = chosenFile(message);
      if (file) { data.append('attachment', file, file.name); }
      var scheduledAt = null;
      if (later.checked) {
        scheduledAt = new Date(at.value).toISOString();
        data.append('scheduled_at', scheduledAt);
      }
      busy(submit, true, later.checked ? 'Scheduling…' : 'Sending…');
      request('/leads/whatsapp/bulk-send', { method: 'POST', body: data }, modal).then(function (r) {
        busy(submit, false);
        if (r.status === 202 && r.json) {
          sent = true;
          refresh();
          lockForm();
          saveJob({ id: r.json.jobId, scheduledAt: scheduledAt, at: new Date().toISOString() });
          var slot = $(modal, '#lre-bulk-job');
          show(slot, true);
          mountJob(slot, r.json.jobId, { scheduledAt: scheduledAt });
          slot.scrollIntoView({ block: 'nearest' });
        } else if (r.ok && r.json) {
          sent = true;
          refresh();
          lockForm();
          showResults(r.json);
        } else {
          var p = r.json;
          var attachmentError = p && Array.isArray(p.errors) && p.errors.filter(function (e) { return e.field === 'attachment'; })[0];
          errorBox.textContent = problemText(p, r.status);
          show(errorBox, true);
          if (attachmentError) {
            var fileError = $(modal, '#lre-bulk-file-error');
            fileError.textContent = attachmentText(attachmentError, $(modal, '[data-lre-dropzone]'), file);
            errorBox.textContent = 'Not sent: the attachment was refused.';
            show(fileError, true);
          }
        }
      });
    });

    function lockForm() {
      $$(form, 'textarea, select, input, .lre-emoji-btn, [data-lre-file-remove]').forEach(function (c) { c.disabled = true; });
      $$(form, '[data-lre-dropzone]').forEach(function (z) { z.classList.add('locked'); });
      submit.hidden = true;
      $(modal, '#lre-bulk-cancel').textContent = 'Done';
    }

    function showResults(view) {
      var box = $(modal, '#lre-bulk-results');
      box.textContent = '';
      box.appendChild(el('p', 'lre-results-head', view.accepted + ' sent, ' + view.failed + ' not sent.'));
      var table = el('table', 'lre-table');
      var tbody = el('tbody');
      view.results.forEach(function (res) {
        var tr = el('tr');
        tr.setAttribute('data-lead-id', String(res.leadId));
        tr.setAttribute('data-status', res.status);
        tr.appendChild(el('td', null, names[res.leadId] || ('Lead ' + res.leadId)));
        var st = el('td');
        var ok = res.status !== 'FAILED';
        st.appendChild(el('span', 'lre-badge ' + (ok ? 'lre-badge-ok' : 'lre-badge-danger'), ok ? 'Sent' : 'Not sent'));
        tr.appendChild(st);
        tr.appendChild(el('td', 'lre-muted', ok ? '' : reason(res)));
        tbody.appendChild(tr);
      });
      table.appendChild(tbody);
      box.appendChild(table);
      show(box, true);
      box.scrollIntoView({ block: 'nearest' });
    }
  }

  var REASONS = {
    opted_out: 'Opted out of WhatsApp messages', invalid_number: 'No valid mobile number',
    outside_service_window: 'Outside the 24-hour window (no reply in the last 24 hours)',
    throttled: 'Quiet hours or sending too fast: not sent now'
  };

  /** Why a lead of a small bulk send was not sent, in words. */
  function reason(res) {
    if (REASONS[res.errorCode]) { return REASONS[res.errorCode]; }
    return (res.errorMessage || res.errorCode || 'Not sent').replace(/^[A-Za-z]+: /, '');
  }

  // ------------------------------------------------------------------ lead tab

  function mountLeadTab(host, leadId) {
    leadId = String(leadId || host.getAttribute('data-lead-id') || host.getAttribute('data-leadreach-lead-tab') || '');
    if (!/^\d+$/.test(leadId)) { return Promise.resolve(null); }
    host.setAttribute('data-lre-mount', '');
    host.classList.add('lre-loading-mount');
    return request('/leads/' + leadId + '/whatsapp/tab', { headers: { Accept: 'text/html' } }).then(function (r) {
      host.classList.remove('lre-loading-mount');
      if (!r.ok) {
        host.textContent = '';
        host.appendChild(el('p', 'lre-root lre-callout lre-callout-error', problemText(parse(r.text), r.status)));
        return null;
      }
      html(host, r.text);
      var tab = $(host, '[data-lre-tab]');
      wireTab(host, tab);
      if (tab) {
        tab.lreMarkup = markupOf(r.text);
        keepFresh(host, tab);
      }
      return host;
    });
  }

  var LIVE_PARTS = ['#lre-timeline', '.lre-gallery-card', '#lre-consent'];

  /** The server's markup of each live part of a tab fragment, to tell when one changed. */
  function markupOf(text) {
    var t = document.createElement('template');
    t.innerHTML = text;
    var out = {};
    LIVE_PARTS.forEach(function (sel) {
      var part = t.content.querySelector(sel);
      if (part) { out[sel] = part.outerHTML; }
    });
    var detail = t.content.querySelector('#lre-consent-detail');
    out.detail = detail ? detail.outerHTML : null;
    return out;
  }

  /**
   * Brings the timeline, the gallery and the consent badge up to date (new ticks, replies, an
   * opt-out), replacing only a part whose server markup changed. Answers the response's status.
   */
  function refreshTimeline(tab) {
    return request(tab.getAttribute('data-lre-tab-url'), { headers: { Accept: 'text/html' } }).then(function (r) {
      if (!r.ok) { return r.status; }
      var t = document.createElement('template');
      t.innerHTML = r.text;
      var hasEntries = !!t.content.querySelector('#lre-timeline li');
      tab.lreMarkup = tab.lreMarkup || {};
      LIVE_PARTS.forEach(function (sel) {
        var fresh = t.content.querySelector(sel);
        var old = $(tab, sel);
        if (!fresh || !old || tab.lreMarkup[sel] === fresh.outerHTML) { return; }
        tab.lreMarkup[sel] = fresh.outerHTML;
        if (sel === '#lre-timeline' && tab.lreOlderLoaded) { keepOlder(old, fresh); }
        old.replaceWith(fresh);
        enhance(fresh);
      });
      var empty = $(tab, '#lre-timeline-empty');
      if (empty && hasEntries) { empty.remove(); }
      // The words under the heading about an opt-out come and go with it.
      var detail = t.content.querySelector('#lre-consent-detail');
      var detailMarkup = detail ? detail.outerHTML : null;
      if (tab.lreMarkup.detail !== detailMarkup) {
        tab.lreMarkup.detail = detailMarkup;
        var oldDetail = $(tab, '#lre-consent-detail');
        var head = $(tab, '.lre-tab-head');
        if (oldDetail) { oldDetail.remove(); }
        if (detail && head) { head.after(detail); enhance(detail); }
      }
      wireOlder(tab);
      return r.status;
    });
  }

  /**
   * The older pages the user loaded stay below a refreshed first page: every entry of the old
   * list that the fresh page does not hold (newest first, so these are the older ones), with the
   * old list's own "Older messages" row in place of the fresh one.
   */
  function keepOlder(old, fresh) {
    var key = function (li) { return li.getAttribute('data-direction') + ':' + li.getAttribute('data-message-id'); };
    var seen = {};
    $$(fresh, 'li.lre-msg').forEach(function (li) { seen[key(li)] = true; });
    var freshOlder = $(fresh, '[data-lre-older-row]');
    var oldOlder = $(old, '[data-lre-older-row]');
    if (freshOlder) { freshOlder.remove(); }
    $$(old, 'li.lre-msg').forEach(function (li) { if (!seen[key(li)]) { fresh.appendChild(li); } });
    if (oldOlder) { fresh.appendChild(oldOlder); }
  }

  /**
   * Keeps an open tab live: every few seconds (data-refresh-seconds on the mount, default 5, 0
   * for never) while the page is visible, until the tab leaves the page or the session ends.
   */
  function keepFresh(host, tab) {
    var attr = host.getAttribute('data-refresh-seconds');
    var seconds = attr === null || attr === '' ? 5 : +attr;
    if (!(seconds > 0)) { return; }
    var busyRefresh = false;
    var timer = setInterval(function () {
      if (!document.contains(tab)) { clearInterval(timer); return; }
      if (busyRefresh || document.visibilityState === 'hidden') { return; }
      busyRefresh = true;
      refreshTimeline(tab).then(function (status) {
        busyRefresh = false;
        if (status === 401 || status === 403 || status === 404) { clearInterval(timer); }
      });
    }, seconds * 1000);
  }

  function wireOlder(tab) {
    var older = $(tab, '#lre-timeline-older');
    if (!older || older.lreWired) { return; }
    older.lreWired = true;
    older.addEventListener('click', function () {
      busy(older, true, 'Loading…');
      request(older.getAttribute('data-lre-older') + '?before=' + encodeURIComponent(older.getAttribute('data-before')),
          { headers: { Accept: 'text/html' } }).then(function (r) {
        if (!r.ok) { busy(older, false); return; }
        var row = older.closest('[data-lre-older-row]');
        var t = document.createElement('template');
        t.innerHTML = r.text;
        enhance(t.content);
        row.replaceWith(t.content);
        tab.lreOlderLoaded = true;
        wireOlder(tab);
      });
    });
  }

  function wireTab(host, tab) {
    if (!tab) { return; }
    wireOlder(tab);
    var form = $(tab, '#lre-composer');
    if (!form) { return; }
    var message = $(form, '#lre-composer-message');
    var send = $(form, '#lre-composer-send');
    var answer = $(form, '#lre-composer-answer');
    var alternatives = $(form, '#lre-composer-alternatives');
    var fileError = $(form, '#lre-composer-file-error');

    function say(kind, text, code) {
      answer.textContent = '';
      answer.className = 'lre-answer lre-callout lre-callout-' + kind;
      answer.setAttribute('data-lre-answer', kind);
      if (code) { answer.setAttribute('data-code', code); } else { answer.removeAttribute('data-code'); }
      answer.appendChild(document.createTextNode(text));
      answer.hidden = false;
    }

    function refresh() { send.disabled = !message.value.trim() || message.classList.contains('over'); }
    message.addEventListener('lre:change', refresh);
    message.addEventListener('input', refresh);
    refresh();

    function handle(r) {
      busy(send, false);
      refresh();
      show(alternatives, false);
      if (r.ok && r.json) {
        if (r.json.status === 'FAILED') {
          say('error', 'Not sent: ' + (r.json.errorMessage || r.json.errorCode || 'WhatsApp refused the message.'), r.json.errorCode);
        } else {
          say('ok', 'Sent ✓ It is at the top of the messages below.', 'sent');
          message.value = '';
          message.dispatchEvent(new Event('input', { bubbles: true }));
          var zone = $(form, '[data-lre-dropzone]');
          if (zone && zone.lreClear) { zone.lreClear(); }
        }
        refreshTimeline(tab);
        return;
      }
      var p = r.json || parse(r.text) || {};
      var errors = Array.isArray(p.errors) ? p.errors : [];
      var codes = errors.map(function (e) { return e.code; });
      if (r.status === 429) {
        var seconds = p.retryAfterSeconds || +(r.headers && r.headers.get('Retry-After')) || 1;
        var opens = new Date(Date.now() + seconds * 1000);
        if (/quiet hours/i.test(p.detail || '')) {
          say('warn', 'Quiet hours for this lead: nothing was sent. Sending opens at ' + clockFormat.format(opens)
              + ' (your time).', 'quiet_hours');
        } else {
          say('warn', 'Sent too recently: try again in ' + seconds + ' s.', 'throttled');
          // Once that time has passed the advice is stale: take it away.
          setTimeout(function () {
            if (answer.getAttribute('data-code') === 'throttled') { answer.hidden = true; answer.removeAttribute('data-code'); }
          }, seconds * 1000);
        }
      } else if (codes.indexOf('outside_service_window') >= 0) {
        say('warn', 'Outside the 24-hour window: the lead has not written in the last 24 hours, so WhatsApp allows '
            + 'only an approved template.', 'outside_service_window');
        show(alternatives, true);
      } else if (codes.indexOf('opted_out') >= 0) {
        say('error', 'This lead opted out of WhatsApp messages: nothing was sent.', 'opted_out');
      } else {
        var attachment = errors.filter(function (e) { return e.field === 'attachment'; })[0];
        if (attachment) {
          fileError.textContent = attachmentText(attachment, $(form, '[data-lre-dropzone]'), chosenFile(message));
          fileError.hidden = false;
          say('error', 'Not sent: the attachment was refused.', attachment.code || String(r.status));
        } else {
          say('error', problemText(p, r.status), codes[0] || String(r.status));
        }
      }
    }

    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (send.disabled) { return; }
      var data = new FormData();
      data.append('message', message.value);
      var file = chosenFile(message);
      if (file) { data.append('attachment', file, file.name); }
      busy(send, true);
      answer.hidden = true;
      request(form.getAttribute('data-send-url'), { method: 'POST', body: data }, form).then(handle);
    });

    $$(form, '[data-lre-send-template]').forEach(function (b) {
      b.addEventListener('click', function () {
        var data = new FormData();
        data.append('template_id', b.getAttribute('data-lre-send-template'));
        busy(b, true);
        request(form.getAttribute('data-send-url'), { method: 'POST', body: data }, form).then(function (r) {
          busy(b, false);
          handle(r);
        });
      });
    });
  }

  // ------------------------------------------------------------------ start

  function init(root) {
    root = root || document;
    var buttons = $$(root, '[data-leadreach-bulk-send]');
    buttons.forEach(function (b) {
      if (b.lreWired) { return; }
      b.lreWired = true;
      b.addEventListener('click', function (ev) {
        ev.preventDefault();
        openBulkSend(idsOfForm(b.getAttribute('data-leadreach-bulk-send')));
      });
    });
    if (buttons.length) {
      // A user who may not bulk-send sees no bulk-send button (the server refuses anyway).
      request('/leads/whatsapp/embed/bulk-send', { headers: { Accept: 'text/html' } }).then(function (r) {
        if (r.status === 403 || r.status === 401) { buttons.forEach(function (b) { b.hidden = true; }); }
      });
    }
    $$(root, '#leadreach-lead-tab[data-lead-id], [data-leadreach-lead-tab]').forEach(function (m) {
      if (!m.lreWired) { m.lreWired = true; mountLeadTab(m); }
    });
    $$(root, '[data-leadreach-job]').forEach(function (m) {
      if (!m.lreWired) { m.lreWired = true; mountJob(m, m.getAttribute('data-leadreach-job')); }
    });
    if (root === document) { restoreJob(); }
  }

  window.LeadReachEmbed = {
    openBulkSend: openBulkSend,
    mountLeadTab: mountLeadTab,
    mountJob: function (host, id) { return mountJob(host, id); },
    init: init,
    base: function () { return base; }
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { init(document); });
  } else {
    init(document);
  }
}());
