import { translator } from "../../worker/domain/i18n/translate";
import { describe, expect, it } from "vitest";
import {
  blockText,
  fitsGrid,
  gridToSlots,
  slotsToCells,
  TIME_BLOCKS,
} from "../../worker/domain/onboarding/availability-grid";
import {
  nextStep,
  type ProfileEssentials,
  profileCompleteness,
  stepsFor,
} from "../../worker/domain/onboarding/completeness";
import { STEP_SCHEMAS } from "../../worker/domain/onboarding/forms";
import { zonesByRegion } from "../../worker/domain/time-zones";

const empty: ProfileEssentials = {
  timeZone: "UTC",
  availability: [],
  languages: [],
  goals: [],
  expertise: [],
  capacity: 0,
};
const full: ProfileEssentials = {
  timeZone: "Europe/Berlin",
  availability: [{ day: 0, start: 480, end: 600 }],
  languages: ["german"],
  goals: ["public speaking"],
  expertise: ["finance"],
  capacity: 2,
};

describe("profileCompleteness", () => {
  it("asks mentees for goals and never for capacity or expertise", () => {
    expect(profileCompleteness(empty, "mentee")).toEqual(["timeZone", "availability", "languages", "goals"]);
  });
  it("asks mentors for expertise and capacity, not goals", () => {
    expect(profileCompleteness(empty, "mentor")).toEqual([
      "timeZone",
      "availability",
      "languages",
      "expertise",
      "capacity",
    ]);
  });
  it("asks someone with both roles for both", () => {
    expect(profileCompleteness(empty, ["mentor", "mentee"])).toContain("goals");
    expect(profileCompleteness(empty, ["mentor", "mentee"])).toContain("capacity");
  });
  it("is empty for a complete profile, and a mentor with capacity 0 is incomplete", () => {
    expect(profileCompleteness(full, ["mentor", "mentee"])).toEqual([]);
    expect(profileCompleteness({ ...full, capacity: 0 }, "mentor")).toEqual(["capacity"]);
    expect(profileCompleteness({ ...full, capacity: 0 }, "mentee")).toEqual([]);
  });
});

describe("onboarding steps", () => {
  it("leaves out the steps a role does not have", () => {
    expect(stepsFor(["mentee"])).toEqual(["time-zone", "availability", "languages", "goals"]);
    expect(stepsFor(["mentor"])).toEqual(["time-zone", "availability", "languages", "mentoring"]);
  });
  it("goes to the next step that still has a gap", () => {
    const steps = stepsFor(["mentor"]);
    expect(nextStep(steps, ["timeZone", "capacity"], null)).toBe("time-zone");
    expect(nextStep(steps, ["timeZone", "capacity"], "time-zone")).toBe("mentoring");
    expect(nextStep(steps, ["timeZone"], "time-zone")).toBeNull();
  });
});

describe("availability grid", () => {
  it("joins touching blocks of a day into one slot", () => {
    expect(gridToSlots(["0-480", "0-600", "2-1200"])).toEqual({
      ok: true,
      slots: [
        { day: 0, start: 480, end: 720 },
        { day: 2, start: 1200, end: 1320 },
      ],
    });
  });
  it("refuses values that are not cells, and an empty grid", () => {
    expect(gridToSlots(["7-480"]).ok).toBe(false);
    expect(gridToSlots(["0-481"]).ok).toBe(false);
    expect(gridToSlots(["0-480x"]).ok).toBe(false);
    expect(gridToSlots([])).toEqual({ ok: false, error: "onboarding.error.gridEmpty" });
    expect(translator("en")("onboarding.error.gridEmpty")).toBe("Tick at least one time you are usually free.");
  });
  it("ticks the blocks saved slots cover at least half of, and round-trips the grid", () => {
    const cells = slotsToCells([{ day: 1, start: 540, end: 720 }]);
    expect([...cells]).toEqual(["1-480", "1-600"]);
    const all = gridToSlots([...slotsToCells([{ day: 4, start: 0, end: 1440 }])]);
    expect(all).toEqual({ ok: true, slots: [{ day: 4, start: 0, end: 1440 }] });
    expect(blockText(TIME_BLOCKS[0]!)).toBe("00:00–06:00");
  });

  it("knows which saved weeks the grid shows without rounding", () => {
    expect(fitsGrid([])).toBe(true);
    expect(
      fitsGrid([
        { day: 0, start: 480, end: 720 },
        { day: 6, start: 0, end: 360 },
      ]),
    ).toBe(true);
    expect(fitsGrid([{ day: 0, start: 540, end: 720 }])).toBe(false);
    expect(fitsGrid([{ day: 2, start: 360, end: 420 }])).toBe(false);
  });
});

describe("step forms", () => {
  it("saves only the step's own columns", () => {
    expect(STEP_SCHEMAS["time-zone"].parse({ time_zone: "Asia/Calcutta" })).toEqual({ timeZone: "Asia/Kolkata" });
    expect(STEP_SCHEMAS.mentoring.parse({ expertise: "Finance, go", capacity: "3" })).toEqual({
      expertise: ["finance", "go"],
      capacity: 3,
    });
  });
  it("refuses an empty list and a capacity of 0", () => {
    expect(STEP_SCHEMAS.languages.safeParse({ languages: " , " }).success).toBe(false);
    expect(STEP_SCHEMAS.mentoring.safeParse({ expertise: "x", capacity: "0" }).success).toBe(false);
    expect(STEP_SCHEMAS.availability.safeParse({}).success).toBe(false);
    expect(STEP_SCHEMAS.availability.safeParse({ cell: "3-600" }).success).toBe(true);
  });
});

describe("zones by region", () => {
  it("groups every zone but UTC under a region, named by its place", () => {
    const regions = zonesByRegion();
    const europe = regions.find((r) => r.id === "Europe")!;
    expect(europe.zones).toContainEqual({ id: "Europe/Berlin", place: "Berlin" });
    const america = regions.find((r) => r.id === "America")!;
    expect(america.zones).toContainEqual({ id: "America/Argentina/Buenos_Aires", place: "Argentina – Buenos Aires" });
    expect(regions.flatMap((r) => r.zones).some((z) => z.id === "UTC")).toBe(false);
  });
});
