/** Authorization guards used by routes: signed-in only, and program coordinators only. */
import type { MiddlewareHandler } from "hono";
import { ForbiddenPage, NotFoundPage } from "../../views/pages/errors";
import { programExists, rolesIn } from "../programs/roles";
import type { AppEnv } from "../types";

/** The program module's role lookup, kept here for the guards that import it from this file. */
export { rolesIn };

/** Sends visitors to sign in, then back here. */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.var.user) return next();
  const url = new URL(c.req.url);
  const back = c.req.method === "GET" ? url.pathname + url.search : "/";
  return c.redirect(`/signin?next=${encodeURIComponent(back)}`, 303);
};

/** Lets only the coordinators of the program in `:programId` through (404 if it does not exist, 403 otherwise). */
export const requireCoordinator: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.var.user;
  if (!user) return requireUser(c, next);
  const programId = c.req.param("programId") ?? "";
  if (!(await programExists(c.env, programId))) {
    c.status(404);
    return c.render(<NotFoundPage />, { title: c.var.t("error.notFound.title") });
  }
  if (!(await rolesIn(c.env, programId, user.id)).includes("coordinator")) {
    c.status(403);
    return c.render(<ForbiddenPage />, { title: c.var.t("error.forbidden.title") });
  }
  return next();
};
