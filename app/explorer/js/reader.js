// The reader: an article's text with a claim's exact words highlighted by their offsets (every
// place the claim appears), its speaker's mentions and the entities it is about marked, all the
// article's claims beside it, and a citation to copy.
import { enc, get } from "./api.js";
import { announce, entityLink, h, href, show, speakerCell } from "./ui.js";

export async function readerView(articleId, params) {
  const article = await get(`/articles/${enc(articleId)}`);
  const claim = article.claims.find((c) => c.id === params.get("claim")) || null;
  const title = article.title || article.id;
  show(
    claim ? `Claim in ${title}` : title,
    h("h1", {}, title),
    h("p", { class: "meta" }, [article.published || "undated", article.outlet, article.byline ? `by ${article.byline}` : null, article.source].filter(Boolean).join(" · ")),
    h(
      "div",
      { class: "reader" },
      h(
        "article",
        { "aria-label": "Article text" },
        claim ? claimSummary(claim, article) : h("p", {}, "Choose a claim beside the text to highlight it."),
        claim ? key() : null,
        h("div", { class: "article-text", id: "article-text" }, marked(article, claim)),
      ),
      h(
        "aside",
        { "aria-labelledby": "article-claims" },
        h("h2", { id: "article-claims" }, `Claims in this article (${article.claims.length})`),
        h(
          "ol",
          { class: "claim-list" },
          article.claims.map((c) =>
            h(
              "li",
              { "aria-current": c.id === claim?.id ? "true" : null },
              speakerCell(c),
              ` ${c.cue || ""}: `,
              h("a", { href: href(`/read/${enc(article.id)}`, { claim: c.id }) }, `“${c.text}”`),
            ),
          ),
        ),
      ),
    ),
  );
  const first = document.querySelector("mark.claim.current");
  if (first) first.scrollIntoView({ block: "center" });
}

function key() {
  return h(
    "p",
    { class: "legend-key", "aria-label": "Marks in the text" },
    h("mark", { class: "claim" }, "the claim"),
    h("span", { class: "mention-speaker" }, "its speaker"),
    h("span", { class: "mention-about" }, "what it is about"),
  );
}

function claimSummary(claim, article) {
  const citation = citationText(claim, article);
  const box = h("textarea", { class: "citation", id: "citation", readonly: true, "aria-label": "Citation" }, citation);
  return h(
    "section",
    { class: "card", "aria-labelledby": "claim-heading" },
    h("h2", { id: "claim-heading" }, "The claim"),
    h("p", {}, speakerCell(claim), ` ${claim.cue || "—"}`, claim.cue_class ? ` (${claim.cue_class})` : "", `, ${claim.kind.replace("_", " ")}`, claim.addressee ? [", to ", entityLink(claim.addressee)] : null),
    claim.about.length ? h("p", {}, "About: ", claim.about.map((ref, i) => [i ? ", " : "", entityLink(ref)])) : null,
    h("p", { class: "meta" }, `Characters ${claim.start_char}–${claim.end_char}; confidence ${claim.confidence.toFixed(2)}; appears ${claim.occurrences.length || 1} time(s)`),
    h("div", { class: "toolbar" }, h("button", { type: "button", id: "copy-citation", onclick: () => copy(box) }, "Copy citation")),
    box,
  );
}

export function citationText(claim, article) {
  const speaker = claim.speaker ? claim.speaker.name : `${claim.speaker_text || "unnamed source"} (unnamed source)`;
  const parts = [
    `“${claim.text}”`,
    `— ${speaker}${claim.cue ? `, ${claim.cue}` : ""}.`,
    `“${article.title || article.id}”${article.outlet ? `, ${article.outlet}` : ""}, ${article.published || "undated"}.`,
    article.source ? `${article.source}.` : null,
    `Characters ${claim.start_char}–${claim.end_char} of article ${article.id}.`,
  ];
  return parts.filter(Boolean).join(" ");
}

async function copy(box) {
  box.select();
  try {
    await navigator.clipboard.writeText(box.value);
    announce("Citation copied");
  } catch {
    // No clipboard permission (an embedded or insecure page): the text is selected to copy.
    announce("Citation selected: press Ctrl+C to copy");
  }
}

/** The article text split at every mark: the claim's occurrences (the one cited first), and
 * inside and around them the speaker's mentions and the mentions of what it is about. */
function marked(article, claim) {
  const text = article.text;
  if (!claim) return text;
  const occurrences = claim.occurrences.length
    ? claim.occurrences.map((o) => [o.start_char, o.end_char])
    : [[claim.start_char, claim.end_char]];
  if (!occurrences.some(([s, e]) => s === claim.start_char && e === claim.end_char)) {
    occurrences.push([claim.start_char, claim.end_char]);
  }
  occurrences.sort((a, b) => a[0] - b[0]);
  const mentions = mentionSpans(article, claim);
  const nodes = [];
  let at = 0;
  for (const [start, end] of occurrences) {
    if (start < at) continue; // overlapping repeats: the first one stands
    nodes.push(...withMentions(text, at, start, mentions));
    const current = start === claim.start_char && end === claim.end_char;
    nodes.push(
      h(
        "mark",
        {
          class: current ? "claim current" : "claim other",
          tabindex: current ? "-1" : null,
          "data-autofocus": current ? true : null,
          dataset: { start: String(start), end: String(end) },
        },
        withMentions(text, start, end, mentions),
      ),
    );
    at = end;
  }
  nodes.push(...withMentions(text, at, text.length, mentions));
  return nodes;
}

function mentionSpans(article, claim) {
  const spans = [];
  const add = (id, role) => {
    const entity = article.entities.find((e) => e.id === id);
    for (const span of entity?.spans || []) spans.push({ start: span.start_char, end: span.end_char, role, id });
  };
  if (claim.speaker) add(claim.speaker.id, "speaker");
  for (const ref of claim.about) if (ref.id !== claim.speaker?.id) add(ref.id, "about");
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = [];
  for (const span of spans) if (!kept.length || span.start >= kept[kept.length - 1].end) kept.push(span);
  return kept;
}

function withMentions(text, from, to, mentions) {
  const nodes = [];
  let at = from;
  for (const span of mentions) {
    const start = Math.max(span.start, from);
    const end = Math.min(span.end, to);
    if (end <= start || start < at) continue;
    if (start > at) nodes.push(text.slice(at, start));
    const label = span.role === "speaker" ? "speaker" : "about";
    nodes.push(h("span", { class: `mention-${label}`, title: `${label}: ${text.slice(span.start, span.end)}`, dataset: { entity: span.id } }, text.slice(start, end)));
    at = end;
  }
  if (to > at) nodes.push(text.slice(at, to));
  return nodes;
}
