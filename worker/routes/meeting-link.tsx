/**
 * Meeting proposals answered from the email link, without signing in: GET /m/:token shows the meeting and one button,
 * POST answers it in the pairing's room; GET /m/:token/meeting.ics downloads it. The short token (short-links.ts) names
 * the member and the meeting; it stops answering once the proposal is decided (the room refuses a second answer) and
 * expires when the meeting starts (the .ics link when the series ends).
 */
import { type Context, Hono } from "hono";
import { SignedLinkProblem } from "../../views/components/link-problem";
import { MeetingLinkPage } from "../../views/pages/meeting-link";
import { meetingToIcs } from "../calendar/ics";
import { feedMeeting } from "../calendar/feeds";
import { occurrences } from "../domain/meetings/recurrence";
import { readForm, textField } from "../http/forms";
import { signedLinkCsrfExempt } from "../http/signed-link-csrf";
import { publicOrigin } from "../mail/mail-outbox";
import { type MeetingLink, readMeetingLink } from "../mail/short-links";
import { loadPairing, roomOf } from "../pairings/access";
import { pairingOfMeeting } from "../pairings/meeting-pairing";
import { speakAs } from "../middleware/locale";
import type { AppEnv } from "../types";

/** The routes of meeting links: GET and POST /m/:token, GET /m/:token/meeting.ics. */
export const meetingLinkRoutes = new Hono<AppEnv>();

const MEETING_POST = /^\/m\/([^/]+)$/;

/** Each request's token check, so the CSRF exemption and the route verify the token once between them. */
const checkedTokens = new WeakMap<Request, { token: string; result: ReturnType<typeof readMeetingLink> }>();

function checkToken(c: Context<AppEnv>, token: string): ReturnType<typeof readMeetingLink> {
  const known = checkedTokens.get(c.req.raw);
  if (known?.token === token) return known.result;
  const result = readMeetingLink(c.env, token);
  checkedTokens.set(c.req.raw, { token, result });
  return result;
}

/** CSRF: the signed token in a meeting link's address is the proof (worker/http/signed-link-csrf.ts). */
export const meetingCsrfExempt = signedLinkCsrfExempt(MEETING_POST, checkToken);

/** The page for a link that does not (or no longer) work. */
function linkProblem(c: Context<AppEnv>, problem: "expired" | "broken" | "unavailable") {
  const [status, title, message] =
    problem === "expired"
      ? ([410, "meetingLink.expired.title", "meetingLink.expired.body"] as const)
      : problem === "unavailable"
        ? ([404, "meetingLink.unavailable.title", "meetingLink.unavailable.body"] as const)
        : ([404, "link.broken.title", "link.broken.body"] as const);
  c.status(status);
  const t = c.var.t;
  return c.render(<SignedLinkProblem title={t(title)} message={t(message)} />, { title: t("link.problem") });
}

/** A link with its token and the pairing its meeting belongs to. */
type ResolvedLink = MeetingLink & { token: string; pairingId: string };

/** The link this request carries, with its meeting's pairing; or the problem page. */
async function linkOf(c: Context<AppEnv>): Promise<Response | ResolvedLink> {
  const token = c.req.param("token") ?? "";
  const checked = await checkToken(c, token);
  if (!checked.ok) return linkProblem(c, checked.problem === "expired" ? "expired" : "broken");
  const pairingId = await pairingOfMeeting(c.env, checked.link.meetingId);
  return pairingId ? { ...checked.link, token, pairingId } : linkProblem(c, "unavailable");
}

/** Renders the meeting's page for the link's member (null data: the problem page). */
async function renderMeeting(c: Context<AppEnv>, link: ResolvedLink, form: { error?: string; done?: boolean } = {}) {
  await speakAs(c, link.personId);
  const actor = { kind: "member", personId: link.personId } as const;
  const [pairing, listed] = await Promise.all([
    loadPairing(c.env, link.pairingId),
    roomOf(c.env, link.pairingId).meetings(actor),
  ]);
  const meeting = listed.ok ? listed.value.meetings.find((m) => m.id === link.meetingId) : undefined;
  const me = pairing?.members.find((m) => m.personId === link.personId);
  if (!pairing || !me || !meeting) return linkProblem(c, "unavailable");
  const now = Date.now();
  const all = occurrences(meeting.schedule, meeting.changes);
  const next = all.find((o) => !o.cancelled && o.end > now) ?? all[0]!;
  const others = new Map<string, string[]>();
  for (const m of pairing.members)
    if (m.personId !== me.personId && m.timeZone !== me.timeZone)
      others.set(m.timeZone, [...(others.get(m.timeZone) ?? []), m.name]);
  const a = c.req.query("a");
  const page = (
    <MeetingLinkPage
      csrf={c.var.csrf}
      token={link.token}
      title={meeting.title}
      kind={meeting.kind}
      organizer={
        pairing.members.find((m) => m.personId === meeting.organizerId)?.name ?? c.var.t("meetingMail.partner")
      }
      start={next.start}
      minutes={Math.round((next.end - next.start) / 60_000)}
      zones={[{ zone: me.timeZone, names: [] }, ...[...others].map(([zone, names]) => ({ zone, names }))]}
      status={meeting.status}
      mine={meeting.responses.find((r) => r.personId === me.personId)?.response ?? "pending"}
      choice={a === "accept" || a === "decline" ? a : null}
      error={form.error}
      done={form.done}
    />
  );
  return c.render(page, { title: meeting.title });
}

meetingLinkRoutes.get("/m/:token", async (c) => {
  const link = await linkOf(c);
  if (link instanceof Response) return link;
  return renderMeeting(c, link, { done: c.req.query("done") === "1" });
});

meetingLinkRoutes.post("/m/:token", async (c) => {
  const link = await linkOf(c);
  if (link instanceof Response) return link;
  const form = await readForm(c);
  const answer = textField(form, "answer");
  const result = await roomOf(c.env, link.pairingId).answerMeeting(
    { kind: "member", personId: link.personId },
    link.meetingId,
    answer,
  );
  if (result.ok) return c.redirect(`/m/${link.token}?done=1`, 303);
  if (result.status === 403 || result.status === 404) return linkProblem(c, "unavailable");
  c.status(result.status === 409 ? 409 : 422);
  const error = result.status === 409 ? c.var.t("meetingLink.alreadyAnswered") : result.error;
  return renderMeeting(c, link, { error });
});

meetingLinkRoutes.get("/m/:token/meeting.ics", async (c) => {
  const link = await linkOf(c);
  if (link instanceof Response) return link;
  const pairing = await loadPairing(c.env, link.pairingId);
  if (!pairing?.members.some((m) => m.personId === link.personId)) return linkProblem(c, "unavailable");
  const meeting = await feedMeeting(c.env, link.pairingId, link.meetingId, publicOrigin(c.env, c.req.url), c.var.t);
  if (!meeting) return linkProblem(c, "unavailable");
  c.header("Content-Disposition", 'attachment; filename="trellis-meeting.ics"');
  c.header("Cache-Control", "private, no-store");
  return c.body(meetingToIcs(meeting, meeting.updatedAt), 200, { "Content-Type": "text/calendar; charset=utf-8" });
});
