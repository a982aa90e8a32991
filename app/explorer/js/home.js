// The start page, the full search results and the list of articles.
import { get } from "./api.js";
import { entityLink, h, href, plural, readerHref, show, speakerCell } from "./ui.js";
import { pager } from "./claims.js";

export async function homeView() {
  const [health, entities, articles] = await Promise.all([
    get("/health"),
    get("/entities", { limit: 12 }),
    get("/articles", { limit: 10 }),
  ]);
  const counts = health.counts || {};
  show(
    "Home",
    h("h1", {}, "Who said what, to whom, about whom"),
    h(
      "p",
      { class: "meta" },
      `${plural(counts.articles || 0, "article")}, ${plural(counts.entities || 0, "entity")} and ${plural(counts.claims || 0, "claim")}. `,
      "Search a name or words of a claim above, or start from the most mentioned.",
    ),
    h(
      "div",
      { class: "grid" },
      h(
        "section",
        { class: "card", "aria-labelledby": "home-entities" },
        h("h2", { id: "home-entities" }, "Most mentioned"),
        h("ul", {}, entities.data.map((e) => h("li", {}, entityLink(e), " ", h("span", { class: "kind" }, e.type), h("span", { class: "meta" }, ` ${plural(e.mentions, "mention")}`)))),
      ),
      h(
        "section",
        { class: "card", "aria-labelledby": "home-articles" },
        h("h2", { id: "home-articles" }, "Articles"),
        h("ul", {}, articles.data.map(articleItem)),
        h("p", {}, h("a", { href: href("/articles") }, `All ${plural(articles.count, "article")}`)),
      ),
    ),
  );
}

function articleItem(article) {
  return h(
    "li",
    {},
    h("a", { href: href(`/read/${encodeURIComponent(article.id)}`) }, article.title || article.id),
    h("span", { class: "meta" }, ` ${article.published || "undated"}${article.claims !== undefined ? ` · ${plural(article.claims, "claim")}` : ""}`),
  );
}

export async function searchView(params) {
  const q = params.get("q") || "";
  const [entities, claims] = await Promise.all([
    get("/entities", { q, limit: 50 }),
    get("/claims", { q, limit: 20 }),
  ]);
  document.getElementById("search-input").value = q;
  show(
    `Search: ${q}`,
    h("h1", {}, `Results for “${q}”`),
    h("h2", {}, `People, organisations and places (${entities.count})`),
    entities.data.length
      ? h("ul", { class: "search-entities" }, entities.data.map((e) => h("li", {}, entityLink(e), " ", h("span", { class: "kind" }, e.type), e.aliases.length ? h("span", { class: "meta" }, ` also ${e.aliases.join(", ")}`) : null)))
      : h("p", {}, "No entity by that name or alias."),
    h("h2", {}, `Claims with these words (${claims.count})`),
    claims.data.length
      ? h(
          "ul",
          { class: "claim-list" },
          claims.data.map((c) => h("li", {}, speakerCell(c), ` ${c.cue || ""}: `, h("a", { href: readerHref(c) }, `“${c.text}”`))),
        )
      : h("p", {}, "No claim has these words."),
    claims.count > claims.data.length ? h("p", {}, h("a", { href: href("/claims", { q }) }, `All ${plural(claims.count, "claim")} with these words`)) : null,
  );
}

export async function articlesView(params) {
  const offset = Number(params.get("offset") || 0);
  const limit = 50;
  const page = await get("/articles", { limit, offset });
  show(
    "Articles",
    h("h1", {}, "Articles"),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "responsive" },
        h("caption", { class: "visually-hidden" }, "Stored articles"),
        h("thead", {}, h("tr", {}, ["Title", "Published", "Source", "Claims", "Entities"].map((t) => h("th", { scope: "col" }, t)))),
        h(
          "tbody",
          {},
          page.data.map((a) =>
            h(
              "tr",
              {},
              h("td", { "data-label": "Title" }, h("a", { href: href(`/read/${encodeURIComponent(a.id)}`) }, a.title || a.id)),
              h("td", { "data-label": "Published" }, a.published || "undated"),
              h("td", { "data-label": "Source" }, a.source || ""),
              h("td", { "data-label": "Claims" }, String(a.claims)),
              h("td", { "data-label": "Entities" }, String(a.entities)),
            ),
          ),
        ),
      ),
    ),
    pager(page.count, offset, limit, (next) => href("/articles", { offset: next })),
  );
}
