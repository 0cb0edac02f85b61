/* essaykit's site search (essaykit.exports.search writes the index it reads). The index is
   a set of classic scripts under search/, loaded with <script src>, which works from a
   web server and from a folder opened as file://; a query loads only the shards of its words.
   Keyboard: type, Down/Up move through the results, Escape closes them. */
(function () {
  var doc = document, form = doc.querySelector("form[data-ek-search]");
  if (!form) return;
  var root = form.getAttribute("data-ek-root"), base = root + "search/";
  var input = form.querySelector("input[type=search]"), panel = doc.getElementById("ek-search-panel");
  var status = panel.querySelector(".ek-search__status"), tagBox = panel.querySelector(".ek-search__tags");
  var list = panel.querySelector(".ek-search__results");
  var data = window.ekSearchData = window.ekSearchData || {}, loading = {}, asked = 0, chosen = {}, last = null;
  var SHOWN = 20;

  function load(name) {
    if (!loading[name]) loading[name] = new Promise(function (resolve) {
      if (data[name] !== undefined) { resolve(data[name]); return; }
      var s = doc.createElement("script");
      s.src = base + name + ".js";
      s.onload = function () { resolve(data[name]); };
      s.onerror = function () { resolve(undefined); };
      doc.head.appendChild(s);
    });
    return loading[name];
  }
  // The same words as essaykit.exports.search.words: lower case, marks dropped, letters and digits.
  function words(text) {
    return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").match(/[\p{L}\p{N}]+/gu) || [];
  }
  function key(word) {
    return Array.from(word).slice(0, 2).map(function (c) {
      return /[a-z0-9]/.test(c) ? c : "u" + c.codePointAt(0).toString(16);
    }).join("");
  }
  function matches(shard, term, prefix, total) {
    var found = {};
    Object.keys(shard || {}).forEach(function (word) {
      var exact = word === term;
      if (!exact && !(prefix && word.lastIndexOf(term, 0) === 0)) return;
      var postings = shard[word], idf = Math.log(1 + total / (postings.length / 2));
      for (var i = 0; i < postings.length; i += 2) {
        found[postings[i]] = (found[postings[i]] || 0) + postings[i + 1] * idf * (exact ? 1 : 0.5);
      }
    });
    return found;
  }
  function search(query) {
    var terms = words(query), mine = ++asked;
    if (!terms.length) { close(); return; }
    load("docs").then(function (index) {
      if (!index) { say("Search is not available: the site was built without its search index."); return; }
      var prefixLast = !/\s$/.test(query);
      return Promise.all(terms.map(function (term, i) {
        var k = key(term);
        if (index.keys.indexOf(k) < 0) return {};
        return load("w-" + k).then(function (shard) {
          return matches(shard, term, prefixLast && i === terms.length - 1 && term.length > 1, index.docs.length);
        });
      })).then(function (found) {
        if (mine !== asked) return;  // a later query has started
        var scores = found.reduce(function (acc, m) {
          if (acc === null) return m;
          var both = {};
          Object.keys(m).forEach(function (d) { if (d in acc) both[d] = acc[d] + m[d]; });
          return both;
        }, null);
        last = { index: index, terms: terms, hits: Object.keys(scores).sort(function (a, b) {
          return scores[b] - scores[a] || a - b;
        }).map(Number) };
        show();
      });
    });
  }
  function say(text) { panel.hidden = false; status.textContent = text; }
  function close() { panel.hidden = true; list.textContent = ""; tagBox.textContent = ""; status.textContent = ""; last = null; }
  function show() {
    var index = last.index, counts = {};
    last.hits.forEach(function (d) { index.docs[d][3].forEach(function (t) { counts[t] = (counts[t] || 0) + 1; }); });
    Object.keys(chosen).forEach(function (t) { if (!counts[t]) delete chosen[t]; });
    var hits = last.hits.filter(function (d) {
      return Object.keys(chosen).every(function (t) { return index.docs[d][3].indexOf(t) >= 0; });
    });
    tagBox.textContent = "";
    Object.keys(counts).sort().forEach(function (t) {
      var b = doc.createElement("button");
      b.type = "button";
      b.className = "ek-search__tag";
      b.textContent = t + " (" + counts[t] + ")";
      b.setAttribute("aria-pressed", chosen[t] ? "true" : "false");
      b.addEventListener("click", function () { if (chosen[t]) delete chosen[t]; else chosen[t] = true; show(); b.focus(); });
      tagBox.appendChild(b);
    });
    list.textContent = "";
    hits.slice(0, SHOWN).forEach(function (d) {
      var doc_ = index.docs[d], li = doc.createElement("li"), a = doc.createElement("a"), p = doc.createElement("p");
      a.href = root + doc_[0];
      a.className = "ek-search__hit";
      a.textContent = doc_[1];
      p.className = "ek-search__excerpt";
      p.textContent = doc_[4];
      li.appendChild(a);
      if (doc_[2]) { var time = doc.createElement("time"); time.dateTime = doc_[2]; time.textContent = doc_[2].slice(0, 10); li.appendChild(time); }
      li.appendChild(p);
      list.appendChild(li);
      load("text/" + doc_[5]).then(function (text) { if (text) excerpt(p, text, last ? last.terms : []); });
    });
    var n = hits.length;
    say(n ? n + (n === 1 ? " essay" : " essays") + (n > SHOWN ? ", the first " + SHOWN + " shown" : "") : "No essays match.");
  }
  // A stretch of the text around the first word found, the words marked.
  function excerpt(p, text, terms) {
    var lower = text.toLowerCase(), at = -1;
    terms.forEach(function (t) { var i = lower.indexOf(t); if (i >= 0 && (at < 0 || i < at)) at = i; });
    var start = Math.max(0, at - 60), piece = text.slice(start, start + 200);
    if (at < 0) return;
    p.textContent = "";
    var pattern = new RegExp("(" + terms.map(function (t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|") + ")", "gi");
    (start ? "…" : "").concat(piece, start + 200 < text.length ? "…" : "").split(pattern).forEach(function (part, i) {
      if (i % 2) { var m = doc.createElement("mark"); m.textContent = part; p.appendChild(m); }
      else p.appendChild(doc.createTextNode(part));
    });
  }
  var timer = null;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { search(input.value); }, 120); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); clearTimeout(timer); search(input.value); });
  function hits() { return Array.prototype.slice.call(panel.querySelectorAll(".ek-search__hit")); }
  form.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" && hits().length) { ev.preventDefault(); hits()[0].focus(); }
    if (ev.key === "Escape") { input.value = ""; close(); }
  });
  panel.addEventListener("keydown", function (ev) {
    var all = hits(), i = all.indexOf(doc.activeElement);
    if (ev.key === "ArrowDown" && i >= 0) { ev.preventDefault(); (all[i + 1] || all[i]).focus(); }
    if (ev.key === "ArrowUp" && i >= 0) { ev.preventDefault(); (i ? all[i - 1] : input).focus(); }
    if (ev.key === "Escape") { ev.preventDefault(); close(); input.focus(); }
  });
  var asked_for = new URLSearchParams(location.search).get("q");
  if (asked_for) { input.value = asked_for; search(asked_for); }
})();
