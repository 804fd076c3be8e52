/** A pairing's overview for its members: where it stands, what to do next, who is in it, and the stage actions. */
import { unreadLabel } from "../../worker/domain/room/chat";
import { REASON_MAX, STAGE_LABELS, type Stage, type StageAction } from "../../worker/domain/room/stages";
import { formatInstant } from "../../worker/domain/format-time";
import type { PairingRecord } from "../../worker/domain/pairing";
import type { RoomOverview } from "../../worker/domain/room/types";
import { CsrfField, textareaText } from "../components/form";
import { NextMeeting } from "../components/next-meeting";
import { PairingNav } from "../components/pairing-nav";
import type { NextVideoMeeting } from "../../worker/domain/waiting";
import type { ChatMessage } from "../../worker/domain/room/types";
import { Avatar } from "../components/avatar";
import { Icon } from "../components/icon";

interface PairingPageProps {
  pairing: PairingRecord;
  room: RoomOverview;
  viewerId: string;
  timeZone: string;
  csrf: string;
  now: number;
  /** A refused stage change: the message and the reason as typed. */
  stageError?: { action: string; error: string; reason: string };
  /** The pairing's next video meeting, for its Join link. */
  next: NextVideoMeeting | null;
  /** The newest messages (oldest first) and stage changes (newest first), for recent activity. */
  recent: {
    messages: ChatMessage[];
    changes: { from_stage: string; to_stage: string; actor: string; reason: string; at: number }[];
  };
}

/** The longest excerpt of a message recent activity shows. */
const EXCERPT = 90;

const stageName = (s: string) => STAGE_LABELS[s as Stage] ?? s;

/** The newest messages and stage changes, newest first, each with who and when. */
function RecentActivity({
  pairing,
  recent,
  viewerId,
  timeZone,
}: {
  pairing: PairingRecord;
  recent: PairingPageProps["recent"];
  viewerId: string;
  timeZone: string;
}) {
  const names = Object.fromEntries(pairing.members.map((m) => [m.personId, m.name]));
  const items = [
    ...recent.messages
      .filter((m) => m.source === "member" || m.source === "coordinator")
      .map((m) => ({
        at: m.createdAt,
        id: m.source === "member" ? (m.authorId ?? "") : "coordinator",
        who:
          m.source === "coordinator"
            ? "Program coordinator"
            : m.authorId === viewerId
              ? "You"
              : (names[m.authorId ?? ""] ?? "Former member"),
        text: m.body.length > EXCERPT ? `${m.body.slice(0, EXCERPT).trimEnd()}…` : m.body,
      })),
    ...recent.changes.map((c) => ({
      at: c.at,
      id: c.actor,
      who: c.actor === "journey" ? "Trellis" : c.actor === viewerId ? "You" : (names[c.actor] ?? "A coordinator"),
      text: `moved the pairing from ${stageName(c.from_stage)} to ${stageName(c.to_stage)}${c.reason ? `: ${c.reason}` : ""}`,
    })),
  ].sort((a, b) => b.at - a.at);
  if (items.length === 0) return <p>Nothing yet: say hello in the chat.</p>;
  return (
    <ul class="plain activity">
      {items.map((item) => (
        <li>
          <Avatar id={item.id} name={item.who === "You" ? (names[viewerId] ?? "You") : item.who} small />
          <p>
            <strong>{item.who}</strong> <span class="muted">{formatInstant(item.at, timeZone)}</span>
            <br />
            {item.text}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** Labels and explanations of the stage actions a member can take. */
const ACTIONS: Partial<Record<StageAction, { label: string; help: string; reason: "none" | "optional" | "required" }>> =
  {
    pause: {
      label: "Pause the pairing",
      help: "For holidays, busy weeks or illness. Reminders stop until you resume.",
      reason: "optional",
    },
    resume: { label: "Resume the pairing", help: "Carry on where you left off.", reason: "none" },
    wrap_up: {
      label: "Start wrapping up",
      help: "You are near the end: review your goals and write a wrap-up note.",
      reason: "none",
    },
    reopen: { label: "Go back to active", help: "Not finished after all? Carry on meeting.", reason: "none" },
    close: {
      label: "Close the pairing",
      help: "The room stays readable; nothing can be added any more.",
      reason: "none",
    },
    end: {
      label: "End the pairing early",
      help: "The coordinator is told, and the room becomes read-only. This cannot be undone.",
      reason: "required",
    },
  };

/** What the members should do next in this stage. */
function NextStep({ pairing, room }: { pairing: PairingRecord; room: RoomOverview }) {
  const base = `/pairings/${pairing.id}`;
  const signed = room.agreement.signedBy.length;
  switch (room.stage) {
    case "onboarding":
      return room.agreement.version === 0 ? (
        <p>
          Start by writing your <a href={`${base}/agreement`}>mentoring agreement</a> together: what you want to
          achieve, how and how often you meet. Once everyone has signed it, your pairing becomes active.
        </p>
      ) : (
        <p>
          Your <a href={`${base}/agreement`}>agreement</a> (version {room.agreement.version}) is signed by {signed} of{" "}
          {room.members.length}.{" "}
          {room.agreement.signedBy.length < room.members.length
            ? "Once everyone has signed it, your pairing becomes active."
            : ""}
        </p>
      );
    case "active":
      return (
        <p>
          Keep meeting as agreed, track your <a href={`${base}/goals`}>goals</a> and keep{" "}
          <a href={`${base}/notes`}>notes</a> of what you discuss.
        </p>
      );
    case "wrapping_up":
      return (
        <p>
          You are wrapping up: review your <a href={`${base}/goals`}>goals</a> and write a{" "}
          <a href={`${base}/notes`}>wrap-up note</a>, then close the pairing.
        </p>
      );
    case "paused":
      return (
        <p>This pairing is paused{room.stageReason ? `: ${room.stageReason}` : "."} Resume it when you are ready.</p>
      );
    case "closed":
      return <p>This pairing is closed. Everything stays readable here.</p>;
    case "ended_early":
      return (
        <p>
          This pairing ended early{room.stageReason ? `: ${room.stageReason}` : "."} Everything stays readable here.
        </p>
      );
    default:
      return <p>This pairing has been proposed and has not started yet.</p>;
  }
}

/** One stage action as a small form (JS off friendly). */
function ActionForm({
  pairingId,
  csrf,
  action,
  error,
}: {
  pairingId: string;
  csrf: string;
  action: StageAction;
  error?: PairingPageProps["stageError"];
}) {
  const spec = ACTIONS[action];
  if (!spec) return null;
  const mine = error?.action === action ? error : undefined;
  const form = (
    <form method="post" action={`/pairings/${pairingId}/stage`} class="stage-action">
      <CsrfField token={csrf} />
      <input type="hidden" name="action" value={action} />
      {spec.reason !== "none" ? (
        <div class={mine ? "field invalid" : "field"}>
          <label for={`f-reason-${action}`}>
            {spec.reason === "required" ? "Why does it end?" : "Reason (optional)"}
          </label>
          <textarea
            id={`f-reason-${action}`}
            name="reason"
            rows={2}
            maxlength={REASON_MAX}
            aria-describedby={mine ? `e-reason-${action}` : undefined}
            aria-invalid={mine ? "true" : undefined}
          >
            {textareaText(mine?.reason, REASON_MAX)}
          </textarea>
        </div>
      ) : null}
      {mine ? (
        <p id={`e-reason-${action}`} class="error" role="alert">
          {mine.error}
        </p>
      ) : null}
      <button type="submit" class={action === "end" ? "danger" : undefined}>
        {spec.label}
      </button>
      <small class="hint"> {spec.help}</small>
    </form>
  );
  return action === "end" ? (
    <details open={!!mine}>
      <summary>End the pairing early…</summary>
      {form}
    </details>
  ) : (
    form
  );
}

/** The overview page: the next step and meeting first, then who is in the pairing, recent activity and counts. */
export function PairingPage({
  pairing,
  room,
  viewerId,
  timeZone,
  csrf,
  now,
  stageError,
  next,
  recent,
}: PairingPageProps) {
  const base = `/pairings/${pairing.id}`;
  return (
    <section>
      <PairingNav pairing={pairing} viewerId={viewerId} tab="overview" unread={room.unread} stage={room.stage} />
      <section class="card next" aria-labelledby="next-h">
        <h2 id="next-h">Next step</h2>
        <NextStep pairing={pairing} room={room} />
        {next ? <NextMeeting next={next} zone={timeZone} /> : null}
      </section>
      <div class="tiles">
        <section class="card" aria-labelledby="members-h">
          <h2 id="members-h">
            <Icon name="users" /> Members
          </h2>
          <ul class="plain">
            {pairing.members.map((m) => (
              <li class="person">
                <Avatar id={m.personId} name={m.name} />
                <p>
                  <strong>{m.personId === viewerId ? `You (${m.name})` : m.name}</strong>, {m.role}
                  {m.personId !== viewerId ? (
                    <>
                      <br />
                      <span class="muted">Their time now: {formatInstant(now, m.timeZone)}</span>
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        </section>
        <section class="card" aria-labelledby="glance-h">
          <h2 id="glance-h">
            <Icon name="grid" /> At a glance
          </h2>
          <ul class="plain">
            <li>
              <a href={`${base}/chat#latest`}>Chat</a>: {room.counts.messages} message
              {room.counts.messages === 1 ? "" : "s"}
              {room.unread ? `, ${unreadLabel(room.unread)}` : ""}
            </li>
            <li>
              <a href={`${base}/agreement`}>Agreement</a>:{" "}
              {room.agreement.version === 0
                ? "not written yet"
                : room.agreement.signedByAll
                  ? `version ${room.agreement.version}, signed by everyone`
                  : `version ${room.agreement.version}, waiting for signatures`}
            </li>
            <li>
              <a href={`${base}/goals`}>Goals</a>: {room.counts.goals}; <a href={`${base}/notes`}>notes</a>:{" "}
              {room.counts.notes}; <a href={`${base}/resources`}>links</a>: {room.counts.resources}
            </li>
            {room.lastActivityAt ? <li>Last activity: {formatInstant(room.lastActivityAt, timeZone)}</li> : null}
          </ul>
        </section>
      </div>
      <section class="card" aria-labelledby="recent-h">
        <h2 id="recent-h">
          <Icon name="clock" /> Recent activity
        </h2>
        <RecentActivity pairing={pairing} recent={recent} viewerId={viewerId} timeZone={timeZone} />
      </section>
      {stageError && !room.actions.includes(stageError.action as StageAction) ? (
        <p class="error-summary" role="alert">
          {stageError.error}
        </p>
      ) : null}
      {room.actions.length ? (
        <details id="stage" open={!!stageError}>
          <summary>Pause, wrap up or end the pairing</summary>
          {room.actions.map((a) => (
            <ActionForm pairingId={pairing.id} csrf={csrf} action={a} error={stageError} />
          ))}
        </details>
      ) : null}
    </section>
  );
}
