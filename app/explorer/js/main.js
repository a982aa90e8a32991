// The explorer's router: one page, views chosen by the URL's hash (#/entity/…, #/claims?…),
// so that every view has an address a reader can bookmark or send.
import { entityView } from "./entity.js";
import { claimsView } from "./claims.js";
import { readerView } from "./reader.js";
import { mergesView } from "./merges.js";
import { articlesView, homeView, searchView } from "./home.js";
import { installSearch } from "./search.js";
import { errorView, main, show } from "./ui.js";

const ROUTES = [
  [/^\/?$/, homeView],
  [/^\/search$/, searchView],
  [/^\/entity\/([^/]+)$/, entityView],
  [/^\/claims$/, claimsView],
  [/^\/read\/([^/]+)$/, readerView],
  // The graph view's libraries (sigma, graphology: most of the page's weight) load when first used.
  [/^\/graph\/([^/]+)$/, async (...args) => (await import("./graph.js")).graphView(...args)],
  [/^\/articles$/, articlesView],
  [/^\/merges$/, mergesView],
];

let leaving = null; // the current view's clean-up (the graph view kills its renderer)

async function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query = ""] = hash.split("?");
  const params = new URLSearchParams(query);
  if (leaving) {
    leaving();
    leaving = null;
  }
  const region = main();
  region.setAttribute("aria-busy", "true");
  try {
    for (const [pattern, view] of ROUTES) {
      const found = path.match(pattern);
      if (!found) continue;
      const args = found.slice(1).map(decodeURIComponent);
      leaving = (await view(...args, params)) || null;
      break;
    }
    if (!ROUTES.some(([pattern]) => pattern.test(path))) {
      show("Not found", errorView(new Error(`no view for ${path}`)));
    }
  } catch (error) {
    show("Error", errorView(error));
  } finally {
    region.removeAttribute("aria-busy");
    region.dataset.view = path.split("/")[1] || "home";
    region.dataset.ready = String(Date.now());
    // When each view became usable (its data fetched and drawn): bench/explorer.py reads these.
    performance.mark("claimgraph:ready", { detail: region.dataset.view });
  }
  // Focus goes to what the view marks (the reader's highlighted claim) or to its heading, so
  // that a keyboard or screen-reader user lands on the new content, not on the old link.
  const target = region.querySelector("[data-autofocus]") || region.querySelector("h1");
  if (target && !firstLoad) {
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: target.tagName === "H1" });
  }
  firstLoad = false;
}

let firstLoad = true;

window.addEventListener("hashchange", route);
installSearch();
route();
