// Live figures on the session page: server-sent events, polling when they do not work.
// No inline code anywhere (the CSP forbids it); the page works without this file.
(function () {
  "use strict";
  var body = document.body;
  var go = document.querySelector("a[data-go]");
  if (go) {
    // just paid: continue to the payment app at once (the link stays for a second try)
    history.replaceState(null, "", location.pathname + location.search.replace(/([?&])go=1&?/, "$1").replace(/[?&]$/, ""));
    location.assign(go.href);
    return;
  }
  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
  var url = body.getAttribute("data-live");
  if (!url) { return; }
  var stage = body.getAttribute("data-stage");
  var timer = null;
  function apply(values) {
    if (values.stage !== stage) { location.reload(); return; }
    var items = document.querySelectorAll("[data-live]");
    for (var i = 0; i < items.length; i++) {
      var key = items[i].getAttribute("data-live");
      if (key in values && items[i].textContent !== values[key]) { items[i].textContent = values[key]; }
    }
    var meters = document.querySelectorAll("[data-live-value]");
    for (var j = 0; j < meters.length; j++) {
      var name = meters[j].getAttribute("data-live-value");
      if (name in values) { meters[j].value = Number(values[name]); }
    }
  }
  function poll() {
    fetch(url, { cache: "no-store", credentials: "omit" })
      .then(function (r) { if (r.status === 404) { location.reload(); } return r.ok ? r.json() : null; })
      .then(function (v) { if (v) { apply(v); } })
      .catch(function () {})
      .then(function () { timer = setTimeout(poll, 1000); });
  }
  function startPolling() { if (timer === null) { timer = setTimeout(poll, 0); } }
  if (!window.EventSource) { startPolling(); return; }
  var parts = url.split("?");
  var source = new EventSource(parts[0].replace(/\/live$/, "/events") + (parts[1] ? "?" + parts[1] : ""));
  source.onmessage = function (e) { apply(JSON.parse(e.data)); };
  source.onerror = function () {
    if (source.readyState === 2) { startPolling(); }
  };
})();
