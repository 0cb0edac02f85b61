// essaykit ratings: the one front end of the star buttons.
//
// The markup comes from the server (the rating_widget macro of essaykit's HTML
// vocabulary); without JavaScript it is a plain form whose star buttons post
// to the rating API. This module makes it answer in place, lights the stars
// under the pointer or focus, and shows the reader's own rating.
//
// One module, two transports:
//   - the Rating widget talks to its kernel ({event: "rate", value, reader});
//   - the live and static pages talk to the HTTP rating API.
// A transport answers rate(n) with {ok, message, mine, readers_html} and may
// answer mine() with the reader's earlier rating.

function mountRating(root, transport) {
  if (!root || root.ekMounted) return null;
  root.ekMounted = true;
  const essay = root.getAttribute("data-ek-essay") || "";
  const key = `essaykit:rated:${essay}`;
  const form = root.querySelector(".ek-rating-widget__give");
  const buttons = Array.from(root.querySelectorAll(".ek-rate"));
  const readers = root.querySelector(".ek-rating-widget__readers-wrap");
  const message = root.querySelector(".ek-rating-widget__message");
  const scale = buttons.length;
  let mine = Number(root.getAttribute("data-ek-mine") || 0);
  let lit = 0;
  let pending = false;

  function paint() {
    const shown = lit || mine;
    buttons.forEach((b, i) => {
      const n = i + 1;
      b.classList.toggle("is-lit", n <= shown);
      b.setAttribute("aria-pressed", String(n === mine));
    });
  }
  function remember(n) {
    try { localStorage.setItem(key, String(n)); } catch (e) { /* not remembered */ }
  }
  function answered(answer) {
    pending = false;
    root.removeAttribute("aria-busy");
    if (answer && answer.mine) { mine = Number(answer.mine); remember(mine); }
    if (answer && answer.readers_html !== undefined) readers.innerHTML = answer.readers_html;
    message.textContent = String((answer && answer.message) || "");
    paint();
  }
  async function send(n) {
    if (pending) return;
    pending = true;
    root.setAttribute("aria-busy", "true");
    message.textContent = "Saving your rating…";
    let answer;
    try { answer = await transport.rate(n); } catch (e) { answer = null; }
    answered(answer || { ok: false, message: "No answer from the server; please try again." });
  }

  buttons.forEach((b, i) => {
    const n = i + 1;
    b.addEventListener("mouseenter", () => { lit = n; paint(); });
    b.addEventListener("focus", () => { lit = n; paint(); });
    b.addEventListener("mouseleave", () => { lit = 0; paint(); });
    b.addEventListener("blur", () => { lit = 0; paint(); });
  });
  if (form) {
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const n = Number((ev.submitter && ev.submitter.value) || 0);
      if (n >= 1 && n <= scale) send(n);
    });
  }
  if (!mine) {
    let saved = 0;
    try { saved = Number(localStorage.getItem(key) || 0); } catch (e) { saved = 0; }
    if (saved >= 1 && saved <= scale) { mine = saved; }
  }
  paint();
  if (transport.mine) {
    transport.mine().then((answer) => {
      if (answer && answer.ok) {
        if (answer.mine) { mine = Number(answer.mine); remember(mine); }
        if (answer.readers_html !== undefined) readers.innerHTML = answer.readers_html;
        if (mine && !message.textContent) message.textContent = `You rated this essay ${mine} of ${scale}.`;
        paint();
      }
    }, () => {});
  }
  if (transport.onChange) transport.onChange((state) => {
    if (state.mine) mine = Number(state.mine);
    if (state.readers_html !== undefined) readers.innerHTML = state.readers_html;
    if (!pending && state.message !== undefined) message.textContent = state.message;
    if (state.author_html !== undefined) {
      const author = root.querySelector(".ek-rating-widget__author-wrap");
      if (author) author.innerHTML = state.author_html;
    }
    paint();
  });
  return { root };
}

// --- transport 1: the HTTP rating API (live and static pages) --------------------------------

function httpRatingTransport(api, essay) {
  const base = api.replace(/\/?$/, "/");
  async function call(url, options) {
    let response;
    try {
      response = await fetch(url, { credentials: "include", ...options });
    } catch (e) {
      return { ok: false, message: "No answer from the server; please try again." };
    }
    let body = {};
    try { body = await response.json(); } catch (e) { body = {}; }
    return { ...body, ok: response.ok, message: body.notice || body.message || "" };
  }
  return {
    rate: (n) => call(`${base}api/ratings`, {
      method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ essay, value: n }),
    }),
    mine: () => call(`${base}api/ratings?${new URLSearchParams({ essay })}`, { cache: "no-cache" })
      .then((answer) => ({ ...answer, message: "" })),
  };
}

// --- transport 2: the kernel (the Rating widget) ------------------------------------------------

function kernelRatingTransport(model) {
  let waiting = null;
  model.on("msg:custom", (content) => {
    if (content && content.event === "result" && waiting) {
      const done = waiting;
      waiting = null;
      done({ ...content, mine: model.get("mine"), readers_html: model.get("readers_html") });
    }
  });
  return {
    rate: (n) => new Promise((ok) => { waiting = ok; model.send({ event: "rate", value: n, reader: readerId() }); }),
    onChange(cb) {
      const state = () => cb({ mine: model.get("mine"), readers_html: model.get("readers_html"),
                               author_html: model.get("author_html"), message: model.get("message") });
      for (const name of ["mine", "readers_html", "author_html", "message"]) model.on(`change:${name}`, state);
    },
  };
}

function render({ model, el }) {
  el.innerHTML = model.get("section_html");
  mountRating(el.querySelector("[data-ek-rating]"), kernelRatingTransport(model));
  // The kernel may have built this widget long before a reader arrived
  // (preheated kernels): ask for the current average.
  model.send({ event: "refresh" });
}

// Pages: every rating that names an API comes alive over HTTP.
function bootRatings() {
  for (const root of document.querySelectorAll("[data-ek-rating][data-ek-api]")) {
    const api = root.getAttribute("data-ek-api");
    if (api) mountRating(root, httpRatingTransport(api, root.getAttribute("data-ek-essay")));
  }
}

export default { render };
