// essaykit comments: the reader's own comments (the own_comments macro's data-ek-yours block), edited and
// deleted in place. Without JavaScript its forms post to /api/comments/ID (live and static pages); with
// it, the transport acts: edit(id, body, signal), remove(id, signal), and mine(signal), which answers
// { ok, html }: the whole block drawn anew by the server for this reader. A block the server did not
// draw for this reader (data-ek-fetch: a static page, the widget) is fetched at once. A refusal keeps
// what the reader typed and says why. _frontend.py puts this file before comments.js, which mounts it.
function mountYours(root, transport, { changed = async () => {} } = {}) {
  if (!transport.mine) return { reload: async () => {} };
  const slot = () => root.querySelector("[data-ek-yours]");
  function tell(text) {
    const line = slot() && slot().querySelector(".ek-yours__status");
    if (line) line.textContent = text;
  }
  async function reload(text = "") {
    let answer;
    try { answer = await transport.mine(answerSignal(root)); } catch (e) { answer = null; }
    const block = slot();
    if (block && answer && answer.ok && typeof answer.html === "string") block.replaceWith(fragment(answer.html));
    tell(text);
  }
  root.addEventListener("submit", async (ev) => {
    const form = ev.target.closest && ev.target.closest("form[data-ek-own]");
    if (!form || !slot() || !slot().contains(form)) return;
    ev.preventDefault();
    const id = form.getAttribute("data-ek-own");
    const box = form.querySelector('textarea[name="body"]');
    const buttons = Array.from(form.querySelectorAll("button"));
    for (const b of buttons) b.disabled = true;
    let answer;
    try {
      answer = await (box ? transport.edit(id, box.value, answerSignal(root)) : transport.remove(id, answerSignal(root)));
    } catch (e) { answer = null; }
    for (const b of buttons) b.disabled = false;
    if (!answer || !answer.ok) {
      tell((answer && answer.message) || say(root, "no_answer"));
      return;
    }
    await changed(answer);
    await reload(String(answer.notice || ""));
  });
  const block = slot();
  if (block && block.hasAttribute("data-ek-fetch")) reload();
  return { reload };
}

// The own-comment calls over the comment API: call(url, options) is the HTTP transport's, which sends
// credentials to the configured API (base) and nowhere else.
function ownOverHttp(call, base, essay) {
  const at = (id) => `${base}api/comments/${encodeURIComponent(id)}`;
  const json = { "Content-Type": "application/json", Accept: "application/json" };
  return {
    edit: (id, body, signal) => call(at(id), { method: "PATCH", headers: json, body: JSON.stringify({ body }), signal }),
    remove: (id, signal) => call(at(id), { method: "DELETE", headers: { Accept: "application/json" }, signal }),
    mine: (signal) => call(`${base}api/comments/mine?${new URLSearchParams({ essay })}`,
      { headers: { Accept: "application/json" }, cache: "no-store", signal }),
  };
}

// The same over the kernel (the CommentSection's _mine, _edit, _delete commands), as this browser's reader.
function ownOverKernel(ask) {
  return {
    edit: (id, body, signal) => ask("_edit", { reader: readerId(), id, body }, signal),
    remove: (id, signal) => ask("_delete", { reader: readerId(), id }, signal),
    mine: (signal) => ask("_mine", { reader: readerId() }, signal),
  };
}
