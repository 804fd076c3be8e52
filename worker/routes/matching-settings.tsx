/** A program's matching rules (weights, hard rules, questions) and its avoid lists, for coordinators. */
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { type AvoidRow, MatchingSettingsPage } from "../../views/pages/matching-settings";
import type { Errors } from "../../views/components/form";
import { avoidSchema } from "../domain/matching/forms";
import { matchSettingsSchema, settingsOf, settingsValues } from "../domain/matching/settings";
import { fieldErrors, typedValues } from "../http/forms";
import { requireCoordinator } from "../http/guards";
import { redirectAfterPost } from "../http/redirects";
import { participantByEmail } from "../matching/proposals";
import { getProgram } from "../programs/queries";
import type { AppEnv } from "../types";

export const matchingSettingsRoutes = new Hono<AppEnv>();

const BASE = "/programs/:programId/matching/settings";

const AVOIDS = `
SELECT a.person_id AS personId, a.avoid_id AS avoidId, p.name AS personName, p.email AS personEmail, q.name AS avoidName, q.email AS avoidEmail
FROM match_avoids a JOIN people p ON p.id = a.person_id JOIN people q ON q.id = a.avoid_id
WHERE a.program_id = ?1 ORDER BY p.email, q.email LIMIT 200`;

interface FormState {
  settings?: { values: Record<string, string>; errors?: Errors };
  avoid?: { values: Record<string, string>; errors?: Errors };
}

/** Renders the settings page with saved values, or with what was typed and its errors. */
async function renderSettings(c: Context<AppEnv>, state: FormState = {}) {
  const program = (await getProgram(c.env, c.req.param("programId")!))!;
  const avoids = await c.env.DB.prepare(AVOIDS).bind(program.id).all<AvoidRow>();
  const notice = c.req.query("saved")
    ? "Matching rules saved. Run matching again to use them."
    : c.req.query("avoid")
      ? "Avoid list updated."
      : undefined;
  const page = (
    <MatchingSettingsPage
      csrf={c.var.csrf}
      program={program}
      values={state.settings?.values ?? settingsValues(settingsOf(program.matchSettings))}
      errors={state.settings?.errors}
      avoids={avoids.results}
      avoid={state.avoid}
      notice={state.settings || state.avoid ? undefined : notice}
    />
  );
  return c.render(page, { title: "Matching rules" });
}

matchingSettingsRoutes.get(BASE, requireCoordinator, (c) => renderSettings(c));

matchingSettingsRoutes.post(
  BASE,
  requireCoordinator,
  zValidator("form", matchSettingsSchema, (result, hc) => {
    const c = hc as Context<AppEnv>;
    if (result.success) return;
    c.status(422);
    return renderSettings(c, { settings: { values: typedValues(result.data), errors: fieldErrors(result.error) } });
  }),
  async (c) => {
    await c.env.DB.prepare("UPDATE programs SET match_settings = ?2, updated_at = ?3 WHERE id = ?1")
      .bind(c.req.param("programId"), JSON.stringify(c.req.valid("form")), Date.now())
      .run();
    return redirectAfterPost(c, `/programs/${c.req.param("programId")}/matching/settings?saved=1`);
  },
);

matchingSettingsRoutes.post(
  `${BASE}/avoid`,
  requireCoordinator,
  zValidator("form", avoidSchema, (result, hc) => {
    const c = hc as Context<AppEnv>;
    if (result.success) return;
    c.status(422);
    return renderSettings(c, { avoid: { values: typedValues(result.data), errors: fieldErrors(result.error) } });
  }),
  async (c) => {
    const programId = c.req.param("programId");
    const values = c.req.valid("form");
    const roles = ["mentor", "mentee"];
    const [personId, avoidId] = await Promise.all([
      participantByEmail(c.env, programId, values.person_email, roles),
      participantByEmail(c.env, programId, values.avoid_email, roles),
    ]);
    if (!personId || !avoidId) {
      c.status(422);
      const field = personId ? "avoid_email" : "person_email";
      return renderSettings(c, {
        avoid: { values, errors: { [field]: "Nobody with that email is an active mentor or mentee in this program." } },
      });
    }
    await c.env.DB.prepare(
      "INSERT INTO match_avoids (program_id, person_id, avoid_id, created_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
    )
      .bind(programId, personId, avoidId, Date.now())
      .run();
    return redirectAfterPost(c, `/programs/${programId}/matching/settings?avoid=1#avoid`);
  },
);

matchingSettingsRoutes.post(`${BASE}/avoid/remove`, requireCoordinator, async (c) => {
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const programId = c.req.param("programId");
  await c.env.DB.prepare("DELETE FROM match_avoids WHERE program_id = ?1 AND person_id = ?2 AND avoid_id = ?3")
    .bind(programId, String(form.person_id ?? ""), String(form.avoid_id ?? ""))
    .run();
  return redirectAfterPost(c, `/programs/${programId}/matching/settings?avoid=1#avoid`);
});
