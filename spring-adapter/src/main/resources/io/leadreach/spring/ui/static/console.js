/*
 * LeadReach console: what every page needs. No inline script anywhere (the pages run under a strict
 * Content-Security-Policy), so behaviour hangs on data attributes:
 *  - every htmx request carries the CSRF token and asks for text/html (the same paths answer JSON to API clients);
 *  - a request whose session has expired (401) leads to the login page, never a silent failure;
 *  - refusals (problem details) are shown in the flash bar;
 *  - [data-chart] elements hold an ECharts option as JSON and are drawn when they appear;
 *  - window.LeadReach.fetchJson(url, options) for scripts: CSRF, JSON, the same error handling.
 */
(function () {
  'use strict';

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : '';
  }

  var csrfHeader = meta('leadreach-csrf-header') || 'X-CSRF-TOKEN';
  var csrfToken = meta('leadreach-csrf-token');

  function base() {
    return document.body ? (document.body.getAttribute('data-base') || '') : '';
  }

  function toLogin() {
    var login = document.body.getAttribute('data-login') || '/login';
    window.location.assign(login);
  }

  function flash(text, kind) {
    var bar = document.getElementById('lr-flash');
    if (!bar) { return; }
    bar.textContent = text;
    bar.className = 'lr-flash ' + (kind || 'error');
    bar.hidden = false;
    clearTimeout(flash.timer);
    flash.timer = setTimeout(function () { bar.hidden = true; }, kind === 'ok' ? 4000 : 12000);
  }

  /** A problem detail's words: its detail, and each field error. */
  function problemText(problem, status) {
    if (!problem || typeof problem !== 'object') { return 'The server answered ' + status + '.'; }
    var text = problem.detail || problem.title || ('The server answered ' + status + '.');
    var errors = problem.errors || problem.fieldErrors;
    if (Array.isArray(errors) && errors.length) {
      text += ' ' + errors.map(function (e) { return (e.field ? e.field + ': ' : '') + (e.message || e.code || ''); }).join('; ');
    }
    return text;
  }

  function parse(text) {
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  /**
   * fetch with the CSRF token and JSON; resolves with the parsed body, rejects with
   * {status, problem, message}. A 401 leads to the login page.
   */
  function fetchJson(url, options) {
    options = options || {};
    var headers = new Headers(options.headers || {});
    if (!headers.has('Accept')) { headers.set('Accept', 'application/json'); }
    if (csrfToken) { headers.set(csrfHeader, csrfToken); }
    var body = options.body;
    if (body !== undefined && body !== null && !(body instanceof FormData) && typeof body !== 'string') {
      body = JSON.stringify(body);
      headers.set('Content-Type', 'application/json');
    }
    return fetch(url.indexOf('/') === 0 && url.indexOf(base()) !== 0 ? base() + url : url, {
      method: options.method || (body ? 'POST' : 'GET'),
      headers: headers,
      body: body,
      credentials: 'same-origin',
      signal: options.signal
    }).then(function (response) {
      if (response.status === 401) { toLogin(); throw { status: 401, message: 'Your session has ended.' }; }
      return response.text().then(function (text) {
        var json = text ? parse(text) : null;
        if (!response.ok) {
          throw { status: response.status, problem: json, message: problemText(json, response.status) };
        }
        return json;
      });
    });
  }

  function drawCharts(root) {
    if (!window.echarts) { return; }
    (root || document).querySelectorAll('[data-chart]').forEach(function (el) {
      var option = parse(el.getAttribute('data-chart'));
      if (!option) { return; }
      var chart = window.echarts.getInstanceByDom(el) || window.echarts.init(el, null, { renderer: 'canvas' });
      chart.setOption(option, true);
    });
  }

  window.addEventListener('resize', function () {
    if (!window.echarts) { return; }
    document.querySelectorAll('[data-chart]').forEach(function (el) {
      var chart = window.echarts.getInstanceByDom(el);
      if (chart) { chart.resize(); }
    });
  });

  document.addEventListener('htmx:configRequest', function (evt) {
    if (csrfToken) { evt.detail.headers[csrfHeader] = csrfToken; }
    evt.detail.headers['Accept'] = 'text/html';
  });

  document.addEventListener('htmx:responseError', function (evt) {
    var xhr = evt.detail.xhr;
    if (xhr.status === 401) { toLogin(); return; }
    flash(problemText(parse(xhr.responseText), xhr.status), 'error');
  });

  document.addEventListener('htmx:sendError', function () {
    flash('The server cannot be reached. Check your connection and try again.', 'error');
  });

  document.addEventListener('htmx:afterSettle', function (evt) { drawCharts(evt.target); });
  document.addEventListener('DOMContentLoaded', function () { drawCharts(document); });

  window.LeadReach = {
    base: base,
    fetchJson: fetchJson,
    flash: flash,
    problemText: problemText,
    drawCharts: drawCharts,
    toLogin: toLogin,
    csrf: function () { return { header: csrfHeader, token: csrfToken }; }
  };
})();
