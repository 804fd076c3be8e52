/** Coordinators' CSV exports of a program: the list page and each file, streamed page by page from D1. */
import { Hono } from "hono";
import { ProgramExportsPage } from "../../views/pages/program-exports";
import { EXPORTS, exportFileName, exportForFile } from "../exports/catalog";
import { requireCoordinator } from "../http/guards";
import { getProgram } from "../programs/queries";
import type { AppEnv } from "../types";

export const programExportRoutes = new Hono<AppEnv>();

programExportRoutes.get("/programs/:programId/exports", requireCoordinator, async (c) => {
  const program = (await getProgram(c.env, c.req.param("programId")))!;
  return c.render(<ProgramExportsPage program={program} exports={EXPORTS} />, {
    title: c.var.t("programs.nav.exports"),
  });
});

programExportRoutes.get("/programs/:programId/exports/:file", requireCoordinator, async (c) => {
  const found = exportForFile(c.req.param("file"));
  if (!found) return c.notFound();
  const program = (await getProgram(c.env, c.req.param("programId")))!;
  return new Response(found.stream(c.env, program.id, c.var.t), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(program.name, found.kind)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
