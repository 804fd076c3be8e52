/** The home page: an introduction for visitors; once signed in, what is waiting for the person, then their programs. */
import { Hono } from "hono";
import { Home, Welcome } from "../../views/pages/home";
import { ownPairings } from "../matching/participant-pairings";
import { programsOf } from "../people/person-programs";
import { waitingWithNext } from "../people/waiting-for";
import type { AppEnv } from "../types";

/** The home page route. */
export const homeRoutes = new Hono<AppEnv>();

homeRoutes.get("/", async (c) => {
  const user = c.var.user;
  if (!user) return c.render(<Welcome />, { title: c.var.t("home.title") });
  const [rows, own, waiting] = await Promise.all([
    programsOf(c.env, user.id),
    ownPairings(c.env, null, user.id),
    waitingWithNext(c.env, user.id, Date.now(), user),
  ]);
  const pairings = own.filter((pr) => pr.endedAt === null);
  return c.render(
    <Home user={user} memberships={rows} pairings={pairings} waiting={waiting.items} next={waiting.next} />,
    { title: c.var.t("home.titleSignedIn") },
  );
});
