/** Hand edits to one staged run: add a pair, change a proposal's mentor, swap two proposals' mentors, remove one. */
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { ProposalPage } from "../../views/pages/proposal";
import type { Errors } from "../../views/components/form";
import { msg } from "../domain/i18n/translate";
import { addPairSchema, mentorSchema, swapSchema } from "../domain/matching/forms";
import { fieldErrors, typedValues } from "../http/forms";
import { recordAudit } from "../audit/audit-log";
import { requireCoordinator } from "../http/guards";
import { renderMatching, stagedRun } from "../http/matching-page";
import { redirectAfterPost } from "../http/redirects";
import { alternativesFor, swapsFor } from "../matching/alternatives";
import {
  addProposal,
  changeMentor,
  type EditResult,
  getProposal,
  otherProposalOf,
  removeProposal,
  swapMentors,
} from "../matching/proposals";
import type { ProposalRow } from "../domain/matching/review";
import type { Staging } from "../matching/staging-context";
import type { Role } from "../domain/vocabulary";
import { participantByEmail } from "../programs/participants";
import type { AppEnv } from "../types";

export const proposalRoutes = new Hono<AppEnv>();

const RUN = "/programs/:programId/matching/:runId";
const PROPOSAL = `${RUN}/proposals/:proposalId`;

/** The roles whose people can stand on the mentor side (peers: anyone). */
const mentorRoles = (s: Staging): Role[] => (s.peer ? ["mentor", "mentee"] : ["mentor"]);
const menteeRoles = (s: Staging): Role[] => (s.peer ? ["mentor", "mentee"] : ["mentee"]);

/** Loads the staged run and the proposal in the URL, or the page to answer instead. */
async function stagedProposal(c: Context<AppEnv>): Promise<{ s: Staging; p: ProposalRow } | Response> {
  const s = await stagedRun(c);
  if (s instanceof Response) return s;
  const p = await getProposal(c.env, s.run.id, c.req.param("proposalId") ?? "");
  return p ? { s, p } : c.notFound();
}

/** Renders the proposal page, with the form's typed values and errors after a refused edit. */
async function renderProposal(
  c: Context<AppEnv>,
  s: Staging,
  p: ProposalRow,
  values?: Record<string, string>,
  errors?: Errors,
) {
  const [alternatives, swaps] = await Promise.all([
    alternativesFor(c.env, s, p.menteeId, [p.mentorId]),
    swapsFor(c.env, s, p),
  ]);
  return c.render(
    <ProposalPage
      csrf={c.var.csrf}
      program={s.program}
      runId={s.run.id}
      proposal={p}
      alternatives={alternatives}
      swaps={swaps}
      values={values}
      errors={errors}
    />,
    {
      title: c.var.t("proposal.pageTitle"),
    },
  );
}

/** Answers an edit: back to the matching page with the score change, or the proposal page with the reason (422). */
async function answerEdit(
  c: Context<AppEnv>,
  s: Staging,
  p: ProposalRow,
  result: EditResult,
  field: string,
  values: Record<string, string>,
) {
  if (result.ok) {
    await recordAudit(c.env, {
      programId: s.program.id,
      actorId: c.var.user!.id,
      action: "proposal.change",
      subjectId: p.menteeId,
      detail: { change: field === "mentor_email" ? "mentor" : "swap", score: `${result.before} → ${result.after}` },
    });
    return redirectAfterPost(
      c,
      `/programs/${s.program.id}/matching?done=changed&score=${result.before}-${result.after}`,
    );
  }
  c.status(422);
  return renderProposal(c, s, p, values, { [field]: result.message });
}

/** zValidator hook for the proposal page's forms: a refused form is shown again there with its messages (422). */
async function refusedOnProposalPage(
  result: { success: true } | { success: false; data: unknown; error: Parameters<typeof fieldErrors>[0] },
  hc: Context,
): Promise<Response | undefined> {
  if (result.success) return;
  const c = hc as Context<AppEnv>;
  const found = await stagedProposal(c);
  if (found instanceof Response) return found;
  c.status(422);
  return renderProposal(c, found.s, found.p, typedValues(result.data), fieldErrors(result.error));
}

proposalRoutes.get(PROPOSAL, requireCoordinator, async (c) => {
  const found = await stagedProposal(c);
  return found instanceof Response ? found : renderProposal(c, found.s, found.p);
});

proposalRoutes.post(
  `${PROPOSAL}/mentor`,
  requireCoordinator,
  zValidator("form", mentorSchema, refusedOnProposalPage),
  async (c) => {
    const found = await stagedProposal(c);
    if (found instanceof Response) return found;
    const { s, p } = found;
    const { mentor_email } = c.req.valid("form");
    const mentorId = await participantByEmail(c.env, s.program.id, mentor_email, mentorRoles(s));
    const result: EditResult = mentorId
      ? await changeMentor(c.env, s, p, mentorId, c.var.user!.id)
      : {
          ok: false,
          message: msg(s.peer ? "matching.edit.noParticipant" : "matching.edit.noMentor"),
        };
    return answerEdit(c, s, p, result, "mentor_email", { mentor_email });
  },
);

proposalRoutes.post(
  `${PROPOSAL}/swap`,
  requireCoordinator,
  zValidator("form", swapSchema, refusedOnProposalPage),
  async (c) => {
    const found = await stagedProposal(c);
    if (found instanceof Response) return found;
    const { s, p } = found;
    const { other_email } = c.req.valid("form");
    const otherId = await participantByEmail(c.env, s.program.id, other_email, menteeRoles(s));
    const other = otherId ? await otherProposalOf(c.env, s.run.id, otherId, s.peer, p.id) : null;
    const q = other ? await getProposal(c.env, s.run.id, other) : null;
    const result: EditResult = q
      ? await swapMentors(c.env, s, p, q, c.var.user!.id)
      : { ok: false, message: msg("matching.edit.noOtherProposal") };
    return answerEdit(c, s, p, result, "other_email", { other_email });
  },
);

proposalRoutes.post(`${PROPOSAL}/remove`, requireCoordinator, async (c) => {
  const found = await stagedProposal(c);
  if (found instanceof Response) return found;
  await removeProposal(c.env, found.s, found.p);
  await recordAudit(c.env, {
    programId: found.s.program.id,
    actorId: c.var.user!.id,
    action: "proposal.change",
    subjectId: found.p.menteeId,
    detail: { change: "remove" },
  });
  return redirectAfterPost(c, `/programs/${found.s.program.id}/matching?done=removed`);
});

proposalRoutes.post(
  `${RUN}/proposals`,
  requireCoordinator,
  zValidator("form", addPairSchema, async (result, hc) => {
    const c = hc as Context<AppEnv>;
    if (result.success) return;
    const s = await stagedRun(c);
    if (s instanceof Response) return s;
    c.status(422);
    return renderMatching(c, { values: typedValues(result.data), errors: fieldErrors(result.error) });
  }),
  async (c) => {
    const s = await stagedRun(c);
    if (s instanceof Response) return s;
    const values = c.req.valid("form");
    const [menteeId, mentorId] = await Promise.all([
      participantByEmail(c.env, s.program.id, values.mentee_email, menteeRoles(s)),
      participantByEmail(c.env, s.program.id, values.mentor_email, mentorRoles(s)),
    ]);
    const refuse = (field: string, message: string) => {
      c.status(422);
      return renderMatching(c, { values, errors: { [field]: message } });
    };
    if (!menteeId)
      return refuse("mentee_email", msg(s.peer ? "matching.edit.noParticipant" : "matching.edit.noMentee"));
    if (!mentorId)
      return refuse("mentor_email", msg(s.peer ? "matching.edit.noParticipant" : "matching.edit.noMentor"));
    const result = await addProposal(c.env, s, mentorId, menteeId, c.var.user!.id);
    if (!result.ok) return refuse("mentor_email", result.message);
    await recordAudit(c.env, {
      programId: s.program.id,
      actorId: c.var.user!.id,
      action: "proposal.change",
      subjectId: menteeId,
      detail: { change: "add", score: `${result.after}` },
    });
    return redirectAfterPost(c, `/programs/${s.program.id}/matching?done=changed&score=0-${result.after}`);
  },
);
