/**
 * The profile page: the edit form (a full page or an htmx fragment) and a read-only view of the availability in another
 * zone.
 */
import { DAY_NAMES, formatTime, type Slot, slotInZone, type ZonedSpan } from "../../worker/domain/availability";
import { weekdayInitials, weekdayNames } from "../../worker/domain/i18n/intl";
import { intlTag, LOCALE_INFO, LOCALES, type Locale } from "../../worker/domain/i18n/locales";
import {
  CHANNELS,
  MAX_CAPACITY,
  PROFILE_LIMITS,
  type ProfileFormValues,
  TIME_ZONE_MAX,
} from "../../worker/domain/profile";
import { timeZones } from "../../worker/domain/time-zones";
import { blockText, cellValue, slotsToCells, TIME_BLOCKS } from "../../worker/domain/onboarding/availability-grid";
import {
  CsrfField,
  describedBy,
  ErrorSummary,
  type Errors,
  ErrorText,
  Field,
  TextInput,
  textareaText,
} from "../components/form";
import { AvailabilityGrid, WeekHead } from "../components/availability-grid";
import { Rich, useI18n } from "../i18n";
import type { Child } from "hono/jsx";

/** How the week is edited: ticking a grid of two-hour blocks, or typing exact times per day. */
export type AvailabilityMode = "grid" | "exact";

/** The availability editor's state: its mode, the grid's ticked cells, and whether saved times would round on the grid. */
export interface AvailabilityEditor {
  mode: AvailabilityMode;
  cells: ReadonlySet<string>;
  rounds: boolean;
}

/** The saved availability and how to show it: in `view`, for the week of `week`. */
export interface AvailabilityView {
  timeZone: string;
  availability: readonly Slot[];
  view: string;
  week: string;
}

interface ProfilePageProps {
  csrf: string;
  values: ProfileFormValues;
  errors?: Errors;
  saved?: boolean;
  times: AvailabilityView;
  /** Whether the person mentors in some program: only then is mentee capacity asked. */
  mentors: boolean;
  /** The language chosen for pages and emails ("" when none was chosen). */
  language: string;
  editor: AvailabilityEditor;
}

/** The whole profile section; htmx swaps it in place after a save. */
export function ProfilePage({ csrf, values, errors, saved, times, mentors, language, editor }: ProfilePageProps) {
  const { t } = useI18n();
  const link = (href: string) => ({ link: (children: Child) => <a href={href}>{children}</a> });
  return (
    <section id="profile">
      <h1>{t("profile.title")}</h1>
      <p>
        <Rich id="profile.notificationsLink" tags={link("/settings/notifications")} />
      </p>
      <p>
        <Rich id="profile.dataLink" tags={link("/settings/data")} />
      </p>
      {saved ? (
        <p class="success" role="status">
          {t("profile.saved")}
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <ProfileForm csrf={csrf} values={values} errors={errors} mentors={mentors} language={language} editor={editor} />
      <AvailabilityInZone {...times} />
      <ZoneList />
    </section>
  );
}

function ProfileForm({
  csrf,
  values,
  errors,
  mentors,
  language,
  editor,
}: {
  csrf: string;
  values: ProfileFormValues;
  errors?: Errors;
  mentors: boolean;
  language: string;
  editor: AvailabilityEditor;
}) {
  const { t, locale } = useI18n();
  const days = weekdayNames(locale);
  return (
    <form method="post" action="/profile" hx-post="/profile" hx-target="#profile" hx-swap="outerHTML">
      <CsrfField token={csrf} />
      <fieldset>
        <legend>{t("profile.about")}</legend>
        <TextInput
          name="name"
          label={t("profile.name")}
          value={values.name}
          errors={errors}
          maxlength={PROFILE_LIMITS.name}
          autocomplete="name"
          required
        />
        <TextInput
          name="pronouns"
          label={t("profile.pronouns")}
          value={values.pronouns}
          errors={errors}
          maxlength={PROFILE_LIMITS.pronouns}
        />
        <TextArea
          name="bio"
          label={t("profile.bio")}
          value={values.bio}
          errors={errors}
          maxlength={PROFILE_LIMITS.bio}
        />
        <LanguageSelect value={language} errors={errors} />
      </fieldset>
      <fieldset aria-describedby="h-tags">
        <legend>{t("profile.goalsAndSkills")}</legend>
        <p id="h-tags" class="hint">
          {t("profile.tagsHint")}
        </p>
        <TextInput
          name="goals"
          label={t("profile.goals")}
          value={values.goals}
          errors={errors}
          maxlength={PROFILE_LIMITS.tags}
        />
        <TextInput
          name="expertise"
          label={t("profile.expertise")}
          value={values.expertise}
          errors={errors}
          maxlength={PROFILE_LIMITS.tags}
        />
        <TextInput
          name="interests"
          label={t("profile.interests")}
          value={values.interests}
          errors={errors}
          maxlength={PROFILE_LIMITS.tags}
        />
        <TextInput
          name="languages"
          label={t("profile.languages")}
          value={values.languages}
          errors={errors}
          maxlength={PROFILE_LIMITS.tags}
        />
      </fieldset>
      <fieldset>
        <legend>{t("profile.availability")}</legend>
        <TimeZoneInput
          name="time_zone"
          label={t("profile.timeZone")}
          value={values.time_zone}
          errors={errors}
          hint={t("profile.timeZoneHint")}
        />
        <input type="hidden" name="availability_mode" value={editor.mode} />
        {editor.mode === "grid" ? (
          <>
            <AvailabilityGrid cells={editor.cells} error={errors?.cell} timeZone={values.time_zone || "UTC"} />
            <p class="hint">
              <a href="/profile?times=exact#h-avail">{t("profile.times.exact")}</a>
            </p>
          </>
        ) : (
          <>
            <p id="h-avail" class="hint">
              {t("profile.availabilityHint")}
            </p>
            <div class="grid3">
              {DAY_NAMES.map((_, i) => (
                <TextInput
                  name={`avail_${i}`}
                  label={days[i]!}
                  value={values.avail[i]}
                  errors={errors}
                  maxlength={PROFILE_LIMITS.availabilityDay}
                />
              ))}
            </div>
            <p class="hint">
              <a href="/profile?times=grid#h-cell">{t("profile.times.grid")}</a>
              {editor.rounds ? ` ${t("profile.times.rounds")}` : ""}
            </p>
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>{t("profile.contact")}</legend>
        <div class="grid2">
          <TextInput
            name="contact_start"
            label={t("profile.contactFrom")}
            type="time"
            value={values.contact_start}
            errors={errors}
            required
          />
          <TextInput
            name="contact_end"
            label={t("profile.contactUntil")}
            type="time"
            value={values.contact_end}
            errors={errors}
            required
          />
        </div>
        <ChannelBoxes checked={values.channels} errors={errors} />
      </fieldset>
      <fieldset>
        <legend>{t("profile.matching")}</legend>
        {mentors ? (
          <TextInput
            name="capacity"
            label={t("profile.capacity")}
            type="number"
            value={values.capacity}
            errors={errors}
            hint={t("profile.capacityHint")}
            min="0"
            max={String(MAX_CAPACITY)}
            step="1"
            inputmode="numeric"
          />
        ) : null}
        <div class={errors?.unavailable ? "field invalid" : "field"}>
          <label class="check">
            <input
              type="checkbox"
              name="unavailable"
              value="1"
              checked={values.unavailable}
              {...describedBy("unavailable", errors)}
            />
            {t("profile.unavailable")}
          </label>
          <FieldError name="unavailable" errors={errors} />
        </div>
      </fieldset>
      <button type="submit">{t("profile.save")}</button>
    </form>
  );
}

function FieldError({ name, errors }: { name: string; errors?: Errors }) {
  return errors?.[name] ? (
    <p id={`e-${name}`} class="error" role="alert">
      <ErrorText text={errors[name]} />
    </p>
  ) : null;
}

function TextArea({
  name,
  label,
  value,
  errors,
  ...rest
}: {
  name: string;
  label: string;
  value: string;
  errors?: Errors;
  [attr: string]: unknown;
}) {
  return (
    <Field name={name} label={label} errors={errors}>
      <textarea name={name} {...describedBy(name, errors)} {...rest}>
        {textareaText(value, rest.maxlength as number)}
      </textarea>
    </Field>
  );
}

function ChannelBoxes({ checked, errors }: { checked: string[]; errors?: Errors }) {
  const { t } = useI18n();
  return (
    <fieldset class={errors?.channels ? "field invalid" : "field"}>
      <legend>{t("profile.channels")}</legend>
      {CHANNELS.map((ch) => (
        <label class="check">
          <input
            type="checkbox"
            name="channels"
            value={ch}
            checked={checked.includes(ch)}
            {...(errors?.channels ? { "aria-describedby": "e-channels", "aria-invalid": "true" } : {})}
          />
          {t("profile.channel", { channel: ch === "in person" ? "inPerson" : ch })}
        </label>
      ))}
      <FieldError name="channels" errors={errors} />
    </fieldset>
  );
}

/** A calendar day ("2026-11-30") as the locale writes it ("30 nov 2026", "2026年11月30日"). */
function dayText(locale: Locale, day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(intlTag(locale), { dateStyle: "medium", timeZone: "UTC" }).format(
    Date.UTC(y, m - 1, d),
  );
}

/** A weekly span in the viewer's language: "Monday 09:00–12:00", or across midnight "Monday 22:00 – Tuesday 01:00". */
function spanText(locale: Locale, span: ZonedSpan): string {
  const days = weekdayNames(locale);
  if (span.startDay === span.endDay) return `${days[span.startDay]} ${formatTime(span.start)}–${formatTime(span.end)}`;
  return `${days[span.startDay]} ${formatTime(span.start)} – ${days[span.endDay]} ${formatTime(span.end)}`;
}

/**
 * The language Trellis speaks to this person (pages and emails), each language named in itself; saved like the
 * footer's language form.
 */
function LanguageSelect({ value, errors }: { value: string; errors?: Errors }) {
  const { t, locale } = useI18n();
  const chosen = value || locale;
  return (
    <Field name="language" label={t("profile.language")} errors={errors} hint={t("profile.languageHint")}>
      <select id="f-language" name="language" {...describedBy("language", errors, true)}>
        {LOCALES.map((tag) => (
          <option value={tag} lang={tag} selected={tag === chosen}>
            {LOCALE_INFO[tag].name}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The id of the one list of time zones both zone fields suggest from. */
const ZONE_LIST = "time-zones";

/** Every selectable time zone, once on the page, as suggestions for the zone fields (a datalist works without JS). */
function ZoneList() {
  return (
    <datalist id={ZONE_LIST}>
      {timeZones().map((z) => (
        <option value={z}></option>
      ))}
    </datalist>
  );
}

/**
 * A time zone field: a text input that suggests from the one list of zones as the person types (one list on the
 * page instead of a ~420-option select per field); the server accepts only a known zone.
 */
function TimeZoneInput({
  name,
  label,
  value,
  errors,
  hint,
}: {
  name: string;
  label: string;
  value: string;
  errors?: Errors;
  hint?: string;
}) {
  return (
    <Field name={name} label={label} errors={errors} hint={hint}>
      <input
        type="text"
        name={name}
        value={value.slice(0, TIME_ZONE_MAX)}
        list={ZONE_LIST}
        maxlength={TIME_ZONE_MAX}
        autocomplete="off"
        autocapitalize="off"
        required
        {...describedBy(name, errors, !!hint)}
      />
    </Field>
  );
}

/** The saved week as a grid of days × time blocks in the person's own zone: where they are free, at a glance. */
function WeekAtAGlance({ availability, timeZone }: { availability: readonly Slot[]; timeZone: string }) {
  const { t, locale } = useI18n();
  const on = slotsToCells(availability);
  const _short = weekdayInitials(locale);
  return (
    <div class="table-wrap">
      <table class="week-grid glance">
        <caption class="hint">{t("profile.glance", { zone: timeZone })}</caption>
        <WeekHead />
        <tbody>
          {TIME_BLOCKS.map((b) => (
            <tr>
              <th scope="row">{blockText(b)}</th>
              {DAY_NAMES.map((_, day) =>
                on.has(cellValue(day, b)) ? (
                  <td class="on">
                    <span class="vh">{t("profile.free")}</span>
                  </td>
                ) : (
                  <td></td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The saved weekly availability next to the same times in another zone, with a form to pick that zone. */
export function AvailabilityInZone({ timeZone, availability, view, week }: AvailabilityView) {
  const { t, locale } = useI18n();
  const slots = [...availability].sort((a, b) => a.day - b.day || a.start - b.start);
  return (
    <section id="times" aria-labelledby="times-h">
      <h2 id="times-h">{t("profile.inZone", { zone: view })}</h2>
      {slots.length === 0 ? (
        <p>{t("profile.noAvailability")}</p>
      ) : (
        <WeekAtAGlance availability={slots} timeZone={timeZone} />
      )}
      {slots.length === 0 ? null : (
        <table>
          <caption class="hint">{t("profile.weekOf", { week: dayText(locale, week) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("profile.yourTime", { zone: timeZone })}</th>
              <th scope="col">{view}</th>
            </tr>
          </thead>
          <tbody>
            {slots.map((s) => {
              const there = slotInZone(s, timeZone, view, week);
              return (
                <tr>
                  <td>{spanText(locale, { startDay: s.day, start: s.start, endDay: s.day, end: s.end })}</td>
                  <td>{there ? spanText(locale, there) : t("profile.skipped")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form method="get" action="/profile" hx-get="/profile" hx-select="#times" hx-target="#times" hx-swap="outerHTML">
        <TimeZoneInput name="view" label={t("profile.showIn")} value={view} />
        <button type="submit" class="secondary">
          {t("profile.show")}
        </button>
      </form>
    </section>
  );
}
