/**
 * A pairing's shared goals: the list with progress bars and a quick progress form each, the add form, and the edit
 * page.
 */
import { EmptyState } from "../components/empty-state";
import { formatShortInstant } from "../../worker/domain/format-time";
import { intlTag } from "../../worker/domain/i18n/locales";
import { GOAL_LIMITS, GOAL_STATUS_IDS } from "../../worker/domain/room/goals";
import { isFinal, type Stage } from "../../worker/domain/room/stages";
import { useI18n } from "../i18n";
import type { PairingRecord } from "../../worker/domain/pairing";
import type { Goal } from "../../worker/domain/room/types";
import {
  CsrfField,
  describedBy,
  ErrorSummary,
  ErrorText,
  type Errors,
  Field,
  TextAreaField,
  TextInput,
} from "../components/form";
import { PairingNav } from "../components/pairing-nav";

/** What a refused form sends back: the typed values, per-field messages, or one message for the whole form. */
export interface FormState {
  values: Record<string, string>;
  errors?: Errors;
  message?: string;
}

/** The room pages' shared frame: who, where, and whether the room can still change. */
export interface RoomPageBase {
  csrf: string;
  pairing: PairingRecord;
  viewerId: string;
  /** The room's own stage (the D1 projection may lag behind it). */
  stage: string;
  timeZone: string;
}

/** Whether the room is read-only at this stage. */
export const readOnlyAt = (stage: string): boolean => isFinal(stage as Stage);

/** Said on every page of a closed or ended pairing, instead of its forms. */
export function ReadOnlyNotice({ stage }: { stage: string }) {
  const { t } = useI18n();
  return <p class="notice">{t("room.readOnlyPage", { stage })}</p>;
}

/** The problem with a refused form: a summary of field errors, or the room's message when no field is at fault. */
export function FormProblem({ form }: { form?: FormState }) {
  if (!form) return null;
  if (form.errors && Object.values(form.errors).some(Boolean)) return <ErrorSummary errors={form.errors} />;
  return form.message ? (
    <p class="error-summary" role="alert">
      <ErrorText text={form.message} />
    </p>
  ) : null;
}

/**
 * A calendar date (YYYY-MM-DD) as people read it in `locale` (an `Intl` tag), like "31 Mar 2027"; it is a day, not an
 * instant, so no zone applies.
 */
export function formatDay(date: string, locale = "en-GB"): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" }).format(
    new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)),
  );
}

/** A goal's form values, for editing it. */
export function goalValues(g: Goal): Record<string, string> {
  return { title: g.title, why: g.why, targetDate: g.targetDate ?? "", progress: String(g.progress), status: g.status };
}

/** A progress form sent back with a problem. */
export interface ProgressDraft {
  goalId: string;
  value: string;
  error: string;
}

export interface GoalsPageProps extends RoomPageBase {
  goals: Goal[];
  /** The add form as typed, after a refusal. */
  form?: FormState;
  progress?: ProgressDraft;
}

/** The goals tab. */
export function GoalsPage(props: GoalsPageProps) {
  const { t } = useI18n();
  const { pairing, goals, form } = props;
  const readOnly = readOnlyAt(props.stage);
  const action = `/pairings/${pairing.id}/goals`;
  return (
    <section>
      <PairingNav pairing={pairing} viewerId={props.viewerId} tab="goals" stage={props.stage} />
      <h2>{t("room.tab.goals")}</h2>
      {readOnly ? <ReadOnlyNotice stage={props.stage} /> : null}
      {goals.length === 0 ? (
        <EmptyState icon="target">{t("goals.empty")}</EmptyState>
      ) : (
        <>
          <p class="muted">{t("room.timesIn", { zone: props.timeZone })}</p>
          <ul class="cards goals">
            {goals.map((g) => (
              <GoalItem
                {...props}
                goal={g}
                readOnly={readOnly}
                draft={props.progress?.goalId === g.id ? props.progress : undefined}
              />
            ))}
          </ul>
        </>
      )}
      {readOnly ? null : (
        <>
          <h2 id="add-goal">{t("goals.add")}</h2>
          <form method="post" action={action} aria-labelledby="add-goal">
            <FormProblem form={form} />
            <CsrfField token={props.csrf} />
            <GoalFields values={form?.values ?? {}} errors={form?.errors} />
            <button type="submit">{t("goals.add")}</button>
          </form>
        </>
      )}
    </section>
  );
}

function GoalItem({
  pairing,
  goal: g,
  timeZone,
  csrf,
  readOnly,
  draft,
}: GoalsPageProps & { goal: Goal; readOnly: boolean; draft?: ProgressDraft }) {
  const { t, locale } = useI18n();
  const base = `/pairings/${pairing.id}/goals/${g.id}`;
  const input = `progress-${g.id}`;
  const percent = new Intl.NumberFormat(intlTag(locale), { style: "percent" }).format(g.progress / 100);
  return (
    <li id={`goal-${g.id}`}>
      <h3 dir="auto">{g.title}</h3>
      <p>
        <strong>{GOAL_STATUS_IDS[g.status] ? t(GOAL_STATUS_IDS[g.status]) : g.status}</strong>
        {g.targetDate ? (
          <>
            {" · "}
            {t("goals.target")} <time datetime={g.targetDate}>{formatDay(g.targetDate, intlTag(locale))}</time>
          </>
        ) : null}
        <span class="muted">
          {" · "}
          {t("goals.updated", { when: formatShortInstant(g.updatedAt, timeZone, intlTag(locale)) })}
        </span>
      </p>
      {g.why ? (
        <p class="room-text" dir="auto">
          {g.why}
        </p>
      ) : null}
      <p class="goal-progress">
        <progress max="100" value={String(g.progress)} aria-label={t("goals.progressOf", { title: g.title })}>
          {percent}
        </progress>{" "}
        <span>{percent}</span>
      </p>
      {readOnly ? null : (
        <div class="row-form">
          <form method="post" action={base}>
            <CsrfField token={csrf} />
            <input type="hidden" name="part" value="progress" />
            <label for={input}>{t("goals.progressLabel")}</label>{" "}
            <input
              type="number"
              id={input}
              name="progress"
              min="0"
              max="100"
              step="1"
              inputmode="numeric"
              aria-label={t("goals.progressOf", { title: g.title })}
              value={draft ? draft.value : String(g.progress)}
              aria-invalid={draft ? "true" : undefined}
              aria-describedby={draft ? `e-${input}` : undefined}
            />{" "}
            <button type="submit" class="secondary">
              {t("goals.update")}
            </button>
            {draft ? (
              <p id={`e-${input}`} class="error" role="alert">
                <ErrorText text={draft.error} />
              </p>
            ) : null}
          </form>
          <a href={base}>{t("goals.edit", { title: g.title })}</a>
        </div>
      )}
    </li>
  );
}

/** The fields of a goal, shared by the add form and the edit page. */
function GoalFields({ values, errors }: { values: Record<string, string>; errors?: Errors }) {
  const { t } = useI18n();
  const status = values.status ?? "open";
  return (
    <>
      <TextInput
        name="title"
        label={t("goals.field.title")}
        value={values.title}
        errors={errors}
        required
        maxlength={String(GOAL_LIMITS.title)}
        hint={t("goals.field.titleHint")}
      />
      <TextAreaField
        id="f-why"
        name="why"
        label={t("goals.field.why")}
        value={values.why}
        error={errors?.why}
        maxlength={GOAL_LIMITS.why}
      />
      <div class="grid2">
        <TextInput
          name="targetDate"
          type="date"
          label={t("goals.field.date")}
          value={values.targetDate}
          errors={errors}
          hint={t("goals.field.dateHint")}
        />
        <TextInput
          name="progress"
          type="number"
          label={t("goals.progressLabel")}
          value={values.progress ?? "0"}
          errors={errors}
          min="0"
          max="100"
          step="1"
          inputmode="numeric"
          hint={t("goals.field.progressHint")}
        />
      </div>
      <Field name="status" label={t("goals.field.status")} errors={errors}>
        <select name="status" {...describedBy("status", errors)}>
          {Object.entries(GOAL_STATUS_IDS).map(([key, label]) => (
            <option value={key} selected={status === key}>
              {t(label)}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}

export interface GoalEditProps extends RoomPageBase {
  goal: Goal;
  form?: FormState;
}

/** One goal's edit page, with its delete button. */
export function GoalEditPage(props: GoalEditProps) {
  const { t } = useI18n();
  const { pairing, goal, form } = props;
  const action = `/pairings/${pairing.id}/goals/${goal.id}`;
  const readOnly = readOnlyAt(props.stage);
  return (
    <section>
      <PairingNav pairing={pairing} viewerId={props.viewerId} tab="goals" stage={props.stage} />
      <p>
        <a href={`/pairings/${pairing.id}/goals`}>{t("goals.all")}</a>
      </p>
      <h2>{t("goals.edit", { title: goal.title })}</h2>
      {readOnly ? (
        <ReadOnlyNotice stage={props.stage} />
      ) : (
        <>
          <form method="post" action={action}>
            <FormProblem form={form} />
            <CsrfField token={props.csrf} />
            <GoalFields values={form?.values ?? goalValues(goal)} errors={form?.errors} />
            <button type="submit">{t("goals.save")}</button>
          </form>
          <details class="danger">
            <summary>{t("goals.delete")}</summary>
            <form method="post" action={`${action}/delete`}>
              <CsrfField token={props.csrf} />
              <p>{t("goals.deleteWarning")}</p>
              <button type="submit">{t("goals.deleteConfirm")}</button>
            </form>
          </details>
        </>
      )}
    </section>
  );
}
