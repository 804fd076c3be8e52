/** The Hono app: middleware in order (request log, headers, session, CSRF, renderer), then routes grouped by resource. */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { BadRequestPage, CsrfRejectedPage, NotFoundPage, ServerErrorPage } from "../views/pages/errors";
import { demoSeeder } from "./demo/seed";
import { journeyWaker } from "./middleware/journey-waker";
import { logRequestError, requestLog } from "./middleware/request-log";
import { localOnlyDevTools } from "./middleware/local-only";
import { bodySizeLimit } from "./middleware/body-limit";
import { csrfProtection } from "./middleware/csrf";
import { browserLanguage, localeResolver, translatorOf } from "./middleware/locale";
import { renderer } from "./middleware/renderer";
import { securityHeaders } from "./middleware/security-headers";
import { sessionLoader } from "./middleware/session";
import { pagesRefuseBearer } from "./api/bearer";
import { apiRoutes } from "./routes/api-v1";
import { scimRoutes } from "./routes/scim";
import { authRoutes } from "./routes/auth";
import { oidcRoutes } from "./routes/oidc";
import { calendarRoutes } from "./routes/calendar";
import { checkinCsrfExempt, checkinLinkRoutes } from "./routes/checkin-link";
import { meetingCsrfExempt, meetingLinkRoutes } from "./routes/meeting-link";
import { devRoutes } from "./routes/dev";
import { healthRoutes } from "./routes/health";
import { homeRoutes } from "./routes/home";
import { invitationRoutes } from "./routes/invitations";
import { languageRoutes } from "./routes/language";
import { matchingRoutes } from "./routes/matching";
import { mailDeliveryRoutes, mailMachineCsrfExempt } from "./routes/mail-delivery";
import { csrfExempt, notificationRoutes } from "./routes/notifications";
import { reminderSettingsRoutes } from "./routes/reminder-settings";
import { proposalRoutes } from "./routes/matching-proposals";
import { matchingSettingsRoutes } from "./routes/matching-settings";
import { fairnessRoutes } from "./routes/matching-fairness";
import { importRoutes } from "./routes/program-import";
import { programAnswerRoutes } from "./routes/program-answers";
import { programInvitationRoutes } from "./routes/program-invitations";
import { pairingAgreementRoutes } from "./routes/pairing-agreement";
import { pairingChatRoutes } from "./routes/pairing-chat";
import { pairingMeetingRoutes } from "./routes/pairing-meetings";
import { pairingGoalRoutes } from "./routes/pairing-goals";
import { pairingNoteRoutes } from "./routes/pairing-notes";
import { pairingFileRoutes } from "./routes/pairing-files";
import { programLibraryRoutes } from "./routes/program-library";
import { programSurveyRoutes } from "./routes/program-surveys";
import { surveyCsrfExempt, surveyLinkRoutes } from "./routes/survey-link";
import { pairingResourceRoutes } from "./routes/pairing-resources";
import { pairingRoutes } from "./routes/pairing";
import { profileRoutes } from "./routes/profile";
import { programJourneyRoutes } from "./routes/program-journey";
import { myDataRoutes } from "./routes/my-data";
import { onboardingRoutes } from "./routes/onboarding";
import { programExportRoutes } from "./routes/program-exports";
import { programDashboardRoutes } from "./routes/program-dashboard";
import { programPairingRoutes } from "./routes/program-pairings";
import { programActionRoutes } from "./routes/program-actions";
import { programApiTokenRoutes } from "./routes/program-api-tokens";
import { programWebhookRoutes } from "./routes/program-webhooks";
import { programAuditRoutes } from "./routes/program-audit";
import { programMessageRoutes } from "./routes/program-message";
import { programRematchRoutes } from "./routes/program-rematch";
import { programRoutes } from "./routes/programs";
import { selfMatchRoutes } from "./routes/self-match";
import type { AppEnv } from "./types";

export const app = new Hono<AppEnv>();

app.use(requestLog);
app.use(securityHeaders);
app.use(localOnlyDevTools);
// The demo seed is built only into local servers (wrangler.toml [define]); deployed bundles leave it out.
if (__TRELLIS_DEMO__) app.use(demoSeeder);
app.use(journeyWaker);
// The JSON API answers before the session, CSRF and page middleware: it reads no cookie, only its bearer token.
app.route("/api", apiRoutes);
app.route("/scim", scimRoutes);
app.use(pagesRefuseBearer);
app.use(browserLanguage);
app.use(renderer);
app.use(sessionLoader);
app.use(localeResolver);
app.use(bodySizeLimit);
app.use(
  csrfProtection(
    async (c) => {
      c.status(403);
      return c.render(<CsrfRejectedPage />, { title: translatorOf(c)("error.csrf.title") });
    },
    async (c) =>
      mailMachineCsrfExempt(c) ||
      (await csrfExempt(c)) ||
      (await checkinCsrfExempt(c)) ||
      (await meetingCsrfExempt(c)) ||
      (await surveyCsrfExempt(c)),
  ),
);

app.route("/", healthRoutes);
app.route("/", homeRoutes);
app.route("/", mailDeliveryRoutes);
app.route("/", authRoutes);
app.route("/", oidcRoutes);
app.route("/", languageRoutes);
app.route("/", profileRoutes);
app.route("/", onboardingRoutes);
app.route("/", importRoutes);
app.route("/", programInvitationRoutes);
app.route("/", programAnswerRoutes);
app.route("/", fairnessRoutes);
app.route("/", matchingSettingsRoutes);
app.route("/", matchingRoutes);
app.route("/", proposalRoutes);
app.route("/", selfMatchRoutes);
app.route("/", calendarRoutes);
app.route("/", checkinLinkRoutes);
app.route("/", meetingLinkRoutes);
app.route("/", programJourneyRoutes);
app.route("/", programExportRoutes);
app.route("/", myDataRoutes);
app.route("/", programActionRoutes);
app.route("/", programApiTokenRoutes);
app.route("/", programWebhookRoutes);
app.route("/", programAuditRoutes);
app.route("/", programMessageRoutes);
app.route("/", programRematchRoutes);
app.route("/", programDashboardRoutes);
app.route("/", programPairingRoutes);
app.route("/", pairingRoutes);
app.route("/", pairingAgreementRoutes);
app.route("/", pairingMeetingRoutes);
app.route("/", pairingChatRoutes);
app.route("/", pairingGoalRoutes);
app.route("/", pairingNoteRoutes);
app.route("/", pairingResourceRoutes);
app.route("/", pairingFileRoutes);
app.route("/", programSurveyRoutes);
app.route("/", programLibraryRoutes);
app.route("/", surveyLinkRoutes);
app.route("/", programRoutes);
app.route("/", invitationRoutes);
app.route("/", notificationRoutes);
app.route("/", reminderSettingsRoutes);
// The dev mailbox, style guide and journey test pairing: built into local builds only (deployed bundles leave them out,
// besides DEV_TOOLS refusing public hosts at run time).
if (__TRELLIS_DEMO__) app.route("/", devRoutes);

app.notFound((c) => {
  c.status(404);
  return c.render(<NotFoundPage />, { title: translatorOf(c)("error.notFound.title") });
});

app.onError((err, c) => {
  if (err instanceof HTTPException && err.status < 500) {
    c.status(err.status);
    return c.render(<BadRequestPage message={err.message || undefined} />, {
      title: translatorOf(c)("error.badRequest.title"),
    });
  }
  logRequestError(c, err);
  c.status(500);
  return c.render(<ServerErrorPage />, { title: translatorOf(c)("error.server.title") });
});
