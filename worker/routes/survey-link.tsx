/**
 * A member answers a survey: from the mail's link without signing in (`/s/:token`, following the check-in link's rules:
 * signed, scoped to the member and the request, expiring; GET shows the form and records nothing, only pressing the
 * button POSTs), or in the app (`/surveys/:requestId`, signed in as that member). Answers can be changed until the link
 * expires.
 */
import { type Context, Hono } from "hono";
import { SignedLinkProblem } from "../../views/components/link-problem";
import { SurveyAnswerPage } from "../../views/pages/surveys";
import { signingKeys, verifyToken } from "../domain/signed-link-tokens";
import { parseAnswers } from "../domain/surveys/survey";
import { readForm } from "../http/forms";
import { requireUser } from "../http/guards";
import { signedLinkCsrfExempt } from "../http/signed-link-csrf";
import { speakAs } from "../middleware/locale";
import { recordAnswers, surveyRequest } from "../surveys/surveys";
import type { AppEnv } from "../types";

export const surveyLinkRoutes = new Hono<AppEnv>();

/** Each request's token check, shared by the CSRF exemption and the route. */
const checked = new WeakMap<Request, ReturnType<typeof verifyToken>>();
const check = (c: Context<AppEnv>, token: string) => {
  const known = checked.get(c.req.raw);
  if (known) return known;
  const result = verifyToken(signingKeys(c.env), token, "survey");
  checked.set(c.req.raw, result);
  return result;
};

/** CSRF: the signed token in the link's address is the proof (worker/http/signed-link-csrf.ts). */
export const surveyCsrfExempt = signedLinkCsrfExempt(/^\/s\/([^/]+)$/, check);

/** The request a link or the app names, for that person; or the problem page. */
async function requestFor(
  c: Context<AppEnv>,
): Promise<Response | { request: NonNullable<Awaited<ReturnType<typeof surveyRequest>>>; action: string }> {
  const t = c.var.t;
  const token = c.req.param("token");
  let personId = c.var.user?.id;
  let requestId = c.req.param("requestId") ?? "";
  if (token !== undefined) {
    const v = await check(c, token);
    if (!v.ok) {
      c.status(v.problem === "expired" ? 410 : 404);
      return c.render(<SignedLinkProblem title={t("surveys.closed")} message={t("link.broken.body")} />, {
        title: t("link.problem"),
      });
    }
    personId = v.claims.u;
    requestId = v.claims.s;
  }
  const request = await surveyRequest(c.env, requestId);
  if (!request || request.personId !== personId) {
    c.status(404);
    return c.render(<SignedLinkProblem title={t("link.broken.title")} message={t("link.broken.body")} />, {
      title: t("link.problem"),
    });
  }
  if (request.expiresAt < Date.now()) {
    c.status(410);
    return c.render(<SignedLinkProblem title={t("surveys.closed")} message={t("surveys.closedBody")} />, {
      title: t("surveys.closed"),
    });
  }
  await speakAs(c, request.personId);
  return { request, action: token === undefined ? `/surveys/${requestId}` : `/s/${token}` };
}

/** The form, with what was given (stored, or just sent after a refusal). */
function render(
  c: Context<AppEnv>,
  found: Exclude<Awaited<ReturnType<typeof requestFor>>, Response>,
  given?: Record<string, string[]>,
  error?: string,
) {
  const { request, action } = found;
  const stored: Record<string, string[]> = {};
  for (const a of request.answers) stored[a.questionId] = [...(stored[a.questionId] ?? []), a.value];
  const page = (
    <SurveyAnswerPage
      action={action}
      csrf={c.var.csrf}
      title={request.title}
      program={request.program}
      questions={request.questions}
      given={given ?? stored}
      error={error}
      thanks={c.req.query("done") === "1"}
    />
  );
  return c.render(page, { title: request.title });
}

const show = async (c: Context<AppEnv>) => {
  const found = await requestFor(c);
  return found instanceof Response ? found : render(c, found);
};

const answer = async (c: Context<AppEnv>) => {
  const found = await requestFor(c);
  if (found instanceof Response) return found;
  const form = await readForm(c);
  const given: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(form))
    given[k] = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
  const parsed = parseAnswers(found.request.questions, given);
  if (!parsed.ok) {
    c.status(422);
    return render(c, found, given, parsed.error);
  }
  await recordAnswers(c.env, found.request.id, parsed.answers);
  return c.redirect(`${found.action}?done=1`, 303);
};

surveyLinkRoutes.get("/s/:token", show);
surveyLinkRoutes.post("/s/:token", answer);
surveyLinkRoutes.get("/surveys/:requestId", requireUser, show);
surveyLinkRoutes.post("/surveys/:requestId", requireUser, answer);
