import { describe, expect, it } from "vitest";
import { formatInstant } from "../../worker/domain/format-time";

describe("formatInstant", () => {
  it("shows the same instant in each viewer's zone, across daylight saving", () => {
    const winter = Date.UTC(2026, 0, 15, 17, 0);
    const summer = Date.UTC(2026, 6, 15, 16, 0);
    expect(formatInstant(winter, "Europe/Berlin")).toBe("Thu, 15 Jan 2026, 18:00 (Europe/Berlin)");
    expect(formatInstant(summer, "Europe/Berlin")).toBe("Wed, 15 Jul 2026, 18:00 (Europe/Berlin)");
    expect(formatInstant(winter, "Asia/Kolkata")).toBe("Thu, 15 Jan 2026, 22:30 (Asia/Kolkata)");
    expect(formatInstant(winter, "Australia/Sydney")).toBe("Fri, 16 Jan 2026, 04:00 (Australia/Sydney)");
  });
});
