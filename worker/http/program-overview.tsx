/** A program's overview page as the program and invitation routes answer it, with the notice a redirect asked for. */
import type { Context } from "hono";
import type { Errors } from "../../views/components/form";
import { ProgramOverview } from "../../views/pages/program";
import { pageNumber } from "../domain/paging";
import { isKnownTimeZone } from "../domain/time-zones";
import { countUnmailed } from "../programs/invitations";
import { getProgram, participantsPage } from "../programs/queries";

/** Notices the overview shows after a redirect (saved, one invitation sent, a batch of invitations sent). */
function overviewNotice(c: Context): string | undefined {
  if (c.req.query("saved")) return "Program saved.";
  const invited = c.req.query("invited");
  if (invited) return `Invitation sent to ${invited.slice(0, 254)}.`;
  const mailed = c.req.query("mailed");
  if (mailed === undefined || !/^\d{1,4}$/.test(mailed)) return undefined;
  const n = Number(mailed);
  return n === 0
    ? "Everyone in this program has been emailed an invitation already."
    : `Sent ${n} invitation${n === 1 ? "" : "s"}.`;
}

/** Renders a program's overview (the guard has checked the program exists and the viewer coordinates it). */
export async function renderOverview(c: Context, invite?: { values: Record<string, string>; errors?: Errors }) {
  const program = (await getProgram(c.env, c.req.param("programId")!))!;
  const page = pageNumber(c.req.query("page"));
  const [{ rows, total }, unmailed] = await Promise.all([
    participantsPage(c.env, program.id, page),
    countUnmailed(c.env, program.id),
  ]);
  const zone = c.var.user?.timeZone ?? "UTC";
  const overview = (
    <ProgramOverview
      csrf={c.var.csrf}
      program={program}
      participants={rows}
      total={total}
      page={page}
      unmailed={unmailed}
      timeZone={isKnownTimeZone(zone) ? zone : "UTC"}
      notice={overviewNotice(c)}
      invite={invite}
    />
  );
  return c.render(overview, { title: program.name });
}
