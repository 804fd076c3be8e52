/** The home page: an introduction for visitors, the person's programs once signed in. */
import { Hono } from "hono";
import { Home, Welcome } from "../../views/pages/home";
import { ownPairings } from "../matching/participant-pairings";
import { programsOf } from "../people/person-programs";
import type { AppEnv } from "../types";

/** The home page route. */
export const homeRoutes = new Hono<AppEnv>();

homeRoutes.get("/", async (c) => {
  const user = c.var.user;
  if (!user) return c.render(<Welcome />, { title: "Mentoring programs" });
  const rows = await programsOf(c.env, user.id);
  const pairings = (await ownPairings(c.env, null, user.id)).filter((pr) => pr.endedAt === null);
  return c.render(<Home user={user} memberships={rows} pairings={pairings} />, { title: "Home" });
});
