/**
 * The coordinator dashboard: overview, check-in trends, meetings and goals, and the at-risk list (D1's projection
 * only).
 */
import { type Context, Hono } from "hono";
import { AtRiskPage, AtRiskTable } from "../../views/pages/at-risk";
import { DashboardPage } from "../../views/pages/dashboard";
import { DashboardCheckinsPage } from "../../views/pages/dashboard-checkins";
import { DashboardEngagementPage } from "../../views/pages/dashboard-engagement";
import { loadAtRiskList } from "../dashboard/at-risk-list";
import { loadCheckinTrend } from "../dashboard/checkin-trend";
import { loadEngagement } from "../dashboard/engagement";
import { loadOverview } from "../dashboard/overview";
import { parseAtRiskView } from "../domain/dashboard/at-risk-params";
import { requireCoordinator } from "../http/guards";
import { wantsFragment } from "../middleware/renderer";
import { getProgram } from "../programs/queries";
import type { AppEnv } from "../types";

export const programDashboardRoutes = new Hono<AppEnv>();

/**
 * Loads the page's data, timing the D1 part for a Server-Timing header (D1 time is what moves the clock in a Worker).
 */
async function timed<T>(c: Context<AppEnv>, load: () => Promise<T>): Promise<T> {
  const start = Date.now();
  const value = await load();
  c.header("Server-Timing", `db;dur=${Date.now() - start}`);
  return value;
}

/** The program of the route (requireCoordinator has checked it exists). */
const programOf = async (c: Context<AppEnv>) => (await getProgram(c.env, c.req.param("programId") ?? ""))!;

programDashboardRoutes.get("/programs/:programId/dashboard", requireCoordinator, async (c) => {
  const program = await programOf(c);
  const overview = await timed(c, () => loadOverview(c.env, program, Date.now()));
  return c.render(<DashboardPage program={program} overview={overview} />, {
    title: c.var.t("dashboard.pageTitle", { program: program.name }),
  });
});

programDashboardRoutes.get("/programs/:programId/dashboard/checkins", requireCoordinator, async (c) => {
  const program = await programOf(c);
  const timeZone = c.var.user!.timeZone;
  const periods = await timed(c, () => loadCheckinTrend(c.env, program.id, timeZone, Date.now()));
  return c.render(<DashboardCheckinsPage program={program} periods={periods} timeZone={timeZone} />, {
    title: c.var.t("dashboard.checkins.pageTitle", { program: program.name }),
  });
});

programDashboardRoutes.get("/programs/:programId/dashboard/engagement", requireCoordinator, async (c) => {
  const program = await programOf(c);
  const engagement = await timed(c, () => loadEngagement(c.env, program.id));
  return c.render(<DashboardEngagementPage program={program} engagement={engagement} />, {
    title: c.var.t("dashboard.engagement.pageTitle", { program: program.name }),
  });
});

programDashboardRoutes.get("/programs/:programId/at-risk", requireCoordinator, async (c) => {
  const program = await programOf(c);
  const view = parseAtRiskView({ sort: c.req.query("sort"), dir: c.req.query("dir"), page: c.req.query("page") });
  const list = await timed(c, () => loadAtRiskList(c.env, program.id, view));
  const props = { list, timeZone: c.var.user!.timeZone, now: Date.now() };
  if (wantsFragment(c))
    return c.render(<AtRiskTable programId={program.id} {...props} />, { title: c.var.t("dashboard.atRisk.title") });
  return c.render(<AtRiskPage program={program} {...props} />, {
    title: c.var.t("dashboard.atRisk.pageTitle", { program: program.name }),
  });
});
