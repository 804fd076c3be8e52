/**
 * The profile page: the edit form (a full page or an htmx fragment) and a read-only view of the availability in another
 * zone.
 */
import { DAY_NAMES, describeSpan, type Slot, slotInZone } from "../../worker/domain/availability";
import {
  CHANNELS,
  MAX_CAPACITY,
  PROFILE_LIMITS,
  type ProfileFormValues,
  TIME_ZONE_MAX,
} from "../../worker/domain/profile";
import { timeZones } from "../../worker/domain/time-zones";
import { blockText, cellValue, slotsToCells, TIME_BLOCKS } from "../../worker/domain/onboarding/availability-grid";
import { CsrfField, describedBy, ErrorSummary, type Errors, Field, TextInput, textareaText } from "../components/form";

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
}

/** The whole profile section; htmx swaps it in place after a save. */
export function ProfilePage({ csrf, values, errors, saved, times, mentors }: ProfilePageProps) {
  return (
    <section id="profile">
      <h1>Your profile</h1>
      <p>
        <a href="/settings/notifications">Notifications</a>: choose which emails you get, and how often.
      </p>
      <p>
        <a href="/settings/data">Your data</a>: download everything Trellis holds about you, or delete it.
      </p>
      {saved ? (
        <p class="success" role="status">
          Profile saved.
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <ProfileForm csrf={csrf} values={values} errors={errors} mentors={mentors} />
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
}: {
  csrf: string;
  values: ProfileFormValues;
  errors?: Errors;
  mentors: boolean;
}) {
  return (
    <form method="post" action="/profile" hx-post="/profile" hx-target="#profile" hx-swap="outerHTML">
      <CsrfField token={csrf} />
      <fieldset>
        <legend>About you</legend>
        <TextInput
          name="name"
          label="Name"
          value={values.name}
          errors={errors}
          maxlength={PROFILE_LIMITS.name}
          autocomplete="name"
          required
        />
        <TextInput
          name="pronouns"
          label="Pronouns (optional)"
          value={values.pronouns}
          errors={errors}
          maxlength={PROFILE_LIMITS.pronouns}
        />
        <TextArea name="bio" label="Bio" value={values.bio} errors={errors} maxlength={PROFILE_LIMITS.bio} />
      </fieldset>
      <fieldset aria-describedby="h-tags">
        <legend>Goals and skills</legend>
        <p id="h-tags" class="hint">
          Separate entries with commas.
        </p>
        <TextInput name="goals" label="Goals" value={values.goals} errors={errors} maxlength={PROFILE_LIMITS.tags} />
        <TextInput
          name="expertise"
          label="Expertise"
          value={values.expertise}
          errors={errors}
          maxlength={PROFILE_LIMITS.tags}
        />
        <TextInput
          name="interests"
          label="Interests"
          value={values.interests}
          errors={errors}
          maxlength={PROFILE_LIMITS.tags}
        />
        <TextInput
          name="languages"
          label="Languages"
          value={values.languages}
          errors={errors}
          maxlength={PROFILE_LIMITS.tags}
        />
      </fieldset>
      <fieldset aria-describedby="h-avail">
        <legend>Weekly availability</legend>
        <TimeZoneInput
          name="time_zone"
          label="Time zone"
          value={values.time_zone}
          errors={errors}
          hint="Start typing a city or region, like Berlin or America/New_York, and pick it from the list."
        />
        <p id="h-avail" class="hint">
          In your own time zone, like 09:00-12:00, 14:00-17:00. Leave a day empty if you are not available.
        </p>
        <div class="grid3">
          {DAY_NAMES.map((day, i) => (
            <TextInput
              name={`avail_${i}`}
              label={day}
              value={values.avail[i]}
              errors={errors}
              maxlength={PROFILE_LIMITS.availabilityDay}
            />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Contact</legend>
        <div class="grid2">
          <TextInput
            name="contact_start"
            label="Contact hours from"
            type="time"
            value={values.contact_start}
            errors={errors}
            required
          />
          <TextInput
            name="contact_end"
            label="Contact hours until"
            type="time"
            value={values.contact_end}
            errors={errors}
            required
          />
        </div>
        <ChannelBoxes checked={values.channels} errors={errors} />
      </fieldset>
      <fieldset>
        <legend>Matching</legend>
        {mentors ? (
          <TextInput
            name="capacity"
            label="Mentee capacity"
            type="number"
            value={values.capacity}
            errors={errors}
            hint="How many people you can mentor at once; 0 if you are not mentoring."
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
            Unavailable for new matches
          </label>
          <FieldError name="unavailable" errors={errors} />
        </div>
      </fieldset>
      <button type="submit">Save profile</button>
    </form>
  );
}

function FieldError({ name, errors }: { name: string; errors?: Errors }) {
  return errors?.[name] ? (
    <p id={`e-${name}`} class="error" role="alert">
      {errors[name]}
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
  return (
    <fieldset class={errors?.channels ? "field invalid" : "field"}>
      <legend>Preferred channels</legend>
      {CHANNELS.map((ch) => (
        <label class="check">
          <input
            type="checkbox"
            name="channels"
            value={ch}
            checked={checked.includes(ch)}
            {...(errors?.channels ? { "aria-describedby": "e-channels", "aria-invalid": "true" } : {})}
          />
          {ch.charAt(0).toUpperCase() + ch.slice(1)}
        </label>
      ))}
      <FieldError name="channels" errors={errors} />
    </fieldset>
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
  const on = slotsToCells(availability);
  return (
    <table class="week-grid glance">
      <caption class="hint">Your week at a glance ({timeZone})</caption>
      <thead>
        <tr>
          <td></td>
          {DAY_NAMES.map((d) => (
            <th scope="col">
              <abbr title={d}>{d.slice(0, 2)}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {TIME_BLOCKS.map((b) => (
          <tr>
            <th scope="row">{blockText(b)}</th>
            {DAY_NAMES.map((_, day) =>
              on.has(cellValue(day, b)) ? (
                <td class="on">
                  <span class="vh">free</span>
                </td>
              ) : (
                <td></td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The saved weekly availability next to the same times in another zone, with a form to pick that zone. */
export function AvailabilityInZone({ timeZone, availability, view, week }: AvailabilityView) {
  const slots = [...availability].sort((a, b) => a.day - b.day || a.start - b.start);
  return (
    <section id="times" aria-labelledby="times-h">
      <h2 id="times-h">Your availability in {view}</h2>
      {slots.length === 0 ? (
        <p>No availability saved yet.</p>
      ) : (
        <WeekAtAGlance availability={slots} timeZone={timeZone} />
      )}
      {slots.length === 0 ? null : (
        <table>
          <caption class="hint">Week of {week}; times can shift by an hour when clocks change.</caption>
          <thead>
            <tr>
              <th scope="col">Your time ({timeZone})</th>
              <th scope="col">{view}</th>
            </tr>
          </thead>
          <tbody>
            {slots.map((s) => {
              const there = slotInZone(s, timeZone, view, week);
              return (
                <tr>
                  <td>{describeSpan({ startDay: s.day, start: s.start, endDay: s.day, end: s.end })}</td>
                  <td>{there ? describeSpan(there) : "Skipped this week (clock change)"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form method="get" action="/profile" hx-get="/profile" hx-select="#times" hx-target="#times" hx-swap="outerHTML">
        <TimeZoneInput name="view" label="Show in time zone" value={view} />
        <button type="submit" class="secondary">
          Show
        </button>
      </form>
    </section>
  );
}
