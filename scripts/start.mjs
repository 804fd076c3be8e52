// `npm start`: applies D1 migrations to the local state, serves Trellis with wrangler dev on http://127.0.0.1:8787
// (dev mailbox on; wrangler dev builds the assets first: wrangler.toml's [build] command), and triggers the one-time
// demo seed with a first request.
// Environment: PORT (default 8787), TRELLIS_STATE (a --persist-to directory; default .wrangler/state),
// TRELLIS_SIGNIN_PER_CLIENT, TRELLIS_OIDC_PROVIDERS (OIDC_PROVIDERS for this run: the single sign-on browser test's
// local provider).
import { spawn, spawnSync } from "node:child_process";

process.env.WRANGLER_SEND_METRICS ??= "false";
const port = process.env.PORT ?? "8787";
const persist = process.env.TRELLIS_STATE ? ["--persist-to", process.env.TRELLIS_STATE] : [];
const run = (args) => {
  const r = spawnSync("wrangler", args, { stdio: "inherit", env: { ...process.env, CI: "true" } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(["d1", "migrations", "apply", "DB", "--local", ...persist]);

// The browser suite signs in as many people from one address; it raises the per-client sign-in limit
// (TRELLIS_SIGNIN_PER_CLIENT).
const extraVars = process.env.TRELLIS_SIGNIN_PER_CLIENT
  ? ["--var", `SIGNIN_PER_CLIENT:${process.env.TRELLIS_SIGNIN_PER_CLIENT}`]
  : [];
if (process.env.TRELLIS_OIDC_PROVIDERS) extraVars.push("--var", `OIDC_PROVIDERS:${process.env.TRELLIS_OIDC_PROVIDERS}`);
const dev = spawn(
  "wrangler",
  [
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    port,
    "--var",
    "DEV_TOOLS:1",
    "--var",
    "DEMO_SEED:1",
    "--define",
    "__TRELLIS_DEMO__:true",
    "--var",
    `PUBLIC_URL:http://127.0.0.1:${port}`,
    ...extraVars,
    "--show-interactive-dev-session=false",
    ...persist,
  ],
  { stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));

const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 240; i++) {
  await new Promise((r) => setTimeout(r, 500));
  try {
    const res = await fetch(`${base}/`);
    if (res.ok) {
      console.log(
        `\nTrellis is running on ${base}\n  sign in as coordinator@example.org (or cocoordinator@), mentor1..8@example.org or mentee1..12@example.org` +
          `\n  staged proposals: ${base}/programs/demo-autumn-2026/matching · a waiting self-match request: mentor7@example.org` +
          `\n  lived-in pairing rooms at every stage: spring-mentee1@example.org (active), spring-mentor1..7@ / spring-mentee1..9@`,
      );
      console.log(`  sign-in links arrive in the dev mailbox: ${base}/dev/mailbox\n`);
      break;
    }
  } catch {
    // not listening yet
  }
}
