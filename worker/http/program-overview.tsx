/** A program's overview page as the program and invitation routes answer it, with the notice a redirect asked for. */
import type { Context } from "hono";
import type { Translate } from "../domain/i18n/translate";
import type { Errors } from "../../views/components/form";
import { ProgramOverview } from "../../views/pages/program";
import { pageNumber } from "../domain/paging";
import { isKnownTimeZone } from "../domain/time-zones";
import { countUnmailed } from "../programs/invitations";
import { getProgram, membershipCounts, participantsPage } from "../programs/queries";
import { pairingStageCounts } from "../pairings/program-pairings";
import { currentRun } from "../matching/runs";
import { MAILING_REFRESH_SECONDS } from "../domain/mailing";
import { mailJobOf } from "../mail/mail-jobs";
import { suppressionsOf } from "../mail/suppressions";

/** Notices the overview shows after a redirect (saved, one invitation sent, nobody left to invite). */
function overviewNotice(c: Context): string | undefined {
  const t: Translate = c.var.t;
  if (c.req.query("saved")) return t("programs.overview.saved");
  const invited = c.req.query("invited");
  if (invited) return t("programs.overview.invited", { email: invited.slice(0, 254) });
  const mailed = c.req.query("mailed");
  if (mailed === undefined || !/^\d{1,4}$/.test(mailed)) return undefined;
  const n = Number(mailed);
  return n === 0 ? t("programs.overview.allMailed") : undefined;
}

/** Renders a program's overview (the guard has checked the program exists and the viewer coordinates it). */
export async function renderOverview(c: Context, invite?: { values: Record<string, string>; errors?: Errors }) {
  const program = (await getProgram(c.env, c.req.param("programId")!))!;
  const page = pageNumber(c.req.query("page"));
  const mailingId = (c.req.query("mailing") ?? "").slice(0, 100);
  const [{ rows, total }, unmailed, mailing, memberCounts, stages, run] = await Promise.all([
    participantsPage(c.env, program.id, page),
    countUnmailed(c.env, program.id),
    mailingId ? mailJobOf(c.env, mailingId, program.id) : null,
    membershipCounts(c.env, program.id),
    pairingStageCounts(c.env, program.id),
    currentRun(c.env, program.id),
  ]);
  const bounces = await suppressionsOf(
    c.env,
    rows.map((r) => r.email),
  );
  const participants = rows.map((r) => {
    const s = bounces.get(r.email.toLowerCase());
    return s ? { ...r, undeliverable: { kind: s.kind, reason: s.reason } } : r;
  });
  if (mailing?.status === "sending") c.header("Refresh", String(MAILING_REFRESH_SECONDS));
  const zone = c.var.user?.timeZone ?? "UTC";
  const overview = (
    <ProgramOverview
      csrf={c.var.csrf}
      program={program}
      participants={participants}
      mailing={mailing}
      total={total}
      page={page}
      unmailed={unmailed}
      counts={{
        memberships: memberCounts,
        stages,
        unmailed,
        run: run ? { status: run.status, total: run.total } : null,
      }}
      timeZone={isKnownTimeZone(zone) ? zone : "UTC"}
      notice={overviewNotice(c)}
      invite={invite}
    />
  );
  return c.render(overview, { title: program.name });
}
