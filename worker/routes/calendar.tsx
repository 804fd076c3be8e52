/**
 * Calendar feeds: the settings page, making and revoking secret links, the feeds themselves and single-meeting
 * downloads.
 */
import { type Context, Hono } from "hono";
import { CalendarPage } from "../../views/pages/calendar";
import { cachedFeed, keepFeed } from "../calendar/feed-cache";
import { feedBody, feedHeadOfLink, feedMeeting } from "../calendar/feeds";
import { icsEtag, meetingToIcs } from "../calendar/ics";
import { activeFeedLinks, mayHaveFeedOf, revokeFeedToken, rotateFeedToken } from "../calendar/feed-links";
import { readForm, textField } from "../http/forms";
import { requireUser } from "../http/guards";
import { requirePairingMember } from "../http/pairing-guard";
import { redirectAfterPost } from "../http/redirects";
import { listText } from "../domain/i18n/intl";
import { publicOrigin } from "../mail/mail-outbox";
import { ownPairings } from "../matching/participant-pairings";
import type { AppEnv } from "../types";

/** Calendar feed routes. */
export const calendarRoutes = new Hono<AppEnv>();

const ICS_TYPE = "text/calendar; charset=utf-8";

/** Renders the settings page, with a freshly made link when there is one. */
async function renderCalendar(c: Context<AppEnv>, fresh?: { pairingId: string | null; url: string }) {
  const user = c.var.user!;
  const [links, pairings] = await Promise.all([activeFeedLinks(c.env, user.id), ownPairings(c.env, null, user.id)]);
  const t = c.var.t;
  const labels = pairings.map((p) => {
    const names = listText(
      c.var.locale,
      p.others.map((o) => o.name || o.email),
    );
    return { id: p.id, label: p.endedAt ? t("calendar.pairingEnded", { names }) : t("calendar.pairing", { names }) };
  });
  const notice = c.req.query("done") === "off" ? t("calendar.turnedOff") : undefined;
  return c.render(
    <CalendarPage
      csrf={c.var.csrf}
      timeZone={user.timeZone}
      links={links}
      pairings={labels}
      fresh={fresh}
      notice={notice}
    />,
    { title: t("calendar.title") },
  );
}

/** The pairing a form names, if the person is in it ("" means their whole calendar); undefined when they are not. */
async function pairingScope(c: Context<AppEnv>): Promise<string | null | undefined> {
  const id = textField(await readForm(c), "pairing");
  if (!id) return null;
  return (await mayHaveFeedOf(c.env, c.var.user!.id, id)) ? id : undefined;
}

calendarRoutes.get("/calendar", requireUser, (c) => renderCalendar(c));

calendarRoutes.post("/calendar/feeds", requireUser, async (c) => {
  const scope = await pairingScope(c);
  if (scope === undefined) return c.text(c.var.t("calendar.notYours"), 403);
  const token = await rotateFeedToken(c.env, c.var.user!.id, scope);
  // Shown in this response only (no redirect): the link is a secret and is not kept anywhere readable.
  return renderCalendar(c, { pairingId: scope, url: `${publicOrigin(c.env, c.req.url)}/calendar/${token}.ics` });
});

calendarRoutes.post("/calendar/feeds/revoke", requireUser, async (c) => {
  const scope = await pairingScope(c);
  if (scope === undefined) return c.text(c.var.t("calendar.notYours"), 403);
  await revokeFeedToken(c.env, c.var.user!.id, scope);
  return redirectAfterPost(c, "/calendar?done=off");
});

/** True when the client's If-None-Match names `etag` (or `*`). */
function clientHas(c: Context<AppEnv>, etag: string): boolean {
  const sent = c.req.header("If-None-Match") ?? "";
  return sent.split(",").some((t) => t.trim() === etag || t.trim() === "*");
}

/** Answers an iCalendar body (text or a cached stream) under its strong ETag, and 304 when the client has it. */
async function icsAnswer(
  c: Context<AppEnv>,
  etag: string,
  body: string | Uint8Array<ArrayBuffer> | ReadableStream | null,
  filename: string | null,
) {
  c.header("ETag", etag);
  c.header("Cache-Control", "private, max-age=900");
  if (filename) c.header("Content-Disposition", `attachment; filename="${filename}"`);
  if (clientHas(c, etag)) {
    if (body instanceof ReadableStream) await body.cancel();
    return c.body(null, 304);
  }
  if (body === null || typeof body === "string") return c.body(body ?? "", 200, { "Content-Type": ICS_TYPE });
  if (body instanceof Uint8Array) return c.body(body, 200, { "Content-Type": ICS_TYPE });
  return c.body(body, 200, { "Content-Type": ICS_TYPE });
}

/** Answers an iCalendar body with a strong ETag, and 304 when the client already has it. */
async function icsResponse(c: Context<AppEnv>, body: string, filename: string | null) {
  return icsAnswer(c, await icsEtag(body), body, filename);
}

/** Lets a write finish after the answer is sent, where the runtime allows it. */
function background(c: Context<AppEnv>): ((p: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (p) => ctx.waitUntil(p);
  } catch {
    return undefined;
  }
}

/**
 * A calendar app polling a feed: the feed's version is read first (one small D1 batch); a body already rendered for
 * that version is answered from the cache (or a 304), and only a changed feed is built and rendered again.
 */
calendarRoutes.get("/calendar/:file{[A-Za-z0-9_-]+\\.ics}", async (c) => {
  const token = c.req.param("file").replace(/\.ics$/, "");
  const head = await feedHeadOfLink(c.env, token, publicOrigin(c.env, c.req.url));
  if (!head) return c.text(c.var.t("calendar.noFeed"), 404);
  const cached = await cachedFeed(head.version);
  if (cached) return icsAnswer(c, cached.etag, cached.body, null);
  // Encoded once: the ETag, the memory tier, the Cache API and the answer all take these bytes.
  const body = new TextEncoder().encode(await feedBody(c.env, head)) as Uint8Array<ArrayBuffer>;
  const etag = await icsEtag(body);
  keepFeed(head.version, { body, etag }, background(c));
  return icsAnswer(c, etag, body, null);
});

calendarRoutes.get("/pairings/:pairingId/meetings/:file{[a-z0-9]+\\.ics}", requirePairingMember, async (c) => {
  const meetingId = c.req.param("file").replace(/\.ics$/, "");
  const meeting = await feedMeeting(c.env, c.var.pairing.id, meetingId, publicOrigin(c.env, c.req.url), c.var.t);
  if (!meeting) return c.notFound();
  return icsResponse(c, meetingToIcs(meeting, meeting.updatedAt), "trellis-meeting.ics");
});
