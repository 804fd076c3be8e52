/** The guard for a pairing's member pages: signed in, the pairing exists, and the person is one of its members. */
import type { Context, MiddlewareHandler } from "hono";
import { ForbiddenPage, NotFoundPage } from "../../views/pages/errors";
import { loadPairing } from "../pairings/access";
import type { RoomError } from "../domain/room/types";
import type { AppEnv } from "../types";
import { requireUser, rolesIn } from "./guards";

/**
 * Loads `:pairingId` into `c.var.pairing` for its members; others get 404 or 403 (coordinators a pointer to the
 * summary).
 */
export const requirePairingMember: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.var.user;
  if (!user) return requireUser(c, next);
  const pairing = await loadPairing(c.env, c.req.param("pairingId") ?? "");
  if (!pairing) {
    c.status(404);
    return c.render(<NotFoundPage />, { title: "Not found" });
  }
  if (!pairing.members.some((m) => m.personId === user.id)) {
    const coordinates = (await rolesIn(c.env, pairing.programId, user.id)).includes("coordinator");
    c.status(403);
    const message = coordinates
      ? "Coordinators see a pairing's summary, never its conversation, notes or agreement."
      : "This pairing's room is only open to its members.";
    return c.render(
      <ForbiddenPage message={message}>
        {coordinates ? (
          <a href={`/programs/${pairing.programId}/pairings/${pairing.id}`}>See the pairing's summary</a>
        ) : null}
      </ForbiddenPage>,
      { title: "Not available" },
    );
  }
  c.set("pairing", pairing);
  return next();
};

/** Answers a room refusal that is not about a form field: 403/404 pages, or the message on a 409/422/429 page. */
export function roomRefusal(c: Context<AppEnv>, err: RoomError): Response | Promise<Response> {
  c.status(err.status);
  if (err.status === 404) return c.render(<NotFoundPage />, { title: "Not found" });
  if (err.status === 403) return c.render(<ForbiddenPage message={err.error} />, { title: "Not available" });
  return c.render(<ForbiddenPage title="That didn't work" message={err.error} />, { title: "That didn't work" });
}
