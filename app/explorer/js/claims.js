// The claims list: every filter of GET /claims, paginated, downloadable as CSV or JSON.
import { get, request, withQuery } from "./api.js";
import { download, entityLink, errorView, h, href, plural, readerHref, show, speakerCell } from "./ui.js";

// The API's kinds and cue classes (extract/schema.py ClaimKind, CueClass; a test keeps them equal).
export const KINDS = ["direct", "indirect", "mixed", "according_to"];
export const CUE_CLASSES = [
  "accuse", "add", "admit", "agree", "announce", "ask", "assert", "claim", "confirm", "criticise",
  "deny", "explain", "insist", "praise", "predict", "promise", "reveal", "suggest", "warn",
];
const FILTERS = ["speaker", "about", "addressee", "kind", "cue_class", "since", "until", "source", "outlet", "q"];
const PAGE_SIZES = [25, 50, 100, 500, 1000];

function text(name, label, value, extra = {}) {
  return h("label", {}, label, h("input", { name, value: value || "", ...extra }));
}

function choice(name, label, value, values) {
  return h(
    "label",
    {},
    label,
    h("select", { name }, h("option", { value: "" }, "any"), values.map((v) => h("option", { value: v, selected: v === value }, v.replace("_", " ")))),
  );
}

export function pager(count, offset, limit, target) {
  if (!count) return null;
  const last = Math.min(offset + limit, count);
  return h(
    "nav",
    { class: "pager", "aria-label": "Pages" },
    offset > 0 ? h("a", { href: target(Math.max(0, offset - limit)), rel: "prev" }, "Previous") : null,
    h("span", {}, `${offset + 1}–${last} of ${count.toLocaleString("en")}`),
    last < count ? h("a", { href: target(offset + limit), rel: "next" }, "Next") : null,
  );
}

export async function claimsView(params) {
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) || ""]));
  const limit = Number(params.get("limit")) || 50;
  const offset = Number(params.get("offset")) || 0;
  const query = { ...filters, limit, offset };
  const form = h(
    "form",
    { class: "filters", id: "claim-filters", "aria-label": "Filter claims" },
    text("speaker", "Speaker", filters.speaker, { placeholder: "name or id" }),
    text("about", "About", filters.about, { placeholder: "name or id" }),
    text("addressee", "Said to", filters.addressee, { placeholder: "name or id" }),
    choice("kind", "Kind", filters.kind, KINDS),
    choice("cue_class", "Cue class", filters.cue_class, CUE_CLASSES),
    text("since", "From", filters.since, { type: "date" }),
    text("until", "To", filters.until, { type: "date" }),
    text("source", "Source URL", filters.source),
    text("outlet", "Outlet", filters.outlet),
    text("q", "Words", filters.q),
    choice("limit", "Per page", String(limit), PAGE_SIZES.map(String)),
    h("button", { type: "submit" }, "Apply filters"),
  );
  form.querySelector("select[name=limit] option[value='']").remove();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => v !== ""));
    location.hash = href("/claims", chosen);
  });
  let results;
  try {
    const page = await get("/claims", query);
    results = [
      h(
        "div",
        { class: "toolbar" },
        h("p", { id: "claims-count" }, `${plural(page.count, "claim")}`),
        h("button", { type: "button", class: "secondary", onclick: () => save(query, "csv") }, "Download CSV"),
        h("button", { type: "button", class: "secondary", onclick: () => save(query, "json") }, "Download JSON"),
      ),
      claimTable(page.data),
      pager(page.count, offset, limit, (next) => href("/claims", { ...filters, limit: limit === 50 ? "" : limit, offset: next })),
    ];
  } catch (error) {
    results = [errorView(error)];
  }
  show("Claims", h("h1", {}, "Claims"), form, h("section", { "aria-label": "Results", id: "claims-results" }, results));
}

async function save(query, format) {
  const response = await request(withQuery("/claims", { ...query, format }), { raw: true });
  const blob = await response.blob();
  download(blob, `claims.${format}`);
}

export function claimTable(claims) {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "responsive claims" },
      h("caption", { class: "visually-hidden" }, "Claims"),
      h("thead", {}, h("tr", {}, ["Speaker", "Cue", "Claim", "Article", "Date"].map((t) => h("th", { scope: "col" }, t)))),
      h(
        "tbody",
        {},
        claims.map((claim) =>
          h(
            "tr",
            { dataset: { claim: claim.id } },
            h("td", { "data-label": "Speaker" }, speakerCell(claim)),
            h("td", { "data-label": "Cue" }, claim.cue || "", claim.cue_class ? h("span", { class: "meta" }, ` (${claim.cue_class})`) : null),
            h(
              "td",
              { "data-label": "Claim" },
              h("a", { href: readerHref(claim), class: "claim-link" }, claim.text),
              claim.addressee ? h("span", { class: "meta" }, [" — to ", entityLink(claim.addressee)]) : null,
            ),
            h("td", { "data-label": "Article" }, claim.article?.title || claim.article_id),
            h("td", { "data-label": "Date" }, claim.article?.published || "undated"),
          ),
        ),
      ),
    ),
  );
}
