/**
 * The coordinator's matching page as the matching routes answer it, and the staged run a run-scoped action is about.
 */
import type { Context } from "hono";
import type { Errors } from "../../views/components/form";
import { MatchingPage, StaleRunPage } from "../../views/pages/matching";
import type { MessageId } from "../domain/i18n/translate";
import { type ProposalOrder, proposalOrders } from "../domain/matching/review";
import { nothingToMatch } from "../domain/matching/readiness";
import { settingsOf } from "../domain/matching/settings";
import { scoreChange } from "../domain/matching/staging";
import { pageNumber } from "../domain/paging";
import { matchingReadiness } from "../matching/readiness";
import { proposalPage, runTotals } from "../matching/proposals";
import { currentRun, getRun, poolSize } from "../matching/runs";
import { type Staging, stagingOf } from "../matching/staging-context";
import { unmatchedPeople } from "../matching/unmatched";
import { getProgram } from "../programs/queries";
import type { AppEnv } from "../types";

/**
 * The notice a redirect asked for (?done=…), in words; a run that proposed nothing says why instead of pointing at an
 * empty list.
 */
function matchingNotice(c: Context<AppEnv>, proposals: number, why: MessageId | null): string | undefined {
  const t = c.var.t;
  const q = (k: string) => c.req.query(k);
  const n = Number(q("n") ?? "0");
  switch (q("done")) {
    case "run":
      if (proposals > 0) return t("matching.notice.run");
      return t("matching.notice.runEmpty", { why: t(why ?? "matching.nothing.rules") });
    case "approved":
      return t("matching.notice.approved", { n });
    case "unapproved":
      return t("matching.notice.unapproved");
    case "published": {
      const skipped = Number(q("skipped") ?? "0");
      const made = t("matching.notice.published", { n });
      return skipped > 0 ? `${made} ${t("matching.notice.skipped", { n: skipped })}` : made;
    }
    case "discarded":
      return t("matching.notice.discarded");
    case "removed":
      return t("matching.notice.removed");
    case "changed": {
      const m = /^(\d{1,4})-(\d{1,4})$/.exec(q("score") ?? "");
      if (!m) return t("matching.notice.saved");
      const [before, after] = [Number(m[1]), Number(m[2])];
      return t("matching.notice.score", { before, after, change: scoreChange(before, after) });
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
  const settings = settingsOf(program.matchSettings);
  const [totals, proposals, unmatched, pool, readiness] = await Promise.all([
    run ? runTotals(c.env, run.id) : { count: 0, approved: 0, published: 0, score: 0 },
    run ? proposalPage(c.env, run.id, page, order) : [],
    run ? unmatchedPeople(c.env, run) : { rows: [], total: 0 },
    poolSize(c.env, program.id),
    matchingReadiness(c.env, program.id, settings.maxMentorsPerMentee),
  ]);
  const why = nothingToMatch(readiness, program.type === "peer");
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
      readiness={readiness}
      nothingToMatch={why}
      notice={add ? undefined : matchingNotice(c, totals.count, why)}
      add={add}
    />
  );
  return c.render(view, { title: c.var.t("matching.pageTitle", { program: program.name }) });
}

/** The staged run named in the URL, or the page to answer instead (404 unknown run, 409 no longer staged). */
export async function stagedRun(c: Context<AppEnv>): Promise<Staging | Response> {
  const program = (await getProgram(c.env, c.req.param("programId")!))!;
  const run = await getRun(c.env, program.id, c.req.param("runId") ?? "");
  if (!run) return c.notFound();
  if (run.status !== "staged") {
    c.status(409);
    return c.render(<StaleRunPage programId={program.id} />, { title: c.var.t("matching.stale.title") });
  }
  return stagingOf(program, run);
}
