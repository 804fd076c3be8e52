import { describe, expect, it } from "vitest";
import { boundariesOf, bucketIndex, monthsEndingAt } from "../../worker/domain/dashboard/months";

describe("calendar months in a time zone", () => {
  it("starts each month at local midnight, across daylight-saving changes", () => {
    const months = monthsEndingAt(Date.UTC(2026, 3, 15), "Europe/Berlin", 3);
    expect(months.map((m) => [m.key, m.label])).toEqual([
      ["2026-02", "Feb 2026"],
      ["2026-03", "Mar 2026"],
      ["2026-04", "Apr 2026"],
    ]);
    // Winter time (UTC+1) until 29 March, summer time (UTC+2) after: March is an hour shorter than 31 days.
    expect(months[1]!.start).toBe(Date.UTC(2026, 1, 28, 23));
    expect(months[1]!.end).toBe(Date.UTC(2026, 2, 31, 22));
    expect(months[1]!.end - months[1]!.start).toBe(31 * 86_400_000 - 3_600_000);
    expect(months[2]!.start).toBe(months[1]!.end);
  });

  it("puts an instant in the month it falls in for the viewer, not in UTC", () => {
    const lateMarchUtc = Date.UTC(2026, 2, 31, 22, 30); // 00:30 on 1 April in Berlin, still 31 March in UTC and New York
    const berlin = monthsEndingAt(Date.UTC(2026, 3, 15), "Europe/Berlin", 2);
    const newYork = monthsEndingAt(Date.UTC(2026, 3, 15), "America/New_York", 2);
    expect(berlin[bucketIndex(lateMarchUtc, boundariesOf(berlin))]!.key).toBe("2026-04");
    expect(newYork[bucketIndex(lateMarchUtc, boundariesOf(newYork))]!.key).toBe("2026-03");
  });

  it("handles zones whose midnight does not exist and the year boundary", () => {
    // Santiago moves its clocks at midnight: 6 Sep 2026 starts at 01:00 local, but months start on the 1st anyway.
    const months = monthsEndingAt(Date.UTC(2027, 0, 10), "America/Santiago", 13);
    expect(months[0]!.key).toBe("2026-01");
    expect(months[12]!.key).toBe("2027-01");
    for (let i = 1; i < months.length; i++) expect(months[i]!.start).toBe(months[i - 1]!.end);
  });

  it("leaves instants outside the months unbucketed", () => {
    const b = [0, 10, 20];
    expect([-1, 0, 9, 10, 19, 20].map((t) => bucketIndex(t, b))).toEqual([-1, 0, 0, 1, 1, -1]);
    expect(bucketIndex(5, [])).toBe(-1);
    expect(boundariesOf([])).toEqual([]);
  });
});
