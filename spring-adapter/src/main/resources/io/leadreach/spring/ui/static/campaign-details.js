/*
 * Campaign details page: live figures without inline script.
 *  - The live region (#lr-live) polls itself with htmx (hx-trigger="every 2s") while the campaign can
 *    still change; the server renders it without polling once COMPLETED or CANCELLED.
 *  - When the region names its event stream (data-stream) and the browser has EventSource, each
 *    server-sent `figures` event refreshes the region instead, and the polling is held back.
 *  - A stream that fails (network, server restart, expired session) is closed and the polling takes
 *    over; a poll answered 401 leads to the login (console.js), never a silent failure.
 *  - Polls carry the figures' signature (since=): the server answers 204 when nothing changed.
 *  - When the figures change, `lr-figures-changed` on the body refreshes the failed and recipient tables
 *    (throttled), and `lr-campaign-settled` once more when the campaign completes or is cancelled.
 *  - HX-Trigger `lr-flash` ({text, kind}) from an action shows its message in the flash bar.
 */
(function () {
  'use strict';

  var source = null;
  var streamFailed = false;
  var lastSignature = null;
  var lastTerminal = null;

  function live() { return document.getElementById('lr-live'); }

  function closeStream() {
    if (source) { source.close(); source = null; }
  }

  function refresh() {
    var el = live();
    if (el && window.htmx) { window.htmx.trigger(el, 'lr-refresh'); }
  }

  function openStream(url) {
    source = new EventSource(url);
    source.addEventListener('figures', function (evt) {
      var data = null;
      try { data = JSON.parse(evt.data); } catch (e) { data = null; }
      if (data && (data.status === 'COMPLETED' || data.status === 'CANCELLED')) {
        // The server ends the stream after the final figures; EventSource would reconnect.
        closeStream();
      }
      refresh();
    });
    source.onerror = function () {
      closeStream();
      streamFailed = true;
      refresh();
    };
  }

  /** After the page loads and after every swap: tell the tables when figures changed, keep the stream right. */
  function sync() {
    var el = live();
    if (!el) { return; }
    var signature = el.getAttribute('data-signature');
    if (lastSignature !== null && signature !== lastSignature) {
      document.body.dispatchEvent(new CustomEvent('lr-figures-changed', { bubbles: true }));
    }
    lastSignature = signature;
    var terminal = el.getAttribute('data-terminal') === 'true';
    if (lastTerminal === false && terminal) {
      // The tables throttle their refreshes; the final figures must not be the one they skip.
      document.body.dispatchEvent(new CustomEvent('lr-campaign-settled', { bubbles: true }));
    }
    lastTerminal = terminal;
    if (terminal) {
      closeStream();
      return;
    }
    var url = el.getAttribute('data-stream');
    if (!source && !streamFailed && url && window.EventSource) {
      openStream(url);
    }
  }

  document.addEventListener('htmx:confirm', function (evt) {
    // A poll has no triggering event; hold it back while the stream is open.
    if (source && evt.detail.elt === live() && !evt.detail.triggeringEvent) {
      evt.preventDefault();
    }
  });

  document.addEventListener('htmx:configRequest', function (evt) {
    var el = live();
    if (el && evt.detail.elt === el && evt.detail.verb === 'get') {
      evt.detail.parameters['since'] = el.getAttribute('data-signature') || '';
    }
  });

  document.addEventListener('lr-flash', function (evt) {
    var d = evt.detail || {};
    if (d.text && window.LeadReach) { window.LeadReach.flash(d.text, d.kind || 'ok'); }
  });

  document.addEventListener('htmx:afterSettle', sync);
  window.addEventListener('beforeunload', closeStream);
  document.addEventListener('DOMContentLoaded', sync);
})();
