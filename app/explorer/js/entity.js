// An entity's page: who it is, what it said and what was said about it (counted by cue
// class), who talked about it, when (a timeline by article date) and in which articles.
import { enc, get } from "./api.js";
import { entityLink, h, href, plural, readerHref, show, speakerCell } from "./ui.js";

const FIRST_CLAIMS = 10;

async function timeline(id, role) {
  try {
    return await get(`/entities/${enc(id)}/timeline`, { role, interval: "month" });
  } catch (error) {
    if (error.status !== 422) throw error;
    return get(`/entities/${enc(id)}/timeline`, { role, interval: "year" }); // years of news
  }
}

export async function entityView(id) {
  const entity = await get(`/entities/${enc(id)}`);
  const [said, about, saidLine, aboutLine, speakers, articles] = await Promise.all([
    get(`/entities/${enc(entity.id)}/said`, { limit: FIRST_CLAIMS }),
    get(`/entities/${enc(entity.id)}/mentioned`, { limit: FIRST_CLAIMS }),
    timeline(entity.id, "speaker"),
    timeline(entity.id, "about"),
    get("/speakers", { about: entity.id, limit: 20 }),
    get(`/entities/${enc(entity.id)}/articles`, { limit: 50 }),
  ]);
  show(
    entity.name,
    h("h1", {}, entity.name, " ", h("span", { class: "kind" }, entity.type)),
    identity(entity),
    h(
      "p",
      { class: "toolbar" },
      h("a", { href: href("/claims", { speaker: entity.id }) }, `All ${plural(said.count, "claim")} by ${entity.name}`),
      h("a", { href: href("/claims", { about: entity.id }) }, `All ${plural(about.count, "claim")} about ${entity.name}`),
      h("a", { href: href(`/graph/${enc(entity.id)}`) }, "Graph of its neighbourhood"),
    ),
    h(
      "div",
      { class: "grid" },
      claimsCard("said", `Said by ${entity.name}`, said, saidLine, { speaker: entity.id }),
      claimsCard("about", `About ${entity.name}`, about, aboutLine, { about: entity.id }),
    ),
    h(
      "div",
      { class: "grid" },
      speakersCard(entity, speakers),
      timelineCard(saidLine, aboutLine),
    ),
    articlesCard(entity, articles),
  );
}

function identity(entity) {
  const rows = [
    ["Aliases", entity.aliases.length ? entity.aliases.join(", ") : "none"],
    ["Roles", entity.roles.length ? entity.roles.join(", ") : "none recorded"],
    [
      "Affiliations",
      entity.affiliations.length
        ? entity.affiliations.map((a, i) => [i ? ", " : "", entityLink(a.organization), a.role ? ` (${a.role})` : ""])
        : "none recorded",
    ],
    ["Mentions", `${plural(entity.mentions, "mention")} in ${plural(entity.articles.length, "article")}`],
    ["Seen", entity.first_seen ? `${entity.first_seen} to ${entity.last_seen}` : "no dated article"],
  ];
  return h("dl", { class: "identity" }, rows.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]));
}

function claimsCard(id, title, page, line, filter) {
  const cues = Object.entries(line.cue_classes || {});
  return h(
    "section",
    { class: "card", "aria-labelledby": `entity-${id}` },
    h("h2", { id: `entity-${id}` }, `${title} (${page.count})`),
    cues.length
      ? h(
          "ul",
          { class: "counts", "aria-label": "Claims by cue class" },
          cues.map(([cue, count]) =>
            h("li", {}, h("a", { href: href("/claims", { ...filter, cue_class: cue === "unclassified" ? null : cue }), dataset: { cue } }, `${cue} ${count}`)),
          ),
        )
      : null,
    page.data.length
      ? h(
          "ul",
          { class: "claim-list" },
          page.data.map((claim) =>
            h(
              "li",
              {},
              speakerCell(claim),
              ` ${claim.cue || ""}: `,
              h("a", { href: readerHref(claim) }, `“${claim.text}”`),
              h("span", { class: "meta" }, ` · ${claim.article?.published || "undated"}`),
            ),
          ),
        )
      : h("p", {}, "None."),
  );
}

function speakersCard(entity, speakers) {
  return h(
    "section",
    { class: "card", "aria-labelledby": "entity-speakers" },
    h("h2", { id: "entity-speakers" }, `Who talked about ${entity.name}`),
    speakers.data.length
      ? h(
          "ol",
          { class: "speakers" },
          speakers.data.map((s) =>
            h("li", {}, entityLink(s.entity), " ", h("a", { href: href("/claims", { speaker: s.entity.id, about: entity.id }) }, plural(s.claims, "claim"))),
          ),
        )
      : h("p", {}, "No named speaker yet."),
  );
}

function timelineCard(saidLine, aboutLine) {
  const periods = new Map();
  for (const [role, line] of [["said", saidLine], ["about", aboutLine]]) {
    for (const bucket of line.buckets) {
      const row = periods.get(bucket.period) || { said: 0, about: 0 };
      row[role] = bucket.claims;
      periods.set(bucket.period, row);
    }
  }
  const rows = [...periods.entries()].sort(([a], [b]) => a.localeCompare(b)).filter(([, r]) => r.said || r.about);
  const most = Math.max(1, ...rows.map(([, r]) => Math.max(r.said, r.about)));
  const bar = (count) => {
    const element = h("span", { class: "bar", "aria-hidden": "true" });
    element.style.width = `${(6 * count) / most}rem`;
    return [element, ` ${count}`];
  };
  const undated = saidLine.undated + aboutLine.undated;
  return h(
    "section",
    { class: "card", "aria-labelledby": "entity-timeline" },
    h("h2", { id: "entity-timeline" }, "Timeline by article date"),
    rows.length
      ? h(
          "table",
          { class: "timeline" },
          h("caption", { class: "visually-hidden" }, "Claims per period"),
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Period"), h("th", { scope: "col" }, "Said"), h("th", { scope: "col" }, "About"))),
          h("tbody", {}, rows.map(([period, r]) => h("tr", {}, h("th", { scope: "row" }, period), h("td", {}, bar(r.said)), h("td", {}, bar(r.about))))),
        )
      : h("p", {}, "No dated claims."),
    undated ? h("p", { class: "meta" }, `${plural(undated, "claim")} from undated articles.`) : null,
  );
}

function articlesCard(entity, articles) {
  return h(
    "section",
    { class: "card", "aria-labelledby": "entity-articles" },
    h("h2", { id: "entity-articles" }, `Articles naming ${entity.name} (${articles.count})`),
    h(
      "ul",
      {},
      articles.data.map((a) =>
        h("li", {}, h("a", { href: href(`/read/${enc(a.id)}`) }, a.title || a.id), h("span", { class: "meta" }, ` ${a.published || "undated"}${a.outlet ? ` · ${a.outlet}` : ""}`)),
      ),
    ),
  );
}
