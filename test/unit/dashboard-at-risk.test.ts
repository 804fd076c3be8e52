import { describe, expect, it } from "vitest";
import { atRiskQuery, pageCount, parseAtRiskView } from "../../worker/domain/dashboard/at-risk-params";
import { formatDay, timeAgo } from "../../worker/domain/dashboard/relative-time";

describe("at-risk list parameters", () => {
  it("read valid values and fall back to the defaults for anything else", () => {
    expect(parseAtRiskView({ sort: "activity", dir: "desc", page: "3" })).toEqual({
      sort: "activity",
      dir: "desc",
      page: 3,
    });
    expect(parseAtRiskView({})).toEqual({ sort: "since", dir: "asc", page: 1 });
    for (const page of ["0", "-1", "abc", "1e3", "", "9999999", " 2", "2.5"])
      expect(parseAtRiskView({ page }).page, page).toBe(1);
    expect(parseAtRiskView({ page: "999999" }).page).toBe(100_000);
    expect(parseAtRiskView({ sort: "risk_since; DROP TABLE pairings", dir: "DESC" })).toEqual({
      sort: "since",
      dir: "asc",
      page: 1,
    });
  });

  it("write only what differs from the defaults", () => {
    expect(atRiskQuery({ sort: "since", dir: "asc", page: 1 })).toBe("");
    expect(atRiskQuery({ sort: "since", dir: "asc", page: 2 })).toBe("?page=2");
    expect(atRiskQuery({ sort: "stage", dir: "desc", page: 1 })).toBe("?sort=stage&dir=desc");
    expect(atRiskQuery({ sort: "activity", dir: "asc", page: 4 })).toBe("?sort=activity&dir=asc&page=4");
  });

  it("count pages of 25, at least one", () => {
    expect([0, 1, 25, 26, 100, 101].map(pageCount)).toEqual([1, 1, 1, 2, 4, 5]);
  });
});

describe("relative times", () => {
  const now = Date.UTC(2026, 10, 21, 12);
  it("say how long ago in the largest whole unit", () => {
    const ago = (ms: number) => timeAgo(now - ms, now);
    expect(ago(10_000)).toBe("just now");
    expect(ago(-60_000)).toBe("just now");
    expect(ago(60_000)).toBe("1 minute ago");
    expect(ago(3 * 3_600_000)).toBe("3 hours ago");
    expect(ago(86_400_000)).toBe("1 day ago");
    expect(ago(12 * 86_400_000)).toBe("12 days ago");
    expect(ago(90 * 86_400_000)).toBe("2 months ago");
    expect(ago(800 * 86_400_000)).toBe("2 years ago");
  });

  it("name the day in the viewer's zone", () => {
    const lateEvening = Date.UTC(2026, 10, 21, 23, 30);
    expect(formatDay(lateEvening, "UTC")).toBe("21 Nov 2026");
    expect(formatDay(lateEvening, "Europe/Berlin")).toBe("22 Nov 2026");
    expect(formatDay(lateEvening, "America/Los_Angeles")).toBe("21 Nov 2026");
  });
});
