// The graph view: an entity's neighbourhood from GET /graph?format=graphology, read as it is by
// graphology and drawn by sigma.js (WebGL). A stable first layout (nodes on a circle in id
// order, then a fixed number of ForceAtlas2 steps: the same graph always lands the same way),
// a legend by kind that filters, expand and collapse, "show more" past the node cap, a claim
// opens the reader, and the view exports as GEXF, GraphML and PNG. A list view gives the same
// graph to those who cannot use the canvas.
import { Graph, Sigma, forceAtlas2, writeGexf } from "../vendor/graph.js";
import { enc, get } from "./api.js";
import { announce, download, h, href, plural, show } from "./ui.js";
import { toGraphml } from "./graphml.js";

export const COLORS = { person: "#1f6fb2", organization: "#b3541e", place: "#2e7d32", claim: "#7b4ea3", article: "#5f6b76" };
const LABELS = { person: "People", organization: "Organisations", place: "Places", claim: "Claims", article: "Articles" };
const FIRST_CAP = 300;
const MOST_NODES = 20000; // the API's max_nodes
const EXPAND_CAP = 100;
const LIST_ROWS = 1000;
const BIG_GRAPH = 1000;
const MAX_DEPTH = 3;

function kindOf(attributes) {
  return attributes.kind in COLORS ? attributes.kind : "article";
}

/** A graphology graph from the API's graphology export (imported as it is). */
export function readGraph(doc) {
  const graph = new Graph({ multi: true, type: "directed", allowSelfLoops: true });
  graph.import(doc);
  return graph;
}

/** Circle in id order, then ForceAtlas2 for a fixed number of steps: deterministic. */
export function layOut(graph) {
  const keys = graph.nodes().sort();
  const radius = Math.max(10, keys.length);
  keys.forEach((key, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, keys.length);
    graph.mergeNodeAttributes(key, { x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
  });
  if (graph.order < 2) return;
  const settings = forceAtlas2.inferSettings(graph);
  settings.barnesHutOptimize = graph.order > 400;
  forceAtlas2.assign(graph, { iterations: graph.order > 1000 ? 60 : 150, settings });
}

function nodeSize(graph, key, kind) {
  if (kind === "claim") return 3;
  if (kind === "article") return 4;
  return Math.min(16, 4 + 2 * Math.log2(1 + graph.degree(key)));
}

export async function graphView(entityId, params) {
  const cap = Math.min(MOST_NODES, Number(params.get("max_nodes")) || FIRST_CAP);
  const depth = Math.min(MAX_DEPTH, Math.max(1, Number(params.get("depth")) || 1));
  const doc = await get("/graph", { format: "graphology", entity: entityId, depth, max_nodes: cap });
  const graph = readGraph(doc);
  layOut(graph);
  const state = { hidden: new Set(), expanded: new Map(), selected: null, list: false };
  const base = new Set(graph.nodes());
  const centre = graph.nodes().find((key) => graph.getNodeAttribute(key, "kind") !== "claim" && graph.getNodeAttribute(key, "kind") !== "article" && (key === entityId || graph.getNodeAttribute(key, "name") === entityId)) || entityId;
  const title = graph.hasNode(centre) ? graph.getNodeAttribute(centre, "label") || centre : entityId;

  const container = h("div", { id: "graph-canvas", role: "img", "aria-label": `Graph of ${title}'s neighbourhood; the list view below gives the same nodes as text` });
  const legend = h("ul", { class: "legend" });
  const details = h("div", { id: "graph-details", "aria-live": "polite" });
  const list = h("div", { class: "graph-list", id: "graph-list" });
  const counts = h("p", { id: "graph-counts", class: "meta" });
  const section = h("section", { id: "graph-view", "aria-label": "Graph" });
  const truncated = Boolean(graph.getAttribute("truncated"));
  const listToggle = h("button", { type: "button", "aria-pressed": "false", "aria-controls": "graph-list", onclick: () => toggleList() }, "List view");

  show(
    `Graph: ${title}`,
    h("h1", {}, `Graph around ${title}`),
    h(
      "div",
      { class: "toolbar", role: "toolbar", "aria-label": "Graph actions" },
      h("a", { href: href(`/entity/${enc(centre)}`) }, "Entity page"),
      truncated && cap < MOST_NODES
        ? h("a", { href: href(`/graph/${enc(entityId)}`, { depth: depth === 1 ? null : depth, max_nodes: Math.min(MOST_NODES, cap * 4) }), id: "show-more" }, `Show more (up to ${plural(Math.min(MOST_NODES, cap * 4), "node")})`)
        : null,
      h("button", { type: "button", class: "secondary", onclick: () => exportAs("gexf") }, "Export GEXF"),
      h("button", { type: "button", class: "secondary", onclick: () => exportAs("graphml") }, "Export GraphML"),
      h("button", { type: "button", class: "secondary", onclick: () => exportAs("png") }, "Export PNG"),
      listToggle,
      depthChoice(),
    ),
    counts,
    section,
  );
  section.append(
    h(
      "div",
      { class: "graph-layout" },
      container,
      h("aside", { "aria-label": "Legend and selection" }, h("h2", {}, "Kinds"), h("fieldset", {}, h("legend", { class: "visually-hidden" }, "Show kinds"), legend), h("h2", {}, "Selected"), details),
    ),
    list,
  );

  function depthChoice() {
    const select = h(
      "select",
      { id: "graph-depth" },
      [1, 2, 3].map((n) => h("option", { value: n, selected: n === depth }, n === 1 ? "1 hop" : `${n} hops`)),
    );
    select.addEventListener("change", () => {
      location.hash = href(`/graph/${enc(entityId)}`, { depth: select.value === "1" ? null : select.value, max_nodes: cap === FIRST_CAP ? null : cap });
    });
    return h("label", {}, "Reach ", select);
  }

  const renderer = new Sigma(graph, container, {
    nodeReducer: (key, attributes) => {
      const kind = kindOf(attributes);
      const selected = key === state.selected;
      return {
        x: attributes.x,
        y: attributes.y,
        type: "circle",
        size: nodeSize(graph, key, kind) * (selected ? 1.6 : 1),
        color: COLORS[kind],
        label: kind === "claim" ? null : attributes.label || key,
        hidden: state.hidden.has(kind),
        highlighted: selected,
        zIndex: selected ? 1 : 0,
      };
    },
    edgeReducer: (key, attributes) => ({ type: "arrow", color: "#b8c2cc", size: 1, label: attributes.kind }),
    // Past a thousand nodes, edges and labels wait while the view moves: a drag stays fluid
    // even where WebGL runs in software, and they are back as soon as it stops.
    settings: {
      renderEdgeLabels: false,
      labelRenderedSizeThreshold: 6,
      defaultEdgeType: "arrow",
      zIndex: true,
      labelFont: "system-ui, sans-serif",
      hideEdgesOnMove: graph.order > BIG_GRAPH,
      hideLabelsOnMove: graph.order > BIG_GRAPH,
    },
  });
  renderer.on("clickNode", ({ node }) => activate(node));
  window.claimgraphGraph = { graph, renderer, drawn: drawnNodes };

  function drawnNodes() {
    return graph.nodes().filter((key) => {
      const data = renderer.getNodeDisplayData(key);
      return data && !data.hidden;
    }).length;
  }

  function refresh() {
    renderer.refresh();
    const drawn = drawnNodes();
    section.dataset.drawnNodes = String(drawn);
    section.dataset.nodes = String(graph.order);
    counts.textContent = `${plural(drawn, "node")} shown of ${graph.order}, ${plural(graph.size, "edge")}${truncated ? ` (cut at ${cap} nodes: show more for the rest)` : ""}.`;
    drawLegend();
    if (state.list) drawList();
  }

  function drawLegend() {
    const byKind = {};
    graph.forEachNode((key, attributes) => {
      const kind = kindOf(attributes);
      byKind[kind] = (byKind[kind] || 0) + 1;
    });
    legend.replaceChildren(
      ...Object.keys(COLORS)
        .filter((kind) => byKind[kind])
        .map((kind) => {
          const box = h("input", { type: "checkbox", checked: !state.hidden.has(kind), dataset: { kind } });
          box.addEventListener("change", () => {
            if (box.checked) state.hidden.delete(kind);
            else state.hidden.add(kind);
            refresh();
            legend.querySelector(`input[data-kind="${kind}"]`)?.focus();
          });
          return h("li", {}, h("label", {}, box, h("span", { class: `swatch ${kind}`, "aria-hidden": "true" }), `${LABELS[kind]} (${byKind[kind]})`));
        }),
    );
  }

  function activate(key) {
    const kind = kindOf(graph.getNodeAttributes(key));
    if (kind === "claim") {
      location.hash = href(`/read/${enc(graph.getNodeAttribute(key, "article"))}`, { claim: key.replace(/^claim:/, "") });
      return;
    }
    state.selected = key;
    drawDetails();
    renderer.refresh();
  }

  function drawDetails() {
    const key = state.selected;
    if (!key || !graph.hasNode(key)) return details.replaceChildren(h("p", {}, "Click a node, or use the list view."));
    const attributes = graph.getNodeAttributes(key);
    const kind = kindOf(attributes);
    const entity = kind !== "article";
    details.replaceChildren(
      h("p", {}, h("strong", {}, attributes.label || key), " ", h("span", { class: "kind" }, kind)),
      h("p", { class: "meta" }, plural(graph.degree(key), "connection")),
      entity ? h("p", {}, h("a", { href: href(`/entity/${enc(key)}`) }, "Entity page")) : h("p", {}, h("a", { href: href(`/read/${enc(key.replace(/^article:/, ""))}`) }, "Read the article")),
      expandButton(key),
    );
  }

  function expandButton(key) {
    const open = state.expanded.has(key);
    const label = graph.getNodeAttribute(key, "label") || key;
    return h(
      "button",
      { type: "button", class: "secondary", dataset: { node: key, action: open ? "collapse" : "expand" }, "aria-label": `${open ? "Collapse" : "Expand"} ${label}`, onclick: () => (open ? collapse(key) : expand(key)) },
      open ? "Collapse" : "Expand",
    );
  }

  /** After a redraw, focus returns to the button that was pressed (in the list or the panel). */
  function refocus(key, inList) {
    const where = inList ? list : details;
    where.querySelector(`button[data-node="${CSS.escape(key)}"]`)?.focus();
  }

  async function expand(key) {
    const inList = list.contains(document.activeElement);
    const more = readGraph(await get("/graph", { format: "graphology", entity: key, depth: 1, max_nodes: EXPAND_CAP }));
    const { x, y } = graph.getNodeAttributes(key);
    const fresh = more.nodes().filter((node) => !graph.hasNode(node)).sort();
    const ring = Math.max(5, Math.sqrt(fresh.length) * 4);
    fresh.forEach((node, i) => {
      const angle = (2 * Math.PI * i) / fresh.length;
      graph.addNode(node, { ...more.getNodeAttributes(node), x: x + ring * Math.cos(angle), y: y + ring * Math.sin(angle) });
    });
    more.forEachEdge((edge, attributes, source, target) => {
      if (!graph.hasEdge(edge)) graph.addEdgeWithKey(edge, source, target, attributes);
    });
    state.expanded.set(key, new Set(fresh));
    announce(`${plural(fresh.length, "node")} added around ${graph.getNodeAttribute(key, "label")}`);
    refresh();
    drawDetails();
    refocus(key, inList);
  }

  function collapse(key) {
    const inList = list.contains(document.activeElement);
    const added = state.expanded.get(key) || new Set();
    state.expanded.delete(key);
    const kept = new Set([...base, ...state.expanded.keys()]);
    for (const other of state.expanded.values()) for (const node of other) kept.add(node);
    let removed = 0;
    for (const node of added) {
      if (!kept.has(node) && graph.hasNode(node)) {
        graph.dropNode(node);
        removed++;
      }
    }
    announce(`${plural(removed, "node")} removed`);
    refresh();
    drawDetails();
    refocus(key, inList);
  }

  function toggleList() {
    state.list = !state.list;
    listToggle.setAttribute("aria-pressed", String(state.list));
    if (state.list) drawList();
    else list.replaceChildren();
  }

  function drawList() {
    const shown = graph.nodes().filter((key) => !state.hidden.has(kindOf(graph.getNodeAttributes(key))));
    shown.sort((a, b) => Object.keys(COLORS).indexOf(kindOf(graph.getNodeAttributes(a))) - Object.keys(COLORS).indexOf(kindOf(graph.getNodeAttributes(b))) || graph.degree(b) - graph.degree(a) || a.localeCompare(b));
    list.replaceChildren(
      h("h2", { id: "graph-list-title" }, `Nodes as a list (${shown.length})`),
      h(
        "table",
        { class: "responsive", "aria-labelledby": "graph-list-title" },
        h("thead", {}, h("tr", {}, ["Node", "Kind", "Connections", "Actions"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, shown.slice(0, LIST_ROWS).map(listRow)),
      ),
      shown.length > LIST_ROWS ? h("p", {}, `The first ${LIST_ROWS} of ${shown.length} are listed.`) : null,
    );
  }

  function listRow(key) {
    const attributes = graph.getNodeAttributes(key);
    const kind = kindOf(attributes);
    let link;
    if (kind === "claim") link = h("a", { href: href(`/read/${enc(attributes.article)}`, { claim: key.replace(/^claim:/, "") }) }, attributes.label || key);
    else if (kind === "article") link = h("a", { href: href(`/read/${enc(key.replace(/^article:/, ""))}`) }, attributes.label || key);
    else link = h("a", { href: href(`/entity/${enc(key)}`) }, attributes.label || key);
    const neighbours = graph.neighbors(key).length;
    return h(
      "tr",
      { dataset: { node: key } },
      h("td", { "data-label": "Node" }, link),
      h("td", { "data-label": "Kind" }, kind),
      h("td", { "data-label": "Connections" }, String(neighbours)),
      h("td", { "data-label": "Actions" }, expandButton(key)),
    );
  }

  /** The graph as drawn now: without the kinds the legend hides, with positions and colours. */
  function currentView() {
    const view = graph.copy();
    view.forEachNode((key, attributes) => {
      const kind = kindOf(attributes);
      if (state.hidden.has(kind)) view.dropNode(key);
      else view.mergeNodeAttributes(key, { color: COLORS[kind], size: nodeSize(graph, key, kind) });
    });
    return view;
  }

  function exportAs(format) {
    const name = `claimgraph-${entityId.replace(/[^a-z0-9-]+/gi, "-")}`;
    if (format === "gexf") download(new Blob([writeGexf(currentView())], { type: "application/gexf+xml" }), `${name}.gexf`);
    if (format === "graphml") download(new Blob([toGraphml(currentView())], { type: "application/graphml+xml" }), `${name}.graphml`);
    if (format === "png") toPng().then((blob) => download(blob, `${name}.png`));
  }

  function toPng() {
    renderer.refresh(); // drawn now, so that the WebGL buffers still hold the picture below
    const canvases = Object.entries(renderer.getCanvases()).filter(([id]) => id !== "mouse");
    const [, first] = canvases[0];
    const picture = document.createElement("canvas");
    picture.width = first.width;
    picture.height = first.height;
    const context = picture.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, picture.width, picture.height);
    for (const [, canvas] of canvases) context.drawImage(canvas, 0, 0, picture.width, picture.height);
    return new Promise((resolve) => picture.toBlob(resolve, "image/png"));
  }

  state.selected = graph.hasNode(centre) ? centre : null;
  drawDetails();
  refresh();
  return () => {
    renderer.kill();
    if (window.claimgraphGraph?.renderer === renderer) delete window.claimgraphGraph;
  };
}
