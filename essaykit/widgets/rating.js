// essaykit ratings: the one front end of the star buttons.
//
// The markup comes from the server (the rating_widget macro of essaykit's HTML
// vocabulary); without JavaScript it is a plain form whose star buttons post
// to the rating API. This module makes it answer in place, lights the stars
// under the pointer or focus, and shows the reader's own rating.
//
// One module, two transports:
//   - the Rating widget asks its kernel (anywidget's invoke of the "_rate" command);
//   - the live and static pages talk to the HTTP rating API.
// A transport answers rate(n, signal) with {ok, message, mine, readers_html} and
// may answer mine() with the reader's earlier rating. Both give up when the
// signal (data-ek-wait seconds) fires; the reader is told and may try again.
// Every word shown comes from the markup (data-ek-say-*, see say()).

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
  function waiting(on) {
    pending = on;
    // Not `disabled`: that would take the keyboard focus off the star the reader pressed.
    for (const node of [root, ...buttons]) {
      const name = node === root ? "aria-busy" : "aria-disabled";
      if (on) node.setAttribute(name, "true"); else node.removeAttribute(name);
    }
  }
  function answered(answer) {
    waiting(false);
    if (answer && answer.mine) { mine = Number(answer.mine); remember(mine); }
    if (answer && answer.readers_html !== undefined) readers.innerHTML = answer.readers_html;
    message.textContent = String((answer && answer.message) || "");
    paint();
  }
  async function send(n) {
    if (pending) return;
    waiting(true);
    message.textContent = say(root, "saving_rating");
    let answer;
    try { answer = await transport.rate(n, answerSignal(root)); } catch (e) { answer = null; }
    answered(answer || { ok: false, message: say(root, "no_answer_rating") });
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
        if (mine && !message.textContent) message.textContent = say(root, "you_rated", { mine, scale });
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
      return null;  // no answer (or none in time): the caller says so
    }
    let body = {};
    try { body = await response.json(); } catch (e) { body = {}; }
    return { ...body, ok: response.ok, message: body.notice || body.message || "" };
  }
  return {
    rate: (n, signal) => call(`${base}api/ratings`, {
      method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ essay, value: n }), signal,
    }),
    mine: () => call(`${base}api/ratings?${new URLSearchParams({ essay })}`, { cache: "no-cache" })
      .then((answer) => answer && ({ ...answer, message: "" })),
  };
}

// --- transport 2: the kernel (the Rating widget) ------------------------------------------------

function kernelRatingTransport(model, invoke) {
  return {
    // A kernel that never answers (busy, stopped, gone) rejects at the signal.
    rate: async (n, signal) => (await invoke("_rate", { value: n, reader: readerId() }, { signal }))[0],
    onChange(cb) {
      const state = () => cb({ mine: model.get("mine"), readers_html: model.get("readers_html"),
                               author_html: model.get("author_html"), message: model.get("message") });
      for (const name of ["mine", "readers_html", "author_html", "message"]) model.on(`change:${name}`, state);
    },
  };
}

function render({ model, el, experimental }) {
  el.innerHTML = model.get("section_html");
  mountRating(el.querySelector("[data-ek-rating]"), kernelRatingTransport(model, experimental.invoke));
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
