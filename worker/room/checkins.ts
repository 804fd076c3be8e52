/**
 * The pairing's check-ins: the journey opens them, members answer (from the email link) or comment (by email reply).
 */
import { COMMENT_MAX, checkAnswer } from "../domain/journey/checkin-answers";
import { msg } from "../domain/i18n/translate";
import { newId } from "../domain/random-secrets";
import { getCheckin, openCheckin as insertCheckin, type RoomCheckin, setAnswer, setComment } from "./checkins-store";
import { queueJourneyEvent } from "./projection-outbox";
import type { Caller } from "./room-access";
import { nameOf, ok, type RoomContext, recordActivity, refuse } from "./room-context";
import type { RoomResult } from "../domain/room/types";
import { setRiskFlag } from "./stage";
import { summary, unprojected, write } from "./write-path";

const NO_SUCH_CHECKIN = "This check-in does not exist.";

/**
 * Opens the check-in of a milestone (once: calling again returns the same one). The journey or a coordinator opens
 * them.
 */
export function openCheckin(
  room: RoomContext,
  who: Caller,
  milestone: string,
  opensAt: number,
  closesAt: number,
): Promise<RoomResult<{ id: string; created: boolean }>> {
  if (who.kind === "member") return Promise.resolve(refuse(403, "Check-ins are opened by the journey."));
  if (closesAt <= opensAt) return Promise.resolve(refuse(422, "A check-in must close after it opens."));
  return write(room, () => {
    const opened = insertCheckin(room.sql, newId(), milestone, opensAt, closesAt);
    return opened.created ? summary(opened) : unprojected(opened);
  });
}

/** A check-in with the answers so far: a member sees only their own answer; the journey sees everyone's. */
export function readCheckin(room: RoomContext, who: Caller, checkinId: string): RoomResult<RoomCheckin> {
  const found = getCheckin(room.sql, checkinId);
  if (!found) return refuse(404, NO_SUCH_CHECKIN);
  return ok(who.kind === "member" ? { ...found, answers: found.answers.filter((a) => a.personId === who.id) } : found);
}

/** A member answers a check-in (changeable until it closes); "struggling" flags the pairing for the coordinator. */
export function answerCheckin(
  room: RoomContext,
  who: Caller,
  checkinId: string,
  answer: string,
  comment: string,
): Promise<RoomResult<{ answer: string }>> {
  return write(room, () => {
    const found = getCheckin(room.sql, checkinId);
    if (!found) return refuse(404, NO_SUCH_CHECKIN);
    const now = room.now();
    if (now >= found.closesAt) return refuse(409, msg("checkinError.closed"));
    const checked = checkAnswer(answer, comment);
    if (!checked.ok) return refuse(422, checked.error, { answer: checked.error });
    setAnswer(room.sql, checkinId, who.id, checked.answer, checked.comment, now);
    if (checked.answer === "struggling")
      setRiskFlag(room, `${nameOf(room, who.id)} answered "Struggling" to a check-in.`, now);
    queueJourneyEvent(
      room.sql,
      "checkin-answered",
      { checkinId, personId: who.id, answer: checked.answer },
      `answer:${checkinId}:${who.id}:${now}`,
    );
    return summary({ answer: checked.answer });
  });
}

/** Adds a member's comment to a check-in (e.g. a reply to its email) without changing their answer. */
export function commentOnCheckin(
  room: RoomContext,
  who: Caller,
  checkinId: string,
  comment: string,
): Promise<RoomResult<{ id: string }>> {
  return write(room, () => {
    if (!getCheckin(room.sql, checkinId)) return refuse(404, NO_SUCH_CHECKIN);
    const text = comment.replace(/\r\n/g, "\n").trim();
    if (!text) return refuse(422, "The comment is empty.");
    if (text.length > COMMENT_MAX) return refuse(422, `Comments can be up to ${COMMENT_MAX} characters.`);
    const now = room.now();
    setComment(room.sql, checkinId, who.id, text, now);
    recordActivity(room, now);
    return summary({ id: checkinId });
  });
}
