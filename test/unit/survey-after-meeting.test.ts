import { describe, expect, it } from "vitest";
import type { Schedule } from "../../worker/domain/meetings/types";
import { endedOccurrences } from "../../worker/domain/surveys/after-meeting";
import { translator } from "../../worker/domain/i18n/translate";
import { sortWaiting, type WaitingItem, waitingText } from "../../worker/domain/waiting";

const weekly: Schedule = {
  timeZone: "Europe/Berlin",
  startLocal: "2026-03-02T18:00",
  durationMinutes: 60,
  repeat: "weekly",
  count: 5,
  until: null,
};
const at = (iso: string) => Date.parse(iso);

describe("endedOccurrences", () => {
  it("keeps the occurrences that ended in the window, by their real end across a clock change", () => {
    // 2026-03-30 18:00 Berlin is summer time (UTC+2): it ends 17:00 UTC.
    const since = at("2026-03-30T16:30:00Z");
    expect(endedOccurrences(weekly, [], since, at("2026-03-30T16:59:00Z"))).toEqual([]);
    const ended = endedOccurrences(weekly, [], since, at("2026-03-30T17:00:00Z"));
    expect(ended.map((o) => o.recurrenceId)).toEqual(["2026-03-30T18:00"]);
  });

  it("leaves out cancelled occurrences and follows moved ones", () => {
    const changes = [
      {
        recurrenceId: "2026-03-09T18:00",
        status: "cancelled" as const,
        startLocal: null,
        durationMinutes: null,
        sequence: 1,
      },
      {
        recurrenceId: "2026-03-16T18:00",
        status: "moved" as const,
        startLocal: "2026-03-17T09:00",
        durationMinutes: 30,
        sequence: 1,
      },
    ];
    const all = endedOccurrences(weekly, changes, 0, at("2026-03-20T00:00:00Z"));
    expect(all.map((o) => o.recurrenceId)).toEqual(["2026-03-02T18:00", "2026-03-16T18:00"]);
    expect(all[1]!.end).toBe(at("2026-03-17T08:30:00Z"));
  });
});

describe("a survey waiting", () => {
  it("comes after check-ins and before meeting answers, soonest closing first", () => {
    const survey = (closesAt: number): WaitingItem => ({
      kind: "survey",
      requestId: `r${closesAt}`,
      title: "t",
      programName: "p",
      closesAt,
      path: "/surveys/r",
    });
    const chat: WaitingItem = { kind: "chat", pairingId: "x", unread: 1, partners: [], path: "/" };
    const sorted = sortWaiting([chat, survey(20), survey(10)]);
    expect(sorted.map((i) => (i.kind === "survey" ? i.closesAt : i.kind))).toEqual([10, 20, "chat"]);
  });

  it("reads as one line in the digest, in the reader's language", () => {
    const item: WaitingItem = {
      kind: "survey",
      requestId: "r",
      title: "Pulse",
      programName: "Spring",
      closesAt: 0,
      path: "/",
    };
    expect(waitingText(item, () => "Friday", translator("en"), "en")).toBe(
      "Answer the survey “Pulse” (Spring, open until Friday)",
    );
    expect(waitingText(item, () => "vendredi", translator("fr"), "fr")).toBe(
      "Répondre à l’enquête « Pulse » (Spring, ouverte jusqu’au vendredi)",
    );
  });
});
