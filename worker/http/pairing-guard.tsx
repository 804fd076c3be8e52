/** The guard for a pairing's member pages: signed in, the pairing exists, and the person is one of its members. */
import type { Context, MiddlewareHandler } from "hono";
import { ForbiddenPage, NotFoundPage } from "../../views/pages/errors";
import { loadPairing } from "../pairings/access";
import { refusalText } from "../domain/room/room-messages";
import type { RoomError } from "../domain/room/types";
import { translatorOf } from "../middleware/locale";
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
    return c.render(<NotFoundPage />, { title: c.var.t("error.notFound.title") });
  }
  if (!pairing.members.some((m) => m.personId === user.id)) {
    const coordinates = (await rolesIn(c.env, pairing.programId, user.id)).includes("coordinator");
    c.status(403);
    const t = c.var.t;
    const message = coordinates ? t("room.forbidden.coordinator") : t("room.forbidden.notMember");
    return c.render(
      <ForbiddenPage message={message}>
        {coordinates ? (
          <a href={`/programs/${pairing.programId}/pairings/${pairing.id}`}>{t("room.forbidden.summary")}</a>
        ) : null}
      </ForbiddenPage>,
      { title: t("error.forbidden.title") },
    );
  }
  c.set("pairing", pairing);
  return next();
};

/** Answers a room refusal that is not about a form field: 403/404 pages, or the message on a 409/422/429 page. */
export function roomRefusal(c: Context<AppEnv>, err: RoomError): Response | Promise<Response> {
  const t = translatorOf(c);
  c.status(err.status);
  if (err.status === 404) return c.render(<NotFoundPage />, { title: t("error.notFound.title") });
  const message = refusalText(t, err);
  if (err.status === 403) return c.render(<ForbiddenPage message={message} />, { title: t("error.forbidden.title") });
  return c.render(<ForbiddenPage title={t("room.refused")} message={message} />, { title: t("room.refused") });
}
