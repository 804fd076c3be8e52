// Single sign-on end to end, JavaScript off: a real OpenID Connect provider (oidc-provider, test/e2e/oidc-provider.mjs)
// and a Trellis of this file's own (its own port and state, started with OIDC_PROVIDERS pointing at that provider), so
// the provider buttons never show in the other browser tests. Covers a sign-in that lands on the person's home, sign-out,
// and each refusal: a replayed callback, a changed state, a cancel at the provider, a wrong audience, an expired ID
// token, an unverified address, a domain the provider may not sign in, no account, a provider that does not answer,
// and a program that requires its provider of its mentees.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";
import { stopProcessGroup } from "../../scripts/process-group.mjs";
import { ACCOUNTS, startOidcProvider } from "./oidc-provider.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const trellisPort = await freePort();
const idpPort = await freePort();
const deadPort = await freePort();
const BASE = `http://127.0.0.1:${trellisPort}`;
// The shared helpers open pages against BASE_URL: this file's own Trellis.
process.env.BASE_URL = BASE;
const { axeProblems, browserTest, seeText, signIn, signOut, signOutButton, openSession } = await import(
  "./helpers.mjs"
);

const PROVIDERS = [
  { id: "local", name: "Local IdP", client_id: "trellis", client_secret: "trellis-secret" },
  {
    id: "partner",
    name: "Partner IdP",
    client_id: "trellis-partner",
    client_secret: "partner-secret",
    domains: ["partner.example"],
  },
];

let idp = null;
let server = null;
let state = null;
let serverOutput = "";

before(async () => {
  idp = await startOidcProvider({
    port: idpPort,
    clients: PROVIDERS.map((p) => ({
      id: p.client_id,
      secret: p.client_secret,
      redirectUri: `${BASE}/auth/oidc/${p.id}/callback`,
    })),
  });
  const config = [
    ...PROVIDERS.map((p) => ({ ...p, issuer: idp.issuer })),
    // Nothing listens here: the provider that does not answer.
    { id: "offline", name: "Offline IdP", issuer: `http://127.0.0.1:${deadPort}`, client_id: "x", client_secret: "y" },
  ];
  state = mkdtempSync(join(tmpdir(), "trellis-sso-e2e-"));
  server = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(trellisPort),
      TRELLIS_STATE: state,
      TRELLIS_SIGNIN_PER_CLIENT: "100",
      TRELLIS_OIDC_PROVIDERS: JSON.stringify(config),
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const keep = (chunk) => {
    serverOutput += chunk;
  };
  server.stdout.on("data", keep);
  server.stderr.on("data", keep);
  for (let i = 0; i < 360; i++) {
    if (server.exitCode !== null) break;
    try {
      if ((await fetch(`${BASE}/`, { signal: AbortSignal.timeout(5000) })).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the single sign-on test's Trellis did not start on ${BASE}:\n${serverOutput}`);
});

after(async () => {
  if (server) await stopProcessGroup(server.pid);
  // This Trellis's output (its structured log lines say why each sign-in was refused), for looking into failures.
  mkdirSync(join(root, "test-results"), { recursive: true });
  writeFileSync(join(root, "test-results", "sso-server.log"), serverOutput);
  await idp?.close();
  if (state) rmSync(state, { recursive: true, force: true });
});

/** A free TCP port on the loopback interface. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Waits (up to 5 s: the server's output arrives through a pipe) for a line of this server's log holding `text`. */
async function loggedSince(from, text) {
  for (let i = 0; i < 50; i++) {
    if (serverOutput.slice(from).includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`the server did not log ${text}; it logged:\n${serverOutput.slice(from).slice(-3000)}`);
}

const onProvider = (url) => new URL(url).port === String(idpPort);
const callbackOf = (providerId) => (res) => res.url().startsWith(`${BASE}/auth/oidc/${providerId}/callback`);

/**
 * From Trellis's sign-in page through the provider's login and consent forms; returns the callback's URL and status
 * and the status of the page the browser lands on.
 */
async function signInAtProvider(page, { button = "Sign in with Local IdP", provider = "local", login }) {
  await page.goto("/signin");
  await page.getByRole("link", { name: button }).click();
  await page.waitForURL(onProvider);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const callback = page.waitForResponse(callbackOf(provider));
  await page.getByRole("button", { name: "Continue" }).click();
  const res = await callback;
  await page.waitForLoadState();
  return { callbackUrl: res.url(), callbackStatus: res.status() };
}

/** The sign-in page's single sign-on message. */
async function problemText(page) {
  return (await page.locator("#sso-problem").innerText()).trim();
}

browserTest(
  "a person signs in with their organisation's provider, lands on their home, and signs out",
  { js: false },
  async (s) => {
    const { page, context } = s;
    const { callbackUrl, callbackStatus } = await signInAtProvider(page, { login: "mentee1" });
    assert.equal(callbackStatus, 303, "the callback signs in and redirects");
    assert.equal(page.url(), `${BASE}/`, "lands on the home page");
    await signOutButton(page).waitFor({ state: "visible" });
    const cookies = await context.cookies(BASE);
    assert.ok(
      cookies.some((c) => c.name === "sid" && c.httpOnly && c.sameSite === "Lax"),
      "a session cookie is set",
    );
    assert.ok(!cookies.some((c) => c.name === "oidc"), "the attempt's cookie is gone");

    // The same callback again (same code, same browser): the attempt was used, so it fails with a message.
    const replay = await page.goto(callbackUrl);
    assert.equal(replay.status(), 400);
    assert.match(await problemText(page), /expired or was already used/);

    // And from another browser, which never had the attempt's cookie.
    const other = await openSession({ js: false });
    try {
      const res = await other.page.goto(callbackUrl);
      assert.equal(res.status(), 400);
      assert.match(await problemText(other.page), /expired or was already used/);
      assert.equal(await signOutButton(other.page).count(), 0, "nobody is signed in by a stolen callback URL");
    } finally {
      await other.close();
    }

    await page.goto("/");
    await signOut(page);
    assert.ok(!(await context.cookies(BASE)).some((c) => c.name === "sid"), "sign-out removes the session cookie");
    await page.goto("/profile");
    assert.equal(new URL(page.url()).pathname, "/signin", "the profile asks for sign-in again");
  },
);

browserTest(
  "a callback whose state was changed is refused, and that attempt cannot finish afterwards",
  { js: false },
  async (s) => {
    const { page } = s;
    await page.goto("/signin");
    await page.getByRole("link", { name: "Sign in with Local IdP" }).click();
    await page.waitForURL(onProvider);
    await page.locator('input[name="login"]').fill("mentee1");
    await page.locator('input[name="password"]').fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    // Submit the consent form from the test instead and follow the provider's redirects by hand, stopping before Trellis:
    // the callback URL with the provider's code, not yet used.
    const consent = page.locator("form", { has: page.getByRole("button", { name: "Continue" }) });
    const action = new URL(await consent.getAttribute("action"), page.url()).toString();
    let res = await s.context.request.post(action, { form: { prompt: "consent" }, maxRedirects: 0 });
    let held = null;
    for (let hops = 0; hops < 5 && res.status() >= 300 && res.status() < 400; hops++) {
      const location = new URL(res.headers().location, res.url()).toString();
      if (location.startsWith(`${BASE}/auth/oidc/local/callback`)) {
        held = location;
        break;
      }
      res = await s.context.request.get(location, { maxRedirects: 0 });
    }
    assert.ok(held, "the provider sends the browser back with a code");
    assert.ok(new URL(held).searchParams.get("code"), "the callback carries a code");

    const tampered = new URL(held);
    tampered.searchParams.set("state", "someone-elses-state-value");
    const refused = await page.goto(tampered.toString());
    assert.equal(refused.status(), 400);
    assert.match(await problemText(page), /expired or was already used/);
    assert.equal(await signOutButton(page).count(), 0);

    // The genuine callback now finds its attempt used up.
    const genuine = await page.goto(held);
    assert.equal(genuine.status(), 400);
    assert.equal(await signOutButton(page).count(), 0);
  },
);

browserTest(
  "cancelling at the provider comes back with the provider's error, said on the sign-in page",
  { js: false },
  async (s) => {
    const { page } = s;
    await page.goto("/signin");
    await page.getByRole("link", { name: "Sign in with Local IdP" }).click();
    await page.waitForURL(onProvider);
    const callback = page.waitForResponse(callbackOf("local"));
    await page.getByRole("link", { name: "[ Cancel ]" }).click();
    assert.equal((await callback).status(), 400);
    await page.waitForLoadState();
    assert.match(await problemText(page), /Local IdP did not sign you in/);
    assert.equal(await signOutButton(page).count(), 0);
  },
);

// `logged`: the reason Trellis's log line gives (oauth4webapi's code for the check that failed), so each case is known
// to fail for its own reason, not another one with the same message.
for (const { login, status, message, what, logged } of [
  {
    login: "wrong-audience",
    status: 400,
    message: /could not confirm your sign-in with Local IdP/,
    what: "an ID token for another client",
    logged: '"outcome":"token","error":"OAUTH_JWT_CLAIM_COMPARISON_FAILED"',
  },
  {
    login: "expired",
    status: 400,
    message: /could not confirm your sign-in with Local IdP/,
    what: "an expired ID token",
    logged: '"outcome":"token","error":"OAUTH_JWT_TIMESTAMP_CHECK_FAILED"',
  },
  {
    login: "unverified",
    status: 403,
    message: /did not confirm that your email address is verified/,
    what: "an unverified address",
    logged: '"outcome":"unverified"',
  },
  {
    login: "stranger",
    status: 403,
    message: /no Trellis account for nobody-here@example\.org/,
    what: "an address with no account",
    logged: '"outcome":"noAccount"',
  },
]) {
  browserTest(`${what} is refused with a clear message`, { js: false }, async (s) => {
    const { page } = s;
    const logFrom = serverOutput.length;
    const { callbackStatus } = await signInAtProvider(page, { login });
    assert.equal(callbackStatus, status);
    await loggedSince(logFrom, logged);
    assert.equal(new URL(page.url()).pathname, "/auth/oidc/local/callback");
    assert.match(await problemText(page), message);
    assert.equal(await signOutButton(page).count(), 0, "nobody is signed in");
    // The email form is still there to use instead.
    await page.getByLabel("Email address").waitFor();
  });
}

browserTest("a provider limited to other domains refuses an address outside them", { js: false }, async (s) => {
  const { page } = s;
  const { callbackStatus } = await signInAtProvider(page, {
    button: "Sign in with Partner IdP",
    provider: "partner",
    login: "mentee1",
  });
  assert.equal(callbackStatus, 403);
  assert.match(await problemText(page), /Sign-in with Partner IdP is only for addresses at partner\.example/);
  assert.equal(await signOutButton(page).count(), 0);
});

browserTest(
  "a provider that does not answer, or an unknown one, gets a message and a 4xx",
  { js: false },
  async (s) => {
    const { page } = s;
    await page.goto("/signin");
    const offline = page.waitForResponse((r) => r.url().startsWith(`${BASE}/auth/oidc/offline/start`));
    await page.getByRole("link", { name: "Sign in with Offline IdP" }).click();
    assert.equal((await offline).status(), 424);
    await page.waitForLoadState();
    assert.match(await problemText(page), /Offline IdP is not answering/);

    const unknown = await page.goto("/auth/oidc/nobody/start");
    assert.equal(unknown.status(), 404);
    assert.match(await problemText(page), /not set up here/);
    const stray = await page.goto("/auth/oidc/local/callback?code=abc&state=def");
    assert.equal(stray.status(), 400);
  },
);

browserTest(
  "with JavaScript on the buttons work the same, and the pages pass the accessibility check",
  { js: true },
  async (s) => {
    const { page } = s;
    await page.goto("/signin");
    assert.deepEqual(await axeProblems(page), [], "sign-in page with provider buttons");
    await page.goto("/auth/oidc/offline/start");
    assert.deepEqual(await axeProblems(page), [], "sign-in page with a single sign-on message");
    const { callbackStatus } = await signInAtProvider(page, { login: "mentee1" });
    assert.equal(callbackStatus, 303);
    await signOutButton(page).waitFor({ state: "visible" });
    assert.equal(page.url(), `${BASE}/`);
  },
);

browserTest(
  "a program that requires single sign-on sends its mentees to the provider; coordinators keep the email link",
  { js: false },
  async (s) => {
    const { page } = s;
    await signIn(page, "coordinator@example.org");
    await page.goto("/programs/demo-autumn-2026/edit");
    await page.getByLabel("Single sign-on").selectOption("local");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL((u) => u.pathname === "/programs/demo-autumn-2026");
    await page.goto("/programs/demo-autumn-2026/edit");
    assert.equal(await page.getByLabel("Single sign-on").inputValue(), "local", "the setting is saved");
    await signOut(page);

    // A mentee of that program asks for an email link: the link's page points to the provider instead.
    const mentee = await openSession({ js: false });
    {
      const p = mentee.page;
      await p.goto("/signin");
      await p.getByLabel("Email address").fill("mentee2@example.org");
      await p.getByRole("button", { name: "Email me a sign-in link" }).click();
      await seeText(p, "Check your email");
      await p.goto(`/dev/mailbox?to=${encodeURIComponent("mentee2@example.org")}`);
      const href = await p
        .locator("main ul.cards > li")
        .filter({ hasText: "Your Trellis sign-in link" })
        .first()
        .locator('a[href*="/auth/verify?token="]')
        .first()
        .getAttribute("href");
      const res = await p.goto(href);
      assert.equal(res.status(), 403);
      await seeText(p, "Your mentoring program asks its members to sign in with Local IdP");
      assert.equal(await p.getByRole("button", { name: "Sign in", exact: true }).count(), 0, "no email sign-in button");
      await p.getByRole("link", { name: "Sign in with Local IdP" }).click();
      await p.waitForURL(onProvider);
      await p.locator('input[name="login"]').fill("mentee2");
      await p.locator('input[name="password"]').fill("any password");
      await p.getByRole("button", { name: "Sign-in" }).click();
      await p.getByRole("button", { name: "Continue" }).click();
      await signOutButton(p).waitFor({ state: "visible" });
      assert.equal(p.url(), `${BASE}/`, "the mentee lands on their home through the provider");
    }
    await mentee.close();
    mentee.assertClean();

    // The coordinator still signs in by email link.
    await signIn(page, "coordinator@example.org");
    await page.goto("/programs/demo-autumn-2026/edit");
    await page.getByLabel("Single sign-on").selectOption("");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL((u) => u.pathname === "/programs/demo-autumn-2026");
  },
);

browserTest("the server's log names nobody who signed in or was refused", { js: false }, async () => {
  const named = Object.values(ACCOUNTS)
    .map((a) => a.email)
    // The address on its own (start.mjs's banner names spring-mentee1@example.org, another demo account).
    .filter((email) => new RegExp(`(^|[^\\w.+-])${email.replace(/[.]/g, "\\.")}`).test(serverOutput));
  assert.deepEqual(named, []);
  assert.match(serverOutput, /"event":"sso.signin"/, "the sign-ins were logged");
});
