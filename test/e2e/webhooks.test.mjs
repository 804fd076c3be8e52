// As the coordinator, register a webhook endpoint on the program's Webhooks tab with JavaScript on and off (a wrong
// address first: the message shows and what was typed stays), then, with JavaScript off, move a pairing through the
// coordinator's confirmation and see the signed request arrive at a real HTTP receiver on this computer, verified with
// the independent `standardwebhooks` package, and the attempt in the endpoint's delivery log.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";
import { browserTest, seeText, signInOnce, WAIT_MS } from "./helpers.mjs";

const PROGRAM = "demo-spring-2026";
const SUMMARY = `/programs/${PROGRAM}/pairings/demospringpaused`;
const RECEIVER_PORT = Number(process.env.E2E_WEBHOOK_PORT ?? 8823);

/** A receiver that keeps every request it gets and answers 204. */
function startReceiver() {
  const got = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      got.push({ path: req.url, headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(RECEIVER_PORT, "127.0.0.1", () => resolve({ got, server })));
}

/** Registers an endpoint for stage changes only and returns its secret. */
async function register(page, url) {
  await page.goto(`/programs/${PROGRAM}`);
  await page.getByRole("navigation", { name: "Program" }).getByRole("link", { name: "Webhooks" }).click();
  await page.waitForURL((u) => u.pathname === `/programs/${PROGRAM}/webhooks`);
  await page.getByLabel("Endpoint address").fill("http://hooks.example.org/in");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await seeText(page, "Use an https:// address");
  assert.equal(await page.getByLabel("Endpoint address").inputValue(), "http://hooks.example.org/in");
  await page.getByLabel("Endpoint address").fill(url);
  for (const box of await page.locator('input[name="events"]').all()) {
    const value = await box.getAttribute("value");
    if (value === "pairing.stage_changed") await box.check();
    else await box.uncheck();
  }
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await seeText(page, `Endpoint added: ${url}`);
  const secret = (await page.locator("main .notice code").innerText()).trim();
  assert.match(secret, /^whsec_/);
  return secret;
}

browserTest("register a webhook endpoint with JavaScript on", { js: true }, async (session) => {
  await signInOnce(session, "coordinator@example.org");
  await register(session.page, `http://localhost:${RECEIVER_PORT}/js-on`);
});

browserTest(
  "register an endpoint with JavaScript off and receive a signed stage change",
  { js: false },
  async (session) => {
    const { page } = session;
    const { got, server } = await startReceiver();
    try {
      await signInOnce(session, "coordinator@example.org");
      const url = `http://127.0.0.1:${RECEIVER_PORT}/js-off`;
      const secret = await register(page, url);

      await page.goto(SUMMARY);
      await page.getByRole("button", { name: "Resume…" }).click();
      await page.getByRole("button", { name: "Confirm" }).click();
      await seeText(page, "The pairing is running again.");
      const deadline = Date.now() + WAIT_MS;
      while (!got.some((r) => r.path === "/js-off") && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
      const request = got.find((r) => r.path === "/js-off");
      assert.ok(request, "the receiver got the stage change");
      const payload = new Webhook(secret).verify(request.body, request.headers);
      assert.equal(payload.type, "pairing.stage_changed");
      assert.deepEqual(
        { ...payload.data, program_id: undefined },
        { program_id: undefined, pairing_id: "demospringpaused", from: "paused", to: "active" },
      );

      await page.goto(`/programs/${PROGRAM}/webhooks`);
      await page.getByRole("link", { name: url }).click();
      await seeText(page, "Delivered");
      await seeText(page, "HTTP 204");

      // Leave the pairing paused, as the demo has it.
      await page.goto(SUMMARY);
      await page.getByLabel("Why pause the pairing?").fill("Back to how the demo had it");
      await page.getByRole("button", { name: "Pause…" }).click();
      await page.getByRole("button", { name: "Confirm" }).click();
      await seeText(page, "The pairing is paused.");
    } finally {
      server.close();
    }
  },
);
