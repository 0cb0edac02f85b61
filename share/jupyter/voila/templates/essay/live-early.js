/* essaykit live page, first thing in <head> (essays with live code under essaykit serve): ask for the
   kernel now (POST with the page's _xsrf token), so it starts and runs the essay's cells while the
   browser reads and draws the rest of the page. live-kernel.js takes the answer (ekLive.ask). */
(function () {
  var config = JSON.parse(document.getElementById("ek-live-config").textContent);
  function ask() {
    // The server puts the token in the page (above this script): the _xsrf cookie is HttpOnly.
    var meta = document.querySelector('meta[name="essaykit-xsrf"]');
    var token = meta ? meta.getAttribute("content") : "";
    if (window.performance && performance.mark) performance.mark("ek-kernel-asked");
    return fetch(config.start, {
      method: "POST", credentials: "same-origin",
      body: "essay=" + encodeURIComponent(config.essay) + "&_xsrf=" + encodeURIComponent(token),
      headers: {"Content-Type": "application/x-www-form-urlencoded", "X-XSRFToken": token}
    }).then(function (r) {
      // Retry-After: when a reader in line for a kernel asks again (essaykit.live.kernels.shares).
      var retry = parseInt(r.headers.get("Retry-After"), 10);
      return r.json().then(function (data) { return {ok: r.ok, data: data, retry: retry}; });
    });
  }
  var early = window.fetch ? ask() : null;
  window.ekLive = window.ekLive || {};
  // The first call gets the answer already on its way; a retry asks again.
  window.ekLive.ask = function () {
    var answer = early || ask();
    early = null;
    return answer;
  };
})();
