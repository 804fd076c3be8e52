import { describe, expect, it } from "vitest";
import { dayKey, dayLabel, timeOfDay } from "../../worker/domain/room/chat-days";

describe("chat days", () => {
  const at = Date.UTC(2026, 9, 20, 22, 30); // 20 Oct 22:30 UTC
  it("puts an instant on the viewer's own calendar day", () => {
    expect(dayKey(at, "Europe/London")).toBe("2026-10-20");
    expect(dayKey(at, "Australia/Sydney")).toBe("2026-10-21");
    expect(dayKey(at, "America/New_York")).toBe("2026-10-20");
  });
  it("says Today and Yesterday in the viewer's zone, else the weekday and date, with the year only when it differs", () => {
    const now = Date.UTC(2026, 9, 21, 9, 0);
    expect(dayLabel(at, "Australia/Sydney", now)).toBe("Today");
    expect(dayLabel(at, "Europe/London", now)).toBe("Yesterday");
    expect(dayLabel(Date.UTC(2026, 9, 18, 12), "Europe/London", now)).toBe("Sunday 18 October");
    expect(dayLabel(Date.UTC(2025, 11, 31, 12), "Europe/London", now)).toMatch(/^Wednesday,? 31 December 2025$/);
  });
  it("speaks the viewer's language", () => {
    const now = Date.UTC(2026, 9, 21, 9, 0);
    expect(dayLabel(at, "Australia/Sydney", now, "fr")).toBe("Aujourd’hui");
    expect(dayLabel(at, "Europe/London", now, "es")).toBe("Ayer");
    expect(dayLabel(at, "Europe/London", now, "zh-CN")).toBe("昨天");
    expect(dayLabel(Date.UTC(2026, 9, 18, 12), "Europe/London", now, "fr")).toBe("dimanche 18 octobre");
  });
  it("counts Yesterday across a month end", () => {
    expect(dayLabel(Date.UTC(2026, 9, 31, 12), "UTC", Date.UTC(2026, 10, 1, 8))).toBe("Yesterday");
  });
  it("shows the time of day on a 24-hour clock in the zone", () => {
    expect(timeOfDay(at, "Asia/Kolkata")).toBe("04:00");
    expect(timeOfDay(at, "America/New_York")).toBe("18:30");
  });
});
