/**
 * The Meetings tab: upcoming and past meetings across the pairing's series, suggested times, the propose form and the
 * pairing's video link. Times are shown in the viewer's zone, with each other member's zone next to them.
 */
import type { Child } from "hono/jsx";
import { EmptyState } from "../components/empty-state";
import { isolated } from "../components/isolated";
import { formatClock, formatClockRange, formatDayOf, formatWeekday, zoned } from "../../worker/domain/format-time";
import { listText } from "../../worker/domain/i18n/intl";
import { intlTag } from "../../worker/domain/i18n/locales";
import type { MessageId } from "../../worker/domain/i18n/translate";
import { MEETING_LIMITS } from "../../worker/domain/meetings/form";
import { MAX_OCCURRENCES, occurrences } from "../../worker/domain/meetings/recurrence";
import {
  MEETING_KIND_WORDS,
  MEETING_KINDS,
  type MeetingKind,
  type Occurrence,
  REPEAT_WORDS,
  type Repeat,
  REPEATS,
} from "../../worker/domain/meetings/types";
import { NOTE_TEMPLATES } from "../../worker/domain/room/notes";
import { RESOURCE_LIMITS } from "../../worker/domain/room/resources";
import type { PairingRecord } from "../../worker/domain/pairing";
import type { Meeting } from "../../worker/domain/room/types";
import { CsrfField, describedBy, ErrorText, type Errors, Field, TextInput } from "../components/form";
import { Rich, useI18n } from "../i18n";
import { PairingNav } from "../components/pairing-nav";
import { type FormState, FormProblem, ReadOnlyNotice, readOnlyAt, type RoomPageBase } from "./pairing-goals";

const pad = (n: number) => String(n).padStart(2, "0");

type Wall = { year: number; month: number; day: number; dayOfWeek: number; hour: number; minute: number };

/** "18:00". */
export const clock = (z: Wall) => `${pad(z.hour)}:${pad(z.minute)}`;
/** The day of an instant in a zone in the viewer's language, like "Tue 24 Nov" (with the year when not this year). */
export function dayText(ms: number, zone: string): string {
  const { locale } = useI18n();
  return formatDayOf(ms, zone, intlTag(locale), zoned(ms, zone).year !== new Date().getUTCFullYear());
}
/** "18:05" in a zone, in the viewer's language's digits. */
export function clockAt(ms: number, zone: string): string {
  return isolated(formatClock(ms, zone, intlTag(useI18n().locale)));
}
/** "18:00–19:00" in a zone, as the viewer's language writes it. */
export function clockRange(start: number, end: number, zone: string): string {
  return isolated(formatClockRange(start, end, zone, intlTag(useI18n().locale)));
}
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
  const { t, locale } = useI18n();
  const s = zoned(start, timeZone);
  const zones = new Map<string, string[]>();
  for (const m of pairing.members) {
    if (m.personId === viewerId || m.timeZone === timeZone) continue;
    zones.set(m.timeZone, [...(zones.get(m.timeZone) ?? []), m.name]);
  }
  return (
    <>
      <time datetime={new Date(start).toISOString()}>
        {t("meetings.dayAndTime", { day: dayText(start, timeZone), times: clockRange(start, end, timeZone) })}
      </time>{" "}
      {isolated(`(${timeZone})`)}
      {[...zones].map(([zone, names]) => {
        const otherDay = isoDay(zoned(start, zone)) !== isoDay(s);
        const times = clockRange(start, end, zone);
        return (
          <span class="zone">
            {" "}
            ·{" "}
            {t("meetings.theirTime", {
              times: otherDay ? `${times} ${formatWeekday(start, zone, intlTag(locale))}` : times,
              zone: isolated(zone),
              names: listText(locale, names.map(isolated)),
            })}
          </span>
        );
      })}
    </>
  );
}

/** Display names by person id in the viewer's language: "you" for the viewer, a word for someone who left. */
export function nameOf(pairing: PairingRecord, viewerId: string, personId: string): string {
  const { t } = useI18n();
  if (personId === viewerId) return t("meetings.you");
  const name = pairing.members.find((m) => m.personId === personId)?.name;
  return name ? isolated(name) : t("meetings.formerMember");
}

/** A meeting's status in words: confirmed, or who proposed it and whom it waits for. */
export function statusText(m: Meeting, pairing: PairingRecord, viewerId: string): string {
  const { t, locale } = useI18n();
  const names = (ids: string[]) =>
    listText(
      locale,
      ids.map((id) => nameOf(pairing, viewerId, id)),
    );
  if (m.status === "confirmed") return t("meetings.status.confirmed");
  if (m.status === "cancelled") return t("meetings.status.cancelled");
  const declined = m.responses.filter((r) => r.response === "declined").map((r) => r.personId);
  if (m.status === "declined")
    return declined.length
      ? t("meetings.status.declinedBy", { names: names(declined) })
      : t("meetings.status.declined");
  const waiting = m.responses.filter((r) => r.response === "pending").map((r) => r.personId);
  const by = nameOf(pairing, viewerId, m.organizerId);
  return waiting.length
    ? t("meetings.status.waiting", { name: by, names: names(waiting) })
    : t("meetings.status.proposed", { name: by });
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
  const { t } = useI18n();
  return ` ${t("meetings.occurrence", { title: isolated(m.title), day: dayText(start, timeZone), time: clockAt(start, timeZone) })}`;
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
  const { t } = useI18n();
  return (
    <form method="post" action={`${meetingPath(pairingId, m.id)}/answer`} class="row-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="from" value={from} />
      <button type="submit" name="answer" value="accepted">
        {t("meetings.accept")}
        <span class="vh">{label}</span>
      </button>
      <button type="submit" name="answer" value="declined" class="secondary">
        {t("meetings.decline")}
        <span class="vh">{label}</span>
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
  const { t } = useI18n();
  return (
    <form method="post" action={`${meetingPath(pairingId, m.id)}/outcome`} class="row-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="from" value="list" />
      <input type="hidden" name="recurrenceId" value={recurrenceId} />
      <button type="submit" name="outcome" value="held" class="secondary">
        {t("meetings.held")}
        <span class="vh">{label}</span>
      </button>
      <button type="submit" name="outcome" value="missed" class="secondary">
        {t("meetings.missed")}
        <span class="vh">{label}</span>
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
  const { t } = useI18n();
  if (!at)
    return (
      <>{by ? t("meetings.cancelledBy", { name: nameOf(pairing, viewerId, by) }) : t("meetings.status.cancelled")}</>
    );
  const when = t("meetings.dayAndTime", { day: dayText(at, timeZone), times: clockAt(at, timeZone) });
  const tags = { when: (c: Child) => <time datetime={new Date(at).toISOString()}>{c}</time> };
  return by ? (
    <Rich id="meetings.cancelledByOn" values={{ name: nameOf(pairing, viewerId, by), when }} tags={tags} />
  ) : (
    <Rich id="meetings.cancelledOn" values={{ when }} tags={tags} />
  );
}

/** A notice after a successful action (text, or a message id with its values from `msg`). */
export function Notice({ text }: { text?: string }) {
  return text ? (
    <p class="success" role="status">
      <ErrorText text={text} />
    </p>
  ) : null;
}

/** A refusal that is not about one field (a stale page, a closed pairing): a message id from the room, translated. */
export function Problem({ text }: { text?: string }) {
  return text ? (
    <p class="error-summary" role="alert">
      <ErrorText text={text} />
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
  const { t } = useI18n();
  return (
    <section class="meetings">
      <PairingNav pairing={pairing} viewerId={viewerId} tab="meetings" stage={props.stage} />
      <h2>{t("meetings.title")}</h2>
      <Notice text={props.notice} />
      <Problem text={props.problem} />
      {readOnly ? <ReadOnlyNotice stage={props.stage} /> : null}
      <h3 id="upcoming">{t("meetings.upcoming")}</h3>
      {upcoming.length === 0 ? (
        <EmptyState icon="video">
          {t("meetings.none")} {readOnly ? null : <a href="#propose">{t("meetings.proposeOne")}</a>}
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
                      <a href={meetingPath(pairing.id, m.id)}>
                        <bdi>{m.title}</bdi>
                      </a>{" "}
                      · <When {...base} start={o.start} end={o.end} />
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
                    <strong>
                      <bdi>{m.title}</bdi>
                    </strong>
                  </a>{" "}
                  · {t(MEETING_KIND_WORDS[m.kind])}
                  {m.schedule.repeat === "none" ? "" : ` · ${t(REPEAT_WORDS[m.schedule.repeat])}`}
                  {o.moved ? ` · ${t("meetings.moved")}` : ""}
                </p>
                <p>
                  <When {...base} start={o.start} end={o.end} />
                </p>
                <p class={`meeting-status status-${m.status}`}>
                  {o.start <= now ? `${t("meetings.now")} · ` : ""}
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
      <h3 id="past">{t("meetings.past")}</h3>
      {past.length === 0 ? (
        <p>{t("meetings.noPast")}</p>
      ) : (
        <ul class="cards">
          {past.map(({ meeting: m, occurrence: o }) => {
            const outcome = m.outcomes.find((x) => x.recurrenceId === o.recurrenceId);
            return (
              <li>
                <p>
                  <a href={meetingPath(pairing.id, m.id)}>
                    <strong>
                      <bdi>{m.title}</bdi>
                    </strong>
                  </a>{" "}
                  · <When {...base} start={o.start} end={o.end} />
                </p>
                {outcome ? (
                  <p class="meeting-status">{outcome.outcome === "held" ? t("meetings.held") : t("meetings.missed")}</p>
                ) : readOnly ? (
                  <p class="muted">{t("meetings.notMarked")}</p>
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
          <h3 id="off">{t("meetings.off")}</h3>
          <ul>
            {off.map((m) =>
              m.status === "cancelled" ? (
                <li class="cancelled">
                  <del>
                    <a href={meetingPath(pairing.id, m.id)}>
                      <bdi>{m.title}</bdi>
                    </a>
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
                  <a href={meetingPath(pairing.id, m.id)}>
                    <bdi>{m.title}</bdi>
                  </a>
                  : {statusText(m, pairing, viewerId)}
                </li>
              ),
            )}
          </ul>
        </>
      ) : null}
      {readOnly ? null : (
        <>
          <h3 id="suggested">{t("meetings.suggested")}</h3>
          {props.slots.length === 0 ? (
            <p>{t("meetings.noSlots")}</p>
          ) : (
            <>
              <p class="muted">{t("meetings.slotsHint")}</p>
              <ul class="cards">
                {props.slots.map((slot) => {
                  const times = formTimes(slot, slot + 3_600_000, timeZone);
                  return (
                    <li class="row-form">
                      <span>
                        <When {...base} start={slot} end={slot + 3_600_000} />
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
                          {t("meetings.propose")}
                          <span class="vh">
                            {" "}
                            {t("meetings.proposeSlot", { day: dayText(slot, timeZone), time: clockAt(slot, timeZone) })}
                          </span>
                        </button>
                      </form>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          <h3 id="propose">{t("meetings.proposeOther")}</h3>
          <form method="post" action={`/pairings/${pairing.id}/meetings`} aria-labelledby="propose">
            <FormProblem form={props.form} />
            <CsrfField token={csrf} />
            <ProposeFields
              values={props.form?.values ?? {}}
              errors={props.form?.errors}
              timeZone={timeZone}
              videoUrl={props.videoUrl}
            />
            <button type="submit">{t("meetings.proposeSubmit")}</button>
          </form>
          <h3 id="video-link">{t("meetings.videoLink")}</h3>
          <p>
            <Rich
              id="meetings.videoLinkUsed"
              values={{ url: props.videoUrl }}
              tags={{ link: (c) => <a href={props.videoUrl}>{c}</a> }}
            />
          </p>
          <form method="post" action={`/pairings/${pairing.id}/meetings/video`} aria-labelledby="video-link">
            <FormProblem form={props.videoForm} />
            <CsrfField token={csrf} />
            <TextInput
              name="url"
              label={t("meetings.videoOther")}
              inputmode="url"
              dir="ltr"
              maxlength={String(RESOURCE_LIMITS.url)}
              value={props.videoForm?.values.url}
              errors={props.videoForm?.errors}
              hint={t("meetings.videoHint")}
            />
            <button type="submit" class="secondary">
              {t("meetings.videoSave")}
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

/** The message id naming each agenda template the propose form offers ("blank": an empty agenda). */
const TEMPLATE_WORDS: Record<string, MessageId> = {
  blank: "meetings.form.emptyAgenda",
  "first-meeting": "meetings.form.template.firstMeeting",
  "check-in": "meetings.form.template.checkIn",
  "mid-point": "meetings.form.template.midPoint",
  "wrap-up": "meetings.form.template.wrapUp",
};

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
  const { t } = useI18n();
  const kinds = Object.fromEntries(Object.keys(MEETING_KINDS).map((k) => [k, t(MEETING_KIND_WORDS[k as MeetingKind])]));
  const repeats = Object.fromEntries(Object.keys(REPEATS).map((k) => [k, t(REPEAT_WORDS[k as Repeat])]));
  const templates = Object.fromEntries(
    Object.entries(NOTE_TEMPLATES).map(([key, x]) => [
      key,
      Object.hasOwn(TEMPLATE_WORDS, key) ? t(TEMPLATE_WORDS[key]!) : x.label,
    ]),
  );
  return (
    <>
      <Select
        name="kind"
        label={t("meetings.form.kind")}
        options={kinds}
        value={values.kind ?? "video"}
        errors={errors}
      />
      <TextInput
        name="title"
        label={t("meetings.form.title")}
        value={values.title}
        errors={errors}
        maxlength={String(MEETING_LIMITS.title)}
        placeholder={t("meetings.defaultTitle")}
      />
      <p class="hint" id="h-times">
        {t("meetings.form.timesHint", { zone: isolated(timeZone) })}
      </p>
      <div class="grid3">
        <TextInput
          name="date"
          type="date"
          label={t("meetings.form.date")}
          value={values.date}
          errors={errors}
          required
        />
        <TextInput
          name="start"
          type="time"
          label={t("meetings.form.start")}
          value={values.start}
          errors={errors}
          required
        />
        <TextInput name="end" type="time" label={t("meetings.form.end")} value={values.end} errors={errors} required />
      </div>
      <div class="grid3">
        <Select
          name="repeat"
          label={t("meetings.form.repeat")}
          options={repeats}
          value={values.repeat ?? "none"}
          errors={errors}
        />
        <Select
          name="ends"
          label={t("meetings.form.ends")}
          options={{ count: t("meetings.form.endsCount"), until: t("meetings.form.endsUntil") }}
          value={values.ends ?? "count"}
          errors={errors}
        />
        <TextInput
          name="count"
          type="number"
          label={t("meetings.form.count")}
          value={values.count ?? "6"}
          errors={errors}
          min="2"
          max={String(MAX_OCCURRENCES)}
          inputmode="numeric"
        />
        <TextInput name="until" type="date" label={t("meetings.form.until")} value={values.until} errors={errors} />
      </div>
      <TextInput
        name="location"
        label={t("meetings.form.location")}
        value={values.location}
        errors={errors}
        maxlength={String(MEETING_LIMITS.location)}
        hint={t("meetings.form.locationHint")}
      />
      <TextInput
        name="videoUrl"
        label={t("meetings.form.videoUrl")}
        inputmode="url"
        dir="ltr"
        value={values.videoUrl}
        errors={errors}
        maxlength={String(RESOURCE_LIMITS.url)}
        hint={t("meetings.form.videoUrlHint", { url: videoUrl })}
      />
      <Select
        name="agendaTemplate"
        label={t("meetings.form.agenda")}
        options={templates}
        value={values.agendaTemplate ?? "check-in"}
        errors={errors}
      />
    </>
  );
}
