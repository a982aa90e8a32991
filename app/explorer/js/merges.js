// Merge review: the entities taken for one across articles and the proposals waiting for a
// person, each with its evidence; undo, accept, reject, or merge two by hand. Writes ask for
// the server's write key when it has one (kept for this tab only).
import { enc, get, request } from "./api.js";
import { announce, entityLink, h, href, show } from "./ui.js";
import { pager } from "./claims.js";

const STATUSES = ["applied", "proposed", "rejected", "undone"];

export async function mergesView(params) {
  const status = params.get("status") || "";
  const offset = Number(params.get("offset")) || 0;
  const limit = 50;
  const page = await get("/merges", { status, limit, offset });
  const filter = h(
    "nav",
    { class: "toolbar", "aria-label": "Merge status" },
    ["", ...STATUSES].map((s) => h("a", { href: href("/merges", { status: s }), "aria-current": s === status ? "page" : null }, s || "all")),
  );
  show(
    "Merges",
    h("h1", {}, "Merges and proposals"),
    h("p", { class: "meta" }, "A wrong merge puts one person's words in another's mouth: check the evidence, and undo what is wrong."),
    filter,
    page.data.length ? mergeTable(page.data) : h("p", {}, "No merges here."),
    pager(page.count, offset, limit, (next) => href("/merges", { status, offset: next })),
    handMergeForm(),
  );
}

function mergeTable(merges) {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "responsive merges" },
      h("caption", { class: "visually-hidden" }, "Merges"),
      h("thead", {}, h("tr", {}, ["Kept", "Merged into it", "Status", "Why", "Decision"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, merges.map(mergeRow)),
    ),
  );
}

function mergeRow(merge) {
  const actions = [];
  const act = (label, method, path) =>
    h("button", { type: "button", class: "secondary", onclick: () => decide(method, path, label), "aria-label": `${label}: ${merge.merged.name} into ${merge.kept.name}` }, label);
  if (merge.status === "applied") actions.push(act("Undo", "DELETE", `/merges/${enc(merge.id)}`));
  if (merge.status === "proposed") {
    actions.push(act("Accept", "POST", `/merges/${enc(merge.id)}/accept`));
    actions.push(act("Reject", "POST", `/merges/${enc(merge.id)}/reject`));
  }
  if (merge.status === "undone" || merge.status === "rejected") actions.push(act("Apply again", "POST", `/merges/${enc(merge.id)}/accept`));
  return h(
    "tr",
    { dataset: { merge: merge.id, status: merge.status } },
    h("td", { "data-label": "Kept" }, entityLink(merge.kept)),
    h("td", { "data-label": "Merged" }, merge.merged.name, h("span", { class: "meta" }, ` (${merge.merged.id})`)),
    h("td", { "data-label": "Status" }, merge.status, h("span", { class: "meta" }, ` · score ${merge.score.toFixed(2)}`)),
    h("td", { "data-label": "Why" }, merge.reason, merge.evidence.length ? h("ul", { class: "evidence" }, merge.evidence.map((e) => h("li", {}, e))) : null),
    h("td", { "data-label": "Decision" }, h("span", { class: "meta" }, `${merge.decided_by}${merge.decided_at ? `, ${merge.decided_at.slice(0, 10)}` : ""} `), actions),
  );
}

async function decide(method, path, label) {
  try {
    await request(method === "DELETE" ? `${path}?by=explorer` : path, { method, body: method === "POST" ? { by: "explorer" } : undefined });
    announce(`${label}: done`);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } catch (error) {
    announce(`${label} failed: ${error.message}`);
  }
}

function handMergeForm() {
  const message = h("p", { role: "alert", class: "error" });
  const form = h(
    "form",
    { class: "filters", id: "hand-merge", "aria-labelledby": "hand-merge-title" },
    h("label", {}, "Keep (name or id)", h("input", { name: "keep", required: true })),
    h("label", {}, "Merge into it (name or id)", h("input", { name: "merge", required: true })),
    h("label", {}, "Why (note)", h("input", { name: "note" })),
    h("button", { type: "submit" }, "Merge by hand"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    try {
      await request("/merges", { method: "POST", body: { keep: data.keep, merge: data.merge, note: data.note || null, by: "explorer" } });
      announce("Merged");
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    } catch (error) {
      message.textContent = error.message;
    }
  });
  return h("section", { "aria-labelledby": "hand-merge-title" }, h("h2", { id: "hand-merge-title" }, "Merge two entities by hand"), form, message);
}
