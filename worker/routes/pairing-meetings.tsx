/**
 * A pairing's meetings: the list with suggested times and the propose form, one meeting's page, and the POSTs that
 * answer, move, cancel, record and edit them. The room validates; times are typed and shown in the member's own zone.
 */
import { type Context, Hono } from "hono";
import { type MeetingDraft, MeetingPage } from "../../views/pages/pairing-meeting";
import { MeetingsPage, type MeetingsPageProps } from "../../views/pages/pairing-meetings";
import { type MessageId, messageOf, msg } from "../domain/i18n/translate";
import { localCheckMessage } from "../domain/meetings/form";
import { checkLocal, parseLocal } from "../domain/meetings/recurrence";
import { readForm, textField, typedValues } from "../http/forms";
import { requirePairingMember, roomRefusal } from "../http/pairing-guard";
import { redirectAfterPost } from "../http/redirects";
import { asMember, roomOf } from "../pairings/access";
import type { RoomError } from "../domain/room/types";
import type { AppEnv } from "../types";

export const pairingMeetingRoutes = new Hono<AppEnv>();

const LIST = "/pairings/:pairingId/meetings";
/** Meeting ids are hex; the constraint leaves `<id>.ics` to the calendar routes. */
const ONE = `${LIST}/:meetingId{[0-9a-f]{8,64}}`;
const PROPOSE_FIELDS = [
  "kind",
  "title",
  "location",
  "videoUrl",
  "date",
  "start",
  "end",
  "repeat",
  "ends",
  "count",
  "until",
  "agendaTemplate",
] as const;
const SUGGESTED_MINUTES = 60;

const NOTICES: Record<string, MessageId> = {
  proposed: "meetings.done.proposed",
  confirmed: "meetings.done.confirmed",
  accepted: "meetings.done.accepted",
  declined: "meetings.done.declined",
  moved: "meetings.done.moved",
  cancelled: "meetings.done.cancelled",
  "cancelled-one": "meetings.done.cancelledOne",
  recorded: "meetings.done.recorded",
  agenda: "meetings.done.agenda",
  video: "meetings.done.video",
};

const pathsOf = (pairingId: string) => ({
  list: `/pairings/${pairingId}/meetings`,
  one: (id: string) => `/pairings/${pairingId}/meetings/${id}`,
});

/**
 * The success notice named by `?done=`, with the daylight-saving note when `?at=` is a local time that happens twice
 * for the viewer.
 */
function noticeOf(c: Context<AppEnv>): string | undefined {
  const id = Object.hasOwn(NOTICES, c.req.query("done") ?? "") ? NOTICES[c.req.query("done")!] : undefined;
  if (!id) return undefined;
  const done = c.var.t(id);
  const at = parseLocal(c.req.query("at") ?? "");
  const zone = c.var.user!.timeZone;
  const check = at ? checkLocal(at, zone) : null;
  if (!at || check?.kind !== "ambiguous") return done;
  const dst = messageOf(localCheckMessage(check, at, zone));
  return dst ? `${done} ${c.var.t(dst.id, dst.values)}` : done;
}

/** The `?done=…&at=…` tail after a change typed as date and start (the page re-derives any DST note from it). */
function doneQuery(done: string, values: Record<string, string>, notice: string | null): string {
  const at = notice ? `&at=${encodeURIComponent(`${(values.date ?? "").trim()}T${(values.start ?? "").trim()}`)}` : "";
  return `?done=${done}${at}`;
}

/** The meetings tab, with the propose or video-link form as typed, or a refusal's message. */
async function renderList(c: Context<AppEnv>, extra: Pick<MeetingsPageProps, "form" | "videoForm" | "problem"> = {}) {
  const pairing = c.var.pairing;
  const user = c.var.user!;
  const room = roomOf(c.env, pairing.id);
  const actor = asMember(user.id);
  const [list, stage, slots] = await Promise.all([
    room.meetings(actor),
    room.stage(),
    room.suggestSlots(actor, SUGGESTED_MINUTES),
  ]);
  if (!list.ok) return roomRefusal(c, list);
  const page = (
    <MeetingsPage
      csrf={c.var.csrf}
      pairing={pairing}
      viewerId={user.id}
      stage={stage}
      timeZone={user.timeZone}
      meetings={list.value.meetings}
      videoUrl={list.value.videoUrl}
      slots={slots.ok ? proposable(slots.value, user.timeZone) : []}
      now={Date.now()}
      notice={extra.form || extra.videoForm || extra.problem ? undefined : noticeOf(c)}
      {...extra}
    />
  );
  return c.render(page, { title: c.var.t("meetings.title") });
}

/**
 * Suggested starts that the viewer can propose as typed: the hour ends the same day in their zone (a meeting cannot
 * cross midnight) and, on a night the clocks go back, it is the first of two equal local times (a typed time means the
 * first).
 */
function proposable(slots: number[], timeZone: string): number[] {
  const fmt = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const local = (t: number) => {
    const p = Object.fromEntries(fmt.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
  };
  return slots.filter((t) => {
    const start = local(t);
    const end = local(t + SUGGESTED_MINUTES * 60_000);
    if (start.slice(0, 10) !== end.slice(0, 10)) return false;
    const parsed = parseLocal(start);
    const check = parsed ? checkLocal(parsed, timeZone) : null;
    return check !== null && check.kind !== "gap" && check.epochMs === t;
  });
}

/** One meeting's page, with one of its forms as typed, or a refusal's message. */
async function renderMeeting(c: Context<AppEnv>, extra: { draft?: MeetingDraft; problem?: string } = {}) {
  const pairing = c.var.pairing;
  const user = c.var.user!;
  const room = roomOf(c.env, pairing.id);
  const [list, stage] = await Promise.all([room.meetings(asMember(user.id)), room.stage()]);
  if (!list.ok) return roomRefusal(c, list);
  const meeting = list.value.meetings.find((m) => m.id === c.req.param("meetingId"));
  if (!meeting) return roomRefusal(c, { ok: false, status: 404, error: msg("meetings.error.gone") });
  const page = (
    <MeetingPage
      csrf={c.var.csrf}
      pairing={pairing}
      viewerId={user.id}
      stage={stage}
      timeZone={user.timeZone}
      meeting={meeting}
      now={Date.now()}
      notice={extra.draft || extra.problem ? undefined : noticeOf(c)}
      {...extra}
    />
  );
  return c.render(page, { title: meeting.title });
}

/**
 * Answers a refused meeting action: 403/404 pages; a form with field errors re-rendered as typed (422); any other 409
 * or 422 shown as a message on the page the form was on.
 */
function refused(
  c: Context<AppEnv>,
  err: RoomError,
  on: "list" | "detail",
  draft?: MeetingDraft,
): Response | Promise<Response> {
  if (err.status === 403 || err.status === 404 || err.status === 429) return roomRefusal(c, err);
  c.status(err.status);
  const hasFields = err.errors && Object.keys(err.errors).length > 0;
  if (on === "detail")
    return renderMeeting(c, hasFields && draft ? { draft: { ...draft, errors: err.errors } } : { problem: err.error });
  return renderList(c, { problem: err.error });
}

pairingMeetingRoutes.get(LIST, requirePairingMember, (c) => renderList(c));
pairingMeetingRoutes.get(ONE, requirePairingMember, (c) => renderMeeting(c));

/** Proposes a meeting (the form, or a suggested time's button), typed in the proposer's zone. */
pairingMeetingRoutes.post(LIST, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const user = c.var.user!;
  const values = typedValues(await readForm(c));
  const fields = Object.fromEntries(PROPOSE_FIELDS.filter((k) => k in values).map((k) => [k, values[k]!]));
  // An untitled meeting is named in the proposer's language (the title is then the meeting's own, like a typed one).
  if (!(fields.title ?? "").trim()) fields.title = c.var.t("meetings.defaultTitle");
  const result = await roomOf(c.env, pairing.id).proposeMeeting(asMember(user.id), fields, user.timeZone);
  if (result.ok)
    return redirectAfterPost(
      c,
      pathsOf(pairing.id).one(result.value.id) + doneQuery("proposed", values, result.value.notice),
    );
  if (result.status === 422) {
    c.status(422);
    return renderList(c, { form: { values, errors: result.errors, message: result.error } });
  }
  return refused(c, result, "list");
});

/** Pastes another default video link for the pairing (empty: a new generated one). */
pairingMeetingRoutes.post(`${LIST}/video`, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const url = textField(await readForm(c), "url");
  const result = await roomOf(c.env, pairing.id).setVideoLink(asMember(c.var.user!.id), url);
  if (result.ok) return redirectAfterPost(c, `${pathsOf(pairing.id).list}?done=video#video-link`);
  if (result.status === 422) {
    c.status(422);
    return renderList(c, { videoForm: { values: { url }, errors: { url: result.errors?.videoUrl ?? result.error } } });
  }
  return refused(c, result, "list");
});

/** Where to go back to: the list when the form was there, else the meeting's page. */
const backTo = (c: Context<AppEnv>, from: string, done: string) => {
  const paths = pathsOf(c.var.pairing.id);
  return redirectAfterPost(
    c,
    from === "list" ? `${paths.list}?done=${done}` : `${paths.one(c.req.param("meetingId") ?? "")}?done=${done}`,
  );
};

pairingMeetingRoutes.post(`${ONE}/answer`, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const form = await readForm(c);
  const from = textField(form, "from") === "list" ? "list" : "detail";
  const result = await roomOf(c.env, pairing.id).answerMeeting(
    asMember(c.var.user!.id),
    c.req.param("meetingId"),
    textField(form, "answer"),
  );
  if (!result.ok) return refused(c, result, from);
  return backTo(c, from, result.value.status === "proposed" ? "accepted" : result.value.status);
});

/**
 * Moves one occurrence (`scope=one`), it and all later ones (`scope=following`), or the whole series, in the mover's
 * zone.
 */
pairingMeetingRoutes.post(`${ONE}/move`, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const user = c.var.user!;
  const values = typedValues(await readForm(c));
  const scope = values.scope === "one" || values.scope === "following" ? values.scope : "series";
  const recurrenceId = values.recurrenceId ?? "";
  const fields = { scope, recurrenceId, date: values.date ?? "", start: values.start ?? "", end: values.end ?? "" };
  const meetingId = c.req.param("meetingId");
  const result = await roomOf(c.env, pairing.id).rescheduleMeeting(asMember(user.id), meetingId, fields, user.timeZone);
  if (result.ok)
    return redirectAfterPost(c, pathsOf(pairing.id).one(meetingId) + doneQuery("moved", values, result.value.notice));
  return refused(c, result, "detail", { key: scope === "one" ? `move:${recurrenceId}` : "series", values });
});

/** Cancels one occurrence of a series, or the whole meeting. */
pairingMeetingRoutes.post(`${ONE}/cancel`, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const form = await readForm(c);
  const scope = textField(form, "scope") === "one" ? "one" : "series";
  const meetingId = c.req.param("meetingId");
  const result = await roomOf(c.env, pairing.id).cancelMeeting(
    asMember(c.var.user!.id),
    meetingId,
    scope,
    textField(form, "recurrenceId"),
  );
  if (!result.ok) return refused(c, result, "detail");
  return scope === "one" ? backTo(c, "detail", "cancelled-one") : backTo(c, "list", "cancelled");
});

/** Records that an occurrence that has started was held or missed, with notes. */
pairingMeetingRoutes.post(`${ONE}/outcome`, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const values = typedValues(await readForm(c));
  const from = values.from === "list" ? "list" : "detail";
  const recurrenceId = values.recurrenceId ?? "";
  const room = roomOf(c.env, pairing.id);
  const result = await room.recordOutcome(
    asMember(c.var.user!.id),
    c.req.param("meetingId"),
    recurrenceId,
    values.outcome ?? "",
    values.notes ?? "",
  );
  if (!result.ok)
    return refused(c, result, result.errors ? "detail" : from, { key: `outcome:${recurrenceId}`, values });
  return backTo(c, from, "recorded");
});

pairingMeetingRoutes.post(`${ONE}/agenda`, requirePairingMember, async (c) => {
  const pairing = c.var.pairing;
  const values = typedValues(await readForm(c));
  const meetingId = c.req.param("meetingId");
  const result = await roomOf(c.env, pairing.id).editAgenda(asMember(c.var.user!.id), meetingId, values.agenda ?? "");
  if (!result.ok) return refused(c, result, "detail", { key: "agenda", values });
  return redirectAfterPost(c, `${pathsOf(pairing.id).one(meetingId)}?done=agenda#agenda`);
});
