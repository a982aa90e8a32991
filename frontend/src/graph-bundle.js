// The one vendored module the explorer loads for its graph view: graphology (the graph model,
// which reads GET /graph?format=graphology as it is), sigma (WebGL renderer), a seeded first
// layout (ForceAtlas2, deterministic from the start the explorer gives it) and the GEXF
// writer. Built by `npm run build` into app/explorer/vendor/graph.js.
export { default as Graph } from "graphology";
export { default as Sigma } from "sigma";
export { default as forceAtlas2 } from "graphology-layout-forceatlas2";
export { default as writeGexf } from "graphology-gexf/browser/writer.js";
