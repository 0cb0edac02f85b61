// Shared by essaykit's anywidget front ends; _frontend.esm() prepends it to each widget's ESM.
const READER_KEY = "essaykit:reader";

function readerId() {
  // A random id kept in this browser, so a reload is still the same reader.
  // crypto.randomUUID needs a secure context; getRandomValues does not.
  let id = null;
  try { id = localStorage.getItem(READER_KEY); } catch (e) { /* storage disabled */ }
  if (!id || !/^[A-Za-z0-9-]{16,64}$/.test(id)) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    id = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    try { localStorage.setItem(READER_KEY, id); } catch (e) { /* keep it for this page only */ }
  }
  return id;
}

function element(tag, className, attrs = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

// Reader-facing words live in the markup (the vocabulary's data-ek-say-* attributes), never here:
// say(root, "show_more", { n: 3 }) fills the {n} in the attribute data-ek-say-show-more.
function say(root, key, values = {}) {
  const text = root.getAttribute(`data-ek-say-${key.replace(/_/g, "-")}`) || "";
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// Gives up waiting for an answer (the kernel's or the API's) after the markup's data-ek-wait seconds.
function answerSignal(root) {
  const seconds = Number(root.getAttribute("data-ek-wait"));
  return seconds > 0 ? AbortSignal.timeout(seconds * 1000) : undefined;
}
