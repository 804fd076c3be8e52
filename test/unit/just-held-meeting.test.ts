import { describe, expect, it } from "vitest";
import { justHeldMeeting } from "../helpers";

describe("justHeldMeeting (the tests' held meeting)", () => {
  it("at every minute of a day: started within the hour, ended by now, at least 10 minutes, on one day", () => {
    const day = Date.UTC(2026, 11, 7);
    for (let now = day; now < day + 86_400_000; now += 60_000) {
      const m = justHeldMeeting(now + 17_000);
      const start = Date.parse(`${m.date}T${m.start}:00Z`);
      const end = Date.parse(`${m.date}T${m.end}:00Z`);
      const at = new Date(now).toISOString();
      expect(start, at).toBeGreaterThanOrEqual(now - 60 * 60_000);
      expect(end, at).toBeLessThanOrEqual(now);
      expect(end - start, at).toBeGreaterThanOrEqual(10 * 60_000);
      expect(m.local, at).toBe(`${m.date}T${m.start}`);
    }
  });
});
