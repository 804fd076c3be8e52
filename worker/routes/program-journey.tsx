/**
 * Coordinators edit their program's milestone template (validated, then confirmed), seeing the plan it gives a pairing
 * matched today.
 */
import { type Context, Hono } from "hono";
import { ConfirmPanel } from "../../views/components/confirm";
import type { Errors } from "../../views/components/form";
import { JourneyForm, ProgramJourneyPage } from "../../views/pages/program-journey";
import { pairingsUnderWay, saveTemplate } from "../coordinator/template-edit";
import { isConfirmKey, newConfirmKey, ownValues, stepOf } from "../domain/coordinator/confirm-step";
import {
  TEMPLATE_LABELS,
  type TemplateChanges,
  templateChanges,
  templateValueText,
} from "../domain/coordinator/template-changes";
import { journeyPlan, type MilestoneTemplate, parseTemplate, templateOf } from "../domain/journey/template";
import { readForm, typedValues } from "../http/forms";
import { requireCoordinator } from "../http/guards";
import { redirectAfterPost } from "../http/redirects";
import { wantsFragment } from "../middleware/renderer";
import { getProgram } from "../programs/queries";
import type { Program } from "../domain/records";
import type { AppEnv } from "../types";
import { confirmation as confirmationPage } from "../http/confirmation";

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

/** Renders the page (or, for htmx, just the form) with the stored template, or with what was typed and its errors. */
async function render(
  c: Context<AppEnv>,
  program: Program,
  form?: { values: Record<string, string>; errors?: Errors; problem?: string },
) {
  const stored = templateOf(program.milestoneTemplate);
  if (form && wantsFragment(c))
    return c.render(<JourneyForm csrf={c.var.csrf} program={program} {...form} />, {
      title: c.var.t("programs.nav.milestones"),
    });
  const parsed = form ? parseTemplate(form.values, program.lengthWeeks * 7) : null;
  const shown = parsed?.ok ? parsed.template : stored;
  const page = (
    <ProgramJourneyPage
      csrf={c.var.csrf}
      program={program}
      values={form?.values ?? valuesOf(stored)}
      errors={form?.errors}
      problem={form?.problem}
      plan={journeyPlan(Date.now(), program, shown)}
      timeZone={c.var.user!.timeZone}
      saved={!form && c.req.query("saved") === "1"}
    />
  );
  return c.render(page, { title: c.var.t("programs.nav.milestones") });
}

/** The confirmation: each changed value before → after, and truthfully which pairings it affects. */
async function showChanges(
  c: Context<AppEnv>,
  program: Program,
  values: Record<string, string>,
  changes: TemplateChanges,
) {
  const t = c.var.t;
  const underWay = await pairingsUnderWay(c.env, program.id);
  const panel = (
    <ConfirmPanel
      action={`/programs/${program.id}/journey`}
      csrf={c.var.csrf}
      idKey={newConfirmKey()}
      question={t("programs.journey.question")}
      values={values}
    >
      <ul>
        {Object.entries(changes).map(([field, [before, after]]) => (
          <li>
            {t(TEMPLATE_LABELS[field as keyof MilestoneTemplate])}: {templateValueText(before, program.cadenceDays, t)}{" "}
            → <strong>{templateValueText(after, program.cadenceDays, t)}</strong>
          </li>
        ))}
      </ul>
      <p>{t("programs.journey.applies", { count: underWay })}</p>
      <p class="hint">{t("programs.journey.audited")}</p>
    </ConfirmPanel>
  );
  return confirmationPage(c, panel, program, "milestones");
}

programJourneyRoutes.get(PATH, requireCoordinator, async (c) =>
  render(c, (await getProgram(c.env, c.req.param("programId") ?? ""))!),
);

programJourneyRoutes.post(PATH, requireCoordinator, async (c) => {
  const program = (await getProgram(c.env, c.req.param("programId") ?? ""))!;
  const all = typedValues(await readForm(c));
  const values = ownValues(all);
  const step = stepOf(all);
  if (step === "edit") return render(c, program, { values });
  const parsed = parseTemplate(values, program.lengthWeeks * 7);
  if (!parsed.ok) {
    c.status(422);
    return render(c, program, { values, errors: parsed.errors });
  }
  const changes = templateChanges(templateOf(program.milestoneTemplate), parsed.template);
  if (step === "review") {
    if (Object.keys(changes).length === 0)
      return render(c, program, { values, problem: "programs.journey.nothingChanged" });
    return showChanges(c, program, values, changes);
  }
  if (Object.keys(changes).length === 0) return redirectAfterPost(c, `/programs/${program.id}/journey?saved=1`);
  if (!isConfirmKey(all._key)) {
    c.status(400);
    return render(c, program, {
      values,
      problem: "programs.journey.invalidKey",
    });
  }
  const saved = await saveTemplate(c.env, {
    programId: program.id,
    template: parsed.template,
    changes,
    key: all._key,
    actorId: c.var.user!.id,
  });
  if (saved === "other") {
    c.status(409);
    return render(c, program, {
      values,
      problem: "programs.journey.keyReused",
    });
  }
  return redirectAfterPost(c, `/programs/${program.id}/journey?saved=1`);
});
