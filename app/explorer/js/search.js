// The search box: type-ahead over entities (names and aliases) and words of claims, as an
// ARIA combobox (arrow keys move, Enter opens, Escape closes).
import { get } from "./api.js";
import { h, href, readerHref } from "./ui.js";

const DELAY_MS = 150;

export function installSearch() {
  const form = document.getElementById("search-form");
  const input = document.getElementById("search-input");
  const list = document.getElementById("search-suggestions");
  let options = [];
  let active = -1;
  let timer = null;
  let asked = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (index) => {
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };
  const go = (target) => {
    close();
    location.hash = target;
  };

  async function suggest() {
    const q = input.value.trim();
    if (q.length < 2) return close();
    const mine = ++asked;
    const [entities, claims] = await Promise.all([
      get("/entities", { q, limit: 6 }),
      get("/claims", { q, limit: 4 }).catch(() => ({ data: [], count: 0 })),
    ]);
    if (mine !== asked) return; // a later keystroke has its own answer coming
    const items = [];
    if (entities.data.length) items.push(h("li", { class: "group", role: "presentation" }, "People, organisations, places"));
    for (const entity of entities.data) {
      items.push(option(`${entity.name}`, entity.type, href(`/entity/${encodeURIComponent(entity.id)}`)));
    }
    if (claims.data.length) items.push(h("li", { class: "group", role: "presentation" }, `Claims (${claims.count})`));
    for (const claim of claims.data) {
      const who = claim.speaker ? claim.speaker.name : claim.speaker_text || "unnamed";
      items.push(option(`“${claim.text.slice(0, 80)}${claim.text.length > 80 ? "…" : ""}”`, who, readerHref(claim)));
    }
    items.push(option(`All results for “${q}”`, "", href("/search", { q })));
    list.replaceChildren(...items);
    options = [...list.querySelectorAll("[role=option]")];
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    highlight(-1);
  }

  function option(text, note, target) {
    const id = `suggestion-${Math.random().toString(36).slice(2, 9)}`;
    return h(
      "li",
      { role: "option", id, "aria-selected": "false", dataset: { target }, onmousedown: (e) => { e.preventDefault(); go(target); } },
      text,
      note ? h("span", { class: "meta" }, ` · ${note}`) : null,
    );
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => suggest().catch(() => close()), DELAY_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      highlight(Math.min(active + 1, options.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight(Math.max(active - 1, -1));
    } else if (event.key === "Escape") {
      event.preventDefault(); // closes the list only; a search field would also clear itself
      close();
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      go(options[active].dataset.target);
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const q = input.value.trim();
    if (q) go(href("/search", { q }));
  });
}
