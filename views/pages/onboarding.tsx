/**
 * Onboarding after accepting an invitation: a welcome naming the program, its coordinators and what happens next, then
 * one short page per essential for matching (time zone, availability grid, languages, goals or mentoring). Every step
 * is a plain form that saves on its own; "Skip for now" and "Finish later" leave without saving.
 */
import { DAY_NAMES } from "../../worker/domain/availability";
import { blockText, cellValue, TIME_BLOCKS } from "../../worker/domain/onboarding/availability-grid";
import {
  type OnboardingStep,
  PROFILE_GAP_LABELS,
  type ParticipantRole,
  type ProfileGap,
  STEP_TITLES,
  stepFor,
} from "../../worker/domain/onboarding/completeness";
import { MAX_CAPACITY, PROFILE_LIMITS } from "../../worker/domain/profile";
import type { ZoneRegion } from "../../worker/domain/time-zones";
import { CsrfField, describedBy, ErrorSummary, type Errors, Field, TextInput } from "../components/form";

/** The program a person is onboarding into, as the welcome names it. */
export interface OnboardingProgram {
  id: string;
  name: string;
  description: string;
  matchingMode: "coordinator" | "self";
  coordinators: string[];
}

/** Where a step lives. */
export const stepPath = (programId: string, step: OnboardingStep) =>
  `/programs/${encodeURIComponent(programId)}/welcome/${step}`;

/** The welcome's address. */
export const welcomePath = (programId: string) => `/programs/${encodeURIComponent(programId)}/welcome`;

const and = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

const roleWords = (roles: readonly ParticipantRole[]) =>
  roles.length === 2 ? "a mentor and a mentee" : roles[0] === "mentor" ? "a mentor" : "a mentee";

/** What happens after onboarding, in the program's way of matching and for the person's roles. */
function WhatNext({ program, roles }: { program: OnboardingProgram; roles: readonly ParticipantRole[] }) {
  const who = program.coordinators.length ? and(program.coordinators) : "Your coordinator";
  const many = program.coordinators.length > 1;
  return (
    <ol>
      <li>Tell us the essentials for matching below: it takes about two minutes.</li>
      {program.matchingMode === "self" ? (
        <>
          {roles.includes("mentee") ? (
            <li>
              You choose your mentor: Trellis lists the mentors with free places, best fit first, and you ask one.
            </li>
          ) : null}
          {roles.includes("mentor") ? (
            <li>Mentees ask you to mentor them: you get an email and accept or decline on your home page.</li>
          ) : null}
        </>
      ) : (
        <li>
          {who} {many ? "match" : "matches"} mentors and mentees once people have joined. You get an email when you have
          a match.
        </li>
      )}
      <li>With your match you agree how you will work together, then plan a first meeting.</li>
    </ol>
  );
}

/** The welcome: the program, who runs it, what happens next, and the steps with what is still missing. */
export function WelcomePage({
  program,
  roles,
  steps,
  missing,
  next,
}: {
  program: OnboardingProgram;
  roles: readonly ParticipantRole[];
  steps: readonly OnboardingStep[];
  missing: readonly ProfileGap[];
  next: OnboardingStep | null;
}) {
  const open = new Set(missing.map((g) => PROFILE_GAP_LABELS[g]));
  return (
    <section class="narrow onboarding">
      <h1>Welcome to {program.name}</h1>
      <p>
        You joined as {roleWords(roles)}.
        {program.coordinators.length
          ? ` ${and(program.coordinators)} ${program.coordinators.length > 1 ? "run" : "runs"} this program.`
          : null}
      </p>
      {program.description ? <p class="muted">{program.description}</p> : null}
      <h2>What happens next</h2>
      <WhatNext program={program} roles={roles} />
      <h2>Your profile for matching</h2>
      {next ? (
        <p>Still missing: {and([...open])}.</p>
      ) : (
        <p class="success" role="status">
          Your profile has everything matching needs.
        </p>
      )}
      <ol class="steps">
        {steps.map((s) => (
          <li>
            <a href={stepPath(program.id, s)}>{STEP_TITLES[s]}</a>
            {stepDone(s, missing) ? <span class="muted"> — done</span> : null}
          </li>
        ))}
      </ol>
      <p>
        {next ? (
          <>
            <a class="button" href={stepPath(program.id, next)}>
              {steps.some((s) => stepDone(s, missing)) ? "Continue" : "Start"}
            </a>{" "}
            <a href="/">Finish later</a>
          </>
        ) : (
          <>
            <a class="button" href="/">
              Go to your home page
            </a>{" "}
            <a href="/profile">Edit your whole profile</a>
          </>
        )}
      </p>
    </section>
  );
}

/** Whether a step has nothing left to fill in. */
const stepDone = (step: OnboardingStep, missing: readonly ProfileGap[]) => !missing.some((g) => stepFor(g) === step);

/** What every step page gets. */
export interface StepPageProps {
  program: { id: string; name: string };
  step: OnboardingStep;
  steps: readonly OnboardingStep[];
  csrf: string;
  errors?: Errors;
  /** The step's fields as saved or as typed (text fields), or the ticked cells (availability). */
  values: Record<string, string>;
  cells?: ReadonlySet<string>;
  /** The person's zone, which the availability grid is in. */
  timeZone: string;
  /** Time-zone step: the regions to offer (all, or the one chosen) and the chosen region. */
  regions?: readonly ZoneRegion[];
  region?: string;
  allRegions?: readonly ZoneRegion[];
}

/** One step: its heading with "step n of m", its form, and the ways out. */
export function StepPage(props: StepPageProps) {
  const { program, step, steps, csrf, errors } = props;
  const n = steps.indexOf(step) + 1;
  const after = steps[n];
  return (
    <section class="narrow onboarding">
      <p class="muted">
        <a href={welcomePath(program.id)}>{program.name}</a> · step {n} of {steps.length}
      </p>
      <h1>{STEP_TITLES[step]}</h1>
      <ErrorSummary errors={errors} />
      {step === "time-zone" ? <RegionLinks {...props} /> : null}
      <form method="post" action={stepPath(program.id, step)}>
        <CsrfField token={csrf} />
        <StepFields {...props} />
        <p class="actions">
          <button type="submit">Save and continue</button>{" "}
          {after ? <a href={stepPath(program.id, after)}>Skip for now</a> : null} <a href="/">Finish later</a>
        </p>
      </form>
    </section>
  );
}

function StepFields(props: StepPageProps) {
  const { step, values, errors } = props;
  if (step === "time-zone") return <ZonePicker {...props} />;
  if (step === "availability") return <AvailabilityGrid {...props} />;
  if (step === "languages")
    return (
      <TextInput
        name="languages"
        label="Languages you can meet in"
        value={values.languages}
        errors={errors}
        maxlength={PROFILE_LIMITS.tags}
        hint="Separate them with commas, like: English, Spanish."
        required
      />
    );
  if (step === "goals")
    return (
      <TextInput
        name="goals"
        label="What you want to work on"
        value={values.goals}
        errors={errors}
        maxlength={PROFILE_LIMITS.tags}
        hint="A few words each, separated by commas, like: public speaking, career change."
        required
      />
    );
  return (
    <>
      <TextInput
        name="expertise"
        label="What you can help with"
        value={values.expertise}
        errors={errors}
        maxlength={PROFILE_LIMITS.tags}
        hint="A few words each, separated by commas, like: finance, leading a team."
        required
      />
      <TextInput
        name="capacity"
        label="How many people can you mentor at once?"
        type="number"
        value={values.capacity}
        errors={errors}
        hint={`From 1 to ${MAX_CAPACITY}. You can change it, or pause new matches, on your profile.`}
        min="1"
        max={String(MAX_CAPACITY)}
        step="1"
        inputmode="numeric"
        required
      />
    </>
  );
}

/** Links that narrow the zone list to one region (a shorter list on a phone; no JavaScript needed). */
function RegionLinks({ program, region, allRegions }: StepPageProps) {
  const here = stepPath(program.id, "time-zone");
  return (
    <nav class="regions" aria-label="Regions">
      <span class="muted">Region:</span>
      <a href={here} aria-current={region ? undefined : "page"}>
        All
      </a>
      {(allRegions ?? []).map((r) => (
        <a href={`${here}?region=${r.id}`} aria-current={r.id === region ? "page" : undefined}>
          {r.label}
        </a>
      ))}
    </nav>
  );
}

/** A select of zones grouped by region and named by place; an unsaved zone starts empty. */
function ZonePicker({ values, errors, regions }: StepPageProps) {
  const value = values.time_zone ?? "";
  const list = regions ?? [];
  const known = list.some((r) => r.zones.some((z) => z.id === value));
  return (
    <Field
      name="time_zone"
      label="Where you live: the nearest city in your time zone"
      errors={errors}
      hint="Open the list and type the first letters of the city to jump to it."
    >
      <select name="time_zone" {...describedBy("time_zone", errors, true)} {...(value ? {} : { "data-suggest": "" })}>
        <option value="">Choose…</option>
        {value && !known ? (
          <option value={value} selected>
            {value}
          </option>
        ) : null}
        {list.map((r) => (
          <optgroup label={r.label}>
            {r.zones.map((z) => (
              <option value={z.id} selected={z.id === value}>
                {z.place}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <p id="zone-suggested" class="hint" role="status" hidden></p>
    </Field>
  );
}

/** Whole hours as a short label: 480 → "08". */
const hours = (minutes: number) => String(minutes / 60).padStart(2, "0");

/** The week as a grid of checkboxes: a row per time block, a column per day, in the person's own zone. */
function AvailabilityGrid({ cells, errors, timeZone }: StepPageProps) {
  const ticked = cells ?? new Set<string>();
  const error = errors?.cell;
  return (
    <fieldset class={error ? "field invalid" : "field"} aria-describedby={error ? "h-cell e-cell" : "h-cell"}>
      <legend>Times you are usually free each week</legend>
      <p id="h-cell" class="hint">
        In your own time ({timeZone}). Tick every block you could usually meet; your match sees them in their time.
      </p>
      {error ? (
        <p id="e-cell" class="error" role="alert">
          {error}
        </p>
      ) : null}
      <table class="week-grid">
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
              <th scope="row" title={`${b.label}, ${blockText(b)}`}>
                {hours(b.start)}–{hours(b.end)}
              </th>
              {DAY_NAMES.map((d, day) => (
                <td>
                  <input
                    type="checkbox"
                    name="cell"
                    value={cellValue(day, b)}
                    checked={ticked.has(cellValue(day, b))}
                    aria-label={`${d} ${blockText(b)}`}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="hint">Saving replaces the weekly times on your profile with these blocks.</p>
    </fieldset>
  );
}
