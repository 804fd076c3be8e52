/** Coordinators' pages for a program's pairings: a list and one pairing's summary, from D1's projection only. */
import { Hono } from "hono";
import { PairingSummaryPage, ProgramPairingsPage } from "../../views/pages/program-pairings";
import { requireCoordinator } from "../http/guards";
import { DONE_NOTICES, displayName, loadSummary } from "../coordinator/pairing-summary";
import { loadPairing } from "../pairings/access";
import { programPairings } from "../pairings/program-pairings";
import { getProgram } from "../programs/queries";
import type { AppEnv } from "../types";
import { pageNumber } from "../domain/paging";

export const programPairingRoutes = new Hono<AppEnv>();

programPairingRoutes.get("/programs/:programId/pairings", requireCoordinator, async (c) => {
  const program = (await getProgram(c.env, c.req.param("programId")))!;
  const page = pageNumber(c.req.query("page"), 100_000);
  const { rows, total } = await programPairings(c.env, program.id, page);
  return c.render(
    <ProgramPairingsPage program={program} rows={rows} total={total} page={page} timeZone={c.var.user!.timeZone} />,
    { title: c.var.t("programs.nav.pairings") },
  );
});

programPairingRoutes.get("/programs/:programId/pairings/:pairingId", requireCoordinator, async (c) => {
  const pairing = await loadPairing(c.env, c.req.param("pairingId"));
  if (!pairing || pairing.programId !== c.req.param("programId")) return c.notFound();
  const user = c.var.user!;
  const data = await loadSummary(c.env, pairing, { id: user.id, name: displayName(user) }, c.var.t);
  const done = DONE_NOTICES[c.req.query("done") ?? ""] ?? null;
  const page = (
    <PairingSummaryPage pairing={pairing} {...data} timeZone={user.timeZone} csrf={c.var.csrf} done={done} />
  );
  return c.render(page, { title: c.var.t("programs.pairing.title") });
});
