// `npm run test:e2e`: the browser suite. Builds the assets, starts Trellis on its own port with a fresh temporary
// state directory (migrations, dev mailbox and demo seed come from scripts/start.mjs), runs the Playwright tests in
// test/e2e/ with node's test runner against it, stops the server's whole process group and exits with the runner's
// code. Environment: E2E_PORT (default 8799), CHROMIUM (default /usr/bin/chromium), E2E_KEEP_STATE=1 keeps the state
// dir.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stopProcessGroup } from "./process-group.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(
    `e2e: Chromium not found at ${chromium}. Install Debian's package first: apt-get update && apt-get install -y chromium`,
  );
  process.exit(1);
}

process.env.WRANGLER_SEND_METRICS = "false";
const port = process.env.E2E_PORT ?? "8799";
const base = `http://127.0.0.1:${port}`;
const node = process.execPath;

const built = spawnSync(node, ["scripts/build-assets.mjs"], { cwd: root, stdio: "inherit" });
if (built.status !== 0) process.exit(built.status ?? 1);

// Refuse to test against something already listening on our port.
if (await answers(`${base}/healthz`)) {
  console.error(`e2e: something is already listening on ${base}; stop it or set E2E_PORT.`);
  process.exit(1);
}

const state = mkdtempSync(join(tmpdir(), "trellis-e2e-"));
console.log(`e2e: starting Trellis on ${base} with state in ${state}`);
const server = spawn(node, ["scripts/start.mjs"], {
  cwd: root,
  env: { ...process.env, PORT: port, TRELLIS_STATE: state, TRELLIS_SIGNIN_PER_CLIENT: "100" },
  stdio: ["ignore", "pipe", "pipe"],
  detached: true, // own process group, so wrangler and workerd can be stopped together
});
// The server's output goes to test-results/e2e-server.log (and to the terminal with E2E_SERVER_LOG=1).
mkdirSync(join(root, "test-results"), { recursive: true });
const serverLogPath = join(root, "test-results", "e2e-server.log");
const serverLog = createWriteStream(serverLogPath);
const keepLog = (chunk) => {
  serverLog.write(chunk);
  if (process.env.E2E_SERVER_LOG === "1") process.stderr.write(chunk);
};
server.stdout.on("data", keepLog);
server.stderr.on("data", keepLog);
let serverExited = false;
server.on("exit", () => (serverExited = true));

let stopping = null;
async function stopServer() {
  stopping ??= stopProcessGroup(server.pid, () =>
    console.error("e2e: server did not stop on SIGTERM; sending SIGKILL to its process group"),
  );
  return stopping;
}
function cleanupState() {
  if (process.env.E2E_KEEP_STATE === "1") console.log(`e2e: kept state in ${state}`);
  else rmSync(state, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    await stopServer();
    cleanupState();
    process.exit(130);
  });
}

// Wait until the home page answers 200 (the first request also seeds the demo program).
let ready = false;
for (let i = 0; i < 360 && !serverExited; i++) {
  if (await answers(`${base}/`)) {
    ready = true;
    break;
  }
  await sleep(500);
}
if (!ready) {
  console.error(
    `e2e: Trellis did not answer on ${base}${serverExited ? " (the server exited)" : " within 3 minutes"}. Server output:`,
  );
  await new Promise((r) => serverLog.end(r));
  console.error(readFileSync(serverLogPath, "utf8"));
  await stopServer();
  cleanupState();
  process.exit(1);
}
console.log("e2e: Trellis is up; running test/e2e/");

// node 24 takes a directory argument as a file, so the test files are named by a glob (expanded by node itself).
// Every HTML response's size is also logged, one JSON line each, for looking into budgets later.
const sizeLog = join(root, "test-results", "e2e-html-sizes.jsonl");
rmSync(sizeLog, { force: true });
const files = process.argv.slice(2);
const tests = spawn(node, ["--test", "--test-concurrency=1", ...(files.length ? files : ["test/e2e/**/*.test.mjs"])], {
  cwd: root,
  // E2E_SESSIONS: where test files share their sign-ins during this run (sign-in mail is limited per address).
  env: {
    ...process.env,
    BASE_URL: base,
    CHROMIUM: chromium,
    E2E_SIZE_LOG: sizeLog,
    E2E_SESSIONS: join(state, "sessions.json"),
  },
  stdio: "inherit",
});
const code = await new Promise((resolve) => tests.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0))));

await stopServer();
serverLog.end();
if (code !== 0) console.error(`e2e: the server's output is in ${serverLogPath}`);
cleanupState();
process.exit(code);

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
async function answers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return res.ok;
  } catch {
    return false;
  }
}
