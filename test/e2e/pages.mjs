// The demo's pages by who can open them: one list for every walk over "all pages" (the design and language suites,
// and scripts/screenshots.mjs), so a new page is added once and every walk covers it.

/** The demo's running program and a pairing in it that is wrapping up (Wanjiru mentors Kofi). */
export const SPRING = "/programs/demo-spring-2026";
export const ROOM = "/pairings/demospringwrappingup";
/** A program still matching its cohort. */
export const AUTUMN = "/programs/demo-autumn-2026";

/** Pages a signed-out visitor sees. */
export const VISITOR_PAGES = ["/", "/signin", "/signin/sent?email=someone@example.org", "/no-such-page"];

/** Pages a coordinator of the demo programs sees (dev-only tools last). */
export const COORDINATOR_PAGES = [
  "/",
  "/programs",
  "/programs/new",
  SPRING,
  `${SPRING}/dashboard`,
  `${SPRING}/dashboard/checkins`,
  `${SPRING}/dashboard/engagement`,
  `${SPRING}/dashboard/surveys`,
  `${SPRING}/surveys`,
  `${SPRING}/library`,
  `${SPRING}/at-risk`,
  `${SPRING}/pairings`,
  `${SPRING}/pairings/demospringpaused`,
  `${SPRING}/journey`,
  `${SPRING}/message`,
  `${SPRING}/exports`,
  `${SPRING}/audit`,
  `${SPRING}/webhooks`,
  `${SPRING}/edit`,
  `${SPRING}/import`,
  AUTUMN,
  `${AUTUMN}/matching`,
  `${AUTUMN}/matching/settings`,
  `${AUTUMN}/matching/fairness`,
  "/profile",
  "/calendar",
  "/settings/notifications",
  "/settings/data",
];

/** Pages only a development server has (DEV_TOOLS): English by design, never shown to participants. */
export const DEV_PAGES = ["/dev/mailbox", "/dev/style"];

/** Pages a mentee in a running pairing sees (`room` is their pairing). */
export const participantPages = (room = ROOM) => [
  "/",
  `${SPRING}/me`,
  room,
  `${room}/agreement`,
  `${room}/chat`,
  `${room}/meetings`,
  `${room}/goals`,
  `${room}/notes`,
  `${room}/resources`,
  "/profile",
  "/calendar",
  "/settings/notifications",
  "/settings/data",
];

/** Pages of a mentee choosing their own mentor, and of onboarding into a program. */
export const SELF_MATCH_PAGES = [
  "/programs/demo-self-match/me",
  "/programs/demo-self-match/mentors",
  `${AUTUMN}/welcome`,
];
