/**
 * The signed-in person's profile: show it, and save it with one UPDATE after validating the whole form (capacity only for
 * people who mentor somewhere).
 */
import { Hono } from "hono";
import { type AvailabilityMode, type AvailabilityView, ProfilePage } from "../../views/pages/profile";
import { formatDay, weekContaining } from "../domain/availability";
import { fitsGrid, gridToSlots, slotsToCells } from "../domain/onboarding/availability-grid";
import {
  AVAIL_FIELDS,
  profileFormValues,
  profileSchema,
  type ProfileFormValues,
  type ProfileUpdate,
} from "../domain/profile";
import { isKnownTimeZone } from "../domain/time-zones";
import { fieldErrors, manyValues, readForm, textField, typedValues } from "../http/forms";
import { isLocale } from "../domain/i18n/locales";
import { requireUser } from "../http/guards";
import { wantsFragment } from "../middleware/renderer";
import { mentorsSomewhere, saveLanguage, saveProfile } from "../people/profile-store";
import type { Person } from "../domain/records";
import type { AppEnv } from "../types";

/** Profile routes. */
export const profileRoutes = new Hono<AppEnv>();

profileRoutes.use("/profile", requireUser);

profileRoutes.get("/profile", async (c) => {
  const user = c.var.user!;
  const asked = c.req.query("times");
  // The grid unless the person asks to type times, or has times the grid's blocks cannot show without rounding.
  const fits = fitsGrid(user.availability);
  const mode: AvailabilityMode = asked === "exact" || asked === "grid" ? asked : fits ? "grid" : "exact";
  const page = (
    <ProfilePage
      mentors={await mentorsSomewhere(c.env, user.id)}
      csrf={c.var.csrf}
      values={profileFormValues(user)}
      saved={c.req.query("saved") === "1"}
      times={timesFor(user, c.req.query("view"))}
      language={user.language ?? ""}
      editor={{ mode, cells: slotsToCells(user.availability), rounds: !fits }}
    />
  );
  return c.render(page, { title: c.var.t("profile.title") });
});

profileRoutes.post("/profile", async (c) => {
  const user = c.var.user!;
  const form = await readForm(c);
  const mentors = await mentorsSomewhere(c.env, user.id);
  // From the grid, the ticked cells become each day's times, which the schema then checks like typed ones.
  const mode: AvailabilityMode = textField(form, "availability_mode") === "grid" ? "grid" : "exact";
  const cells = manyValues(form, "cell");
  const grid = mode === "grid" ? gridToSlots(cells) : null;
  const days = grid?.ok ? Object.fromEntries(AVAIL_FIELDS.map((f, day) => [f, formatDay(grid.slots, day)])) : {};
  const input = { ...form, ...days };
  // Capacity is asked only of mentors: for anyone else the form has no such field and what they had is kept.
  const parsed = profileSchema.safeParse(mentors ? input : { ...input, capacity: String(user.capacity) });
  // The language field (absent from forms that predate it: then the choice is kept).
  const language = textField(form, "language") || user.language || "";
  const languageOk = language === "" || isLocale(language);
  if (!parsed.success || !languageOk || (grid && !grid.ok)) {
    c.status(422);
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    if (!languageOk) errors.language = "error.language";
    if (grid && !grid.ok) errors.cell = grid.error;
    const page = (
      <ProfilePage
        mentors={mentors}
        csrf={c.var.csrf}
        values={typedProfile(form)}
        errors={errors}
        times={timesFor(user)}
        language={language}
        editor={{ mode, cells: new Set(cells), rounds: false }}
      />
    );
    return c.render(page, { title: c.var.t("profile.title") });
  }
  const update: ProfileUpdate = parsed.data;
  await saveProfile(c.env, user.id, update);
  const newLanguage = isLocale(language) && language !== user.language;
  if (newLanguage) await saveLanguage(c.env, user.id, language);
  if (!wantsFragment(c)) return c.redirect("/profile?saved=1", 303);
  // A new language changes the whole page (menu, footer, <html lang dir>), not just the form: htmx loads it anew.
  if (newLanguage) {
    c.header("HX-Redirect", "/profile?saved=1");
    return c.body(null, 204);
  }
  const page = (
    <ProfilePage
      mentors={mentors}
      csrf={c.var.csrf}
      values={profileFormValues(update)}
      saved
      times={timesFor({ ...user, ...update })}
      language={language}
      editor={{
        mode: fitsGrid(update.availability) ? mode : "exact",
        cells: slotsToCells(update.availability),
        rounds: false,
      }}
    />
  );
  return c.render(page, { title: c.var.t("profile.title") });
});

/**
 * The availability summary for a person, shown in `view` when that is a known zone (UTC otherwise), for the current
 * week.
 */
function timesFor(person: Pick<Person, "timeZone" | "availability">, view?: string): AvailabilityView {
  const timeZone = isKnownTimeZone(person.timeZone) ? person.timeZone : "UTC";
  return {
    timeZone,
    availability: person.availability,
    view: view && isKnownTimeZone(view) ? view : "UTC",
    week: weekContaining(Date.now(), timeZone),
  };
}

/** The form values exactly as the person typed them, for showing the form again with errors. */
function typedProfile(input: unknown): ProfileFormValues {
  const t = typedValues(input);
  return {
    name: t.name ?? "",
    pronouns: t.pronouns ?? "",
    bio: t.bio ?? "",
    goals: t.goals ?? "",
    expertise: t.expertise ?? "",
    interests: t.interests ?? "",
    languages: t.languages ?? "",
    time_zone: t.time_zone ?? "",
    avail: AVAIL_FIELDS.map((f) => t[f] ?? ""),
    contact_start: t.contact_start ?? "",
    contact_end: t.contact_end ?? "",
    channels: manyValues(input, "channels"),
    capacity: t.capacity ?? "",
    unavailable: t.unavailable === "1",
  };
}
