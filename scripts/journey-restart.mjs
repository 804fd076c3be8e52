// `node scripts/journey-restart.mjs` (run it through npm/npx, so wrangler gets Node >= 22): does a pairing's journey
// survive a restart of the server? It serves Trellis with scripts/start.mjs on its own port and state directory,
// creates a test pairing whose agreement falls due DUE_IN seconds later (POST /dev/journey-pairing, which starts its
// journey), waits for the welcome mails, stops the server's whole process group before the agreement is due, starts it
// again on the same state, waits past the due time, and reads D1 with `wrangler d1 execute --local --persist-to`.
// The next milestone (the agreement reminder) must arrive exactly once per member, and the welcome must not be
// repeated. test/e2e/journey-restart.test.mjs runs it in the browser suite; `journeyRestart()` returns what it saw.
// Environment: JOURNEY_RESTART_PORT (default 8797), JOURNEY_RESTART_DUE_IN (seconds, default 25), E2E_KEEP_STATE=1.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stopProcessGroup } from "./process-group.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const wranglerBin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the restart scenario; resolves with { pairingId, members, agreementDueAt, beforeRestart, rows, timings } or
 * rejects with what went wrong. The servers it starts are always stopped and its state directory removed.
 */
export async function journeyRestart({
  port = Number(process.env.JOURNEY_RESTART_PORT ?? 8797),
  dueIn = Number(process.env.JOURNEY_RESTART_DUE_IN ?? 25),
  wake = process.env.JOURNEY_RESTART_WAKE !== "0",
  log = () => {},
} = {}) {
  const base = `http://127.0.0.1:${port}`;
  if (await answers(`${base}/healthz`))
    throw new Error(`something is already listening on ${base}; stop it or set JOURNEY_RESTART_PORT`);
  const state = mkdtempSync(join(tmpdir(), "trellis-restart-"));
  mkdirSync(join(root, "test-results"), { recursive: true });
  const logPath = join(root, "test-results", "journey-restart-server.log");
  const serverLog = createWriteStream(logPath);
  const started = Date.now();
  const timings = {};
  const mark = (name) => {
    timings[name] = Math.round((Date.now() - started) / 100) / 10;
    log(`journey-restart: ${name} after ${timings[name]} s`);
  };
  let server = null;
  try {
    server = startServer(port, state, serverLog, "first run");
    await waitUntilReady(base, server);
    mark("first server ready");

    const made = await createPairing(base, dueIn);
    const { pairingId, members, agreementDueAt } = made;
    mark(`pairing ${pairingId} created, agreement due in ${Math.round((agreementDueAt - Date.now()) / 1000)} s`);
    const welcomeIds = members.map((m) => `journey:${pairingId}:welcome:sent:${m.id}`);
    await waitForMail(base, members, welcomeIds, 20_000, "the welcome mails");
    await sleep(1500); // let the welcome step's result be stored and the journey go to sleep
    mark("welcome mails in the mailbox");
    if (Date.now() > agreementDueAt - 2000)
      throw new Error(
        "the first server was too slow: the agreement fell due before it could be stopped (raise JOURNEY_RESTART_DUE_IN)",
      );

    await stopServer(server);
    server = null;
    mark("first server stopped");
    const beforeRestart = readMail(state, pairingId);
    const stoppedBeforeDue = Date.now() < agreementDueAt;

    server = startServer(port, state, serverLog, "second run");
    await waitUntilReady(base, server);
    mark("second server ready");
    // wrangler dev's Workflows do not wake sleeping instances after a restart (their timers live in memory): an event
    // wakes them. JOURNEY_RESTART_WAKE=0 skips this, to see the local engine's behaviour without it.
    let woken = null;
    if (wake) {
      woken = await postForm(base, "/dev/journeys/wake", {});
      mark(`woke ${woken.woken} journeys`);
    }
    const reminderIds = members.map((m) => `journey:${pairingId}:agreement:reminder:${m.id}`);
    await waitForMail(
      base,
      members,
      reminderIds,
      Math.max(0, agreementDueAt - Date.now()) + 45_000,
      "the agreement reminders",
    );
    mark("agreement reminders in the mailbox");
    await sleep(3000); // anything repeated would show up now
    await stopServer(server);
    server = null;
    mark("second server stopped");
    const rows = readMail(state, pairingId);
    mark("done");
    return {
      pairingId,
      members,
      createdAt: made.createdAt,
      agreementDueAt,
      stoppedBeforeDue,
      beforeRestart,
      woken,
      rows,
      timings,
    };
  } finally {
    if (server) await stopServer(server);
    await new Promise((r) => serverLog.end(r));
    if (process.env.E2E_KEEP_STATE === "1") log(`journey-restart: kept state in ${state}`);
    else rmSync(state, { recursive: true, force: true });
  }
}

/**
 * Servers running now: killed if this process exits or is interrupted while one runs (a failed test leaves nothing
 * behind).
 */
const live = new Set();
function killLive() {
  for (const pid of live) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {}
  }
  live.clear();
}
process.on("exit", killLive);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    killLive();
    process.kill(process.pid, signal);
  });
}

/** Starts scripts/start.mjs in its own process group (wrangler and workerd stop together). */
function startServer(port, state, serverLog, label) {
  serverLog.write(`\n===== ${label} (${new Date().toISOString()}) =====\n`);
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), TRELLIS_STATE: state, WRANGLER_SEND_METRICS: "false" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const s = { child, exited: false, base: `http://127.0.0.1:${port}` };
  child.stdout.on("data", (c) => serverLog.write(c));
  child.stderr.on("data", (c) => serverLog.write(c));
  child.on("exit", () => (s.exited = true));
  live.add(child.pid);
  return s;
}

async function stopServer(s) {
  await stopProcessGroup(s.child.pid);
  live.delete(s.child.pid);
  for (let i = 0; i < 50 && (await answers(`${s.base}/healthz`)); i++) await sleep(100);
}

/** Waits until the home page answers 200 (the first request seeds the demo). */
async function waitUntilReady(base, s, ms = 120_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !s.exited) {
    if (await answers(`${base}/`)) return;
    await sleep(300);
  }
  throw new Error(
    `Trellis did not answer on ${base}${s.exited ? " (the server exited)" : ""}; see test-results/journey-restart-server.log`,
  );
}

/** POSTs a form with the CSRF cookie and field, as a browser would; answers the JSON the dev route returns. */
async function postForm(base, path, fields) {
  const first = await fetch(`${base}/healthz`);
  const cookie = first.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("csrf="));
  if (!cookie) throw new Error("no CSRF cookie from /healthz");
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: cookie.slice("csrf=".length), ...fields }),
  });
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return res.json();
}

/** A test pairing whose agreement falls due `dueIn` seconds from now, its journey started. */
async function createPairing(base, dueIn) {
  const made = await postForm(base, "/dev/journey-pairing", { agreement_due_in: String(dueIn) });
  if (!made.journeyStarted) throw new Error(`the journey of ${made.pairingId} did not start`);
  return made;
}

/** Waits until the dev mailbox shows every id in `ids` (mail ids appear in its links). */
async function waitForMail(base, members, ids, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    let html = "";
    for (const m of members) {
      const res = await fetch(`${base}/dev/mailbox?to=${encodeURIComponent(m.email)}`).catch(() => null);
      if (res?.ok) html += await res.text();
    }
    if (ids.every((id) => html.includes(`/dev/mailbox/${id}"`))) return;
    if (Date.now() > deadline)
      throw new Error(`${what} did not arrive within ${Math.round(ms / 1000)} s (expected ${ids.join(", ")})`);
    await sleep(500);
  }
}

/** The pairing members' notifications, read from the local D1 with wrangler. */
function readMail(state, pairingId) {
  return d1(
    state,
    `SELECT id, kind, person_id, subject, created_at FROM notifications WHERE person_id IN (SELECT person_id FROM pairing_members WHERE pairing_id = '${pairingId}') ORDER BY created_at, id`,
  );
}

/** Runs one SQL statement on the local D1 in `state`; returns its rows. */
function d1(state, sql) {
  const r = spawnSync(
    process.execPath,
    [wranglerBin, "d1", "execute", "DB", "--local", "--persist-to", state, "--command", sql, "--json"],
    {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
      encoding: "utf8",
    },
  );
  if (r.status !== 0) throw new Error(`wrangler d1 execute failed (${r.status}): ${r.stderr || r.stdout}`);
  const parsed = JSON.parse(r.stdout.slice(r.stdout.indexOf("[")));
  return parsed[0]?.results ?? [];
}

async function answers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return res.ok;
  } catch {
    return false;
  }
}

// Run directly: print what happened and exit 0 only if the reminder came once per member and the welcome was not
// repeated.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const r = await journeyRestart({ log: (line) => console.log(line) });
    const count = (kind) => r.rows.filter((row) => row.kind === kind).length;
    console.log(
      JSON.stringify(
        {
          pairingId: r.pairingId,
          welcome: count("journey-welcome"),
          reminders: count("journey-agreement"),
          rows: r.rows.length,
          timings: r.timings,
        },
        null,
        2,
      ),
    );
    process.exit(
      count("journey-welcome") === r.members.length &&
        count("journey-agreement") === r.members.length &&
        r.rows.length === 2 * r.members.length
        ? 0
        : 1,
    );
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
