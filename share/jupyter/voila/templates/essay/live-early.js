/* essaykit live page, first thing in <head> (essays with live code under essaykit serve): ask for the
   kernel now (POST with the _xsrf cookie's token), so it starts and runs the essay's cells while the
   browser reads and draws the rest of the page. live-kernel.js takes the answer (ekLive.ask). */
(function () {
  var config = JSON.parse(document.getElementById("ek-live-config").textContent);
  function ask() {
    var m = document.cookie.match(/(?:^|;\s*)_xsrf=([^;]*)/);
    var token = m ? decodeURIComponent(m[1]) : "";
    if (window.performance && performance.mark) performance.mark("ek-kernel-asked");
    return fetch(config.start, {
      method: "POST", credentials: "same-origin",
      body: "essay=" + encodeURIComponent(config.essay) + "&_xsrf=" + encodeURIComponent(token),
      headers: {"Content-Type": "application/x-www-form-urlencoded", "X-XSRFToken": token}
    }).then(function (r) {
      return r.json().then(function (data) { return {ok: r.ok, data: data}; });
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
