/** Authorization guards used by routes: signed-in only, and program coordinators only. */
import { and, eq } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import { ForbiddenPage, NotFoundPage } from "../../views/pages/errors";
import { db } from "../db/client";
import { memberships, programs } from "../db/schema";
import type { Role } from "../domain/vocabulary";
import type { AppEnv } from "../types";

/** Sends visitors to sign in, then back here. */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.var.user) return next();
  const url = new URL(c.req.url);
  const back = c.req.method === "GET" ? url.pathname + url.search : "/";
  return c.redirect(`/signin?next=${encodeURIComponent(back)}`, 303);
};

/** Returns the active roles a person holds in a program. */
export async function rolesIn(env: Env, programId: string, personId: string): Promise<Role[]> {
  const rows = await db(env)
    .select({ role: memberships.role })
    .from(memberships)
    .where(
      and(eq(memberships.programId, programId), eq(memberships.personId, personId), eq(memberships.status, "active")),
    );
  return rows.map((r) => r.role);
}

/** Lets only the coordinators of the program in `:programId` through (404 if it does not exist, 403 otherwise). */
export const requireCoordinator: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.var.user;
  if (!user) return requireUser(c, next);
  const programId = c.req.param("programId") ?? "";
  const found = await db(c.env).select({ id: programs.id }).from(programs).where(eq(programs.id, programId)).limit(1);
  if (!found[0]) {
    c.status(404);
    return c.render(<NotFoundPage />, { title: "Not found" });
  }
  if (!(await rolesIn(c.env, programId, user.id)).includes("coordinator")) {
    c.status(403);
    return c.render(<ForbiddenPage />, { title: "Not available" });
  }
  return next();
};
