/**
 * Local-only tools: the dev mailbox, the living style page and a test pairing for the journey. Absent (404) whenever a real mail transport is
 * configured.
 */
import { Hono } from "hono";
import { Mailbox, MailMessage } from "../../views/pages/mailbox";
import { NotFoundPage } from "../../views/pages/errors";
import { StyleGuide } from "../../views/pages/style-guide";
import { createJourneyTestPairing } from "../demo/journey-test-pairing";
import { manyValues, readForm, typedValues } from "../http/forms";
import { wakeJourneys } from "../journey/start";
import { getMail, listMail } from "../mail/mail-outbox";
import { devToolsEnabled } from "../mail/transport";
import type { AppEnv } from "../types";

/** Local-only dev tool routes. */
export const devRoutes = new Hono<AppEnv>();

devRoutes.use("/dev/*", async (c, next) => {
  if (devToolsEnabled(c.env)) return next();
  c.status(404);
  return c.render(<NotFoundPage />, { title: "Not found" });
});

devRoutes.get("/dev/mailbox", async (c) => {
  const to = c.req.query("to")?.trim().toLowerCase() || undefined;
  return c.render(<Mailbox messages={await listMail(c.env, to)} to={to} timeZone={c.var.user?.timeZone ?? "UTC"} />, {
    title: "Dev mailbox",
  });
});

// The living style page: like the demo seed, built only into local servers and tests (deployed bundles leave it out).
if (__TRELLIS_DEMO__) devRoutes.get("/dev/style", (c) => c.render(<StyleGuide />, { title: "Style" }));

devRoutes.get("/dev/mailbox/:id", async (c) => {
  const message = await getMail(c.env, c.req.param("id"));
  if (!message) return c.notFound();
  return c.render(<MailMessage message={message} timeZone={c.var.user?.timeZone ?? "UTC"} />, {
    title: message.subject,
  });
});

/**
 * A test pairing for the journey restart check (scripts/journey-restart.mjs), or one whose mid-point falls due soon
 * (test/e2e/resources.test.mjs's mid-point survey); see createJourneyTestPairing.
 * A form POST like any other (the CSRF cookie and field are checked); answers JSON.
 */
devRoutes.post("/dev/journey-pairing", async (c) => {
  const form = typedValues(await readForm(c));
  const seconds = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const midpoint = seconds(form.midpoint_due_in);
  const dueIn = midpoint ?? seconds(form.agreement_due_in) ?? Number.NaN;
  if (!Number.isInteger(dueIn) || dueIn < 1 || dueIn > 86_400)
    return c.json({ error: "agreement_due_in or midpoint_due_in: whole seconds from 1 to 86400" }, 422);
  return c.json(await createJourneyTestPairing(c.env, dueIn, Date.now(), midpoint), 201);
});

/**
 * Wakes journeys (the given `pairing` ids, or all under way) after a local restart; see `wakeJourneys`. A CSRF-checked
 * form POST; answers JSON.
 */
devRoutes.post("/dev/journeys/wake", async (c) =>
  c.json(await wakeJourneys(c.env, manyValues(await readForm(c), "pairing"))),
);
