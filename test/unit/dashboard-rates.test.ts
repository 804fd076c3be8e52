import { describe, expect, it } from "vitest";
import { checkinPeriods, totalOf } from "../../worker/domain/dashboard/checkin-trends";
import { apportion, percentText, ratio, sharesOf } from "../../worker/domain/dashboard/rates";

describe("rates", () => {
  it("say there is nothing to divide rather than divide by zero", () => {
    expect(ratio(0, 0)).toBeNull();
    expect(percentText(3, 0)).toBe("—");
    expect(percentText(0, 4)).toBe("0%");
    expect(percentText(3, 4)).toBe("75%");
    expect(percentText(2, 3)).toBe("67%");
  });

  it("split shares into whole percentages that add up to 100", () => {
    expect(sharesOf([1, 1, 1, 0])).toEqual([34, 33, 33, 0]);
    expect(sharesOf([0, 0])).toEqual([0, 0]);
    expect(sharesOf([1, 2, 3, 4])).toEqual([10, 20, 30, 40]);
    for (const parts of [
      [7, 1, 1],
      [3, 3, 3, 1],
      [999, 1, 0, 0],
    ])
      expect(sharesOf(parts).reduce((a, b) => a + b, 0)).toBe(100);
    expect(apportion([1, 1, 1], 380)).toEqual([127, 127, 126]);
  });
});

describe("check-in periods", () => {
  const periods = [
    { key: "2026-01", label: "Jan 2026" },
    { key: "2026-02", label: "Feb 2026" },
    { key: "2026-03", label: "Mar 2026" },
    { key: "2026-04", label: "Apr 2026" },
  ];

  it("join counts and answers to their months, dropping months before the first check-in but keeping later gaps", () => {
    const rows = [
      { bucket: 1, checkins: 2, open: 0, expected: 4 },
      { bucket: 3, checkins: 1, open: 1, expected: 3 },
    ];
    const answers = [
      { bucket: 1, answer: "going-well", n: 2 },
      { bucket: 1, answer: "struggling", n: 1 },
      { bucket: 3, answer: "ok", n: 1 },
      { bucket: 3, answer: "unknown", n: 5 },
    ];
    const out = checkinPeriods(periods, rows, answers);
    expect(out.map((p) => [p.key, p.checkins, p.open, p.expected, p.answered])).toEqual([
      ["2026-02", 2, 0, 4, 3],
      ["2026-03", 0, 0, 0, 0],
      ["2026-04", 1, 1, 3, 1],
    ]);
    expect(out[0]!.answers).toEqual({ "going-well": 2, ok: 0, struggling: 1, "not-met": 0 });
    expect(totalOf(out)).toMatchObject({
      checkins: 3,
      open: 1,
      expected: 7,
      answered: 4,
      answers: { "going-well": 2, ok: 1, struggling: 1, "not-met": 0 },
    });
  });

  it("are empty without check-ins", () => {
    expect(checkinPeriods(periods, [], [])).toEqual([]);
    expect(totalOf([])).toMatchObject({ checkins: 0, expected: 0, answered: 0 });
  });
});
