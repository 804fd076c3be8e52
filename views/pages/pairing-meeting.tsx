/**
 * One meeting's page: its schedule in words, everyone's local time, where it happens, the answers, its occurrences with
 * move/cancel and held/missed forms, moving or cancelling the whole series, and the agenda.
 */
import { formatClockRange, formatDayOf, formatWeekday } from "../../worker/domain/format-time";
import { intlTag } from "../../worker/domain/i18n/locales";
import { MEETING_LIMITS } from "../../worker/domain/meetings/form";
import { occurrences, parseLocal } from "../../worker/domain/meetings/recurrence";
import { MEETING_KIND_WORDS, type Occurrence, type Schedule } from "../../worker/domain/meetings/types";
import type { Meeting } from "../../worker/domain/room/types";
import { CsrfField, ErrorText, type Errors, TextAreaField } from "../components/form";
import { isolated } from "../components/isolated";
import { PairingNav } from "../components/pairing-nav";
import { type I18nValue, useI18n } from "../i18n";
import { ReadOnlyNotice, readOnlyAt, type RoomPageBase } from "./pairing-goals";
import {
  AnswerButtons,
  awaitsViewer,
  formTimes,
  isOpen,
  meetingPath,
  nameOf,
  Notice,
  occurrenceLabel,
  Problem,
  statusText,
  When,
} from "./pairing-meetings";

/**
 * A form on this page sent back with problems: which one (`move:<recurrenceId>`, `series`, `outcome:<recurrenceId>`,
 * `agenda`), as typed.
 */
export interface MeetingDraft {
  key: string;
  values: Record<string, string>;
  errors?: Errors;
}

export interface MeetingPageProps extends RoomPageBase {
  meeting: Meeting;
  now: number;
  draft?: MeetingDraft;
  notice?: string;
  problem?: string;
}

/** A wall-clock date and time ("YYYY-MM-DD", local ms) formatted as a day in the viewer's language, like "24 Nov 2026". */
const dayOfLocal = (localMs: number, locale: string) =>
  new Intl.DateTimeFormat(locale, { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" }).format(
    new Date(localMs),
  );

/**
 * How a series repeats, in words in the viewer's language, in the zone that anchors it; `organizer` is the organiser's
 * name, or null when the viewer organised it.
 */
export function scheduleWords(s: Schedule, organizer: string | null, { t, locale }: I18nValue): string {
  const first = parseLocal(s.startLocal);
  if (!first) return "";
  const tag = intlTag(locale);
  const end = first.add({ minutes: s.durationMinutes });
  const times = isolated(formatClockRange(first.localMs, end.localMs, "UTC", tag));
  const from = dayOfLocal(first.localMs, tag);
  const weekday = formatWeekday(first.localMs, "UTC", tag, "long");
  if (s.repeat === "none")
    return t("meetings.schedule.once", {
      day: formatDayOf(first.localMs, "UTC", tag, true),
      times,
      zone: isolated(s.timeZone),
    });
  const how =
    s.repeat === "monthly"
      ? t("meetings.schedule.monthly", { day: first.day })
      : s.repeat === "weekly"
        ? t("meetings.schedule.weekly", { weekday })
        : t("meetings.schedule.fortnightly", { weekday });
  const until = s.until ? parseLocal(`${s.until}T00:00`) : null;
  const span = s.count
    ? t("meetings.schedule.count", { count: s.count, from })
    : until
      ? t("meetings.schedule.until", { from, until: dayOfLocal(until.localMs, tag) })
      : t("meetings.schedule.from", { from });
  return t("meetings.schedule.series", {
    how,
    times,
    zone: isolated(s.timeZone),
    span,
    mine: organizer === null ? "yes" : "no",
    name: organizer ?? "",
  });
}

/** A small labelled input with its own id and error, for forms repeated per occurrence. */
function Small({
  id,
  name,
  label,
  type,
  value,
  error,
}: {
  id: string;
  name: string;
  label: string;
  type: string;
  value?: string;
  error?: string;
}) {
  return (
    <div class={error ? "field invalid" : "field"}>
      <label for={id}>{label}</label>
      <input
        type={type}
        id={id}
        name={name}
        value={value ?? ""}
        required
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `e-${id}` : undefined}
      />
      {error ? (
        <p id={`e-${id}`} class="error" role="alert">
          <ErrorText text={error} />
        </p>
      ) : null}
    </div>
  );
}

/** Date, start and end fields for moving something, in the viewer's zone. */
function TimeFields({ prefix, values, errors }: { prefix: string; values: Record<string, string>; errors?: Errors }) {
  const { t } = useI18n();
  return (
    <div class="grid3">
      <Small
        id={`${prefix}-date`}
        name="date"
        label={t("meetingPage.newDate")}
        type="date"
        value={values.date}
        error={errors?.date}
      />
      <Small
        id={`${prefix}-start`}
        name="start"
        label={t("meetings.form.start")}
        type="time"
        value={values.start}
        error={errors?.start}
      />
      <Small
        id={`${prefix}-end`}
        name="end"
        label={t("meetings.form.end")}
        type="time"
        value={values.end}
        error={errors?.end}
      />
    </div>
  );
}

/** The meeting page. */
export function MeetingPage(props: MeetingPageProps) {
  const { pairing, viewerId, timeZone, csrf, meeting: m, now, draft } = props;
  const readOnly = readOnlyAt(props.stage);
  const path = meetingPath(pairing.id, m.id);
  const open = isOpen(m) && !readOnly;
  const series = m.schedule.repeat !== "none";
  const all = occurrences(m.schedule, m.changes).sort((a, b) => a.start - b.start);
  const upcoming = all.filter((o) => o.end > now).slice(0, 12);
  const past = all
    .filter((o) => o.end <= now && !o.cancelled)
    .reverse()
    .slice(0, 12);
  const next = upcoming.find((o) => !o.cancelled);
  const base = { pairing, viewerId, timeZone };
  const i18n = useI18n();
  const { t } = i18n;
  const organizer = m.organizerId === viewerId ? null : nameOf(pairing, viewerId, m.organizerId);
  const firstDraft = draft?.key === "series" ? draft : undefined;
  // The series is moved from its next meeting on (earlier ones stay where they were), or whole while none has happened.
  const first = occurrences(m.schedule).find((o) => o.start > now) ?? occurrences(m.schedule)[0];
  const startedAlready = occurrences(m.schedule)[0]?.recurrenceId !== first?.recurrenceId;
  return (
    <section class="meetings">
      <PairingNav pairing={pairing} viewerId={viewerId} tab="meetings" stage={props.stage} />
      <p>
        <a href={`/pairings/${pairing.id}/meetings`}>{t("meetingPage.all")}</a>
      </p>
      <h2 dir="auto">{m.title}</h2>
      <Notice text={props.notice} />
      <Problem text={props.problem} />
      {readOnly ? <ReadOnlyNotice stage={props.stage} /> : null}
      <p class={`meeting-status status-${m.status}`}>
        <strong>{statusText(m, pairing, viewerId)}</strong>
      </p>
      {m.status === "proposed" || m.status === "declined" ? (
        <ul>
          {m.responses.map((r) => (
            <li>
              {r.personId === viewerId
                ? t("meetingPage.youAnswered", { answer: r.response })
                : t("meetingPage.answered", { name: nameOf(pairing, viewerId, r.personId), answer: r.response })}
            </li>
          ))}
        </ul>
      ) : null}
      {!readOnly && awaitsViewer(m, viewerId) ? (
        <AnswerButtons
          m={m}
          csrf={csrf}
          pairingId={pairing.id}
          from="detail"
          label={` ${t("meetings.quoted", { title: isolated(m.title) })}`}
        />
      ) : null}
      <dl class="terms">
        <dt>{t("meetingPage.when")}</dt>
        <dd>{scheduleWords(m.schedule, organizer, i18n)}</dd>
        {next ? (
          <>
            <dt>{series ? t("meetingPage.next") : t("meetingPage.localTimes")}</dt>
            <dd>
              <When {...base} start={next.start} end={next.end} />
            </dd>
          </>
        ) : null}
        <dt>{t("meetingPage.how")}</dt>
        <dd>
          {t(MEETING_KIND_WORDS[m.kind])}
          {m.kind === "video" && m.videoUrl ? (
            <>
              : <a href={m.videoUrl}>{m.videoUrl}</a>
            </>
          ) : null}
          {m.location ? (
            <>
              {m.kind === "video" ? " · " : ": "}
              {m.location}
            </>
          ) : null}
        </dd>
      </dl>
      <p>
        <a href={`${path}.ics`}>{t("meetingPage.ics")}</a>
      </p>

      <h3 id="upcoming">{series ? t("meetingPage.upcomingSeries") : t("meetings.upcoming")}</h3>
      {upcoming.length === 0 ? (
        <p>{t("meetingPage.nothingUpcoming")}</p>
      ) : (
        <ul class="cards">
          {upcoming.map((o, i) => (
            <Upcoming {...props} o={o} i={`u${i}`} open={open} series={series} />
          ))}
        </ul>
      )}
      {series && upcoming.length === 12 ? <p class="muted">{t("meetingPage.later")}</p> : null}

      {past.length ? (
        <>
          <h3 id="past">{t("meetings.past")}</h3>
          <ul class="cards">
            {past.map((o, i) => (
              <Past {...props} o={o} i={`p${i}`} />
            ))}
          </ul>
        </>
      ) : null}

      {open && series && first ? (
        <>
          <h3 id="series">{t("meetingPage.series")}</h3>
          <details open={!!firstDraft}>
            <summary>{startedAlready ? t("meetingPage.moveFollowing") : t("meetingPage.moveSeries")}</summary>
            <form method="post" action={`${path}/move`}>
              <CsrfField token={csrf} />
              <input type="hidden" name="scope" value="following" />
              <input type="hidden" name="recurrenceId" value={first.recurrenceId} />
              <p class="hint">
                {startedAlready ? t("meetingPage.moveFollowingHint") : t("meetingPage.moveSeriesHint")}
              </p>
              <TimeFields
                prefix="s"
                values={firstDraft?.values ?? formTimes(first.start, first.end, timeZone)}
                errors={firstDraft?.errors}
              />
              <button type="submit">{t("meetingPage.moveSeriesSubmit")}</button>
            </form>
          </details>
          <details class="danger">
            <summary>{t("meetingPage.cancelSeries")}</summary>
            <form method="post" action={`${path}/cancel`}>
              <CsrfField token={csrf} />
              <input type="hidden" name="scope" value="series" />
              <p>{t("meetingPage.cancelSeriesHint")}</p>
              <button type="submit">{t("meetingPage.cancelSeriesSubmit")}</button>
            </form>
          </details>
        </>
      ) : null}

      <h3 id="agenda">{t("meetingPage.agenda")}</h3>
      {readOnly ? (
        <div class="note-body">{m.agenda || t("meetingPage.noAgenda")}</div>
      ) : (
        <form method="post" action={`${path}/agenda`}>
          <CsrfField token={csrf} />
          <TextAreaField
            id="f-agenda"
            name="agenda"
            label={t("meetingPage.agendaLabel")}
            value={draft?.key === "agenda" ? draft.values.agenda : m.agenda}
            error={draft?.key === "agenda" ? draft.errors?.agenda : undefined}
            maxlength={MEETING_LIMITS.agenda}
          />
          <button type="submit">{t("meetingPage.agendaSave")}</button>
        </form>
      )}
    </section>
  );
}

/** `i` is unique on the page ("u0", "p3"): element ids of repeated forms start with it. */
type OccurrenceProps = MeetingPageProps & { o: Occurrence; i: string };

/** An upcoming occurrence: its times, and (while it can change) move and cancel forms. */
function Upcoming(props: OccurrenceProps & { open: boolean; series: boolean }) {
  const { pairing, viewerId, timeZone, csrf, meeting: m, o, i, now, draft, open, series } = props;
  const path = meetingPath(pairing.id, m.id);
  const key = `move:${o.recurrenceId}`;
  const mine = draft?.key === key ? draft : undefined;
  const label = occurrenceLabel(m, o.start, timeZone);
  const outcome = m.outcomes.find((x) => x.recurrenceId === o.recurrenceId);
  const { t } = useI18n();
  return (
    <li id={`o-${i}`}>
      <p>
        <When pairing={pairing} viewerId={viewerId} timeZone={timeZone} start={o.start} end={o.end} />
        {o.cancelled ? (
          <strong> · {t("meetings.status.cancelled")}</strong>
        ) : o.moved ? (
          <em> · {t("meetingPage.moved")}</em>
        ) : null}
        {!o.cancelled && o.start <= now ? <strong> · {t("meetings.now")}</strong> : null}
      </p>
      {outcome ? (
        <p class="meeting-status">{outcome.outcome === "held" ? t("meetings.held") : t("meetings.missed")}</p>
      ) : null}
      {open && !o.cancelled && o.start > now ? (
        <details open={!!mine}>
          <summary>
            {t("meetingPage.moveOrCancel")}
            <span class="vh">{label}</span>
          </summary>
          <form method="post" action={`${path}/move`}>
            <CsrfField token={csrf} />
            <input type="hidden" name="scope" value="one" />
            <input type="hidden" name="recurrenceId" value={o.recurrenceId} />
            <TimeFields prefix={i} values={mine?.values ?? formTimes(o.start, o.end, timeZone)} errors={mine?.errors} />
            <button type="submit">
              {t("meetingPage.move")}
              <span class="vh">{label}</span>
            </button>
          </form>
          <form method="post" action={`${path}/cancel`}>
            <CsrfField token={csrf} />
            <input type="hidden" name="scope" value={series ? "one" : "series"} />
            <input type="hidden" name="recurrenceId" value={o.recurrenceId} />
            <button type="submit" class="secondary">
              {series ? t("meetingPage.cancelOne") : t("meetingPage.cancelThis")}
              <span class="vh">{label}</span>
            </button>
          </form>
        </details>
      ) : null}
      {!readOnlyAt(props.stage) && m.status === "confirmed" && !o.cancelled && o.start <= now ? (
        <OutcomeForm {...props} />
      ) : null}
    </li>
  );
}

/** A past occurrence: whether it was held, with the members' notes. */
function Past(props: OccurrenceProps) {
  const { pairing, viewerId, timeZone, meeting: m, o } = props;
  const outcome = m.outcomes.find((x) => x.recurrenceId === o.recurrenceId);
  const { t } = useI18n();
  return (
    <li>
      <p>
        <When pairing={pairing} viewerId={viewerId} timeZone={timeZone} start={o.start} end={o.end} />
        {o.moved ? <em> · {t("meetingPage.moved")}</em> : null}
      </p>
      {outcome ? (
        <>
          <p class="meeting-status">{outcome.outcome === "held" ? t("meetings.held") : t("meetings.missed")}</p>
          {outcome.notes ? <div class="room-text">{outcome.notes}</div> : null}
        </>
      ) : null}
      {readOnlyAt(props.stage) || m.status !== "confirmed" ? null : outcome ? (
        <details open={props.draft?.key === `outcome:${o.recurrenceId}`}>
          <summary>
            {t("meetingPage.change")}
            <span class="vh">{occurrenceLabel(m, o.start, timeZone)}</span>
          </summary>
          <OutcomeForm {...props} />
        </details>
      ) : (
        <OutcomeForm {...props} />
      )}
    </li>
  );
}

/** Held or missed, with notes, for an occurrence that has started. */
function OutcomeForm({ pairing, csrf, timeZone, meeting: m, o, i, draft }: OccurrenceProps) {
  const key = `outcome:${o.recurrenceId}`;
  const mine = draft?.key === key ? draft : undefined;
  const recorded = m.outcomes.find((x) => x.recurrenceId === o.recurrenceId);
  const chosen = mine?.values.outcome ?? recorded?.outcome ?? "";
  const error = mine?.errors?.outcome;
  const { t } = useI18n();
  return (
    <form method="post" action={`${meetingPath(pairing.id, m.id)}/outcome`} class="outcome">
      <CsrfField token={csrf} />
      <input type="hidden" name="recurrenceId" value={o.recurrenceId} />
      <fieldset class={error ? "invalid" : undefined} aria-describedby={error ? `e-${i}-outcome` : undefined}>
        <legend>
          {t("meetingPage.didItHappen")}
          <span class="vh">{occurrenceLabel(m, o.start, timeZone)}</span>
        </legend>
        <label class="check">
          <input type="radio" name="outcome" value="held" checked={chosen === "held"} /> {t("meetings.held")}
        </label>
        <label class="check">
          <input type="radio" name="outcome" value="missed" checked={chosen === "missed"} /> {t("meetings.missed")}
        </label>
        {error ? (
          <p id={`e-${i}-outcome`} class="error" role="alert">
            <ErrorText text={error} />
          </p>
        ) : null}
      </fieldset>
      <TextAreaField
        id={`${i}-notes`}
        name="notes"
        label={t("meetingPage.notes")}
        value={mine?.values.notes ?? recorded?.notes}
        error={mine?.errors?.notes}
        maxlength={MEETING_LIMITS.outcomeNotes}
      />
      <button type="submit">{t("meetingPage.save")}</button>
    </form>
  );
}
