/**
 * Check-ins answered from the email link, without signing in: GET shows the choice, POST records it. The link's token
 * names the member, the check-in and its pairing, so a POST goes from the link straight to the pairing's room; the
 * token is verified once per request (the CSRF exemption and the route share the result).
 */
import { type Context, Hono } from "hono";
import { SignedLinkProblem } from "../../views/components/link-problem";
import { CheckinPage } from "../../views/pages/checkin";
import { type CheckinLink, readCheckinToken, resolveLink } from "../checkins/answer-links";
import { formatInstant } from "../domain/format-time";
import { isCheckinAnswer } from "../domain/journey/checkin-answers";
import { readForm, textField } from "../http/forms";
import { signedLinkCsrfExempt } from "../http/signed-link-csrf";
import { loadPairing, roomOf } from "../pairings/access";
import { listText } from "../domain/i18n/intl";
import { intlTag } from "../domain/i18n/locales";
import { messageOf } from "../domain/i18n/translate";
import { speakAs } from "../middleware/locale";
import type { AppEnv } from "../types";

/** The routes of check-in links: GET and POST /c/:token. */
export const checkinLinkRoutes = new Hono<AppEnv>();

const CHECKIN_POST = /^\/c\/([^/]+)$/;

/** Each request's token check, so the CSRF exemption and the route verify the token once between them. */
const checkedTokens = new WeakMap<Request, { token: string; result: ReturnType<typeof readCheckinToken> }>();

/** The check of this request's link token (verified on first use in the request, then reused). */
function checkToken(c: Context<AppEnv>, token: string): ReturnType<typeof readCheckinToken> {
  const known = checkedTokens.get(c.req.raw);
  if (known?.token === token) return known.result;
  const result = readCheckinToken(c.env, token);
  checkedTokens.set(c.req.raw, { token, result });
  return result;
}

/** CSRF: the signed token in a check-in link's address is the proof (worker/http/signed-link-csrf.ts). */
export const checkinCsrfExempt = signedLinkCsrfExempt(CHECKIN_POST, checkToken);

/** The page for a link that does not (or no longer) work. */
function linkProblem(c: Context<AppEnv>, problem: "expired" | "broken" | "unavailable") {
  const t = c.var.t;
  if (problem === "expired") {
    c.status(410);
    return c.render(<SignedLinkProblem title={t("checkin.closed.title")} message={t("checkin.closed.body")} />, {
      title: t("checkin.closed.title"),
    });
  }
  c.status(404);
  const [title, message] =
    problem === "unavailable"
      ? (["link.unavailable.checkin", "link.unavailable.checkinBody"] as const)
      : (["link.broken.title", "link.broken.body"] as const);
  return c.render(<SignedLinkProblem title={t(title)} message={t(message)} />, { title: t("link.problem") });
}

/** The link this request carries, with its pairing; or the problem page. */
async function linkOf(c: Context<AppEnv>): Promise<Response | ResolvedLink> {
  const token = c.req.param("token") ?? "";
  const checked = await checkToken(c, token);
  if (!checked.ok) return linkProblem(c, checked.problem === "expired" ? "expired" : "broken");
  const resolved = await resolveLink(c.env, checked.link);
  return resolved ? { ...resolved, token } : linkProblem(c, "unavailable");
}

/** A link with its pairing id (from the token, or D1 for an old token). */
type ResolvedLink = CheckinLink & { token: string; pairingId: string };

/** What the page shows: the pairing's names and the member's zone (from D1), their answer so far (from the room). */
async function pageData(c: Context<AppEnv>, link: ResolvedLink) {
  const [pairing, state] = await Promise.all([
    loadPairing(c.env, link.pairingId),
    roomOf(c.env, link.pairingId).checkin({ kind: "member", personId: link.personId }, link.checkinId),
  ]);
  const me = pairing?.members.find((m) => m.personId === link.personId);
  return pairing && me && state.ok ? { pairing, me, mine: state.value.answers[0] } : null;
}

/** Renders the check-in page for a link; `error` is worded in the member's time zone. */
async function renderCheckin(
  c: Context<AppEnv>,
  link: ResolvedLink,
  form: { chosen?: string; comment?: string; error?: (timeZone: string) => string; thanks?: boolean } = {},
) {
  await speakAs(c, link.personId);
  const data = await pageData(c, link);
  if (!data) return linkProblem(c, "unavailable");
  const { pairing, me, mine } = data;
  const answered = mine?.answer ? { answer: mine.answer, at: mine.answeredAt } : null;
  const fromLink = c.req.query("a");
  const linkAnswer = isCheckinAnswer(fromLink) ? fromLink : undefined;
  // A recorded answer is preselected over the link's: a different link answer is offered separately, to confirm.
  const chosen = form.chosen ?? answered?.answer ?? linkAnswer ?? "";
  const differs = !form.error && answered && linkAnswer && linkAnswer !== answered.answer ? linkAnswer : undefined;
  const page = (
    <CheckinPage
      csrf={c.var.csrf}
      token={link.token}
      partners={listText(
        c.var.locale,
        pairing.members.filter((m) => m.personId !== link.personId).map((m) => m.name),
      )}
      programName={pairing.programName}
      timeZone={me.timeZone}
      closesAt={link.closesAt}
      chosen={chosen}
      linkAnswer={differs}
      comment={form.comment ?? mine?.comment ?? ""}
      answered={answered}
      error={form.error?.(me.timeZone)}
      thanks={form.thanks}
    />
  );
  return c.render(page, { title: c.var.t("checkin.title") });
}

checkinLinkRoutes.get("/c/:token", async (c) => {
  const link = await linkOf(c);
  if (link instanceof Response) return link;
  return renderCheckin(c, link, { thanks: c.req.query("done") === "1" });
});

checkinLinkRoutes.post("/c/:token", async (c) => {
  const link = await linkOf(c);
  if (link instanceof Response) return link;
  const form = await readForm(c);
  const answer = textField(form, "answer");
  const comment = textField(form, "comment");
  const result = await roomOf(c.env, link.pairingId).answerCheckin(
    { kind: "member", personId: link.personId },
    link.checkinId,
    answer,
    comment,
  );
  if (result.ok) return c.redirect(`/c/${link.token}?done=1`, 303);
  // Not a member (any more), or no such check-in in that pairing: the link is of no use to them.
  if (result.status === 403 || result.status === 404) return linkProblem(c, "unavailable");
  c.status(result.status === 409 ? 410 : result.status);
  // Worded once the page speaks the member's language (renderCheckin sets it), in their time zone.
  const error = (timeZone: string) => {
    const t = c.var.t;
    const found = messageOf(result.error);
    const text = found ? t(found.id, found.values) : result.error;
    if (result.status !== 409) return text;
    return `${text} ${t("checkinError.closedOn", { when: formatInstant(link.closesAt, timeZone, intlTag(c.var.locale)) })}`;
  };
  return renderCheckin(c, link, { chosen: answer, comment, error });
});
