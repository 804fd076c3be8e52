/** A participant's answers for one program (its questions, and mentors wanted), kept on their membership. */
import { type Context, Hono } from "hono";
import { ForbiddenPage } from "../../views/pages/errors";
import { ProgramAnswersPage } from "../../views/pages/program-answers";
import type { Errors } from "../../views/components/form";
import { parseAnswers } from "../domain/matching/answers";
import { settingsOf } from "../domain/matching/settings";
import { readForm, typedValues } from "../http/forms";
import { requireUser } from "../http/guards";
import { redirectAfterPost } from "../http/redirects";
import { membershipAnswers, saveMembershipAnswers } from "../programs/answers";
import { getProgram } from "../programs/queries";
import { rolesIn } from "../programs/roles";
import type { AppEnv } from "../types";

export const programAnswerRoutes = new Hono<AppEnv>();

const PATH = "/programs/:programId/me/answers";

/** Renders the page for an active mentor or mentee, or answers 404/403. */
async function render(c: Context<AppEnv>, form?: { values: Record<string, string>; errors: Errors }) {
  const program = await getProgram(c.env, c.req.param("programId") ?? "");
  if (!program) return c.notFound();
  const roles = await rolesIn(c.env, program.id, c.var.user!.id);
  if (!roles.includes("mentor") && !roles.includes("mentee")) {
    c.status(403);
    return c.render(<ForbiddenPage message={c.var.t("programs.answers.forbidden")} />, {
      title: c.var.t("error.forbidden.title"),
    });
  }
  const settings = settingsOf(program.matchSettings);
  const isMentee = roles.includes("mentee");
  let values = form?.values;
  if (!values) {
    const row = await membershipAnswers(c.env, program.id, c.var.user!.id);
    const stored = row?.attributes ?? {};
    values = {
      wants: String(row?.wants ?? 1),
      ...Object.fromEntries(Object.entries(stored).map(([k, v]) => [`attr_${k}`, v])),
    };
  }
  const page = (
    <ProgramAnswersPage
      csrf={c.var.csrf}
      program={program}
      settings={settings}
      isMentee={isMentee}
      values={values}
      errors={form?.errors}
      saved={!form && c.req.query("saved") === "1"}
    />
  );
  return c.render(page, { title: c.var.t("programs.answers.title") });
}

programAnswerRoutes.get(PATH, requireUser, (c) => render(c));

programAnswerRoutes.post(PATH, requireUser, async (c) => {
  const program = await getProgram(c.env, c.req.param("programId") ?? "");
  const roles = program ? await rolesIn(c.env, program.id, c.var.user!.id) : [];
  if (!program || (!roles.includes("mentor") && !roles.includes("mentee"))) return render(c);
  const values = typedValues(await readForm(c));
  const parsed = parseAnswers(values, settingsOf(program.matchSettings), roles.includes("mentee"));
  if (!parsed.ok) {
    c.status(422);
    return render(c, { values, errors: parsed.errors });
  }
  await saveMembershipAnswers(c.env, program.id, c.var.user!.id, parsed.value.attributes, parsed.value.wants ?? null);
  return redirectAfterPost(c, `/programs/${program.id}/me/answers?saved=1`);
});
