// Rebuilds the explorer's vendored files from the pinned packages in package-lock.json:
//   cd frontend && npm ci && npm run build
// Writes app/explorer/vendor/graph.js (one ES module, minified) and the test-only copy of
// axe-core, tests/explorer/vendor/axe.min.js. Both are committed: claimgraph never needs Node.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const versions = (name) => JSON.parse(readFileSync(join(here, "node_modules", name, "package.json"))).version;
const pinned = ["sigma", "graphology", "graphology-layout-forceatlas2", "graphology-gexf"]
  .map((name) => `${name}@${versions(name)}`)
  .join(" ");

await build({
  entryPoints: [join(here, "src", "graph-bundle.js")],
  outfile: join(root, "app", "explorer", "vendor", "graph.js"),
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2020",
  legalComments: "eof",
  banner: { js: `/* claimgraph explorer graph bundle: ${pinned} (frontend/build.mjs) */` },
});

const axeTarget = join(root, "tests", "explorer", "vendor", "axe.min.js");
mkdirSync(dirname(axeTarget), { recursive: true });
copyFileSync(join(here, "node_modules", "axe-core", "axe.min.js"), axeTarget);
console.log(`built app/explorer/vendor/graph.js (${pinned}); copied axe-core@${versions("axe-core")}`);
