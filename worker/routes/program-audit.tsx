/**
 * The program's audit log for its coordinators: every coordinator action (and data deletion), newest first, 50 a page.
 */
import { Hono } from "hono";
import { AuditLogPage } from "../../views/pages/audit-log";
import { AUDIT_PER_PAGE, programAudit } from "../audit/audit-log";
import { requireCoordinator } from "../http/guards";
import { getProgram } from "../programs/queries";
import type { AppEnv } from "../types";
import { pageNumber } from "../domain/paging";

export const programAuditRoutes = new Hono<AppEnv>();

programAuditRoutes.get("/programs/:programId/audit", requireCoordinator, async (c) => {
  const program = (await getProgram(c.env, c.req.param("programId")))!;
  const page = pageNumber(c.req.query("page"), 100_000);
  const { rows, total } = await programAudit(c.env, program.id, page);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PER_PAGE));
  return c.render(
    <AuditLogPage
      program={program}
      rows={rows}
      total={total}
      page={page}
      pages={pages}
      timeZone={c.var.user!.timeZone}
    />,
    { title: c.var.t("programs.nav.audit") },
  );
});
