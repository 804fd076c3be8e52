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
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { Agent, get as httpGet } from "node:http";
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
    this.appPids = null;
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

  /** The pids of the app's workerd (wrangler dev's child started with `--socket-addr=entry=127.0.0.1:0`), from /proc. */
  appProcesses() {
    const children = (pid) =>
      readdirSync("/proc")
        .filter((d) => /^\d+$/.test(d))
        .filter((d) => {
          try {
            return readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1]?.split(" ")[1] === String(pid);
          } catch {
            return false;
          }
        })
        .map(Number);
    const tree = [this.process.pid];
    for (let k = 0; k < tree.length; k++) tree.push(...children(tree[k]));
    return tree.filter((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
        return cmd.includes("workerd") && cmd.includes("entry=127.0.0.1:0");
      } catch {
        return false;
      }
    });
  }

  /**
   * CPU milliseconds the app's workerd (as found by `directOrigin`) has used so far (user + system, from /proc; NaN where there is none): the
   * difference across a load divided by its requests is the app's own CPU per request, whatever else runs on the cores.
   */
  appCpuMs() {
    try {
      const pids = this.appPids ?? [];
      let ticks = 0;
      for (const pid of pids) {
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
        ticks += Number(fields[11]) + Number(fields[12]);
      }
      return pids.length ? ticks * 10 : Number.NaN;
    } catch {
      return Number.NaN;
    }
  }

  /**
   * The app's own workerd socket, without wrangler dev's proxy in front. `wrangler dev` answers on its port through a
   * proxy worker in a second workerd process (it exists for reloads, and forwards every request to the app's workerd
   * over another local connection); production has no such hop, and under load on two shared cores it halves what the
   * app can serve. The app's workerd is the child started with `--socket-addr=entry=127.0.0.1:0`: its listening
   * sockets are found in /proc and the one answering /healthz is the app (same worker, same local D1, Durable Objects
   * and cache). Falls back to the proxied origin where /proc is not there (then `direct` is false).
   */
  async directOrigin() {
    try {
      const app = this.appProcesses();
      this.appPids = app;
      const inodes = new Set();
      for (const pid of app) {
        for (const fd of readdirSync(`/proc/${pid}/fd`)) {
          try {
            const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
            if (m) inodes.add(m[1]);
          } catch {}
        }
      }
      const ports = readFileSync("/proc/net/tcp", "utf8")
        .split("\n")
        .slice(1)
        .map((line) => line.trim().split(/\s+/))
        .filter((f) => f[3] === "0A" && inodes.has(f[9]) && f[1]?.startsWith("0100007F:"))
        .map((f) => Number.parseInt(f[1].split(":")[1], 16));
      for (const port of ports) {
        const origin = `http://127.0.0.1:${port}`;
        try {
          const r = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(3000) });
          if (r.ok && (await r.json()).ok === true) return { origin, direct: true };
        } catch {}
      }
    } catch {}
    return { origin: this.origin, direct: false };
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

/**
 * `connections` keep-alive connections (node:http, far lighter on the CPU than fetch: the client shares the cores with
 * the server) sending GET `origin + path` back to back for `seconds`. Returns every answer's wall time, status and
 * Server-Timing header, and the client's own CPU time per request.
 */
export async function loadGet(origin, path, headers, connections, seconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const one = () =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const req = httpGet(`${origin}${path}`, { agent, headers }, (res) => {
        res.on("data", () => {});
        res.on("end", () =>
          resolve({
            ms: performance.now() - started,
            status: res.statusCode,
            timing: res.headers["server-timing"] ?? "",
          }),
        );
        res.on("error", reject);
      });
      req.setTimeout(60_000, () => req.destroy(new Error(`GET ${path} timed out`)));
      req.on("error", reject);
    });
  const answers = [];
  const until = performance.now() + seconds * 1000;
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) answers.push(await one());
    }),
  );
  const used = process.cpuUsage(cpu);
  agent.destroy();
  return { answers, clientCpuMs: (used.user + used.system) / 1000 / Math.max(1, answers.length) };
}
