/**
 * What the HTTP benchmarks share: a `wrangler dev` of their own on a fresh `--persist-to` directory (wrangler runs the
 * asset build of wrangler.toml's `[build]` first, so a fresh clone needs no prior step), seeding it with SQL, timing
 * requests, and goals that make the benchmark exit non-zero when one is missed.
 *
 * Every benchmark exits 0 when all its goals are met, 1 when a time, rate or size goal is missed, and 2 when it broke
 * or found something wrong (an error, a page not answering, a lost message, a feed that differs): .ci/run runs the
 * quick sizes and fails only on 2, since the time goals are for the full sizes on a quiet machine.
 */
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stopProcessGroup } from "../scripts/process-group.mjs";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const wrangler = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
process.env.WRANGLER_SEND_METRICS = "false";

/** `--name=value` arguments and environment variables, arguments first. */
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((a) => a.replace(/^--/, "").split("="))
    .map(([k, v]) => [k.toUpperCase().replace(/-/g, "_"), v ?? "1"]),
);

/** A numeric option from `--name=value` or the environment. */
export const option = (name, fallback) => Number(args[name] ?? process.env[name] ?? fallback);
/** A text option from `--name=value` or the environment. */
export const textOption = (name, fallback) => String(args[name] ?? process.env[name] ?? fallback);

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** SQL text literal. */
export const sqlText = (s) => `'${String(s).replace(/'/g, "''")}'`;

/** The q-quantile of an ascending list (nearest rank). */
export const quantile = (sorted, q) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
/** Median, minimum and maximum of a list of numbers. */
export function spread(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p95: quantile(s, 0.95), min: s[0], max: s[s.length - 1], n: s.length };
}
/** "12.3 ms (10.1–15.0, 7 runs)". */
export const showSpread = (s) =>
  `${s.median.toFixed(1)} ms (range ${s.min.toFixed(1)}–${s.max.toFixed(1)}, ${s.n} runs)`;

/** Goals met and missed; `finish()` prints the summary and gives the exit code. */
export class Goals {
  constructor(name) {
    this.name = name;
    this.results = [];
  }
  /** Records `figure` against `limit` (met when figure < limit, or <= with `atMost`); prints one line. */
  check(what, figure, limit, unit = "ms", atMost = false) {
    const met = atMost ? figure <= limit : figure < limit;
    this.results.push({ what, figure, limit, unit, met });
    console.log(
      `${met ? "ok    " : "MISSED"} ${what}: ${figure.toFixed(1)} ${unit} (goal ${atMost ? "<=" : "<"} ${limit} ${unit})`,
    );
    return met;
  }
  /** Records `figure` against a floor (met when figure >= `min`); prints one line. */
  checkAtLeast(what, figure, min, unit) {
    const met = figure >= min;
    this.results.push({ what, figure, limit: min, unit, met });
    console.log(`${met ? "ok    " : "MISSED"} ${what}: ${figure.toFixed(1)} ${unit} (goal >= ${min} ${unit})`);
    return met;
  }
  /** A figure with no goal, printed in the same table. */
  note(what, figure, unit = "ms") {
    console.log(`       ${what}: ${typeof figure === "number" ? figure.toFixed(1) : figure} ${unit}`);
  }
  /** Prints the summary; returns 0 when every goal was met, else 1. */
  finish() {
    if (this.results.length === 0) {
      console.log(`${this.name}: no goal applies at these sizes`);
      return 0;
    }
    const missed = this.results.filter((r) => !r.met);
    console.log(
      `${this.name}: ${this.results.length - missed.length} of ${this.results.length} goals met${missed.length ? `; missed: ${missed.map((r) => r.what).join("; ")}` : ""}`,
    );
    return missed.length ? 1 : 0;
  }
}

/** Runs wrangler (not dev) to completion, failing loudly with its output; returns what it printed. */
export function wranglerRun(argv) {
  const r = spawnSync(process.execPath, [wrangler, ...argv], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0)
    throw new Error(`wrangler ${argv.slice(0, 3).join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** A local server of the app on its own state: seed it, start it, stop it. */
export class BenchServer {
  /** `name` names the state directory and the log file (test-results/bench-NAME-server.log). */
  constructor(name, port, vars = {}, defines = {}) {
    this.name = name;
    this.port = port;
    this.origin = `http://127.0.0.1:${port}`;
    this.vars = { DEMO_SEED: "0", DEV_TOOLS: "0", ...vars };
    this.defines = defines;
    this.state = mkdtempSync(join(tmpdir(), `trellis-bench-${name}-`));
    this.process = null;
    this.log = null;
  }

  /** Applies the migrations to the fresh state. */
  migrate() {
    wranglerRun(["d1", "migrations", "apply", "DB", "--local", "--persist-to", this.state]);
  }

  /** Runs SQL statements (one per entry, newlines allowed) in one `wrangler d1 execute --file`. */
  execute(statements) {
    const file = join(this.state, `seed-${Date.now()}.sql`);
    writeFileSync(file, `${statements.map((s) => `${s.replace(/\s*\n\s*/g, " ")};`).join("\n")}\n`);
    wranglerRun(["d1", "execute", "DB", "--local", "--persist-to", this.state, "--file", file]);
  }

  /** Starts wrangler dev in its own process group and waits for /healthz. */
  async start() {
    mkdirSync(join(root, "test-results"), { recursive: true });
    const logPath = join(root, "test-results", `bench-${this.name}-server.log`);
    this.log = createWriteStream(logPath);
    const vars = [
      ...Object.entries(this.vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
      ...Object.entries(this.defines).flatMap(([k, v]) => ["--define", `${k}:${v}`]),
    ];
    this.process = spawn(
      process.execPath,
      [
        wrangler,
        "dev",
        "--ip",
        "127.0.0.1",
        "--port",
        String(this.port),
        "--persist-to",
        this.state,
        "--show-interactive-dev-session=false",
        ...vars,
      ],
      { cwd: root, env: { ...process.env, CI: "true" }, stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    let exited = false;
    this.process.stdout.on("data", (c) => this.log.write(c));
    this.process.stderr.on("data", (c) => this.log.write(c));
    this.process.on("exit", () => (exited = true));
    for (let i = 0; i < 360 && !exited; i++) {
      try {
        if ((await fetch(`${this.origin}/healthz`, { signal: AbortSignal.timeout(3000) })).ok) return;
      } catch {}
      await sleep(500);
    }
    throw new Error(
      `wrangler dev did not answer on ${this.origin}; see ${logPath}:\n${readFileSync(logPath, "utf8").split("\n").slice(-30).join("\n")}`,
    );
  }

  /** One request: wall time on localhost, status, body text and headers. */
  async get(path, headers = {}) {
    const t = performance.now();
    const res = await fetch(this.origin + path, { headers, redirect: "manual", signal: AbortSignal.timeout(60_000) });
    const body = await res.text();
    return { ms: performance.now() - t, status: res.status, body, headers: res.headers };
  }

  /** Stops the server, keeping its state. */
  async halt() {
    await stopProcessGroup(this.process?.pid);
    this.process = null;
    this.log?.end();
    this.log = null;
  }

  /** Stops the server and removes its state (kept with KEEP_STATE=1). */
  async stop(keep = false) {
    await this.halt();
    if (keep) console.log(`bench:${this.name}: kept state in ${this.state}`);
    else rmSync(this.state, { recursive: true, force: true });
  }
}
