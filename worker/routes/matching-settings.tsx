/** A program's matching rules (weights, hard rules, questions) and its avoid lists, for coordinators. */
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { MatchingSettingsPage } from "../../views/pages/matching-settings";
import type { Errors } from "../../views/components/form";
import { msg } from "../domain/i18n/translate";
import { avoidSchema } from "../domain/matching/forms";
import { matchSettingsSchema, settingsOf, settingsValues } from "../domain/matching/settings";
import { fieldErrors, typedValues } from "../http/forms";
import { recordAudit } from "../audit/audit-log";
import { requireCoordinator } from "../http/guards";
import { redirectAfterPost } from "../http/redirects";
import { addAvoid, avoidList, removeAvoid } from "../matching/avoids";
import { getProgram, saveMatchSettings } from "../programs/queries";
import type { Role } from "../domain/vocabulary";
import { participantByEmail } from "../programs/participants";
import type { AppEnv } from "../types";

export const matchingSettingsRoutes = new Hono<AppEnv>();

const BASE = "/programs/:programId/matching/settings";

interface FormState {
  settings?: { values: Record<string, string>; errors?: Errors };
  avoid?: { values: Record<string, string>; errors?: Errors };
}

/** Renders the settings page with saved values, or with what was typed and its errors. */
async function renderSettings(c: Context<AppEnv>, state: FormState = {}) {
  const program = (await getProgram(c.env, c.req.param("programId")!))!;
  const avoids = await avoidList(c.env, program.id);
  const notice = c.req.query("saved")
    ? c.var.t("matchingSettings.saved")
    : c.req.query("avoid")
      ? c.var.t("matchingSettings.avoidUpdated")
      : undefined;
  const page = (
    <MatchingSettingsPage
      csrf={c.var.csrf}
      program={program}
      values={state.settings?.values ?? settingsValues(settingsOf(program.matchSettings))}
      errors={state.settings?.errors}
      avoids={avoids}
      avoid={state.avoid}
      notice={state.settings || state.avoid ? undefined : notice}
    />
  );
  return c.render(page, { title: c.var.t("matchingSettings.pageTitle") });
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
    await saveMatchSettings(c.env, c.req.param("programId"), c.req.valid("form"), c.var.user!.id);
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
    const roles: Role[] = ["mentor", "mentee"];
    const [personId, avoidId] = await Promise.all([
      participantByEmail(c.env, programId, values.person_email, roles),
      participantByEmail(c.env, programId, values.avoid_email, roles),
    ]);
    if (!personId || !avoidId) {
      c.status(422);
      const field = personId ? "avoid_email" : "person_email";
      return renderSettings(c, {
        avoid: { values, errors: { [field]: msg("matching.edit.noMemberEmail") } },
      });
    }
    await addAvoid(c.env, programId, personId, avoidId);
    await recordAudit(c.env, {
      programId,
      actorId: c.var.user!.id,
      action: "matching.avoid",
      subjectId: personId,
      detail: { change: "added" },
    });
    return redirectAfterPost(c, `/programs/${programId}/matching/settings?avoid=1#avoid`);
  },
);

matchingSettingsRoutes.post(`${BASE}/avoid/remove`, requireCoordinator, async (c) => {
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const programId = c.req.param("programId");
  const personId = String(form.person_id ?? "");
  if (await removeAvoid(c.env, programId, personId, String(form.avoid_id ?? "")))
    await recordAudit(c.env, {
      programId,
      actorId: c.var.user!.id,
      action: "matching.avoid",
      subjectId: personId,
      detail: { change: "removed" },
    });
  return redirectAfterPost(c, `/programs/${programId}/matching/settings?avoid=1#avoid`);
});
