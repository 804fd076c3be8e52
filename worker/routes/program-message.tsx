/**
 * "Email participants": audience → confirmation with the exact recipients → a bulk mailing (one mail each through
 * notify, in a Workflow) and an audit entry → the page shows the mailing's progress until it is sent.
 */
import { type Context, Hono } from "hono";
import { ConfirmPanel } from "../../views/components/confirm";
import { ProgramMessageForm, ProgramMessagePage } from "../../views/pages/program-message";
import { sendProgramMessage, unknownAddresses } from "../coordinator/program-message";
import { AUDIENCE_LABELS, firstName, parseProgramMessage } from "../domain/coordinator/audience";
import { isConfirmKey, joinNames, newConfirmKey, ownValues, stepOf } from "../domain/coordinator/confirm-step";
import { STAGE_NAMES } from "../domain/program-home";
import type { Stage } from "../domain/room/stages";
import { msg } from "../domain/i18n/translate";
import { manyValues, readForm, typedValues } from "../http/forms";
import { requireCoordinator } from "../http/guards";
import { redirectAfterPost } from "../http/redirects";
import { wantsFragment } from "../middleware/renderer";
import { recipientsOf, searchParticipants } from "../programs/participants";
import type { Program } from "../domain/records";
import { getProgram } from "../programs/queries";
import { mailJobOf } from "../mail/mail-jobs";
import { MAILING_REFRESH_SECONDS } from "../domain/mailing";
import type { AppEnv } from "../types";
import { confirmation } from "../http/confirmation";

export const programMessageRoutes = new Hono<AppEnv>();

const PATH = "/programs/:programId/message";
/** First names listed on the confirmation (the count is always exact). */
const NAMES_SHOWN = 40;

type FormState = { values: Record<string, string>; errors?: Record<string, string>; problem?: string };

/** Answers the form again (in place for htmx, as the whole page otherwise). */
function showForm(c: Context<AppEnv>, program: Program, form: FormState, status: 200 | 400 | 409 | 422) {
  c.status(status);
  const props = { csrf: c.var.csrf, programId: program.id, found: [], ...form };
  const title = c.var.t("programs.message.title");
  if (wantsFragment(c)) return c.render(<ProgramMessageForm {...props} />, { title });
  return c.render(<ProgramMessagePage {...props} program={program} q="" />, { title });
}

programMessageRoutes.get(PATH, requireCoordinator, async (c) => {
  const program = (await getProgram(c.env, c.req.param("programId")))!;
  const q = (c.req.query("q") ?? "").slice(0, 100);
  const found = await searchParticipants(c.env, program.id, q);
  const jobId = (c.req.query("job") ?? "").slice(0, 100);
  const mailing = jobId ? await mailJobOf(c.env, jobId, program.id) : null;
  if (mailing?.status === "sending") c.header("Refresh", String(MAILING_REFRESH_SECONDS));
  const values = { audience: found.length ? "chosen" : "all" };
  return c.render(
    <ProgramMessagePage
      csrf={c.var.csrf}
      program={program}
      programId={program.id}
      values={values}
      found={found}
      q={q}
      mailing={mailing}
      mailingHref={`/programs/${program.id}/message?job=${encodeURIComponent(jobId)}`}
    />,
    { title: c.var.t("programs.message.title") },
  );
});

programMessageRoutes.post(PATH, requireCoordinator, async (c) => {
  const t = c.var.t;
  const program = (await getProgram(c.env, c.req.param("programId")))!;
  const form = await readForm(c);
  const all = typedValues(form);
  const picks = manyValues(form, "pick");
  const values = ownValues(all);
  delete values.pick;
  if (picks.length) values.emails = [values.emails ?? "", ...picks].filter(Boolean).join("\n");
  const step = stepOf(all);
  if (step === "edit") return showForm(c, program, { values }, 200);
  const parsed = parseProgramMessage(values);
  if (!parsed.ok) return showForm(c, program, { values, errors: parsed.errors }, 422);
  const message = parsed.message;
  const recipients = await recipientsOf(c.env, program.id, message);
  const unknown = message.audience === "chosen" ? unknownAddresses(message.emails, recipients) : [];
  if (unknown.length)
    return showForm(
      c,
      program,
      {
        values,
        errors: {
          emails: msg("programs.message.error.unknown", {
            list: unknown.slice(0, 5).join(", "),
            more: Math.max(0, unknown.length - 5),
          }),
        },
      },
      422,
    );
  if (!recipients.length) return showForm(c, program, { values, problem: "programs.message.nobody" }, 422);
  if (step === "review") {
    const names = recipients.slice(0, NAMES_SHOWN).map((r) => firstName(r.name, r.email));
    const more = recipients.length - names.length;
    const who =
      message.audience === "stage"
        ? `${t(AUDIENCE_LABELS.stage)} (${t(STAGE_NAMES[message.stage as Stage])})`
        : t(AUDIENCE_LABELS[message.audience]);
    const listed = more > 0 ? [...names, t("programs.message.more", { count: more })] : names;
    const panel = (
      <ConfirmPanel
        action={`/programs/${program.id}/message`}
        csrf={c.var.csrf}
        idKey={newConfirmKey()}
        question={t("programs.message.question", { count: recipients.length })}
        values={values}
        confirmLabel={t("programs.message.send")}
      >
        <p>{t("programs.message.to", { who, names: joinNames(listed, c.var.locale) })}</p>
        <p>
          {t("programs.message.subject")}: <strong dir="auto">{message.subject}</strong>
        </p>
        <blockquote dir="auto">{message.body}</blockquote>
        <p class="hint">{t("programs.message.preferences")}</p>
      </ConfirmPanel>
    );
    return confirmation(c, panel, program, "message");
  }
  if (!isConfirmKey(all._key)) return showForm(c, program, { values, problem: "programs.message.invalidKey" }, 400);
  const origin = new URL(c.req.url).origin;
  const sent = await sendProgramMessage(c.env, {
    programId: program.id,
    programName: program.name,
    message,
    recipients,
    key: all._key,
    actorId: c.var.user!.id,
    origin,
  });
  if (!sent.ok) return showForm(c, program, { values, problem: sent.error }, 409);
  return redirectAfterPost(c, `/programs/${program.id}/message?job=${all._key}`);
});
