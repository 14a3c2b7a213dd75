// Dashtam web app: progressive enhancement only; every page works without it. No inline script (CSP).
(function () {
  'use strict';
  // The browser's time zone, so the server shows times in it (UTC until known).
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf('tz=' + zone) < 0) {
      document.cookie = 'tz=' + zone + '; Path=/; Secure; SameSite=Lax; Max-Age=31536000';
    }
  } catch (e) { /* keep UTC */ }

  // "Sync now" progress: poll the run until it has finished, without reloading the page.
  function watch(el) {
    var url = el.getAttribute('data-run-url');
    var status = el.querySelector('.run-status');
    var counts = el.querySelector('.run-counts');
    var error = el.querySelector('.run-error');
    function done(s) { return s === 'succeeded' || s === 'failed'; }
    function tick() {
      fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
        .then(function (run) {
          el.setAttribute('data-status', run.status);
          status.textContent = run.status;
          counts.textContent = run.accounts + ' accounts, ' + run.added + ' added, ' + run.updated + ' updated, '
            + run.removed + ' removed';
          error.textContent = run.error || '';
          if (!done(run.status)) { setTimeout(tick, 1000); }
        })
        .catch(function () { error.textContent = 'Progress is not available; reload the page to see it.'; });
    }
    if (!done(el.getAttribute('data-status'))) { setTimeout(tick, 500); }
  }
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.getElementById('sync-progress');
    if (el) { watch(el); }
  });
})();
