/** The heading and tabs every page of a pairing's room shares. */
import { unreadLabel } from "../../worker/domain/room/chat";
import { STAGE_LABELS, type Stage } from "../../worker/domain/room/stages";
import type { PairingRecord } from "../../worker/domain/pairing";
import { Icon, type IconName } from "./icon";

export type PairingTab = "overview" | "agreement" | "chat" | "meetings" | "goals" | "notes" | "resources";

const TABS: [PairingTab, string, string, IconName][] = [
  ["overview", "Overview", "", "grid"],
  ["agreement", "Agreement", "/agreement", "sign"],
  ["chat", "Chat", "/chat#latest", "chat"],
  ["meetings", "Meetings", "/meetings", "video"],
  ["goals", "Goals", "/goals", "target"],
  ["notes", "Notes", "/notes", "note"],
  ["resources", "Links", "/resources", "link"],
  ["files" as PairingTab, "Files", "/files", "note"],
];

/** Who the viewer is paired with, as a short phrase. */
export function partnersOf(pairing: PairingRecord, viewerId: string): string {
  const others = pairing.members.filter((m) => m.personId !== viewerId).map((m) => m.name);
  return others.length ? others.join(", ") : "your pairing";
}

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
  const base = `/pairings/${pairing.id}`;
  return (
    <header class="pairing-head">
      <p class="crumbs">
        <a href={`/programs/${pairing.programId}/me`}>{pairing.programName}</a>
      </p>
      <h1>
        With {partnersOf(pairing, viewerId)}{" "}
        <span class={`stage stage-${stage ?? pairing.stage}`}>
          {STAGE_LABELS[(stage ?? pairing.stage) as Stage] ?? stage ?? pairing.stage}
        </span>
      </h1>
      <nav aria-label="Pairing" class="tabs">
        {TABS.map(([key, label, path, icon]) => (
          <a href={base + path} aria-current={key === tab ? "page" : undefined}>
            <Icon name={icon} />
            {label}
            {key === "chat" && unread ? <span class="badge"> {unreadLabel(unread)}</span> : null}
          </a>
        ))}
      </nav>
    </header>
  );
}
