/** Coordinators edit their program's milestone template (validated), seeing the plan it gives a pairing matched today. */
import { type Context, Hono } from "hono";
import { ProgramJourneyPage } from "../../views/pages/program-journey";
import type { Errors } from "../../views/components/form";
import { journeyPlan, type MilestoneTemplate, parseTemplate, templateOf } from "../domain/journey/template";
import { readForm, typedValues } from "../http/forms";
import { requireCoordinator } from "../http/guards";
import { redirectAfterPost } from "../http/redirects";
import { getProgram } from "../programs/queries";
import type { AppEnv } from "../types";

export const programJourneyRoutes = new Hono<AppEnv>();

const PATH = "/programs/:programId/journey";

/** Form values for a template. */
function valuesOf(t: MilestoneTemplate): Record<string, string> {
  return {
    agreementDays: String(t.agreementDays),
    firstMeetingDays: String(t.firstMeetingDays),
    checkInEveryDays: t.checkInEveryDays === null ? "" : String(t.checkInEveryDays),
    checkInOpenDays: String(t.checkInOpenDays),
    midPoint: t.midPoint ? "1" : "",
    wrapUpSurvey: t.wrapUpSurvey ? "1" : "",
  };
}

/** Renders the page with the stored template, or with what was typed and its errors. */
async function render(c: Context<AppEnv>, form?: { values: Record<string, string>; errors: Errors }) {
  const program = (await getProgram(c.env, c.req.param("programId") ?? ""))!;
  const stored = templateOf(program.milestoneTemplate);
  const parsed = form ? parseTemplate(form.values, program.lengthWeeks * 7) : null;
  const shown = parsed?.ok ? parsed.template : stored;
  const page = (
    <ProgramJourneyPage
      csrf={c.var.csrf}
      program={program}
      values={form?.values ?? valuesOf(stored)}
      errors={form?.errors}
      plan={journeyPlan(Date.now(), program, shown)}
      timeZone={c.var.user!.timeZone}
      saved={!form && c.req.query("saved") === "1"}
    />
  );
  return c.render(page, { title: "Milestones" });
}

programJourneyRoutes.get(PATH, requireCoordinator, (c) => render(c));

programJourneyRoutes.post(PATH, requireCoordinator, async (c) => {
  const program = (await getProgram(c.env, c.req.param("programId") ?? ""))!;
  const values = typedValues(await readForm(c));
  const parsed = parseTemplate(values, program.lengthWeeks * 7);
  if (!parsed.ok) {
    c.status(422);
    return render(c, { values, errors: parsed.errors });
  }
  await c.env.DB.prepare("UPDATE programs SET milestone_template = ?2, updated_at = ?3 WHERE id = ?1").bind(program.id, JSON.stringify(parsed.template), Date.now()).run();
  return redirectAfterPost(c, `/programs/${program.id}/journey?saved=1`);
});
