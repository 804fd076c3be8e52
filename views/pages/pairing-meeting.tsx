/**
 * One meeting's page: its schedule in words, everyone's local time, where it happens, the answers, its occurrences with
 * move/cancel and held/missed forms, moving or cancelling the whole series, and the agenda.
 */
import { MEETING_LIMITS } from "../../worker/domain/meetings/form";
import { occurrences, parseLocal } from "../../worker/domain/meetings/recurrence";
import { MEETING_KINDS, type Occurrence, type Schedule } from "../../worker/domain/meetings/types";
import type { Meeting } from "../../worker/domain/room/types";
import { CsrfField, type Errors, TextAreaField } from "../components/form";
import { PairingNav } from "../components/pairing-nav";
import { formatDay, ReadOnlyNotice, readOnlyAt, type RoomPageBase } from "./pairing-goals";
import {
  AnswerButtons,
  awaitsViewer,
  clock,
  formTimes,
  isOpen,
  meetingPath,
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

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th"}`;

/** How a series repeats, in words, in the zone that anchors it. */
export function scheduleWords(s: Schedule, organizer: string): string {
  const first = parseLocal(s.startLocal);
  if (!first) return "";
  const end = first.add({ minutes: s.durationMinutes });
  const times = `${clock(first)}–${clock(end)} ${s.timeZone} time`;
  const from = formatDay(first.date);
  if (s.repeat === "none") return `Once, on ${WEEKDAYS[first.dayOfWeek - 1]} ${from}, ${times}.`;
  const how =
    s.repeat === "monthly"
      ? `Every month on the ${ordinal(first.day)}`
      : `${s.repeat === "weekly" ? "Every week" : "Every two weeks"} on ${WEEKDAYS[first.dayOfWeek - 1]}s`;
  const span = s.count
    ? `${s.count} meetings from ${from}`
    : s.until
      ? `from ${from} until ${formatDay(s.until)}`
      : `from ${from}`;
  return `${how}, ${times}: ${span}. The time stays the same in ${organizer === "you" ? "your" : `${organizer}'s`} zone when the clocks change, so it can move by an hour elsewhere.`;
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
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Date, start and end fields for moving something, in the viewer's zone. */
function TimeFields({ prefix, values, errors }: { prefix: string; values: Record<string, string>; errors?: Errors }) {
  return (
    <div class="grid3">
      <Small id={`${prefix}-date`} name="date" label="New date" type="date" value={values.date} error={errors?.date} />
      <Small
        id={`${prefix}-start`}
        name="start"
        label="Starts"
        type="time"
        value={values.start}
        error={errors?.start}
      />
      <Small id={`${prefix}-end`} name="end" label="Ends" type="time" value={values.end} error={errors?.end} />
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
  const organizer = statusName(props, m.organizerId);
  const answers = { pending: "has not answered yet", accepted: "accepted", declined: "declined" } as const;
  const firstDraft = draft?.key === "series" ? draft : undefined;
  // The series is moved from its next meeting on (earlier ones stay where they were), or whole while none has happened.
  const first = occurrences(m.schedule).find((o) => o.start > now) ?? occurrences(m.schedule)[0];
  const startedAlready = occurrences(m.schedule)[0]?.recurrenceId !== first?.recurrenceId;
  return (
    <section class="meetings">
      <PairingNav pairing={pairing} viewerId={viewerId} tab="meetings" stage={props.stage} />
      <p>
        <a href={`/pairings/${pairing.id}/meetings`}>← All meetings</a>
      </p>
      <h2>{m.title}</h2>
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
              {r.personId === viewerId ? "You" : statusName(props, r.personId)}{" "}
              {r.personId === viewerId && r.response === "pending" ? "have not answered yet" : answers[r.response]}
            </li>
          ))}
        </ul>
      ) : null}
      {!readOnly && awaitsViewer(m, viewerId) ? (
        <AnswerButtons m={m} csrf={csrf} pairingId={pairing.id} from="detail" label={` “${m.title}”`} />
      ) : null}
      <dl class="terms">
        <dt>When</dt>
        <dd>{scheduleWords(m.schedule, organizer)}</dd>
        {next ? (
          <>
            <dt>{series ? "Next meeting" : "Local times"}</dt>
            <dd>
              <When {...base} start={next.start} end={next.end} />
            </dd>
          </>
        ) : null}
        <dt>How</dt>
        <dd>
          {MEETING_KINDS[m.kind]}
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
        <a href={`${path}.ics`}>Add to calendar (.ics)</a>
      </p>

      <h3 id="upcoming">{series ? "Upcoming meetings" : "Upcoming"}</h3>
      {upcoming.length === 0 ? (
        <p>Nothing upcoming.</p>
      ) : (
        <ul class="cards">
          {upcoming.map((o, i) => (
            <Upcoming {...props} o={o} i={`u${i}`} open={open} series={series} />
          ))}
        </ul>
      )}
      {series && upcoming.length === 12 ? (
        <p class="muted">Later meetings of the series are in your calendar.</p>
      ) : null}

      {past.length ? (
        <>
          <h3 id="past">Past</h3>
          <ul class="cards">
            {past.map((o, i) => (
              <Past {...props} o={o} i={`p${i}`} />
            ))}
          </ul>
        </>
      ) : null}

      {open && series && first ? (
        <>
          <h3 id="series">The whole series</h3>
          <details open={!!firstDraft}>
            <summary>{startedAlready ? "Move all the following meetings" : "Move the whole series"}</summary>
            <form method="post" action={`${path}/move`}>
              <CsrfField token={csrf} />
              <input type="hidden" name="scope" value="following" />
              <input type="hidden" name="recurrenceId" value={first.recurrenceId} />
              <p class="hint">
                {startedAlready
                  ? "The next meeting and every later one move to this day and time; past meetings stay as they were. Changes to single later meetings are dropped."
                  : "The series then starts on this date and keeps its number of meetings or last date. Changes to single meetings are dropped."}
              </p>
              <TimeFields
                prefix="s"
                values={firstDraft?.values ?? formTimes(first.start, first.end, timeZone)}
                errors={firstDraft?.errors}
              />
              <button type="submit">Move the series</button>
            </form>
          </details>
          <details class="danger">
            <summary>Cancel the whole series</summary>
            <form method="post" action={`${path}/cancel`}>
              <CsrfField token={csrf} />
              <input type="hidden" name="scope" value="series" />
              <p>Every meeting of this series is cancelled for everyone.</p>
              <button type="submit">Yes, cancel the series</button>
            </form>
          </details>
        </>
      ) : null}

      <h3 id="agenda">Agenda</h3>
      {readOnly ? (
        <div class="note-body">{m.agenda || "No agenda."}</div>
      ) : (
        <form method="post" action={`${path}/agenda`}>
          <CsrfField token={csrf} />
          <TextAreaField
            id="f-agenda"
            name="agenda"
            label="Agenda, shared by everyone in the pairing"
            value={draft?.key === "agenda" ? draft.values.agenda : m.agenda}
            error={draft?.key === "agenda" ? draft.errors?.agenda : undefined}
            maxlength={MEETING_LIMITS.agenda}
          />
          <button type="submit">Save agenda</button>
        </form>
      )}
    </section>
  );
}

/** A member's name (or "you"). */
function statusName({ pairing, viewerId }: MeetingPageProps, personId: string): string {
  if (personId === viewerId) return "you";
  return pairing.members.find((x) => x.personId === personId)?.name ?? "a former member";
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
  return (
    <li id={`o-${i}`}>
      <p>
        <When pairing={pairing} viewerId={viewerId} timeZone={timeZone} start={o.start} end={o.end} />
        {o.cancelled ? <strong> · Cancelled</strong> : o.moved ? <em> · Moved</em> : null}
        {!o.cancelled && o.start <= now ? <strong> · Happening now</strong> : null}
      </p>
      {outcome ? <p class="meeting-status">{outcome.outcome === "held" ? "Held" : "Missed"}</p> : null}
      {open && !o.cancelled && o.start > now ? (
        <details open={!!mine}>
          <summary>
            Move or cancel<span class="vh">{label}</span>
          </summary>
          <form method="post" action={`${path}/move`}>
            <CsrfField token={csrf} />
            <input type="hidden" name="scope" value="one" />
            <input type="hidden" name="recurrenceId" value={o.recurrenceId} />
            <TimeFields prefix={i} values={mine?.values ?? formTimes(o.start, o.end, timeZone)} errors={mine?.errors} />
            <button type="submit">
              Move<span class="vh">{label}</span>
            </button>
          </form>
          <form method="post" action={`${path}/cancel`}>
            <CsrfField token={csrf} />
            <input type="hidden" name="scope" value={series ? "one" : "series"} />
            <input type="hidden" name="recurrenceId" value={o.recurrenceId} />
            <button type="submit" class="secondary">
              Cancel {series ? "only this meeting" : "this meeting"}
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
  return (
    <li>
      <p>
        <When pairing={pairing} viewerId={viewerId} timeZone={timeZone} start={o.start} end={o.end} />
        {o.moved ? <em> · Moved</em> : null}
      </p>
      {outcome ? (
        <>
          <p class="meeting-status">{outcome.outcome === "held" ? "Held" : "Missed"}</p>
          {outcome.notes ? <div class="room-text">{outcome.notes}</div> : null}
        </>
      ) : null}
      {readOnlyAt(props.stage) || m.status !== "confirmed" ? null : outcome ? (
        <details open={props.draft?.key === `outcome:${o.recurrenceId}`}>
          <summary>
            Change<span class="vh"> what happened{occurrenceLabel(m, o.start, timeZone)}</span>
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
  return (
    <form method="post" action={`${meetingPath(pairing.id, m.id)}/outcome`} class="outcome">
      <CsrfField token={csrf} />
      <input type="hidden" name="recurrenceId" value={o.recurrenceId} />
      <fieldset class={error ? "invalid" : undefined} aria-describedby={error ? `e-${i}-outcome` : undefined}>
        <legend>
          Did it happen?<span class="vh">{occurrenceLabel(m, o.start, timeZone)}</span>
        </legend>
        <label class="check">
          <input type="radio" name="outcome" value="held" checked={chosen === "held"} /> Held
        </label>
        <label class="check">
          <input type="radio" name="outcome" value="missed" checked={chosen === "missed"} /> Missed
        </label>
        {error ? (
          <p id={`e-${i}-outcome`} class="error" role="alert">
            {error}
          </p>
        ) : null}
      </fieldset>
      <TextAreaField
        id={`${i}-notes`}
        name="notes"
        label="Notes (only the pairing sees them)"
        value={mine?.values.notes ?? recorded?.notes}
        error={mine?.errors?.notes}
        maxlength={MEETING_LIMITS.outcomeNotes}
      />
      <button type="submit">Save</button>
    </form>
  );
}
