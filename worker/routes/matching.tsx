/** The coordinator's matching page and the run-wide actions: run, approve, publish, discard. */
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { approveSchema } from "../domain/matching/forms";
import { recordAudit } from "../audit/audit-log";
import { readForm, textField } from "../http/forms";
import { requireCoordinator } from "../http/guards";
import { renderMatching, stagedRun } from "../http/matching-page";
import { redirectAfterPost } from "../http/redirects";
import { publicOrigin } from "../mail/mail-outbox";
import { setApproved } from "../matching/proposals";
import { publishRun } from "../matching/publish";
import { currentRun, discardRun, startRun } from "../matching/runs";
import type { AppEnv } from "../types";

export const matchingRoutes = new Hono<AppEnv>();

const BASE = "/programs/:programId/matching";

matchingRoutes.get(BASE, requireCoordinator, (c) => renderMatching(c));

matchingRoutes.post(`${BASE}/run`, requireCoordinator, async (c) => {
  const program = c.req.param("programId");
  const current = await currentRun(c.env, program);
  if (current?.status === "running") return redirectAfterPost(c, `/programs/${program}/matching`);
  const form = await readForm(c);
  await startRun(c.env, program, c.var.user!.id, Date.now(), textField(form, "include_invited") === "1");
  return redirectAfterPost(c, `/programs/${program}/matching?done=run`);
});

matchingRoutes.post(
  `${BASE}/:runId/approve`,
  requireCoordinator,
  zValidator("form", approveSchema, (result, hc) => {
    if (!result.success)
      throw new HTTPException(400, { message: (hc as Context<AppEnv>).var.t("matching.noProposal") });
  }),
  async (c) => {
    const s = await stagedRun(c);
    if (s instanceof Response) return s;
    const form = c.req.valid("form");
    if (!form.all && !form.proposal_id) throw new HTTPException(400, { message: c.var.t("matching.noProposal") });
    const n = await setApproved(c.env, s.run.id, form.all ? null : form.proposal_id!, !form.undo);
    if (n > 0)
      await recordAudit(c.env, {
        programId: s.program.id,
        actorId: c.var.user!.id,
        action: form.undo ? "matching.unapprove" : "matching.approve",
        detail: { counts: { proposals: n } },
      });
    return redirectAfterPost(
      c,
      `/programs/${s.program.id}/matching?done=${form.undo ? "unapproved" : "approved"}&n=${n}`,
    );
  },
);

matchingRoutes.post(`${BASE}/:runId/publish`, requireCoordinator, async (c) => {
  const s = await stagedRun(c);
  if (s instanceof Response) return s;
  const result = await publishRun(c.env, s, publicOrigin(c.env, c.req.url));
  if (result.pairings > 0)
    await recordAudit(c.env, {
      programId: s.program.id,
      actorId: c.var.user!.id,
      action: "matching.publish",
      detail: { counts: { pairings: result.pairings, skipped: result.skipped } },
    });
  return redirectAfterPost(
    c,
    `/programs/${s.program.id}/matching?done=published&n=${result.pairings}&skipped=${result.skipped}`,
  );
});

matchingRoutes.post(`${BASE}/:runId/discard`, requireCoordinator, async (c) => {
  const s = await stagedRun(c);
  if (s instanceof Response) return s;
  await discardRun(c.env, s.run.id);
  await recordAudit(c.env, {
    id: `discard:${s.run.id}`,
    programId: s.program.id,
    actorId: c.var.user!.id,
    action: "matching.discard",
  });
  return redirectAfterPost(c, `/programs/${s.program.id}/matching?done=discarded`);
});
