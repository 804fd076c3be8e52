/** A pairing's overview page for its members, and the stage changes they ask for. */
import { type Context, Hono } from "hono";
import { PairingPage } from "../../views/pages/pairing";
import { refusalText } from "../domain/room/room-messages";
import { type StageAction, stageActions } from "../domain/room/stages";
import { readForm, textField } from "../http/forms";
import { requirePairingMember, roomRefusal } from "../http/pairing-guard";
import { redirectAfterPost } from "../http/redirects";
import { asMember, roomOf } from "../pairings/access";
import { nextVideoMeeting } from "../pairings/waiting";
import { pairingHistory } from "../pairings/program-pairings";
import type { AppEnv } from "../types";
import { openSurveyRequests } from "../surveys/surveys";

export const pairingRoutes = new Hono<AppEnv>();

/** How many of the newest messages and stage changes the overview shows as recent activity. */
const RECENT_ITEMS = 3;

/** Renders the overview, with a refused stage change shown next to its form. */
async function renderOverview(c: Context<AppEnv>, stageError?: { action: string; error: string; reason: string }) {
  const pairing = c.var.pairing;
  const user = c.var.user!;
  const now = Date.now();
  const stub = roomOf(c.env, pairing.id);
  // The newest chat page asked for as "before the end": an earlier-page read, which leaves the unread count alone.
  const [room, next, chat, history, surveys] = await Promise.all([
    stub.overview(asMember(user.id)),
    nextVideoMeeting(c.env, user.id, now, pairing.id),
    stub.chatPage(asMember(user.id), Number.MAX_SAFE_INTEGER),
    pairingHistory(c.env, pairing.id),
    openSurveyRequests(c.env, user.id, now, pairing.id),
  ]);
  if (!room.ok) return roomRefusal(c, room);
  const recent = {
    messages: chat.ok ? chat.value.messages.slice(-RECENT_ITEMS) : [],
    changes: history.changes.slice(0, RECENT_ITEMS),
  };
  const page = (
    <PairingPage
      pairing={pairing}
      room={room.value}
      viewerId={user.id}
      timeZone={user.timeZone}
      csrf={c.var.csrf}
      now={now}
      stageError={stageError}
      next={next}
      recent={recent}
      surveys={surveys}
    />
  );
  return c.render(page, { title: c.var.t("overview.title") });
}

pairingRoutes.get("/pairings/:pairingId", requirePairingMember, (c) => renderOverview(c));

pairingRoutes.post("/pairings/:pairingId/stage", requirePairingMember, async (c) => {
  const form = await readForm(c);
  const action = textField(form, "action");
  const reason = textField(form, "reason");
  if (!(stageActions as readonly string[]).includes(action)) {
    c.status(422);
    return renderOverview(c, { action, error: c.var.t("stage.error.unknown"), reason });
  }
  const result = await roomOf(c.env, c.var.pairing.id).changeStage(
    asMember(c.var.user!.id),
    action as StageAction,
    reason,
  );
  if (!result.ok) {
    if (result.status === 403 || result.status === 404) return roomRefusal(c, result);
    c.status(422);
    return renderOverview(c, { action, error: refusalText(c.var.t, result), reason });
  }
  return redirectAfterPost(c, `/pairings/${c.var.pairing.id}`);
});
