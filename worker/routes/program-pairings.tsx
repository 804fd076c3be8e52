/** Coordinators' pages for a program's pairings: a list and one pairing's summary, from D1's projection only. */
import { Hono } from "hono";
import { PairingSummaryPage, ProgramPairingsPage } from "../../views/pages/program-pairings";
import { requireCoordinator } from "../http/guards";
import { loadPairing, roomOf } from "../pairings/access";
import { pairingHistory, programPairings } from "../pairings/program-pairings";
import { getProgram } from "../programs/queries";
import type { AppEnv } from "../types";

export const programPairingRoutes = new Hono<AppEnv>();

programPairingRoutes.get("/programs/:programId/pairings", requireCoordinator, async (c) => {
  const program = (await getProgram(c.env, c.req.param("programId")))!;
  const page = Math.max(1, Math.min(100_000, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
  const { rows, total } = await programPairings(c.env, program.id, page);
  return c.render(<ProgramPairingsPage program={program} rows={rows} total={total} page={page} timeZone={c.var.user!.timeZone} />, { title: "Pairings" });
});

programPairingRoutes.get("/programs/:programId/pairings/:pairingId", requireCoordinator, async (c) => {
  const pairing = await loadPairing(c.env, c.req.param("pairingId"));
  if (!pairing || pairing.programId !== c.req.param("programId")) return c.notFound();
  const [history, agreement] = await Promise.all([
    pairingHistory(c.env, pairing.id),
    roomOf(c.env, pairing.id).agreement(pairing.id, { kind: "coordinator", personId: c.var.user!.id }),
  ]);
  const page = <PairingSummaryPage pairing={pairing} history={history} agreement={agreement.ok ? agreement.value : null} timeZone={c.var.user!.timeZone} />;
  return c.render(page, { title: "Pairing summary" });
});
