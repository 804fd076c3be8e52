/**
 * The Meetings tab: upcoming and past meetings across the pairing's series, suggested times, the propose form and the
 * pairing's video link. Times are shown in the viewer's zone, with each other member's zone next to them.
 */
import { EmptyState } from "../components/empty-state";
import { zoned } from "../../worker/domain/format-time";
import { MEETING_LIMITS } from "../../worker/domain/meetings/form";
import { MAX_OCCURRENCES, occurrences } from "../../worker/domain/meetings/recurrence";
import { MEETING_KINDS, type Occurrence, REPEATS } from "../../worker/domain/meetings/types";
import { NOTE_TEMPLATES } from "../../worker/domain/room/notes";
import { RESOURCE_LIMITS } from "../../worker/domain/room/resources";
import type { PairingRecord } from "../../worker/domain/pairing";
import type { Meeting } from "../../worker/domain/room/types";
import { CsrfField, describedBy, type Errors, Field, TextInput } from "../components/form";
import { PairingNav } from "../components/pairing-nav";
import { type FormState, FormProblem, ReadOnlyNotice, readOnlyAt, type RoomPageBase } from "./pairing-goals";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const pad = (n: number) => String(n).padStart(2, "0");

type Wall = { year: number; month: number; day: number; dayOfWeek: number; hour: number; minute: number };

/** "18:00". */
export const clock = (z: Wall) => `${pad(z.hour)}:${pad(z.minute)}`;
/** "Tue 24 Nov" (with the year when it is not this year). */
export const dayText = (z: Wall) =>
  `${DAYS[z.dayOfWeek - 1]} ${z.day} ${MONTHS[z.month - 1]}${z.year === new Date().getUTCFullYear() ? "" : ` ${z.year}`}`;
/** "2026-11-24", what a date input holds. */
export const isoDay = (z: Wall) => `${z.year}-${pad(z.month)}-${pad(z.day)}`;

/** The date, start and end an occurrence has in a zone, as the move form takes them. */
export function formTimes(start: number, end: number, zone: string): { date: string; start: string; end: string } {
  const s = zoned(start, zone);
  return { date: isoDay(s), start: clock(s), end: clock(zoned(end, zone)) };
}

/**
 * When something happens: in the viewer's zone first, then for each other zone a member lives in, like
 * "Tue 24 Nov, 18:00–19:00 (Europe/Berlin) · 04:00–05:00 Wed (Australia/Sydney) for Mia".
 */
export function When({
  start,
  end,
  timeZone,
  pairing,
  viewerId,
}: {
  start: number;
  end: number;
  timeZone: string;
  pairing: PairingRecord;
  viewerId: string;
}) {
  const s = zoned(start, timeZone);
  const zones = new Map<string, string[]>();
  for (const m of pairing.members) {
    if (m.personId === viewerId || m.timeZone === timeZone) continue;
    zones.set(m.timeZone, [...(zones.get(m.timeZone) ?? []), m.name]);
  }
  return (
    <>
      <time datetime={new Date(start).toISOString()}>
        {dayText(s)}, {clock(s)}–{clock(zoned(end, timeZone))}
      </time>{" "}
      ({timeZone})
      {[...zones].map(([zone, names]) => {
        const o = zoned(start, zone);
        const otherDay = isoDay(o) !== isoDay(s);
        return (
          <span class="zone">
            {" "}
            · {clock(o)}–{clock(zoned(end, zone))}
            {otherDay ? ` ${DAYS[o.dayOfWeek - 1]}` : ""} ({zone}) for {names.join(" and ")}
          </span>
        );
      })}
    </>
  );
}

/** Display names by person id, "you" for the viewer. */
const nameOf = (pairing: PairingRecord, viewerId: string, personId: string) =>
  personId === viewerId ? "you" : (pairing.members.find((m) => m.personId === personId)?.name ?? "a former member");

/** A meeting's status in words: confirmed, or who proposed it and whom it waits for. */
export function statusText(m: Meeting, pairing: PairingRecord, viewerId: string): string {
  const name = (id: string) => nameOf(pairing, viewerId, id);
  if (m.status === "confirmed") return "Confirmed";
  if (m.status === "cancelled") return "Cancelled";
  const declined = m.responses.filter((r) => r.response === "declined").map((r) => name(r.personId));
  if (m.status === "declined") return `Declined by ${declined.join(" and ") || "a member"}`;
  const waiting = m.responses.filter((r) => r.response === "pending").map((r) => name(r.personId));
  return `Proposed by ${name(m.organizerId)}: waiting for ${waiting.join(" and ") || "an answer"}`;
}

/** Whether a meeting can still be answered, moved or cancelled. */
export const isOpen = (m: Meeting) => m.status === "proposed" || m.status === "confirmed";

/** Whether the viewer still has to answer this proposal. */
export const awaitsViewer = (m: Meeting, viewerId: string) =>
  m.status === "proposed" && m.responses.some((r) => r.personId === viewerId && r.response === "pending");

/** The link to a meeting's page. */
export const meetingPath = (pairingId: string, meetingId: string) => `/pairings/${pairingId}/meetings/${meetingId}`;

/** The short label of one occurrence for buttons read aloud, like "“Check-in” on Tue 24 Nov, 18:00". */
export function occurrenceLabel(m: Meeting, start: number, timeZone: string): string {
  const s = zoned(start, timeZone);
  return ` “${m.title}” on ${dayText(s)}, ${clock(s)}`;
}

/** Accept and Decline buttons for a proposal the viewer has not answered. */
export function AnswerButtons({
  m,
  csrf,
  pairingId,
  from,
  label,
}: {
  m: Meeting;
  csrf: string;
  pairingId: string;
  from: "list" | "detail";
  label: string;
}) {
  return (
    <form method="post" action={`${meetingPath(pairingId, m.id)}/answer`} class="row-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="from" value={from} />
      <button type="submit" name="answer" value="accepted">
        Accept<span class="vh">{label}</span>
      </button>
      <button type="submit" name="answer" value="declined" class="secondary">
        Decline<span class="vh">{label}</span>
      </button>
    </form>
  );
}

/** Held and Missed buttons for an occurrence that has started. */
export function OutcomeButtons({
  m,
  csrf,
  pairingId,
  recurrenceId,
  label,
}: {
  m: Meeting;
  csrf: string;
  pairingId: string;
  recurrenceId: string;
  label: string;
}) {
  return (
    <form method="post" action={`${meetingPath(pairingId, m.id)}/outcome`} class="row-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="from" value="list" />
      <input type="hidden" name="recurrenceId" value={recurrenceId} />
      <button type="submit" name="outcome" value="held" class="secondary">
        Held<span class="vh">{label}</span>
      </button>
      <button type="submit" name="outcome" value="missed" class="secondary">
        Missed<span class="vh">{label}</span>
      </button>
    </form>
  );
}

/** One occurrence of one meeting. */
export interface Item {
  meeting: Meeting;
  occurrence: Occurrence;
}

/**
 * The next `limit` occurrences (not over) of proposed and confirmed meetings, soonest first; cancelled ones of a series
 * are left out unless `withCancelled` (the list shows them struck through).
 */
export function upcomingOf(meetings: readonly Meeting[], now: number, limit: number, withCancelled = false): Item[] {
  return meetings
    .filter(isOpen)
    .flatMap((meeting) => occurrences(meeting.schedule, meeting.changes).map((occurrence) => ({ meeting, occurrence })))
    .filter((i) => (withCancelled || !i.occurrence.cancelled) && i.occurrence.end > now)
    .sort((a, b) => a.occurrence.start - b.occurrence.start)
    .slice(0, limit);
}

/** The last `limit` occurrences of confirmed meetings that are over, latest first. */
export function pastOf(meetings: readonly Meeting[], now: number, limit: number): Item[] {
  return meetings
    .filter((m) => m.status === "confirmed")
    .flatMap((meeting) => occurrences(meeting.schedule, meeting.changes).map((occurrence) => ({ meeting, occurrence })))
    .filter((i) => !i.occurrence.cancelled && i.occurrence.end <= now)
    .sort((a, b) => b.occurrence.start - a.occurrence.start)
    .slice(0, limit);
}

/** "Cancelled by Kai on Tue 24 Nov, 18:00" (in the viewer's zone); just "Cancelled" when that was not kept. */
export function CancelledBy({
  pairing,
  viewerId,
  by,
  at,
  timeZone,
}: {
  pairing: PairingRecord;
  viewerId: string;
  by?: string | null;
  at?: number | null;
  timeZone: string;
}) {
  const when = at ? zoned(at, timeZone) : null;
  return (
    <>
      Cancelled
      {by ? ` by ${nameOf(pairing, viewerId, by)}` : ""}
      {when ? (
        <>
          {" "}
          on <time datetime={new Date(at!).toISOString()}>{`${dayText(when)}, ${clock(when)}`}</time>
        </>
      ) : null}
    </>
  );
}

/** A notice after a successful action. */
export function Notice({ text }: { text?: string }) {
  return text ? (
    <p class="success" role="status">
      {text}
    </p>
  ) : null;
}

/** A refusal that is not about one field (a stale page, a closed pairing). */
export function Problem({ text }: { text?: string }) {
  return text ? (
    <p class="error-summary" role="alert">
      {text}
    </p>
  ) : null;
}

export interface MeetingsPageProps extends RoomPageBase {
  meetings: Meeting[];
  videoUrl: string;
  /** Suggested start instants (an hour long). */
  slots: number[];
  now: number;
  /** The propose form as typed, after a refusal. */
  form?: FormState;
  /** The video link form as typed, after a refusal. */
  videoForm?: FormState;
  notice?: string;
  problem?: string;
}

/** The Meetings tab. */
export function MeetingsPage(props: MeetingsPageProps) {
  const { pairing, viewerId, timeZone, csrf, now } = props;
  const readOnly = readOnlyAt(props.stage);
  const upcoming = upcomingOf(props.meetings, now, 10, true);
  const past = pastOf(props.meetings, now, 10);
  const off = props.meetings
    .filter((m) => !isOpen(m))
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .slice(0, 5);
  const base = { pairing, viewerId, timeZone };
  return (
    <section class="meetings">
      <PairingNav pairing={pairing} viewerId={viewerId} tab="meetings" stage={props.stage} />
      <h2>Meetings</h2>
      <Notice text={props.notice} />
      <Problem text={props.problem} />
      {readOnly ? <ReadOnlyNotice stage={props.stage} /> : null}
      <h3 id="upcoming">Upcoming</h3>
      {upcoming.length === 0 ? (
        <EmptyState icon="video">
          No meetings planned. {readOnly ? null : <a href="#propose">Propose one</a>}
        </EmptyState>
      ) : (
        <ul class="cards">
          {upcoming.map(({ meeting: m, occurrence: o }) => {
            const label = occurrenceLabel(m, o.start, timeZone);
            if (o.cancelled) {
              const change = m.changes.find((c) => c.recurrenceId === o.recurrenceId);
              return (
                <li class="cancelled">
                  <p>
                    <del>
                      <a href={meetingPath(pairing.id, m.id)}>{m.title}</a> ·{" "}
                      <When {...base} start={o.start} end={o.end} />
                    </del>
                  </p>
                  <p class="meeting-status status-cancelled">
                    <CancelledBy
                      pairing={pairing}
                      viewerId={viewerId}
                      by={change?.changedBy}
                      at={change?.changedAt}
                      timeZone={timeZone}
                    />
                  </p>
                </li>
              );
            }
            return (
              <li>
                <p>
                  <a href={meetingPath(pairing.id, m.id)}>
                    <strong>{m.title}</strong>
                  </a>{" "}
                  · {MEETING_KINDS[m.kind]}
                  {m.schedule.repeat === "none" ? "" : ` · ${REPEATS[m.schedule.repeat]}`}
                  {o.moved ? " · moved" : ""}
                </p>
                <p>
                  <When {...base} start={o.start} end={o.end} />
                </p>
                <p class={`meeting-status status-${m.status}`}>
                  {o.start <= now ? "Happening now · " : ""}
                  {statusText(m, pairing, viewerId)}
                </p>
                {!readOnly && awaitsViewer(m, viewerId) ? (
                  <AnswerButtons m={m} csrf={csrf} pairingId={pairing.id} from="list" label={label} />
                ) : null}
                {!readOnly &&
                o.start <= now &&
                m.status === "confirmed" &&
                !m.outcomes.some((x) => x.recurrenceId === o.recurrenceId) ? (
                  <OutcomeButtons
                    m={m}
                    csrf={csrf}
                    pairingId={pairing.id}
                    recurrenceId={o.recurrenceId}
                    label={label}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <h3 id="past">Past</h3>
      {past.length === 0 ? (
        <p>No past meetings yet.</p>
      ) : (
        <ul class="cards">
          {past.map(({ meeting: m, occurrence: o }) => {
            const outcome = m.outcomes.find((x) => x.recurrenceId === o.recurrenceId);
            return (
              <li>
                <p>
                  <a href={meetingPath(pairing.id, m.id)}>
                    <strong>{m.title}</strong>
                  </a>{" "}
                  · <When {...base} start={o.start} end={o.end} />
                </p>
                {outcome ? (
                  <p class="meeting-status">{outcome.outcome === "held" ? "Held" : "Missed"}</p>
                ) : readOnly ? (
                  <p class="muted">Not marked as held or missed.</p>
                ) : (
                  <OutcomeButtons
                    m={m}
                    csrf={csrf}
                    pairingId={pairing.id}
                    recurrenceId={o.recurrenceId}
                    label={occurrenceLabel(m, o.start, timeZone)}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
      {off.length ? (
        <>
          <h3 id="off">Declined or cancelled</h3>
          <ul>
            {off.map((m) =>
              m.status === "cancelled" ? (
                <li class="cancelled">
                  <del>
                    <a href={meetingPath(pairing.id, m.id)}>{m.title}</a>
                  </del>
                  :{" "}
                  <CancelledBy
                    pairing={pairing}
                    viewerId={viewerId}
                    by={m.cancelledBy}
                    at={m.cancelledAt}
                    timeZone={timeZone}
                  />
                </li>
              ) : (
                <li>
                  <a href={meetingPath(pairing.id, m.id)}>{m.title}</a>: {statusText(m, pairing, viewerId)}
                </li>
              ),
            )}
          </ul>
        </>
      ) : null}
      {readOnly ? null : (
        <>
          <h3 id="suggested">Suggested times</h3>
          {props.slots.length === 0 ? (
            <p>
              No hour in the next two weeks fits everyone's availability and contact hours. Propose a time below, or
              update your profile.
            </p>
          ) : (
            <>
              <p class="muted">
                An hour when everyone is available and within their contact hours, in the next two weeks. Proposing one
                sends a video meeting for the others to accept.
              </p>
              <ul class="cards">
                {props.slots.map((t) => {
                  const times = formTimes(t, t + 3_600_000, timeZone);
                  return (
                    <li class="row-form">
                      <span>
                        <When {...base} start={t} end={t + 3_600_000} />
                      </span>
                      <form method="post" action={`/pairings/${pairing.id}/meetings`}>
                        <CsrfField token={csrf} />
                        <input type="hidden" name="from" value="suggestion" />
                        <input type="hidden" name="kind" value="video" />
                        <input type="hidden" name="repeat" value="none" />
                        <input type="hidden" name="agendaTemplate" value="check-in" />
                        <input type="hidden" name="date" value={times.date} />
                        <input type="hidden" name="start" value={times.start} />
                        <input type="hidden" name="end" value={times.end} />
                        <button type="submit" class="secondary">
                          Propose
                          <span class="vh">
                            {" "}
                            a video meeting on {dayText(zoned(t, timeZone))}, {times.start}
                          </span>
                        </button>
                      </form>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          <h3 id="propose">Propose another time</h3>
          <form method="post" action={`/pairings/${pairing.id}/meetings`} aria-labelledby="propose">
            <FormProblem form={props.form} />
            <CsrfField token={csrf} />
            <ProposeFields
              values={props.form?.values ?? {}}
              errors={props.form?.errors}
              timeZone={timeZone}
              videoUrl={props.videoUrl}
            />
            <button type="submit">Propose meeting</button>
          </form>
          <h3 id="video-link">Your video link</h3>
          <p>
            Video meetings use <a href={props.videoUrl}>{props.videoUrl}</a> unless you give one its own link.
          </p>
          <form method="post" action={`/pairings/${pairing.id}/meetings/video`} aria-labelledby="video-link">
            <FormProblem form={props.videoForm} />
            <CsrfField token={csrf} />
            <TextInput
              name="url"
              label="Use another link"
              inputmode="url"
              maxlength={String(RESOURCE_LIMITS.url)}
              value={props.videoForm?.values.url}
              errors={props.videoForm?.errors}
              hint="Paste a Zoom, Teams, Jitsi or similar link. Save it empty to get a new generated link."
            />
            <button type="submit" class="secondary">
              Save video link
            </button>
          </form>
        </>
      )}
    </section>
  );
}

/** A labelled select whose options come from a label map. */
function Select({
  name,
  label,
  options,
  value,
  errors,
  hint,
}: {
  name: string;
  label: string;
  options: Record<string, string>;
  value: string;
  errors?: Errors;
  hint?: string;
}) {
  return (
    <Field name={name} label={label} errors={errors} hint={hint}>
      <select name={name} {...describedBy(name, errors, !!hint)}>
        {Object.entries(options).map(([key, text]) => (
          <option value={key} selected={value === key}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

const TEMPLATES = Object.fromEntries(
  Object.entries(NOTE_TEMPLATES).map(([key, t]) => [key, key === "blank" ? "Empty agenda" : t.label]),
);

/** The propose form's fields, as typed. */
function ProposeFields({
  values,
  errors,
  timeZone,
  videoUrl,
}: {
  values: Record<string, string>;
  errors?: Errors;
  timeZone: string;
  videoUrl: string;
}) {
  return (
    <>
      <Select name="kind" label="Kind" options={MEETING_KINDS} value={values.kind ?? "video"} errors={errors} />
      <TextInput
        name="title"
        label="Title (optional)"
        value={values.title}
        errors={errors}
        maxlength={String(MEETING_LIMITS.title)}
        placeholder="Mentoring meeting"
      />
      <p class="hint" id="h-times">
        Date and times in your time zone, {timeZone}. Everyone else sees them in theirs.
      </p>
      <div class="grid3">
        <TextInput name="date" type="date" label="Date" value={values.date} errors={errors} required />
        <TextInput name="start" type="time" label="Starts" value={values.start} errors={errors} required />
        <TextInput name="end" type="time" label="Ends" value={values.end} errors={errors} required />
      </div>
      <div class="grid3">
        <Select name="repeat" label="Repeats" options={REPEATS} value={values.repeat ?? "none"} errors={errors} />
        <Select
          name="ends"
          label="A repeating series ends"
          options={{ count: "After a number of meetings", until: "On a last date" }}
          value={values.ends ?? "count"}
          errors={errors}
        />
        <TextInput
          name="count"
          type="number"
          label="Number of meetings"
          value={values.count ?? "6"}
          errors={errors}
          min="2"
          max={String(MAX_OCCURRENCES)}
          inputmode="numeric"
        />
        <TextInput name="until" type="date" label="Last date" value={values.until} errors={errors} />
      </div>
      <TextInput
        name="location"
        label="Place or phone number"
        value={values.location}
        errors={errors}
        maxlength={String(MEETING_LIMITS.location)}
        hint="Where you meet in person; for calls, who calls which number. Optional for video."
      />
      <TextInput
        name="videoUrl"
        label="Video link (optional)"
        inputmode="url"
        value={values.videoUrl}
        errors={errors}
        maxlength={String(RESOURCE_LIMITS.url)}
        hint={`Empty: your pairing's link, ${videoUrl}`}
      />
      <Select
        name="agendaTemplate"
        label="Start the agenda from"
        options={TEMPLATES}
        value={values.agendaTemplate ?? "check-in"}
        errors={errors}
      />
    </>
  );
}
