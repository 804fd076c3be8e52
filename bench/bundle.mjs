/**
 * Bundle-size benchmark (`npm run bench:bundle`, also run by `.ci/run`): builds what `wrangler deploy` would upload
 * (`wrangler deploy --dry-run --outdir`, minified as wrangler.toml says; its [build] command builds the assets first),
 * gzips the worker's JavaScript as Cloudflare measures it for the size limit, and prints the size, the goal and the
 * largest parts (from esbuild's metafile). The goal is for the code: the languages issue lets the bundle grow by the
 * message catalogs only, so the bundle is also built with no catalog at all (the code, measured against the goal) and
 * with the English one alone (to print what each part adds). Exits 1 when the code is over the goal, 2 when a build
 * fails.
 * Options (environment or `--name=value`): GOAL_KB (300; 1 KB = 1,000 bytes), ENV (a wrangler environment, e.g.
 * staging), OUTDIR (default: a fresh directory under /tmp), TOP (parts listed, 12).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((a) => a.replace(/^--/, "").split("="))
    .map(([k, v]) => [k.toUpperCase().replace(/-/g, "_"), v ?? "1"]),
);
const option = (name, fallback) => args[name] ?? process.env[name] ?? fallback;
const GOAL_KB = Number(option("GOAL_KB", 300));
const ENV = option("ENV", "");
const TOP = Number(option("TOP", 12));
const given = option("OUTDIR", "");
const outdir = given || mkdtempSync(join(tmpdir(), "trellis-bundle-"));

const wrangler = join(root, "node_modules", "wrangler", "bin", "wrangler.js");

/** Runs wrangler's deploy dry run into `dir`; `catalogs` limits the compiled message catalogs (all when undefined). */
function build(dir, catalogs) {
  const argv = ["deploy", "--dry-run", "--outdir", dir, "--metafile", join(dir, "meta.json")];
  if (ENV) argv.push("--env", ENV);
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };
  if (catalogs) env.TRELLIS_CATALOG_LOCALES = catalogs;
  const built = spawnSync(process.execPath, [wrangler, ...argv], { cwd: root, encoding: "utf8", env });
  if (built.status !== 0) {
    console.error(`bench:bundle: wrangler ${argv.join(" ")} failed:\n${built.stdout}\n${built.stderr}`);
    process.exit(2);
  }
}

// The goal is for the code: the issue on languages lets the bundle grow by the message catalogs only, so the size is
// measured as deployed, with no catalog (a locale list naming none: the code alone) and with English alone.
/** The gzip size of the worker built with only the `catalogs` named. */
function gzipWith(catalogs) {
  const dir = mkdtempSync(join(tmpdir(), "trellis-bundle-part-"));
  build(dir, catalogs);
  const size = gzipSync(readFileSync(join(dir, "index.js"))).length;
  rmSync(dir, { recursive: true, force: true });
  return size;
}
const codeGzip = gzipWith("none");
const englishGzip = gzipWith("en");
build(outdir);
// Put the full catalogs back for the tests and the dev server that share this tree.
spawnSync(process.execPath, [join(root, "scripts", "build-catalogs.mjs")], { cwd: root, encoding: "utf8" });

const js = readFileSync(join(outdir, "index.js"));
const gzip = gzipSync(js).length;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

// The largest parts: bytes each package or source folder adds to the minified output.
const meta = JSON.parse(readFileSync(join(outdir, "meta.json"), "utf8"));
const output = Object.entries(meta.outputs).find(([file]) => file.endsWith("index.js"))?.[1];
const parts = new Map();
for (const [file, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
  const inModules = file.split("node_modules/");
  const segments = inModules.length > 1 ? inModules.at(-1).split("/") : file.split("/");
  const key = segments.slice(0, segments[0].startsWith("@") ? 2 : inModules.length > 1 ? 1 : 2).join("/");
  parts.set(key, (parts.get(key) ?? 0) + bytesInOutput);
}

console.log(`bench:bundle${ENV ? ` (env ${ENV})` : ""}: worker bundle ${kb(js.length)} minified, ${kb(gzip)} gzip`);
console.log(`largest parts (minified, before gzip):`);
for (const [key, bytes] of [...parts].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
  console.log(`  ${key.padEnd(32)} ${kb(bytes).padStart(9)}`);
}
console.log(
  `code without catalogs: ${kb(codeGzip)} gzip; the English catalog adds ${kb(englishGzip - codeGzip)}, the other languages' ${kb(gzip - englishGzip)}`,
);
const ok = codeGzip <= GOAL_KB * 1000;
console.log(
  `goal: <= ${GOAL_KB} KB gzip for the code — ${ok ? "met" : "MISSED"} (${kb(codeGzip)}, ${codeGzip} bytes; ${kb(gzip)} with every catalog)`,
);
if (!given) rmSync(outdir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
