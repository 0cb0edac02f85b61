// essaykit comments: the thread's transports, the one front end's ways to reach comments. httpTransport
// speaks the comment API (live and static pages), kernelTransport the CommentSection widget's kernel, and
// servedTransport both at once (the widget under essaykit serve). Each answers the same calls (post, more,
// latest, loaded, edit, remove, mine) with { ok, ... }. _frontend.py puts this file before comments.js.

// --- transport 1: the HTTP comment API (live and static pages) ---------------------------

function httpTransport(root, api, essay, { perPage = 50 } = {}) {
  const base = api.replace(/\/?$/, "/");
  const credentials = "include";
  async function call(url, options) {
    let response;
    try {
      response = await fetch(url, { credentials, ...options });
    } catch (e) {
      return null;  // no answer (or none in time): the caller says so
    }
    let body = {};
    try { body = await response.json(); } catch (e) { body = {}; }
    if (!response.ok) {
      return { ok: false, message: body.message || say(root, "server_said", { status: response.status }),
               problems: body.errors || [] };
    }
    return { ok: true, ...body };
  }
  function page(query, signal) {
    const params = new URLSearchParams({ essay, per_page: String(perPage), ...query });
    return call(`${base}api/comments?${params}`, { headers: { Accept: "application/json" }, cache: "no-cache", signal });
  }
  return {
    post: (fields, signal) => call(`${base}api/comments`, {
      method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(fields), signal,
    }),
    async more(cursor, signal) {
      const found = await page(cursor ? { after: cursor } : { page: "1" }, signal);
      return found && found.ok ? { ok: true, html: found.html, next: found.next, total: found.total } : found;
    },
    async loaded() {
      const params = new URLSearchParams({ essay });
      const found = await call(`${base}api/comments/timing?${params}`, { headers: { Accept: "application/json" } });
      return found && found.ok ? found.loaded : null;
    },
    async latest() {
      const found = await page({ page: "1" });
      return found && found.ok
        ? { ok: true, html: found.html, total: found.total, loaded: found.items.length, next: found.next } : found;
    },
    ...ownOverHttp(call, base, essay),
  };
}

// --- transport 2: the kernel (the CommentSection widget) --------------------------------------

function kernelTransport(model, invoke) {
  const listeners = [];
  // A kernel that never answers (busy, stopped, gone) rejects at the signal.
  async function ask(command, message, signal) {
    return (await invoke(command, message, { signal }))[0];
  }
  function thread() {
    return { html: model.get("thread_html"), total: model.get("total"), loaded: model.get("loaded"), next: null };
  }
  model.on("change:thread_html", () => listeners.forEach((cb) => cb(thread())));
  return {
    post: (fields, signal) => ask("_post", { reader: readerId(), ...fields }, signal),
    async more(_cursor, signal) {
      // The kernel answers with the next page only (found by key), for the view to append.
      const answer = await ask("_more", {}, signal);
      if (answer.ok === false) return answer;
      return { ok: true, html: answer.html, next: answer.next, total: answer.total };
    },
    latest: null,
    loaded: null,
    ...ownOverKernel(ask),
    // The kernel signs a new load time each time a view shows the widget (a preheated kernel built it earlier).
    onLoaded: (cb) => model.on("change:load_token", () => cb(model.get("load_token"))),
    onThread: (cb) => listeners.push(cb),
    onNote: (cb) => {
      const draw = () => cb(model.get("message"), model.get("available"));
      model.on("change:message", draw);
      model.on("change:available", draw);
      draw();
    },
  };
}

// essaykit serve: the base URL of the page's own comment API (its live config), when the page is about `essay`.
function servedApi(essay) {
  try {
    const config = JSON.parse(document.getElementById("ek-live-config").textContent);
    return config.essay === essay && typeof config.base === "string" ? config.base : "";
  } catch (e) { return ""; }
}

// The widget under essaykit serve (posts_to_api): the kernel draws the thread, the page posts through the
// comment API, because only an HTTP answer can rotate the reader's session cookie as the comment is stored
// (a kernel cannot set it; a session planted in the browser then owns nothing the reader posts).
function servedTransport(root, model, invoke, api) {
  const kernel = kernelTransport(model, invoke);
  const http = httpTransport(root, api, model.get("essay"));
  return {
    ...kernel,
    async post(fields, signal) {
      const answer = await http.post(fields, signal);
      if (answer && answer.ok && answer.status === "approved") model.send({ event: "posted", id: answer.id });
      return answer;
    },
    // The cookie owns the reader's comments, so they are edited through the API too; the kernel redraws.
    edit: http.edit,
    remove: http.remove,
    mine: http.mine,
    changed: () => model.send({ event: "changed" }),
  };
}
