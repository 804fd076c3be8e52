/**
 * Onboarding after accepting an invitation: a welcome naming the program, its coordinators and what happens next, then
 * one short page per essential for matching (time zone, availability grid, languages, goals or mentoring). Every step
 * is a plain form that saves on its own; "Skip for now" and "Finish later" leave without saving.
 */
import { listText } from "../../worker/domain/i18n/intl";
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
import { AvailabilityGrid } from "../components/availability-grid";
import { regionName } from "../components/region-name";
import { LanguageForm } from "../components/language-form";
import { useI18n } from "../i18n";

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

/** The role a person joined as, for the "You joined as …" message. */
const roleKey = (roles: readonly ParticipantRole[]) =>
  roles.length === 2 ? "both" : roles[0] === "mentor" ? "mentor" : "mentee";

/** The things a profile still lacks, as a list in the viewer's language ("time zone, goals and languages"). */
export function GapList({ gaps }: { gaps: readonly ProfileGap[] }) {
  const { locale, t } = useI18n();
  return <>{listText(locale, [...new Set(gaps.map((g) => t(PROFILE_GAP_LABELS[g])))])}</>;
}

/** What happens after onboarding, in the program's way of matching and for the person's roles. */
function WhatNext({ program, roles }: { program: OnboardingProgram; roles: readonly ParticipantRole[] }) {
  const { locale, t } = useI18n();
  const names = listText(locale, program.coordinators);
  return (
    <ol>
      <li>{t("onboarding.next.essentials")}</li>
      {program.matchingMode === "self" ? (
        <>
          {roles.includes("mentee") ? <li>{t("onboarding.next.chooseMentor")}</li> : null}
          {roles.includes("mentor") ? <li>{t("onboarding.next.asked")}</li> : null}
        </>
      ) : (
        <li>{t("onboarding.next.coordinatorMatches", { count: program.coordinators.length, names })}</li>
      )}
      <li>{t("onboarding.next.agree")}</li>
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
  csrf,
}: {
  program: OnboardingProgram;
  roles: readonly ParticipantRole[];
  steps: readonly OnboardingStep[];
  missing: readonly ProfileGap[];
  next: OnboardingStep | null;
  /** The CSRF token for the language form. */
  csrf: string;
}) {
  const { locale, t } = useI18n();
  return (
    <section class="narrow onboarding">
      <h1>{t("onboarding.welcome.title", { program: program.name })}</h1>
      <p>
        {t("onboarding.welcome.joinedAs", { role: roleKey(roles) })}
        {program.coordinators.length
          ? ` ${t("onboarding.welcome.runBy", { count: program.coordinators.length, names: listText(locale, program.coordinators) })}`
          : null}
      </p>
      {program.description ? <p class="muted">{program.description}</p> : null}
      <h2>{t("onboarding.language.title")}</h2>
      <p>{t("onboarding.language.intro")}</p>
      <LanguageForm csrf={csrf} next={welcomePath(program.id)} id="onboarding-language" />
      <h2>{t("onboarding.next.title")}</h2>
      <WhatNext program={program} roles={roles} />
      <h2>{t("onboarding.profile.title")}</h2>
      {next ? (
        <p>
          {t("onboarding.profile.missing", {
            list: listText(locale, [...new Set(missing.map((g) => t(PROFILE_GAP_LABELS[g])))]),
          })}
        </p>
      ) : (
        <p class="success" role="status">
          {t("onboarding.profile.complete")}
        </p>
      )}
      <ol class="steps">
        {steps.map((s) => (
          <li>
            <a href={stepPath(program.id, s)}>{t(STEP_TITLES[s])}</a>
            {stepDone(s, missing) ? <span class="muted"> — {t("onboarding.stepDone")}</span> : null}
          </li>
        ))}
      </ol>
      <p>
        {next ? (
          <>
            <a class="button" href={stepPath(program.id, next)}>
              {steps.some((s) => stepDone(s, missing)) ? t("onboarding.continue") : t("onboarding.start")}
            </a>{" "}
            <a href="/">{t("onboarding.finishLater")}</a>
          </>
        ) : (
          <>
            <a class="button" href="/">
              {t("onboarding.goHome")}
            </a>{" "}
            <a href="/profile">{t("onboarding.editProfile")}</a>
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
  const { t } = useI18n();
  const n = steps.indexOf(step) + 1;
  const after = steps[n];
  return (
    <section class="narrow onboarding">
      <p class="muted">
        <a href={welcomePath(program.id)}>{program.name}</a> · {t("onboarding.stepOf", { n, total: steps.length })}
      </p>
      <h1>{t(STEP_TITLES[step])}</h1>
      <ErrorSummary errors={errors} />
      {step === "time-zone" ? <RegionLinks {...props} /> : null}
      <form method="post" action={stepPath(program.id, step)}>
        <CsrfField token={csrf} />
        <StepFields {...props} />
        <p class="actions">
          <button type="submit">{t("onboarding.save")}</button>{" "}
          {after ? <a href={stepPath(program.id, after)}>{t("onboarding.skip")}</a> : null}{" "}
          <a href="/">{t("onboarding.finishLater")}</a>
        </p>
      </form>
    </section>
  );
}

function StepFields(props: StepPageProps) {
  const { step, values, errors } = props;
  const { t } = useI18n();
  if (step === "time-zone") return <ZonePicker {...props} />;
  if (step === "availability")
    return <AvailabilityGrid cells={props.cells} error={errors?.cell} timeZone={props.timeZone} replacesProfile />;
  if (step === "languages")
    return (
      <TextInput
        name="languages"
        label={t("onboarding.languages.label")}
        value={values.languages}
        errors={errors}
        maxlength={PROFILE_LIMITS.tags}
        hint={t("onboarding.languages.hint")}
        required
      />
    );
  if (step === "goals")
    return (
      <TextInput
        name="goals"
        label={t("onboarding.goals.label")}
        value={values.goals}
        errors={errors}
        maxlength={PROFILE_LIMITS.tags}
        hint={t("onboarding.goals.hint")}
        required
      />
    );
  return (
    <>
      <TextInput
        name="expertise"
        label={t("onboarding.expertise.label")}
        value={values.expertise}
        errors={errors}
        maxlength={PROFILE_LIMITS.tags}
        hint={t("onboarding.expertise.hint")}
        required
      />
      <TextInput
        name="capacity"
        label={t("onboarding.capacity.label")}
        type="number"
        value={values.capacity}
        errors={errors}
        hint={t("onboarding.capacity.hint", { max: MAX_CAPACITY })}
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
  const { t } = useI18n();
  const here = stepPath(program.id, "time-zone");
  return (
    <nav class="regions" aria-label={t("onboarding.regions")}>
      <span class="muted">{t("onboarding.region")}</span>
      <a href={here} aria-current={region ? undefined : "page"}>
        {t("onboarding.allRegions")}
      </a>
      {(allRegions ?? []).map((r) => (
        <a href={`${here}?region=${r.id}`} aria-current={r.id === region ? "page" : undefined}>
          <RegionName region={r} />
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
  const { t } = useI18n();
  return (
    <Field name="time_zone" label={t("onboarding.zone.label")} errors={errors} hint={t("onboarding.zone.hint")}>
      <select name="time_zone" {...describedBy("time_zone", errors, true)} {...(value ? {} : { "data-suggest": "" })}>
        <option value="">{t("onboarding.zone.choose")}</option>
        {value && !known ? (
          <option value={value} selected>
            {value}
          </option>
        ) : null}
        {list.map((r) => (
          <optgroup label={regionName(r.id, r.label, t)}>
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

/** A region's name in the viewer's language (its English label for one not listed). */
function RegionName({ region }: { region: ZoneRegion }) {
  const { t } = useI18n();
  return <>{regionName(region.id, region.label, t)}</>;
}
