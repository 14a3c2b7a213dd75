// Dashtam web app: progressive enhancement only; every page works without it. No inline script (CSP).
(function () {
  'use strict';
  // The browser's time zone, so the server shows times in it when the profile names none (UTC until known).
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf('tz=' + zone) < 0) {
      document.cookie = 'tz=' + zone + '; Path=/; Secure; SameSite=Lax; Max-Age=31536000';
    }
  } catch (e) { /* keep UTC */ }

  var RUN_STATUS = { 'sync.queued': 'queued', 'sync.started': 'running', 'sync.progress': 'running',
    'sync.succeeded': 'succeeded', 'sync.failed': 'failed' };
  function finished(s) { return s === 'succeeded' || s === 'failed'; }

  // "Sync now" progress, shown in place. `transport` says what delivered it (the browser tests check it).
  function showRun(el, run, transport) {
    var status = el.querySelector('.run-status');
    var counts = el.querySelector('.run-counts');
    var error = el.querySelector('.run-error');
    if (finished(el.getAttribute('data-status')) && !finished(run.status)) { return; } // a late replay
    el.setAttribute('data-status', run.status);
    el.setAttribute('data-transport', transport);
    status.textContent = run.status;
    if (run.accounts !== undefined) {
      counts.textContent = run.accounts + ' accounts, ' + run.added + ' added, ' + run.updated + ' updated, '
        + run.removed + ' removed';
    }
    error.textContent = run.error || run.reason || '';
  }

  // The fallback where the event stream cannot be opened: poll the run until it has finished.
  function poll(el) {
    var url = el.getAttribute('data-run-url');
    function tick() {
      fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
        .then(function (run) {
          showRun(el, run, 'poll');
          if (!finished(run.status)) { setTimeout(tick, 1000); }
        })
        .catch(function () {
          el.querySelector('.run-error').textContent = 'Progress is not available; reload the page to see it.';
        });
    }
    if (!finished(el.getAttribute('data-status'))) { setTimeout(tick, 500); }
  }

  // The words the pages use for a connection's status (Words.java); the code stays in data-status and the tooltip.
  var CONNECTION = { pending: 'Not connected yet', active: 'Connected', reauth_required: 'Reconnect soon',
    expired: 'Expired', revoked: 'Access revoked', error: 'Refused by the provider' };

  function showStatus(data) {
    var badges = document.querySelectorAll('.badge[data-connection="' + data.connectionId + '"]');
    Array.prototype.forEach.call(badges, function (badge) {
      badge.className = badge.className.replace(/\bs-[a-z_]+/g, '').trim() + ' s-' + data.status;
      badge.textContent = CONNECTION[data.status] || data.status;
      badge.setAttribute('data-status', data.status);
      badge.setAttribute('title', data.status);
      badge.setAttribute('data-transport', 'stream');
    });
  }

  // The user's live events over the page's cookie session (no token in this script). The stream starts after
  // the newest event the server had when it rendered the page, so nothing between render and connect is lost;
  // EventSource reconnects on its own with Last-Event-ID (the server ends a stream every 15 minutes).
  function follow(main, progress) {
    var opened = false;
    var source;
    try {
      source = new EventSource('/app/events?types=sync.*,connection.status_changed&lastEventId='
        + encodeURIComponent(main.getAttribute('data-events-after')));
    } catch (e) {
      if (progress) { poll(progress); }
      return;
    }
    function data(e) { try { return JSON.parse(e.data).data || {}; } catch (x) { return {}; } }
    source.onopen = function () { opened = true; document.body.setAttribute('data-stream', 'open'); };
    source.onerror = function () {
      document.body.setAttribute('data-stream', source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
      if (!opened && source.readyState === EventSource.CLOSED && progress) { poll(progress); }
    };
    Object.keys(RUN_STATUS).forEach(function (type) {
      source.addEventListener(type, function (e) {
        var d = data(e);
        if (progress && d.runId === progress.getAttribute('data-run-id')) {
          showRun(progress, { status: RUN_STATUS[type], accounts: d.accounts, added: d.added, updated: d.updated,
            removed: d.removed, reason: d.reason }, 'stream');
        }
      });
    });
    source.addEventListener('connection.status_changed', function (e) { showStatus(data(e)); });
    // A revoked session's stream ends: stop here; the next click lands on the sign-in page.
    source.addEventListener('session.revoked', function () {
      source.close();
      document.body.setAttribute('data-stream', 'closed');
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var progress = document.getElementById('sync-progress');
    var main = document.querySelector('main[data-events-after]');
    if (main && typeof EventSource !== 'undefined') {
      follow(main, progress);
    } else if (progress) {
      poll(progress);
    }
  });
})();
