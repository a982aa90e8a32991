// DOM helpers: every text from the API goes in as text, never as HTML.

export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "class") {
      element.className = value;
    } else if (name === "dataset") {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function main() {
  return document.getElementById("main");
}

/** Replace the main region with a view; the title and the heading name the view. */
export function show(title, ...children) {
  const region = main();
  region.replaceChildren(...children.flat().filter(Boolean));
  document.title = `${title} · claimgraph explorer`;
  return region;
}

export function announce(message) {
  const status = document.getElementById("status");
  status.textContent = message;
  clearTimeout(announce.timer);
  announce.timer = setTimeout(() => (status.textContent = ""), 4000);
}

export function href(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(name, value);
  }
  const text = query.toString();
  return `#${path}${text ? `?${text}` : ""}`;
}

export function entityLink(ref) {
  return h("a", { href: href(`/entity/${encodeURIComponent(ref.id)}`) }, ref.name);
}

export function speakerCell(claim) {
  if (claim.speaker) return entityLink(claim.speaker);
  return h("span", { class: "unnamed" }, claim.speaker_text || "no speaker named", h("span", { class: "meta" }, " (unnamed source)"));
}

export function readerHref(claim) {
  return href(`/read/${encodeURIComponent(claim.article_id)}`, { claim: claim.id });
}

export function errorView(error) {
  return h("p", { class: "error", role: "alert" }, `Could not load: ${error.message}`);
}

export function plural(count, word) {
  return `${count.toLocaleString("en")} ${word}${count === 1 ? "" : "s"}`;
}

/** Save `blob` as a file named `name` (a download the browser offers). */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: name, class: "visually-hidden" }, name);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
