/** The room's mail, run by its alarm: chat mails whose quiet period has ended, meeting mails and reminders. */
import { sendDueChatMail } from "./chat-mail";
import { sendDueMeetingMail } from "./meeting-mail";
import type { RoomContext } from "./room-context";

/** Writes every mail due at `now`; returns when the next is due, or null. */
export async function sendDueMail(room: RoomContext, now: number): Promise<number | null> {
  const times = [await sendDueChatMail(room, now), await sendDueMeetingMail(room, now)].filter(
    (t): t is number => t !== null,
  );
  return times.length ? Math.min(...times) : null;
}
