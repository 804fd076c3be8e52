/** The home page: an introduction for visitors, the person's programs once signed in. */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { Home, Welcome } from "../../views/pages/home";
import { db } from "../db/client";
import { memberships, programs } from "../db/schema";
import { ownPairings } from "../matching/participant-pairings";
import type { AppEnv } from "../types";

export const homeRoutes = new Hono<AppEnv>();

homeRoutes.get("/", async (c) => {
  const user = c.var.user;
  if (!user) return c.render(<Welcome />, { title: "Mentoring programs" });
  const rows = await db(c.env)
    .select({
      id: programs.id,
      name: programs.name,
      type: programs.type,
      role: memberships.role,
      status: memberships.status,
    })
    .from(memberships)
    .innerJoin(programs, eq(programs.id, memberships.programId))
    .where(eq(memberships.personId, user.id))
    .orderBy(programs.name);
  const pairings = (await ownPairings(c.env, null, user.id)).filter((pr) => pr.endedAt === null);
  return c.render(<Home user={user} memberships={rows} pairings={pairings} />, { title: "Home" });
});
