/* essaykit live page, live code under essaykit serve (only pages whose essay has live code get this).
   The page came without a kernel; its live cells show their saved outputs. ekLive.start() asks for a
   kernel (POST with the page's _xsrf token), puts the fresh outputs in the slots, then draws the
   widgets with the lean front end (live-widgets.js) or, for widgets it does not know, loads Voila's
   front end with that kernel. At the cap the server says "busy": the saved outputs stay, a note says
   so and offers a retry. Closing the page shuts the kernel down (a beacon with the token). */
(function () {
  var doc = document;
  // --- live code under essaykit serve -------------------------------------------------
  // The page came without a kernel; its live cells show their saved outputs. Ask for a kernel
  // (POST with the page's _xsrf token), put the fresh outputs in the slots, then load Voila's
  // front end with that kernel. At the cap the server says "busy": keep the saved outputs,
  // say so, and offer a retry. Closing the page shuts the kernel down (a beacon with the token).
  var BUSY = "The live version is busy; try again in a minute.";
  var booted = false, loaded = false, leaving = false, kernelId = null, config = null;

  // The server puts the token in the page: its _xsrf cookie is HttpOnly, out of any script's reach.
  function xsrf() {
    var meta = doc.querySelector('meta[name="essaykit-xsrf"]');
    return meta ? meta.getAttribute("content") : "";
  }
  function liveCells() { return doc.querySelectorAll(".ek-live-cell"); }
  function clearNotes() {
    doc.querySelectorAll(".ek-live-busy").forEach(function (n) { n.remove(); });
  }
  function busy(message) {
    clearNotes();
    liveCells().forEach(function (slot) {
      slot.removeAttribute("aria-busy");
      var note = doc.createElement("p");
      note.className = "ek-live-busy";
      note.setAttribute("role", "status");
      note.appendChild(doc.createTextNode((message || BUSY) + " "));
      var retry = doc.createElement("button");
      retry.type = "button";
      retry.className = "ek-button ek-live-retry";
      retry.textContent = "Try again";
      // Once Voila's front end has run, a fresh page is the clean way to get a new kernel.
      retry.addEventListener("click", function () { if (loaded) location.reload(); else start(); });
      note.appendChild(retry);
      slot.appendChild(note);
    });
  }
  function start() {
    if (booted) return;
    var el = doc.getElementById("ek-live-config");
    if (!el) return;
    config = config || JSON.parse(el.textContent);
    liveCells().forEach(function (slot) { slot.setAttribute("aria-busy", "true"); });
    // Asked for in <head> already (live-early.js); a retry asks again.
    window.ekLive.ask().then(function (answer) {
      if (!answer.ok || !answer.data.kernel_id) return busy(answer.data && answer.data.busy ? answer.data.message : BUSY);
      boot(answer.data);
    }).catch(function () { busy(BUSY); });
  }
  function boot(data) {
    if (window.performance && performance.mark) performance.mark("ek-kernel-answer");
    booted = true;
    kernelId = data.kernel_id;
    clearNotes();
    Object.keys(data.cells).forEach(function (n) {
      var slot = doc.getElementById("ek-cell-" + n);
      if (!slot) return;
      var outputs = slot.querySelector(".ek-live-outputs") || slot;
      outputs.innerHTML = data.cells[n];
      slot.removeAttribute("aria-busy");
      slot.classList.add("is-live");
    });
    liveCells().forEach(function (slot) { slot.removeAttribute("aria-busy"); });
    if (window.ekWidgets && window.ekWidgets.canRender(data)) {
      // Only standard controls: the lean front end draws them now, no Voila bundle (live-widgets.js).
      loaded = true;
      window.ekWidgets.start(config, data, {closed: function (was, e) { socketClosed(e); }});
      return;
    }
    var pageConfig = Object.assign({}, config.pageConfig, {kernelId: kernelId});
    var script = doc.createElement("script");
    script.id = "jupyter-config-data";
    script.type = "application/json";
    script.textContent = JSON.stringify(pageConfig);
    doc.body.appendChild(script);
    watchSocket();
    // Voila's front end starts on the window's "load" event, which has passed by now: run such
    // listeners at once instead.
    var add = window.addEventListener;
    window.addEventListener = function (type, fn, options) {
      if (type === "load" && doc.readyState === "complete") { setTimeout(fn, 0); return; }
      return add.call(window, type, fn, options);
    };
    var voila = doc.createElement("script");
    voila.src = config.voila;
    loaded = true;
    doc.body.appendChild(voila);
  }
  // When the kernel goes away (closed, idle, over its memory limit) the page says so.
  function watchSocket() {
    var Native = window.WebSocket;
    function Watched(url, protocols) {
      var ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
      if (String(url).indexOf(kernelId + "/channels") >= 0) {
        ws.addEventListener("close", socketClosed);
      }
      return ws;
    }
    Watched.prototype = Native.prototype;
    ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (k) { Watched[k] = Native[k]; });
    window.WebSocket = Watched;
  }
  function socketClosed(e) {
    if (leaving) return;
    // 1001 "going away": the server is stopping (essaykit.live.drain) and says why.
    if (e && e.code === 1001 && e.reason) { booted = false; kernelId = null; busy(e.reason); return; }
    setTimeout(check, 500);
  }
  function check() {
    fetch(config.kernels + kernelId, {credentials: "same-origin"}).then(function (r) {
      if (r.status === 404) { booted = false; kernelId = null; busy(BUSY); }
    }).catch(function () {});
  }
  window.addEventListener("pagehide", function () {
    leaving = true;
    if (!kernelId || !navigator.sendBeacon) return;
    var form = new FormData();
    form.append("_xsrf", xsrf());
    navigator.sendBeacon(config.shutdown + kernelId, form);
  });

  window.ekLive.start = start;
})();
