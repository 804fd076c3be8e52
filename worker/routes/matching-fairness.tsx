/** The matching fairness report page for a program's coordinators. */
import { Hono } from "hono";
import { FairnessPage } from "../../views/pages/fairness";
import { fairnessReport } from "../domain/matching/fairness";
import { settingsOf } from "../domain/matching/settings";
import { isKnownTimeZone } from "../domain/time-zones";
import { requireCoordinator } from "../http/guards";
import { loadFairnessData } from "../matching/fairness-data";
import { getProgram } from "../programs/queries";
import type { AppEnv } from "../types";

export const fairnessRoutes = new Hono<AppEnv>();

fairnessRoutes.get("/programs/:programId/matching/fairness", requireCoordinator, async (c) => {
  const program = (await getProgram(c.env, c.req.param("programId")))!;
  const { basis, people } = await loadFairnessData(c.env, program.id, program.type === "peer");
  const { attributes } = settingsOf(program.matchSettings);
  const reports = fairnessReport(people, { attributes: Array.isArray(attributes) ? attributes : [] });
  const asked = c.req.query("role");
  const role = reports.find((r) => r.role === asked)?.role ?? reports[0]?.role ?? "mentee";
  const zone = c.var.user?.timeZone ?? "UTC";
  return c.render(
    <FairnessPage
      program={program}
      basis={basis}
      reports={reports}
      role={role}
      timeZone={isKnownTimeZone(zone) ? zone : "UTC"}
    />,
    { title: c.var.t("fairness.pageTitle", { program: program.name }) },
  );
});
