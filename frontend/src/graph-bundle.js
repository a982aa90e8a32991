// The one vendored module the explorer loads for its graph view: graphology (the graph model,
// which reads GET /graph?format=graphology as it is), sigma (WebGL renderer), a seeded first
// layout (circular, then ForceAtlas2, which is deterministic from a given start) and the GEXF
// writer. Built by `npm run build` into app/explorer/vendor/graph.js.
export { default as Graph } from "graphology";
export { default as Sigma } from "sigma";
export { default as forceAtlas2 } from "graphology-layout-forceatlas2";
export { circular } from "graphology-layout";
export { write as writeGexf } from "graphology-gexf/browser/writer.js";
