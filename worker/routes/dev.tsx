/** Local-only tools: the dev mailbox and a test pairing for the journey. Absent (404) whenever a real mail transport is configured. */
import { Hono } from "hono";
import { Mailbox, MailMessage } from "../../views/pages/mailbox";
import { NotFoundPage } from "../../views/pages/errors";
import { DEFAULT_TEMPLATE } from "../domain/journey/template";
import { newId } from "../domain/tokens";
import { manyValues, readForm, typedValues } from "../http/forms";
import { startJourneys, wakeJourneys } from "../journey/start";
import { getMail, listMail } from "../mail/outbox";
import { devToolsEnabled } from "../mail/transport";
import type { AppEnv } from "../types";

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

devRoutes.get("/dev/mailbox/:id", async (c) => {
  const message = await getMail(c.env, c.req.param("id"));
  if (!message) return c.notFound();
  return c.render(<MailMessage message={message} timeZone={c.var.user?.timeZone ?? "UTC"} />, {
    title: message.subject,
  });
});

const TEST_PROGRAM = "dev-journey-test";
/** The test program's agreement falls due two days after a pairing starts (so its welcome, fresh for a week, is still news). */
const TEST_AGREEMENT_DAYS = 2;

/**
 * A test pairing for the journey restart check (scripts/journey-restart.mjs): two new people in a small test program,
 * the pairing started so that its agreement falls due `agreement_due_in` seconds from now, and its journey started.
 * A form POST like any other (the CSRF cookie and field are checked); answers JSON.
 */
devRoutes.post("/dev/journey-pairing", async (c) => {
  const dueIn = Number(typedValues(await readForm(c)).agreement_due_in ?? "");
  if (!Number.isInteger(dueIn) || dueIn < 1 || dueIn > 86_400)
    return c.json({ error: "agreement_due_in: whole seconds from 1 to 86400" }, 422);
  const now = Date.now();
  const tag = newId().slice(0, 10);
  const pairingId = `devjourney${tag}`;
  const coordinator = {
    id: "dev-journey-coordinator",
    email: "journey-coordinator@example.org",
    name: "Journey Test Coordinator",
  };
  const members = (["mentor", "mentee"] as const).map((role) => ({
    id: `dev-jt-${tag}-${role}`,
    email: `jt-${tag}-${role}@example.org`,
    name: `Test ${role} ${tag.slice(0, 4)}`,
    role,
  }));
  const template = { ...DEFAULT_TEMPLATE, agreementDays: TEST_AGREEMENT_DAYS };
  const createdAt = now - TEST_AGREEMENT_DAYS * 86_400_000 + dueIn * 1000;
  const person = c.env.DB.prepare(
    "INSERT INTO people (id, email, name, time_zone, contact_start, contact_end, created_at, updated_at) VALUES (?1, ?2, ?3, 'UTC', 0, 1440, ?4, ?4) ON CONFLICT DO NOTHING",
  );
  await c.env.DB.batch([
    person.bind(coordinator.id, coordinator.email, coordinator.name, now),
    c.env.DB.prepare(
      `INSERT INTO programs (id, name, description, type, length_weeks, cadence_days, matching_mode, milestone_template, created_by, created_at, updated_at)
       VALUES (?1, 'Journey test program', 'Pairings made by /dev/journey-pairing.', 'one-to-one', 26, 14, 'coordinator', ?2, ?3, ?4, ?4) ON CONFLICT DO NOTHING`,
    ).bind(TEST_PROGRAM, JSON.stringify(template), coordinator.id, now),
    c.env.DB.prepare(
      "INSERT INTO memberships (program_id, person_id, role, status, created_at) VALUES (?1, ?2, 'coordinator', 'active', ?3) ON CONFLICT DO NOTHING",
    ).bind(TEST_PROGRAM, coordinator.id, now),
    ...members.flatMap((m) => [
      person.bind(m.id, m.email, m.name, now),
      c.env.DB.prepare(
        "INSERT INTO memberships (program_id, person_id, role, status, created_at) VALUES (?1, ?2, ?3, 'active', ?4)",
      ).bind(TEST_PROGRAM, m.id, m.role, now),
    ]),
    c.env.DB.prepare(
      "INSERT INTO pairings (id, program_id, source, stage, created_at) VALUES (?1, ?2, 'matching', 'onboarding', ?3)",
    ).bind(pairingId, TEST_PROGRAM, createdAt),
    ...members.map((m) =>
      c.env.DB.prepare(
        "INSERT INTO pairing_members (pairing_id, person_id, role, program_id) VALUES (?1, ?2, ?3, ?4)",
      ).bind(pairingId, m.id, m.role, TEST_PROGRAM),
    ),
  ]);
  const started = await startJourneys(c.env, [pairingId]);
  return c.json(
    {
      pairingId,
      createdAt,
      agreementDueAt: createdAt + TEST_AGREEMENT_DAYS * 86_400_000,
      journeyStarted: started === 1,
      members: members.map(({ id, email }) => ({ id, email })),
    },
    201,
  );
});

/** Wakes journeys (the given `pairing` ids, or all under way) after a local restart; see `wakeJourneys`. A CSRF-checked form POST; answers JSON. */
devRoutes.post("/dev/journeys/wake", async (c) =>
  c.json(await wakeJourneys(c.env, manyValues(await readForm(c), "pairing"))),
);
