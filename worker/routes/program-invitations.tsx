/** Coordinators inviting people to a program: one address from the invite form, or a batch of imported participants. */
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { InviteForm } from "../../views/pages/program";
import { inviteSchema, INVITE_BATCH } from "../domain/program";
import { fieldErrors, typedValues } from "../http/forms";
import { recordAudit } from "../audit/audit-log";
import { requireCoordinator } from "../http/guards";
import { renderOverview } from "../http/program-overview";
import { redirectAfterPost } from "../http/redirects";
import { publicOrigin, sendMail } from "../mail/mail-outbox";
import { wantsFragment } from "../middleware/renderer";
import { chosenLanguageOf, invitationLocale, invitationMail } from "../programs/invitation-mail";
import { mailLocale } from "../domain/i18n/locales";
import { claimUnmailed, createInvitation } from "../programs/invitations";
import { newId } from "../domain/random-secrets";
import { startMailJob } from "../mail/mail-jobs";
import { getProgram } from "../programs/queries";
import type { AppEnv } from "../types";

export const programInvitationRoutes = new Hono<AppEnv>();

programInvitationRoutes.post(
  "/programs/:programId/invitations",
  requireCoordinator,
  zValidator("form", inviteSchema, async (result, c) => {
    if (result.success) return;
    c.status(422);
    const invite = { values: typedValues(result.data), errors: fieldErrors(result.error) };
    if (!wantsFragment(c)) return renderOverview(c, invite);
    return c.render(<InviteForm csrf={c.var.csrf} programId={c.req.param("programId")!} {...invite} />, {
      title: c.var.t("programs.invite.title"),
    });
  }),
  async (c) => {
    const { email, role } = c.req.valid("form");
    const program = (await getProgram(c.env, c.req.param("programId")))!;
    const own = await chosenLanguageOf(c.env, email);
    const token = await createInvitation(c.env, program.id, email, role, c.var.user!.id);
    const link = `${publicOrigin(c.env, c.req.url)}/invitations/${token}`;
    const locale = invitationLocale(own, mailLocale(program.language, c.var.locale));
    await sendMail(
      c.env,
      invitationMail({ to: email, programName: program.name, role, inviter: c.var.user!.name, link, locale }),
    );
    return redirectAfterPost(c, `/programs/${program.id}?invited=${encodeURIComponent(email)}`);
  },
);

/**
 * Emails invitations to the invited participants never emailed: claims them in one statement (a second click claims
 * nobody twice), then a bulk mailing sends them in batches; the overview shows its progress.
 */
programInvitationRoutes.post("/programs/:programId/invitations/pending", requireCoordinator, async (c) => {
  const program = (await getProgram(c.env, c.req.param("programId")))!;
  const now = Date.now();
  const claimed = await claimUnmailed(c.env, program.id, INVITE_BATCH, now);
  if (claimed.length === 0) return redirectAfterPost(c, `/programs/${program.id}?mailed=0`);
  const jobId = `invitations-${newId()}`;
  await startMailJob(
    c.env,
    {
      kind: "invitations",
      jobId,
      programId: program.id,
      programName: program.name,
      inviter: c.var.user!.name,
      origin: publicOrigin(c.env, c.req.url),
      locale: mailLocale(program.language, c.var.locale),
      targets: claimed,
    },
    now,
  );
  await recordAudit(c.env, {
    id: jobId,
    programId: program.id,
    actorId: c.var.user!.id,
    action: "invitation.batch",
    detail: { counts: { invitations: claimed.length } },
  });
  return redirectAfterPost(c, `/programs/${program.id}?mailing=${jobId}`);
});
