/** The coordinator's matching page and the run-wide actions: run, approve, publish, discard. */
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { MatchingPage, StaleRunPage } from "../../views/pages/matching";
import type { Errors } from "../../views/components/form";
import { approveSchema } from "../domain/matching/forms";
import { requireCoordinator } from "../http/guards";
import { redirectAfterPost } from "../http/redirects";
import { publicOrigin } from "../mail/outbox";
import { proposalPage, runTotals, setApproved } from "../matching/proposals";
import { proposalOrders, type ProposalOrder } from "../domain/matching/review";
import { publishRun } from "../matching/publish";
import { currentRun, discardRun, getRun, poolSize, startRun } from "../matching/runs";
import { stagingOf, type Staging } from "../matching/staging-context";
import { unmatchedPeople } from "../matching/unmatched";
import { getProgram } from "../programs/queries";
import type { AppEnv } from "../types";
import { pageNumber } from "../domain/paging";

export const matchingRoutes = new Hono<AppEnv>();

const BASE = "/programs/:programId/matching";

/** The notice a redirect asked for (?done=…), in words. */
function matchingNotice(c: Context<AppEnv>): string | undefined {
  const q = (k: string) => c.req.query(k);
  const n = Number(q("n") ?? "0");
  switch (q("done")) {
    case "run":
      return "Matching finished: review the proposals below.";
    case "approved":
      return n === 1 ? "Approved." : `Approved ${n} proposals.`;
    case "unapproved":
      return "Approval withdrawn.";
    case "published": {
      const skipped = Number(q("skipped") ?? "0");
      const made = `Published: ${n} pairing${n === 1 ? "" : "s"} created and everyone emailed.`;
      return skipped > 0
        ? `${made} ${skipped} approved pair${skipped === 1 ? " was" : "s were"} skipped because the mentor's places were taken meanwhile; run matching again for them.`
        : made;
    }
    case "discarded":
      return "The run was discarded.";
    case "removed":
      return "Proposal removed; both people are back on the not-matched list.";
    case "changed": {
      const m = /^(\d{1,4})-(\d{1,4})$/.exec(q("score") ?? "");
      if (!m) return "Saved.";
      const [before, after] = [Number(m[1]), Number(m[2])];
      const d = after - before;
      return `Saved. Score ${before} → ${after} (${d > 0 ? "+" : d < 0 ? "−" : "±"}${Math.abs(d)}).`;
    }
    default:
      return undefined;
  }
}

/** Renders the matching page (status 200 unless the caller set one), optionally with the add-pair form's errors. */
export async function renderMatching(c: Context<AppEnv>, add?: { values: Record<string, string>; errors?: Errors }) {
  const program = (await getProgram(c.env, c.req.param("programId")!))!;
  const run = await currentRun(c.env, program.id);
  const order: ProposalOrder = (proposalOrders as readonly string[]).includes(c.req.query("order") ?? "")
    ? (c.req.query("order") as ProposalOrder)
    : "weakest";
  const page = pageNumber(c.req.query("page"));
  const [totals, proposals, unmatched, pool] = await Promise.all([
    run ? runTotals(c.env, run.id) : { count: 0, approved: 0, published: 0, score: 0 },
    run ? proposalPage(c.env, run.id, page, order) : [],
    run ? unmatchedPeople(c.env, run) : { rows: [], total: 0 },
    poolSize(c.env, program.id),
  ]);
  const view = (
    <MatchingPage
      csrf={c.var.csrf}
      program={program}
      run={run}
      totals={totals}
      proposals={proposals}
      unmatched={unmatched.rows}
      unmatchedTotal={unmatched.total}
      page={page}
      order={order}
      poolSize={pool}
      notice={add ? undefined : matchingNotice(c)}
      add={add}
    />
  );
  return c.render(view, { title: `Matching · ${program.name}` });
}

/** The staged run named in the URL, or the page to answer instead (404 unknown run, 409 no longer staged). */
export async function stagedRun(c: Context<AppEnv>): Promise<Staging | Response> {
  const program = (await getProgram(c.env, c.req.param("programId")!))!;
  const run = await getRun(c.env, program.id, c.req.param("runId") ?? "");
  if (!run) return c.notFound();
  if (run.status !== "staged") {
    c.status(409);
    return c.render(<StaleRunPage programId={program.id} />, { title: "Run no longer staged" });
  }
  return stagingOf(program, run);
}

matchingRoutes.get(BASE, requireCoordinator, (c) => renderMatching(c));

matchingRoutes.post(`${BASE}/run`, requireCoordinator, async (c) => {
  const program = c.req.param("programId");
  const current = await currentRun(c.env, program);
  if (current?.status === "running") return redirectAfterPost(c, `/programs/${program}/matching`);
  await startRun(c.env, program, c.var.user!.id);
  return redirectAfterPost(c, `/programs/${program}/matching?done=run`);
});

const NO_PROPOSAL = "Choose a proposal to approve: go back to the matching page and use its buttons.";

matchingRoutes.post(
  `${BASE}/:runId/approve`,
  requireCoordinator,
  zValidator("form", approveSchema, (result) => {
    if (!result.success) throw new HTTPException(400, { message: NO_PROPOSAL });
  }),
  async (c) => {
    const s = await stagedRun(c);
    if (s instanceof Response) return s;
    const form = c.req.valid("form");
    if (!form.all && !form.proposal_id) throw new HTTPException(400, { message: NO_PROPOSAL });
    const n = await setApproved(c.env, s.run.id, form.all ? null : form.proposal_id!, !form.undo);
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
  return redirectAfterPost(
    c,
    `/programs/${s.program.id}/matching?done=published&n=${result.pairings}&skipped=${result.skipped}`,
  );
});

matchingRoutes.post(`${BASE}/:runId/discard`, requireCoordinator, async (c) => {
  const s = await stagedRun(c);
  if (s instanceof Response) return s;
  await discardRun(c.env, s.run.id);
  return redirectAfterPost(c, `/programs/${s.program.id}/matching?done=discarded`);
});
