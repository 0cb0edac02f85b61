/* essaykit enhancement: inline spoilers stay revealed once activated (and hide
   again when activated again), "Reveal all spoilers" / "Hide spoilers", and the
   light/dark toggle. Everything but the toggle works without it. */
(function () {
  var doc = document, root = doc.documentElement;
  root.classList.remove("ek-no-js");
  // An inline spoiler is a toggle: activated again, it hides its words again.
  function show(el, on) {
    el.classList.toggle("is-revealed", on);
    el.classList.toggle("is-concealed", !on); // hidden again: focus no longer shows it
    el.setAttribute("aria-expanded", on ? "true" : "false");
    var text = el.querySelector(".ek-spoiler__text"), label = el.querySelector(".ek-spoiler__label");
    if (text) { if (on) text.removeAttribute("aria-hidden"); else text.setAttribute("aria-hidden", "true"); }
    if (label) label.hidden = on; // shown, its name is its words
  }
  function toggle(el) { show(el, !el.classList.contains("is-revealed")); }
  // "Reveal all spoilers" opens every spoiler (inline ones, blocks, the live page's Spoiler
  // widgets, whose toggle tells the kernel); pressed again, "Hide spoilers" closes them all.
  function revealAll(button, on) {
    doc.querySelectorAll("[data-ek-spoiler]").forEach(function (el) { show(el, on); });
    doc.querySelectorAll("details[data-ek-spoiler-block]").forEach(function (d) { d.open = on; });
    doc.querySelectorAll('.ek-spoiler-widget__toggle[aria-expanded="' + !on + '"]').forEach(function (b) { b.click(); });
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = button.getAttribute(on ? "data-ek-label-on" : "data-ek-label-off");
  }
  doc.addEventListener("click", function (ev) {
    var t = ev.target.closest && ev.target.closest("[data-ek-spoiler]");
    if (t) { toggle(t); return; }
    var all = ev.target.closest && ev.target.closest("[data-ek-reveal-all]");
    if (all) revealAll(all, all.getAttribute("aria-pressed") !== "true");
  });
  // The light/dark toggle: the choice is kept in localStorage and applied by the
  // inline <head> script (theme.js) before the next page paints.
  function dark() {
    var set = root.getAttribute("data-ek-theme");
    return set ? set === "dark" : !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }
  function label(btn) {
    var text = btn.querySelector(".ek-theme-toggle__label");
    if (text) text.textContent = btn.getAttribute(dark() ? "data-ek-to-light" : "data-ek-to-dark");
  }
  doc.querySelectorAll("[data-ek-theme-toggle]").forEach(function (btn) {
    label(btn);
    btn.addEventListener("click", function () {
      var next = dark() ? "light" : "dark";
      root.setAttribute("data-ek-theme", next);
      try { localStorage.setItem("ek-theme", next); } catch (e) { /* private mode: this page only */ }
      label(btn);
    });
  });
  // A video facade (essaykit.html.video) becomes the player when clicked; until then
  // nothing is loaded from the video site. Without this script it is a plain link.
  doc.addEventListener("click", function (ev) {
    var link = ev.target.closest && ev.target.closest("[data-ek-video] > .ek-video__link");
    if (!link || ev.button || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    var figure = link.parentNode, frame = doc.createElement("iframe");
    ev.preventDefault();
    frame.src = figure.getAttribute("data-ek-video");
    frame.title = figure.getAttribute("data-ek-video-title") || "Video";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.setAttribute("allowfullscreen", "");
    figure.replaceChild(frame, link);
    frame.focus();
  });
  // Share (essaykit.html.share): "Copy link" and the device's share sheet exist only where the
  // browser offers them; the Mastodon form goes straight to the reader's server from here.
  doc.querySelectorAll("[data-ek-share]").forEach(function (box) {
    var url = box.getAttribute("data-ek-share-url"), status = box.querySelector(".ek-share__status");
    var copy = box.querySelector("[data-ek-share-copy]"), native = box.querySelector("[data-ek-share-native]");
    if (navigator.clipboard && window.isSecureContext !== false) {
      copy.parentNode.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () { status.textContent = "Link copied."; },
          function () { status.textContent = "Your browser did not let the page copy; the address is " + url; });
      });
    }
    if (navigator.share) {
      native.parentNode.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: box.getAttribute("data-ek-share-title"), url: url }).catch(function () {});
      });
    }
    var form = box.querySelector("[data-ek-share-mastodon]"), input = form.querySelector("input[name=server]");
    form.hidden = false; // a page with no server behind it shows the fields only now
    function go(ev) {
      ev.preventDefault();
      // As essaykit.html.share.mastodon_server reads it: a handle or an address will do.
      var server = input.value.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/+$/, "").split("@").pop();
      try { server = new URL("https:" + "//" + server).host; } catch (e) { server = ""; }
      if (!new RegExp(input.getAttribute("data-ek-pattern")).test(server)) {
        form.querySelector(".ek-share__error").textContent = form.getAttribute("data-ek-problem");
        input.setAttribute("aria-invalid", "true");
        input.focus();
        return;
      }
      location.href = "https:" + "//" + server + "/share?text=" + encodeURIComponent(form.querySelector("input[name=text]").value);
    }
    form.addEventListener("submit", go);
    form.querySelector("button").addEventListener("click", function (ev) { if (form.tagName !== "FORM") go(ev); });
    input.addEventListener("keydown", function (ev) { if (ev.key === "Enter" && form.tagName !== "FORM") go(ev); });
  });
  doc.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if ((ev.key === "Enter" || ev.key === " ") && t.matches && t.matches("[data-ek-spoiler]")) {
      ev.preventDefault();
      toggle(t);
    }
  });
})();
