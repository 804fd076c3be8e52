/** The heading and tabs every page of a pairing's room shares. */
import type { MessageId } from "../../worker/domain/i18n/translate";
import { unreadMessage } from "../../worker/domain/room/chat";
import { stageName } from "../../worker/domain/room/stages";
import type { PairingRecord } from "../../worker/domain/pairing";
import { listText } from "../../worker/domain/i18n/intl";
import type { Child } from "hono/jsx";
import { Rich, useI18n } from "../i18n";
import { Icon, type IconName } from "./icon";

export type PairingTab = "overview" | "agreement" | "chat" | "meetings" | "goals" | "notes" | "resources" | "files";

const TABS: [PairingTab, MessageId, string, IconName][] = [
  ["overview", "room.tab.overview", "", "grid"],
  ["agreement", "room.tab.agreement", "/agreement", "sign"],
  ["chat", "room.tab.chat", "/chat#latest", "chat"],
  ["meetings", "room.tab.meetings", "/meetings", "video"],
  ["goals", "room.tab.goals", "/goals", "target"],
  ["notes", "room.tab.notes", "/notes", "note"],
  ["resources", "room.tab.links", "/resources", "link"],
  ["files", "resources.nav.files", "/files", "note"],
];

/** The names of the viewer's partners in the pairing. */
export function partnerNames(pairing: PairingRecord, viewerId: string): string[] {
  return pairing.members.filter((m) => m.personId !== viewerId).map((m) => m.name);
}

/** Tags for names inside a message: `<n>…</n>` isolates a name's direction from the sentence around it. */
export const NAME_TAGS = { n: (children: Child) => <bdi>{children}</bdi> };

/**
 * The pairing's heading (partners, program, stage: the room's when given, else the projection's) and its tabs; `unread`
 * adds a count to Chat.
 */
export function PairingNav({
  pairing,
  viewerId,
  tab,
  unread,
  stage,
}: {
  pairing: PairingRecord;
  viewerId: string;
  tab: PairingTab;
  unread?: number;
  stage?: string;
}) {
  const { t, locale } = useI18n();
  const base = `/pairings/${pairing.id}`;
  const now = stage ?? pairing.stage;
  const nameId = stageName(now);
  const others = partnerNames(pairing, viewerId);
  const unreadText = unread ? unreadMessage(unread) : null;
  return (
    <header class="pairing-head">
      <p class="crumbs">
        <a href={`/programs/${pairing.programId}/me`} dir="auto">
          {pairing.programName}
        </a>
      </p>
      <h1>
        {others.length ? (
          <Rich id="room.heading" values={{ names: listText(locale, others) }} tags={NAME_TAGS} />
        ) : (
          t("overview.title")
        )}{" "}
        <span class={`stage stage-${now}`}>{nameId ? t(nameId) : now}</span>
      </h1>
      <nav aria-label={t("room.tabs")} class="tabs">
        {TABS.map(([key, label, path, icon]) => (
          <a href={base + path} aria-current={key === tab ? "page" : undefined}>
            <Icon name={icon} />
            {t(label)}
            {key === "chat" && unreadText ? <span class="badge"> {t(unreadText.id, unreadText.values)}</span> : null}
          </a>
        ))}
      </nav>
    </header>
  );
}
