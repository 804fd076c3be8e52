import { describe, expect, it } from "vitest";
import { sortWaiting, type WaitingItem } from "../../worker/domain/waiting";

const partners = [{ name: "Kai", timeZone: "Europe/Berlin" }];
const chat: WaitingItem = { kind: "chat", pairingId: "a", unread: 2, partners, path: "/pairings/a/chat" };
const profile: WaitingItem = { kind: "profile", programId: "p", programName: "P", missing: ["goals"], path: "/x" };
const checkin = (closesAt: number): WaitingItem => ({
  kind: "checkin",
  pairingId: "a",
  checkinId: `c${closesAt}`,
  milestone: "check-in-1",
  closesAt,
  partners,
  path: "/c/t",
});
const request: WaitingItem = {
  kind: "request",
  programId: "p",
  programName: "P",
  fromName: "Lea",
  count: 1,
  expiresAt: 50,
  path: "/programs/p/me",
};

describe("sortWaiting", () => {
  it("puts requests first, then check-ins by closing time, and the profile last", () => {
    const sorted = sortWaiting([profile, chat, checkin(30), request, checkin(10)]);
    expect(sorted.map((i) => (i.kind === "checkin" ? `checkin ${i.closesAt}` : i.kind))).toEqual([
      "request",
      "checkin 10",
      "checkin 30",
      "chat",
      "profile",
    ]);
  });
  it("leaves the list it was given alone", () => {
    const items = [profile, request];
    sortWaiting(items);
    expect(items[0]).toBe(profile);
  });
});
