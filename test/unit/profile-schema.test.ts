import { describe, expect, it } from "vitest";
import { weeklySlotsToUtc } from "../../worker/domain/availability";
import { profileFormValues, profileSchema, splitTags } from "../../worker/domain/profile";
import { isKnownTimeZone, timeZones } from "../../worker/domain/time-zones";
import { fieldErrors } from "../../worker/http/forms";
import { messageOf, translator } from "../../worker/domain/i18n/translate";

type Form = Record<string, string | string[]>;

const valid: Form = {
  name: "Ada Lovelace",
  pronouns: "she/her",
  bio: "Writes programs for engines that do not exist yet.",
  goals: "Public speaking, leadership",
  expertise: "mathematics, C++, node.js",
  interests: "poetry",
  languages: "English, French",
  time_zone: "Europe/London",
  avail_0: "18:00-20:00",
  avail_1: "",
  avail_2: "9-12, 14:00–16:00",
  avail_3: "",
  avail_4: "",
  avail_5: "",
  avail_6: "",
  contact_start: "08:30",
  contact_end: "21:00",
  channels: ["video", "chat"],
  capacity: "2",
  unavailable: "1",
};

/** Parses `valid` with some fields changed (undefined removes a field) and returns the errors by field. */
function errorsFor(changes: Record<string, string | string[] | undefined>): Record<string, string> {
  const form: Form = { ...valid };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete form[k];
    else form[k] = v;
  }
  const result = profileSchema.safeParse(form);
  if (result.success) return {};
  // The schema's messages are message ids with values: read them as an English reader sees them.
  const english = translator("en");
  const text = (m: string) => {
    const id = messageOf(m);
    return id ? english(id.id, id.values) : m;
  };
  return Object.fromEntries(Object.entries(fieldErrors(result.error)).map(([k, m]) => [k, text(m)]));
}

describe("profile schema", () => {
  it("turns a valid form into profile columns", () => {
    const result = profileSchema.safeParse(valid);
    expect(result.success).toBe(true);
    expect(result.data).toEqual({
      name: "Ada Lovelace",
      pronouns: "she/her",
      bio: "Writes programs for engines that do not exist yet.",
      goals: ["public speaking", "leadership"],
      expertise: ["mathematics", "c++", "node.js"],
      interests: ["poetry"],
      languages: ["english", "french"],
      timeZone: "Europe/London",
      availability: [
        { day: 0, start: 1080, end: 1200 },
        { day: 2, start: 540, end: 720 },
        { day: 2, start: 840, end: 960 },
      ],
      contactStart: 510,
      contactEnd: 1260,
      channels: ["video", "chat"],
      capacity: 2,
      unavailable: true,
    });
  });

  it("accepts the smallest form: a name, a zone, contact hours", () => {
    const result = profileSchema.safeParse({
      name: " Bo ",
      time_zone: "UTC",
      contact_start: "09:00",
      contact_end: "17:00",
    });
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({
      name: "Bo",
      pronouns: "",
      goals: [],
      availability: [],
      channels: [],
      capacity: 0,
      unavailable: false,
    });
  });

  it("requires a name of at most 100 characters", () => {
    expect(errorsFor({ name: "   " }).name).toBe("Enter your name.");
    expect(errorsFor({ name: undefined }).name).toBe("Enter your name.");
    expect(errorsFor({ name: "x".repeat(101) }).name).toBe("Keep your name to 100 characters.");
    expect(errorsFor({ name: "x".repeat(100) })).toEqual({});
  });

  it("limits pronouns and bio", () => {
    expect(errorsFor({ pronouns: "p".repeat(41) }).pronouns).toBe("Keep pronouns to 40 characters.");
    expect(errorsFor({ pronouns: "" })).toEqual({});
    expect(errorsFor({ bio: "b".repeat(1001) }).bio).toBe("Keep your bio to 1000 characters.");
    expect(errorsFor({ bio: "b".repeat(1000) })).toEqual({});
  });

  it("normalises tags: trimmed, lower-case, single spaces, no duplicates, no empties", () => {
    expect(splitTags(" Data  Science , data science,, UX ,")).toEqual(["data science", "ux"]);
    expect(splitTags("العربية، الإنجليزية")).toEqual(["العربية", "الإنجليزية"]);
    expect(splitTags("中文，英语、法语")).toEqual(["中文", "英语", "法语"]);
    const result = profileSchema.safeParse({ ...valid, interests: "Chess, CHESS, Go" });
    expect(result.data?.interests).toEqual(["chess", "go"]);
  });

  it("rejects too many, too long and oddly written tags", () => {
    const many = Array.from({ length: 21 }, (_, i) => `tag${i}`).join(", ");
    expect(errorsFor({ goals: many }).goals).toBe("List at most 20 goals (you listed 21).");
    expect(errorsFor({ languages: Array.from({ length: 11 }, (_, i) => `lang${i}`).join(",") }).languages).toContain(
      "at most 10 languages",
    );
    expect(errorsFor({ expertise: "y".repeat(41) }).expertise).toContain("at most 40 characters");
    expect(errorsFor({ interests: "<script>" }).interests).toContain("can only use letters, numbers");
    expect(errorsFor({ interests: "-dash first" }).interests).toContain("can only use letters, numbers");
    expect(errorsFor({ expertise: "x,".repeat(600) }).expertise).toContain("too long");
    expect(errorsFor({ languages: "português, 日本語, ελληνικά" })).toEqual({});
  });

  it("accepts only known IANA time zones", () => {
    expect(errorsFor({ time_zone: "Mars/Olympus_Mons" }).time_zone).toBe("Choose a time zone from the list.");
    expect(errorsFor({ time_zone: "" }).time_zone).toBe("Choose a time zone from the list.");
    expect(errorsFor({ time_zone: "europe/berlin" }).time_zone).toBe("Choose a time zone from the list.");
    expect(errorsFor({ time_zone: "+02:00" }).time_zone).toBe("Choose a time zone from the list.");
    for (const tz of ["UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"])
      expect(errorsFor({ time_zone: tz }), tz).toEqual({});
  });

  it("offers current IANA names, reads old CLDR ones as those, and every offered zone converts", () => {
    const zones = timeZones();
    expect(zones.length).toBeGreaterThan(300);
    expect(zones).toEqual(
      expect.arrayContaining(["UTC", "Asia/Kolkata", "Europe/Kyiv", "America/Nuuk", "Asia/Ho_Chi_Minh"]),
    );
    expect(zones).not.toContain("Asia/Calcutta");
    expect(zones.every(isKnownTimeZone)).toBe(true);
    expect(profileSchema.safeParse({ ...valid, time_zone: "Asia/Calcutta" }).data?.timeZone).toBe("Asia/Kolkata");
    for (const tz of zones)
      expect(() => weeklySlotsToUtc([{ day: 0, start: 540, end: 600 }], tz, "2026-01-12"), tz).not.toThrow();
  });

  it("reports availability errors on the day they belong to", () => {
    expect(errorsFor({ avail_3: "25:00-26:00" })).toEqual({
      avail_3: "25:00 is not a time of day: use 00:00 to 24:00.",
    });
    expect(errorsFor({ avail_6: "5pm-7pm" }).avail_6).toContain("Times must look like 09:00-12:00");
    expect(errorsFor({ avail_1: "12:00-10:00" }).avail_1).toContain("End must be after start");
    expect(errorsFor({ avail_1: "9-12, 11-13" }).avail_1).toContain("Ranges overlap");
  });

  it("checks contact hours: HH:MM, end after start", () => {
    expect(errorsFor({ contact_start: "9am" }).contact_start).toBe("Enter a time like 09:00.");
    expect(errorsFor({ contact_start: "" }).contact_start).toBe("Enter a time like 09:00.");
    expect(errorsFor({ contact_end: "24:00" }).contact_end).toBe("Enter a time like 09:00.");
    expect(errorsFor({ contact_end: "12:61" }).contact_end).toBe("Enter a time like 09:00.");
    expect(errorsFor({ contact_start: "18:00", contact_end: "09:00" })).toEqual({
      contact_end: "Contact hours must end after they start.",
    });
    expect(errorsFor({ contact_start: "09:00", contact_end: "09:00" }).contact_end).toBe(
      "Contact hours must end after they start.",
    );
    expect(errorsFor({ contact_start: "9:15", contact_end: "17:45:00" })).toEqual({});
  });

  it("reports the contact-hours order even when other fields are wrong too", () => {
    expect(errorsFor({ name: "", contact_start: "18:00", contact_end: "09:00" })).toEqual({
      name: "Enter your name.",
      contact_end: "Contact hours must end after they start.",
    });
  });

  it("accepts channels only from the list, one or many, and drops duplicates", () => {
    expect(profileSchema.safeParse({ ...valid, channels: "in person" }).data?.channels).toEqual(["in person"]);
    expect(profileSchema.safeParse({ ...valid, channels: ["email", "video", "email"] }).data?.channels).toEqual([
      "video",
      "email",
    ]);
    expect(profileSchema.safeParse({ ...valid, channels: undefined }).data?.channels).toEqual([]);
    expect(errorsFor({ channels: ["video", "carrier pigeon"] }).channels).toBe("Choose channels from the list.");
  });

  it("takes a whole-number capacity from 0 to 20 (empty means 0)", () => {
    expect(profileSchema.safeParse({ ...valid, capacity: "" }).data?.capacity).toBe(0);
    expect(profileSchema.safeParse({ ...valid, capacity: "20" }).data?.capacity).toBe(20);
    for (const bad of ["21", "-1", "2.5", "two", "1e1", "99999999999999999999"]) {
      expect(errorsFor({ capacity: bad }).capacity, bad).toBe("Enter a whole number from 0 to 20.");
    }
  });

  it("reads the unavailable switch as a checkbox", () => {
    expect(profileSchema.safeParse({ ...valid, unavailable: undefined }).data?.unavailable).toBe(false);
    expect(profileSchema.safeParse({ ...valid, unavailable: "1" }).data?.unavailable).toBe(true);
    expect(errorsFor({ unavailable: "yes" }).unavailable).toBe("Tick the box or leave it empty.");
  });

  it("never throws on hostile shapes: repeated fields take their first value", () => {
    expect(profileSchema.safeParse({ ...valid, name: ["First", "Second"] }).data?.name).toBe("First");
    expect(profileSchema.safeParse({}).success).toBe(false);
    expect(profileSchema.safeParse(null).success).toBe(false);
  });

  it("shows a saved profile as the text the form holds", () => {
    const saved = profileSchema.parse(valid);
    const values = profileFormValues(saved);
    expect(values).toMatchObject({
      goals: "public speaking, leadership",
      contact_start: "08:30",
      contact_end: "21:00",
      capacity: "2",
      time_zone: "Europe/London",
    });
    expect(values.avail).toEqual(["18:00-20:00", "", "09:00-12:00, 14:00-16:00", "", "", "", ""]);
    const again = profileSchema.parse({
      ...values,
      ...Object.fromEntries(values.avail.map((v, i) => [`avail_${i}`, v])),
      unavailable: values.unavailable ? "1" : undefined,
    });
    expect(again).toEqual(saved);
  });
});
