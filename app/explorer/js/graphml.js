// GraphML for the graph view's export (graphology has no GraphML writer): every node and edge
// attribute as a <data> value; lists and objects as JSON text, as our server's export writes them.

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
// Characters XML 1.0 forbids even escaped (stray controls in scraped text).
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function escape(value) {
  return String(value).replace(NOT_XML, "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function typeOf(value) {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "long" : "double";
  return "string";
}

function text(value) {
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function keys(items, domain, prefix) {
  const found = new Map();
  for (const attributes of items) {
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined) continue;
      const type = typeOf(value);
      const known = found.get(name);
      found.set(name, known && known !== type ? "string" : type);
    }
  }
  return [...found.entries()].map(([name, type], i) => ({ id: `${prefix}${i}`, name, type, domain }));
}

export function toGraphml(graph) {
  const nodeKeys = keys(graph.mapNodes((key, attributes) => attributes), "node", "n");
  const edgeKeys = keys(graph.mapEdges((key, attributes) => attributes), "edge", "e");
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const key of [...nodeKeys, ...edgeKeys]) {
    lines.push(`  <key id="${key.id}" for="${key.domain}" attr.name="${escape(key.name)}" attr.type="${key.type}"/>`);
  }
  lines.push('  <graph edgedefault="directed">');
  const data = (attributes, declared) =>
    declared
      .filter((key) => attributes[key.name] !== null && attributes[key.name] !== undefined)
      .map((key) => `<data key="${key.id}">${escape(text(attributes[key.name]))}</data>`)
      .join("");
  graph.forEachNode((key, attributes) => lines.push(`    <node id="${escape(key)}">${data(attributes, nodeKeys)}</node>`));
  graph.forEachEdge((key, attributes, source, target) =>
    lines.push(`    <edge id="${escape(key)}" source="${escape(source)}" target="${escape(target)}">${data(attributes, edgeKeys)}</edge>`),
  );
  lines.push("  </graph>", "</graphml>");
  return `${lines.join("\n")}\n`;
}
