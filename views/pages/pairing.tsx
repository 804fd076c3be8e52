/** A pairing's overview for its members: where it stands, what to do next, who is in it, and the stage actions. */
import type { Child } from "hono/jsx";
import { intlTag } from "../../worker/domain/i18n/locales";
import type { MessageId } from "../../worker/domain/i18n/translate";
import { SIGNED_BY_ALL_REASON } from "../../worker/domain/room/agreement";
import { unreadMessage } from "../../worker/domain/room/chat";
import { REASON_MAX, type StageAction, stageName } from "../../worker/domain/room/stages";
import { formatInstant } from "../../worker/domain/format-time";
import { Rich, useI18n } from "../i18n";
import type { PairingRecord } from "../../worker/domain/pairing";
import type { RoomOverview } from "../../worker/domain/room/types";
import { CsrfField, textareaText } from "../components/form";
import { NextMeeting } from "../components/next-meeting";
import { NAME_TAGS, PairingNav } from "../components/pairing-nav";
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
  /** Surveys the viewer was asked in this pairing and has not answered. */
  surveys?: { requestId: string; title: string }[];
  /** The newest messages (oldest first) and stage changes (newest first), for recent activity. */
  recent: {
    messages: ChatMessage[];
    changes: { from_stage: string; to_stage: string; actor: string; reason: string; at: number }[];
  };
}

/** The longest excerpt of a message recent activity shows. */
const EXCERPT = 90;

/** A stage's name in the viewer's language (as it was stored, for a value that is no stage). */
function useStageName(): (stage: string) => string {
  const { t } = useI18n();
  return (stage) => {
    const id = stageName(stage);
    return id ? t(id) : stage;
  };
}

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
  const { t, locale } = useI18n();
  const nameOfStage = useStageName();
  const names = Object.fromEntries(pairing.members.map((m) => [m.personId, m.name]));
  const you = t("room.author.you");
  const items = [
    ...recent.messages
      .filter((m) => m.source === "member" || m.source === "coordinator")
      .map((m) => ({
        at: m.createdAt,
        id: m.source === "member" ? (m.authorId ?? "") : "coordinator",
        who:
          m.source === "coordinator"
            ? t("room.author.coordinator")
            : m.authorId === viewerId
              ? you
              : (names[m.authorId ?? ""] ?? t("room.author.former")),
        text: m.body.length > EXCERPT ? `${m.body.slice(0, EXCERPT).trimEnd()}…` : m.body,
        user: true,
      })),
    ...recent.changes.map((c) => {
      const stages = { from: nameOfStage(c.from_stage), to: nameOfStage(c.to_stage) };
      const reason = c.reason === SIGNED_BY_ALL_REASON ? t("room.signedByAllReason") : c.reason;
      return {
        at: c.at,
        id: c.actor,
        who:
          c.actor === "journey"
            ? "Trellis"
            : c.actor === viewerId
              ? you
              : (names[c.actor] ?? t("room.author.aCoordinator")),
        text: reason ? t("overview.movedWhy", { ...stages, reason: reason }) : t("overview.moved", stages),
        user: false,
      };
    }),
  ].sort((a, b) => b.at - a.at);
  if (items.length === 0) return <p>{t("overview.nothingYet")}</p>;
  return (
    <ul class="plain activity">
      {items.map((item) => (
        <li>
          <Avatar id={item.id} name={item.who === you ? (names[viewerId] ?? you) : item.who} small />
          <p>
            <strong dir="auto">{item.who}</strong>{" "}
            <span class="muted">{formatInstant(item.at, timeZone, intlTag(locale))}</span>
            <br />
            {item.user ? <span dir="auto">{item.text}</span> : item.text}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The words of the stage actions a member can take: its button, its explanation, and whether it asks for a reason. */
const ACTIONS: Partial<
  Record<StageAction, { label: MessageId; help: MessageId; reason: "none" | "optional" | "required" }>
> = {
  pause: { label: "overview.action.pause", help: "overview.action.pauseHelp", reason: "optional" },
  resume: { label: "overview.action.resume", help: "overview.action.resumeHelp", reason: "none" },
  wrap_up: { label: "overview.action.wrapUp", help: "overview.action.wrapUpHelp", reason: "none" },
  reopen: { label: "overview.action.reopen", help: "overview.action.reopenHelp", reason: "none" },
  close: { label: "overview.action.close", help: "overview.action.closeHelp", reason: "none" },
  end: { label: "overview.action.end", help: "overview.action.endHelp", reason: "required" },
};

/** What the members should do next in this stage. */
function NextStep({ pairing, room }: { pairing: PairingRecord; room: RoomOverview }) {
  const { t } = useI18n();
  const base = `/pairings/${pairing.id}`;
  const tags = {
    agreement: (c: Child) => <a href={`${base}/agreement`}>{c}</a>,
    goals: (c: Child) => <a href={`${base}/goals`}>{c}</a>,
    notes: (c: Child) => <a href={`${base}/notes`}>{c}</a>,
  };
  const reason = room.stageReason;
  switch (room.stage) {
    case "onboarding":
      return room.agreement.version === 0 ? (
        <p>
          <Rich id="overview.next.write" tags={tags} />
        </p>
      ) : (
        <p>
          <Rich
            id="overview.next.signed"
            values={{
              version: room.agreement.version,
              signed: room.agreement.signedBy.length,
              total: room.members.length,
            }}
            tags={tags}
          />
          {room.agreement.signedBy.length < room.members.length ? ` ${t("overview.next.becomesActive")}` : ""}
        </p>
      );
    case "active":
      return (
        <p>
          <Rich id="overview.next.active" tags={tags} />
        </p>
      );
    case "wrapping_up":
      return (
        <p>
          <Rich id="overview.next.wrapping" tags={tags} />
        </p>
      );
    case "paused":
      return <p>{reason ? t("overview.next.pausedWhy", { reason: reason }) : t("overview.next.paused")}</p>;
    case "closed":
      return <p>{t("overview.next.closed")}</p>;
    case "ended_early":
      return <p>{reason ? t("overview.next.endedWhy", { reason: reason }) : t("overview.next.ended")}</p>;
    default:
      return <p>{t("overview.next.proposed")}</p>;
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
  const { t } = useI18n();
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
            {spec.reason === "required" ? t("overview.reasonRequired") : t("overview.reasonOptional")}
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
        {t(spec.label)}
      </button>
      <small class="hint"> {t(spec.help)}</small>
    </form>
  );
  return action === "end" ? (
    <details open={!!mine}>
      <summary>{t("overview.endEarly")}</summary>
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
  surveys = [],
}: PairingPageProps) {
  const { t, locale } = useI18n();
  const base = `/pairings/${pairing.id}`;
  const unread = room.unread ? unreadMessage(room.unread) : null;
  const link = (path: string) => (c: Child) => <a href={base + path}>{c}</a>;
  const version = room.agreement.version;
  return (
    <section>
      <PairingNav pairing={pairing} viewerId={viewerId} tab="overview" unread={room.unread} stage={room.stage} />
      <section class="card next" aria-labelledby="next-h">
        <h2 id="next-h">{t("overview.nextStep")}</h2>
        <NextStep pairing={pairing} room={room} />
        {next ? <NextMeeting next={next} zone={timeZone} /> : null}
        {surveys.map((s) => (
          <p>
            <a href={`/surveys/${s.requestId}`} dir="auto">
              {t("surveys.waiting.answer", { title: s.title })}
            </a>
          </p>
        ))}
      </section>
      <div class="tiles">
        <section class="card" aria-labelledby="members-h">
          <h2 id="members-h">
            <Icon name="users" /> {t("overview.members")}
          </h2>
          <ul class="plain">
            {pairing.members.map((m) => (
              <li class="person">
                <Avatar id={m.personId} name={m.name} />
                <p>
                  <strong>
                    {m.personId === viewerId ? (
                      <Rich id="overview.youNamed" values={{ name: m.name }} tags={NAME_TAGS} />
                    ) : (
                      <bdi>{m.name}</bdi>
                    )}
                  </strong>
                  , {t("room.role", { role: m.role })}
                  {m.personId !== viewerId ? (
                    <>
                      <br />
                      <span class="muted">
                        {t("overview.theirTime", { time: formatInstant(now, m.timeZone, intlTag(locale)) })}
                      </span>
                    </>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        </section>
        <section class="card" aria-labelledby="glance-h">
          <h2 id="glance-h">
            <Icon name="grid" /> {t("overview.glance")}
          </h2>
          <ul class="plain">
            <li>
              <Rich
                id="overview.chatCount"
                values={{ count: room.counts.messages }}
                tags={{ chat: link("/chat#latest") }}
              />
              {unread ? t("overview.unreadAfter", { unread: t(unread.id, unread.values) }) : ""}
            </li>
            <li>
              <Rich
                id={
                  version === 0
                    ? "overview.agreementNone"
                    : room.agreement.signedByAll
                      ? "overview.agreementSigned"
                      : "overview.agreementWaiting"
                }
                values={{ version }}
                tags={{ agreement: link("/agreement") }}
              />
            </li>
            <li>
              <Rich
                id="overview.counts"
                values={{ goals: room.counts.goals, notes: room.counts.notes, links: room.counts.resources }}
                tags={{ goals: link("/goals"), notes: link("/notes"), links: link("/resources") }}
              />
            </li>
            {room.lastActivityAt ? (
              <li>
                {t("overview.lastActivity", { when: formatInstant(room.lastActivityAt, timeZone, intlTag(locale)) })}
              </li>
            ) : null}
          </ul>
        </section>
      </div>
      <section class="card" aria-labelledby="recent-h">
        <h2 id="recent-h">
          <Icon name="clock" /> {t("overview.recent")}
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
          <summary>{t("overview.stageMenu")}</summary>
          {room.actions.map((a) => (
            <ActionForm pairingId={pairing.id} csrf={csrf} action={a} error={stageError} />
          ))}
        </details>
      ) : null}
    </section>
  );
}
