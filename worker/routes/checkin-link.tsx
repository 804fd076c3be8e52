/** Check-ins answered from the email link, without signing in: GET shows the choice, POST records it. */
import { type Context, Hono } from "hono";
import { CheckinLinkProblem, CheckinPage } from "../../views/pages/checkin";
import { formatInstant } from "../domain/format-time";
import { isCheckinAnswer } from "../domain/journey/checkin-answers";
import { checkinPairing, readCheckinToken } from "../checkins/answers";
import { readForm, textField } from "../http/forms";
import { loadPairing, roomOf } from "../pairings/access";
import type { AppEnv } from "../types";

export const checkinLinkRoutes = new Hono<AppEnv>();

const CHECKIN_POST = /^\/c\/([^/]+)$/;

/**
 * CSRF: a check-in answer is posted from an email link, possibly from a text browser that keeps no cookies; the signed
 * token in the address (scoped to one member and check-in) is the proof, so a POST whose token carries a valid
 * signature (even an expired one, which the route then refuses with a clear page) needs no CSRF cookie.
 */
export async function checkinCsrfExempt(c: Context<AppEnv>): Promise<boolean> {
  const match = c.req.method === "POST" ? CHECKIN_POST.exec(c.req.path) : null;
  if (!match) return false;
  const checked = await readCheckinToken(c.env, decodeURIComponent(match[1]!));
  return checked.ok || checked.problem === "expired";
}

/** Checks the link and gathers what the page needs, or answers the problem page. */
async function resolveLink(c: Context<AppEnv>) {
  const token = c.req.param("token") ?? "";
  const checked = await readCheckinToken(c.env, token);
  if (!checked.ok) {
    if (checked.problem === "expired") {
      c.status(410);
      return c.render(
        <CheckinLinkProblem
          title="This check-in has closed"
          message="Thanks for looking! The next check-in will reach you by email."
        />,
        { title: "Check-in closed" },
      );
    }
    c.status(404);
    return c.render(
      <CheckinLinkProblem
        title="This link does not work"
        message="It may be incomplete: open it again from the email, or sign in to Trellis."
      />,
      { title: "Link problem" },
    );
  }
  const { u: personId, s: checkinId } = checked.claims;
  const found = await checkinPairing(c.env, checkinId);
  const pairing = found ? await loadPairing(c.env, found.pairingId) : null;
  const me = pairing?.members.find((m) => m.personId === personId);
  if (!found || !pairing || !me) {
    c.status(404);
    return c.render(
      <CheckinLinkProblem title="This check-in is not available" message="You may no longer be in this pairing." />,
      { title: "Link problem" },
    );
  }
  return { token, personId, checkinId, pairing, me, closesAt: found.closesAt };
}

/** Renders the page for a resolved link. */
async function renderCheckin(
  c: Context<AppEnv>,
  link: Exclude<Awaited<ReturnType<typeof resolveLink>>, Response>,
  form: { chosen?: string; comment?: string; error?: string; thanks?: boolean } = {},
) {
  const state = await roomOf(c.env, link.pairing.id).checkin(
    { kind: "member", personId: link.personId },
    link.checkinId,
  );
  const mine = state.ok ? state.value.answers[0] : undefined;
  const answered = mine?.answer ? { answer: mine.answer, at: mine.answeredAt } : null;
  const fromLink = c.req.query("a");
  const chosen = form.chosen ?? (isCheckinAnswer(fromLink) ? fromLink : (answered?.answer ?? ""));
  const page = (
    <CheckinPage
      csrf={c.var.csrf}
      token={link.token}
      partners={link.pairing.members
        .filter((m) => m.personId !== link.personId)
        .map((m) => m.name)
        .join(", ")}
      programName={link.pairing.programName}
      timeZone={link.me.timeZone}
      closesAt={link.closesAt}
      chosen={chosen}
      comment={form.comment ?? mine?.comment ?? ""}
      answered={answered}
      error={form.error}
      thanks={form.thanks}
    />
  );
  return c.render(page, { title: "Check-in" });
}

checkinLinkRoutes.get("/c/:token", async (c) => {
  const link = await resolveLink(c);
  if (link instanceof Response) return link;
  return renderCheckin(c, link, { thanks: c.req.query("done") === "1" });
});

checkinLinkRoutes.post("/c/:token", async (c) => {
  const link = await resolveLink(c);
  if (link instanceof Response) return link;
  const form = await readForm(c);
  const answer = textField(form, "answer");
  const comment = textField(form, "comment");
  const result = await roomOf(c.env, link.pairing.id).answerCheckin(
    { kind: "member", personId: link.personId },
    link.checkinId,
    answer,
    comment,
  );
  if (!result.ok) {
    c.status(result.status === 409 ? 410 : result.status);
    const error =
      result.status === 409
        ? `${result.error} It closed on ${formatInstant(link.closesAt, link.me.timeZone)}.`
        : result.error;
    return renderCheckin(c, link, { chosen: answer, comment, error });
  }
  return c.redirect(`/c/${link.token}?done=1`, 303);
});
