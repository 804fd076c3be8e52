/**
 * D1 schema: the system of record for people, sessions, programs, memberships, matching, pairings and outbound mail.
 */
import { sql } from "drizzle-orm";
import {
  checkinAnswerValues,
  matchingModes,
  matchRequestStatuses,
  matchRunStatuses,
  mailJobKinds,
  mailJobStatuses,
  notificationCategories,
  notificationStatuses,
  pairingRoles,
  pairingSources,
  programTypes,
  roles,
  suppressionKinds,
} from "../domain/vocabulary";
import type { MatchSettings } from "../domain/matching/settings";
import type { MatchRequest } from "../domain/matching/requests";
import type { Person, Program, StoredMail } from "../domain/records";
import { libraryMilestones } from "../domain/library/library";
import { type SurveyQuestion, surveyTriggers } from "../domain/surveys/survey";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const now = sql`(unixepoch() * 1000)`;

/** A person with their profile; one row per email address. */
export const people = sqliteTable(
  "people",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    pronouns: text("pronouns").notNull().default(""),
    bio: text("bio").notNull().default(""),
    timeZone: text("time_zone").notNull().default("UTC"),
    /** JSON arrays of lower-case tags. */
    goals: text("goals", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    expertise: text("expertise", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    interests: text("interests", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    languages: text("languages", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    channels: text("channels", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Weekly availability in the person's own time zone: [{ day: 0-6 (Mon-Sun), start: minutes, end: minutes }]. */
    availability: text("availability", { mode: "json" })
      .$type<{ day: number; start: number; end: number }[]>()
      .notNull()
      .default(sql`'[]'`),
    /** Contact hours in the person's own time zone, minutes after midnight. */
    contactStart: integer("contact_start").notNull().default(540),
    contactEnd: integer("contact_end").notNull().default(1080),
    capacity: integer("capacity").notNull().default(0),
    unavailable: integer("unavailable", { mode: "boolean" }).notNull().default(false),
    /** May create programs. */
    canCreatePrograms: integer("can_create_programs", { mode: "boolean" }).notNull().default(false),
    /** The language the person chose for pages and mail (a shipped locale tag); null: their browser's, or the program's. */
    language: text("language"),
    /** Set when the person deleted their data: the row stays as an anonymous tombstone so pairings keep their shape. */
    deletedAt: integer("deleted_at"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("people_email_unique").on(t.email)],
);

/** A signed-in session; the cookie holds the random id, the table only its SHA-256. */
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_person_idx").on(t.personId)],
);

/** One-time email sign-in links (hashed, single use, short-lived). */
export const loginTokens = sqliteTable(
  "login_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    email: text("email").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("login_tokens_email_idx").on(t.email)],
);

/**
 * Single sign-on attempts under way (worker/oidc/flows.ts): the browser's cookie holds the random id, the table its
 * SHA-256 with the state, nonce and PKCE verifier; a row is used once (deleted when the provider sends the browser
 * back) and lives 10 minutes.
 */
export const oidcFlows = sqliteTable(
  "oidc_flows",
  {
    idHash: text("id_hash").primaryKey(),
    provider: text("provider").notNull(),
    state: text("state").notNull(),
    nonce: text("nonce").notNull(),
    verifier: text("verifier").notNull(),
    /** Where to go after signing in (a path of this site). */
    next: text("next").notNull().default("/"),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("oidc_flows_expires_idx").on(t.expiresAt)],
);

/** Counted events for rate limits (sign-in mail per address and per client). */
export const rateEvents = sqliteTable(
  "rate_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    bucket: text("bucket").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("rate_events_bucket_at_idx").on(t.bucket, t.at)],
);

/** A mentoring program run by one or more coordinators. */
export const programs = sqliteTable("programs", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  type: text("type", { enum: programTypes }).notNull(),
  lengthWeeks: integer("length_weeks").notNull(),
  cadenceDays: integer("cadence_days").notNull(),
  matchingMode: text("matching_mode", { enum: matchingModes }).notNull(),
  /** The language for members who chose none (a shipped locale tag); null: English. */
  language: text("language"),
  /**
   * Matching settings (weights, language rule, mentors per mentee, request expiry, attributes); see
   * domain/matching-settings.
   */
  matchSettings: text("match_settings", { mode: "json" }).$type<MatchSettings>(),
  /** The milestone template pairings follow (see domain/journey/template); null means the default. */
  milestoneTemplate: text("milestone_template"),
  /**
   * The single sign-on provider (an id in OIDC_PROVIDERS) this program's mentors and mentees must sign in with; null:
   * email links work for them too. Coordinators may always use either.
   */
  ssoProvider: text("sso_provider"),
  createdBy: text("created_by")
    .notNull()
    .references(() => people.id),
  createdAt: integer("created_at").notNull().default(now),
  updatedAt: integer("updated_at").notNull().default(now),
});

/** A person's role in a program; one row per (program, person, role). */
export const memberships = sqliteTable(
  "memberships",
  {
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text("role", { enum: roles }).notNull(),
    status: text("status", { enum: ["invited", "active"] }).notNull(),
    createdAt: integer("created_at").notNull().default(now),
    /** When an invitation email was last sent for this membership; null when never (e.g. imported from CSV). */
    invitedAt: integer("invited_at"),
    /**
     * Answers to the program's own attributes (e.g. { department: "finance" }), used for scoring and the fairness
     * report.
     */
    attributes: text("attributes", { mode: "json" }).$type<Record<string, string>>().notNull().default(sql`'{}'`),
    /** Mentors this mentee would like, where the program allows more than one. */
    wants: integer("wants").notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.programId, t.personId, t.role] }), index("memberships_person_idx").on(t.personId)],
);

/** Invitation links to join a program (hashed, single use, expiring). */
export const invitations = sqliteTable(
  "invitations",
  {
    tokenHash: text("token_hash").primaryKey(),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text("role", { enum: roles }).notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("invitations_program_idx").on(t.programId)],
);

/** Every outbound email is written here first, then handed to a transport. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    toEmail: text("to_email").notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    kind: text("kind").notNull(),
    status: text("status", { enum: notificationStatuses }).notNull(),
    transport: text("transport").notNull(),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
    error: text("error"),
    /** The recipient when known (for preferences, contact hours and digests), and what the mail is about. */
    personId: text("person_id"),
    category: text("category"),
    /** Not to be delivered before this instant (the recipient's contact hours), epoch ms. */
    notBefore: integer("not_before"),
    deliveredAt: integer("delivered_at"),
    /** The Reply-To address (a member's signed reply address), so replies land in their pairing. */
    replyTo: text("reply_to"),
    /** The sending service's id for the message (matches its bounce and complaint reports). */
    providerId: text("provider_id"),
    /** QStash's id for the message that carries this mail to our delivery endpoint. */
    qstashMessageId: text("qstash_message_id"),
    /** Hand-overs tried so far (publishes to QStash, or sends without it); the sweep stops retrying at a limit. */
    attempts: integer("attempts").notNull().default(0),
    /** When a delivery took this row to send it (a lease: a second delivery of the same mail waits or does nothing). */
    claimedAt: integer("claimed_at"),
    /** The conversation the mail belongs to (a pairing id): its mails share a thread in mail clients (References). */
    thread: text("thread"),
  },
  (t) => [
    index("notifications_created_idx").on(t.createdAt),
    index("notifications_to_idx").on(t.toEmail),
    index("notifications_provider_idx").on(t.providerId),
    index("notifications_status_idx").on(t.status, t.notBefore),
  ],
);

/** Addresses mail must not go to any more: the sending service reported a hard bounce or a spam complaint. */
export const mailSuppressions = sqliteTable("mail_suppressions", {
  /** The address, lower-cased. */
  email: text("email").primaryKey(),
  kind: text("kind", { enum: suppressionKinds }).notNull(),
  /** The service's words for what happened (shown to coordinators; no message text). */
  reason: text("reason").notNull(),
  at: integer("at").notNull(),
  /** The outbox row the report was about, when known. */
  notificationId: text("notification_id"),
});

/** One bulk mailing (a program message, a batch of invitations, a digest run) and how far its Workflow got. */
export const mailJobs = sqliteTable(
  "mail_jobs",
  {
    /** The job's id: also its Workflow instance id (for a program message, the confirmation key). */
    id: text("id").primaryKey(),
    programId: text("program_id").references(() => programs.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: mailJobKinds }).notNull(),
    status: text("status", { enum: mailJobStatuses }).notNull(),
    /** Recipients in all, and how many of them the finished batches covered. */
    total: integer("total").notNull(),
    done: integer("done").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    finishedAt: integer("finished_at"),
  },
  (t) => [index("mail_jobs_program_idx").on(t.programId, t.createdAt)],
);

/** Small key/value facts about this installation (e.g. whether the demo was seeded). */
export const appMeta = sqliteTable("app_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** The report of one CSV import, kept so the result page survives redirect-after-POST and reloads. */
export const participantImports = sqliteTable(
  "participant_imports",
  {
    id: text("id").primaryKey(),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    importedBy: text("imported_by")
      .notNull()
      .references(() => people.id),
    createdAt: integer("created_at").notNull(),
    added: integer("added").notNull(),
    present: integer("present").notNull(),
    badCount: integer("bad_count").notNull(),
    /** The first bad rows with line and reason, and notices about the file. */
    bad: text("bad", { mode: "json" }).$type<{ line: number; reason: string }[]>().notNull(),
    notices: text("notices", { mode: "json" }).$type<string[]>().notNull(),
  },
  (t) => [index("participant_imports_program_idx").on(t.programId, t.createdAt)],
);

/** Avoid lists: `personId` must not be matched with `avoidId` in this program (checked both ways by the matcher). */
export const matchAvoids = sqliteTable(
  "match_avoids",
  {
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    avoidId: text("avoid_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.programId, t.personId, t.avoidId] })],
);

/** One run of the whole-cohort matcher for a program; its proposals wait in staging until published or discarded. */
export const matchRuns = sqliteTable(
  "match_runs",
  {
    id: text("id").primaryKey(),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    status: text("status", { enum: matchRunStatuses }).notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => people.id),
    createdAt: integer("created_at").notNull(),
    finishedAt: integer("finished_at"),
    publishedAt: integer("published_at"),
    mentorCount: integer("mentor_count").notNull().default(0),
    menteeCount: integer("mentee_count").notNull().default(0),
    /** The optimiser's total score when the run finished (hand edits change proposals, not this). */
    total: integer("total").notNull().default(0),
    /**
     * A date in the reference week for availability overlap (the run's week), so rescoring a hand edit agrees with the
     * run.
     */
    week: text("week").notNull(),
    /** Sparse solves the optimiser needed (see domain/matching/assign). */
    rounds: integer("rounds").notNull().default(0),
    /** People left with fewer partners than they could take, and why: [{ id, role, reason }]. */
    unmatched: text("unmatched", { mode: "json" })
      .$type<{ id: string; role: string; reason: string }[]>()
      .notNull()
      .default(sql`'[]'`),
    error: text("error"),
    /** The run also considers invited people who have not joined, when their imported profile says enough to match. */
    includeInvited: integer("include_invited", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("match_runs_program_idx").on(t.programId, t.createdAt)],
);

/**
 * A staged proposal of a run: a mentor and a mentee (in peer programs simply two peers) with the score and its reasons.
 * `originalScore` is what the optimiser proposed; a hand edit keeps it so the page can show the change.
 */
export const matchProposals = sqliteTable(
  "match_proposals",
  {
    id: text("id").primaryKey(),
    runId: text("run_id")
      .notNull()
      .references(() => matchRuns.id, { onDelete: "cascade" }),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    mentorId: text("mentor_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    menteeId: text("mentee_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    score: integer("score").notNull(),
    reasons: text("reasons", { mode: "json" }).$type<string[]>().notNull(),
    originalScore: integer("original_score"),
    approved: integer("approved", { mode: "boolean" }).notNull().default(false),
    editedBy: text("edited_by"),
    /** Set when published: the pairing this proposal became. */
    pairingId: text("pairing_id"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("match_proposals_pair_unique").on(t.runId, t.mentorId, t.menteeId),
    index("match_proposals_mentee_idx").on(t.runId, t.menteeId),
  ],
);

/**
 * A pairing (or a group: one mentor, several mentees; or two peers): the D1 projection the pairing room keeps current.
 */
export const pairings = sqliteTable(
  "pairings",
  {
    id: text("id").primaryKey(),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    source: text("source", { enum: pairingSources }).notNull(),
    stage: text("stage").notNull().default("onboarding"),
    createdAt: integer("created_at").notNull(),
    lastActivityAt: integer("last_activity_at"),
    endedAt: integer("ended_at"),
    /** Why the pairing was paused or ended early, as the person who did it wrote it. */
    stageReason: text("stage_reason").notNull().default(""),
    /** Projection fields the pairing room writes; `projectionVersion` makes each write apply once and in order. */
    projectionVersion: integer("projection_version").notNull().default(0),
    messageCount: integer("message_count").notNull().default(0),
    agreementSigned: integer("agreement_signed", { mode: "boolean" }).notNull().default(false),
    agreementVersion: integer("agreement_version").notNull().default(0),
    goalCount: integer("goal_count").notNull().default(0),
    /** Mean progress (0–100) of goals not dropped; null without goals. */
    goalProgress: integer("goal_progress"),
    /** Set by the journey when a milestone slips (why, and since when); cleared when it recovers. */
    riskReason: text("risk_reason"),
    riskSince: integer("risk_since"),
  },
  (t) => [index("pairings_program_idx").on(t.programId, t.stage)],
);

/** Who is in a pairing, in which role. */
export const pairingMembers = sqliteTable(
  "pairing_members",
  {
    pairingId: text("pairing_id")
      .notNull()
      .references(() => pairings.id, { onDelete: "cascade" }),
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text("role", { enum: pairingRoles }).notNull(),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    /** Projected by the room: messages this member wrote, and messages they have not read yet. */
    messageCount: integer("message_count").notNull().default(0),
    unreadCount: integer("unread_count").notNull().default(0),
    /** Projected by the room: the newest agreement version this member signed (0: none), for "an agreement to sign". */
    agreementSignedVersion: integer("agreement_signed_version").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.pairingId, t.personId] }),
    index("pairing_members_person_idx").on(t.personId, t.role),
    index("pairing_members_program_idx").on(t.programId),
  ],
);

/** Self-match: a mentee asks a mentor, who accepts or declines before `expiresAt`. */
export const matchRequests = sqliteTable(
  "match_requests",
  {
    id: text("id").primaryKey(),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    menteeId: text("mentee_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    mentorId: text("mentor_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    message: text("message").notNull().default(""),
    status: text("status", { enum: matchRequestStatuses }).notNull(),
    /** The mentor's optional reason when declining. */
    reason: text("reason").notNull().default(""),
    score: integer("score").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    decidedAt: integer("decided_at"),
    pairingId: text("pairing_id"),
  },
  (t) => [
    index("match_requests_mentor_idx").on(t.mentorId, t.status),
    index("match_requests_mentee_idx").on(t.menteeId, t.programId),
  ],
);

/** Every stage change of a pairing, projected by its room once each (keyed by the room's sequence number). */
export const pairingStageChanges = sqliteTable(
  "pairing_stage_changes",
  {
    pairingId: text("pairing_id")
      .notNull()
      .references(() => pairings.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    fromStage: text("from_stage").notNull(),
    toStage: text("to_stage").notNull(),
    reason: text("reason").notNull().default(""),
    /** Who did it: a person id, or "journey". */
    actor: text("actor").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.pairingId, t.seq] }), index("pairing_stage_changes_at_idx").on(t.pairingId, t.at)],
);

/** A pairing's goals as the room projects them: title, status, progress and target date (never notes or chat). */
export const pairingGoals = sqliteTable(
  "pairing_goals",
  {
    pairingId: text("pairing_id")
      .notNull()
      .references(() => pairings.id, { onDelete: "cascade" }),
    goalId: text("goal_id").notNull(),
    title: text("title").notNull(),
    status: text("status").notNull(),
    progress: integer("progress").notNull(),
    targetDate: text("target_date"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.pairingId, t.goalId] })],
);

/**
 * A pairing's meetings as its room projects them: times, kind, place and status (agendas and notes stay in the room).
 */
export const meetings = sqliteTable(
  "meetings",
  {
    id: text("id").primaryKey(),
    pairingId: text("pairing_id")
      .notNull()
      .references(() => pairings.id, { onDelete: "cascade" }),
    organizerId: text("organizer_id").notNull(),
    title: text("title").notNull(),
    kind: text("kind").notNull(),
    location: text("location").notNull().default(""),
    videoUrl: text("video_url").notNull().default(""),
    timeZone: text("time_zone").notNull(),
    startLocal: text("start_local").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    repeat: text("repeat").notNull(),
    count: integer("count"),
    until: text("until"),
    status: text("status").notNull(),
    sequence: integer("sequence").notNull(),
    /** The members who have not answered this proposal yet (JSON array of person ids; empty once it is decided). */
    awaiting: text("awaiting", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /** First start and last end of the series (epoch ms), for range queries. */
    firstStart: integer("first_start").notNull(),
    lastEnd: integer("last_end").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("meetings_pairing_idx").on(t.pairingId, t.firstStart)],
);

/** One occurrence of a series moved or cancelled (keyed by its original local start, the RECURRENCE-ID). */
export const meetingChanges = sqliteTable(
  "meeting_changes",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    recurrenceId: text("recurrence_id").notNull(),
    status: text("status").notNull(),
    startLocal: text("start_local"),
    durationMinutes: integer("duration_minutes"),
    sequence: integer("sequence").notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.recurrenceId] })],
);

/** Whether an occurrence was held or missed (the journey reads it). */
export const meetingOutcomes = sqliteTable(
  "meeting_outcomes",
  {
    meetingId: text("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    recurrenceId: text("recurrence_id").notNull(),
    pairingId: text("pairing_id").notNull(),
    outcome: text("outcome").notNull(),
    /** The occurrence's real start (epoch ms). */
    startsAt: integer("starts_at").notNull(),
    recordedAt: integer("recorded_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.recurrenceId] }),
    index("meeting_outcomes_pairing_idx").on(t.pairingId, t.startsAt),
    /** The dashboards count held and missed occurrences per pairing from the index alone. */
    index("meeting_outcomes_pairing_outcome_idx").on(t.pairingId, t.outcome, t.startsAt),
    /** The ends of a dashboard window that cut a slot of `meeting_outcome_slots` are counted from the outcomes by start. */
    index("meeting_outcomes_starts_idx").on(t.startsAt),
  ],
);

/** Secret calendar feed links: a person's whole calendar, or one pairing's; only the token's SHA-256 is kept. */
export const calendarTokens = sqliteTable(
  "calendar_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** Null for the person's own feed; a pairing id for that pairing's feed. */
    pairingId: text("pairing_id"),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [index("calendar_tokens_person_idx").on(t.personId, t.pairingId)],
);

/** A check-in sent to a pairing's members: open from `opensAt` until `closesAt`. */
export const checkins = sqliteTable(
  "checkins",
  {
    id: text("id").primaryKey(),
    pairingId: text("pairing_id")
      .notNull()
      .references(() => pairings.id, { onDelete: "cascade" }),
    programId: text("program_id").notNull(),
    /** The milestone it belongs to, e.g. "check-in-3", "mid-point", "wrap-up" (unique per pairing). */
    milestone: text("milestone").notNull(),
    opensAt: integer("opens_at").notNull(),
    closesAt: integer("closes_at").notNull(),
  },
  (t) => [
    uniqueIndex("checkins_pairing_milestone_unique").on(t.pairingId, t.milestone),
    index("checkins_program_idx").on(t.programId, t.opensAt),
    /** The dashboards count the check-ins still open (few) by their closing time, reading the opening from the index. */
    index("checkins_program_closes_idx").on(t.programId, t.closesAt, t.opensAt),
  ],
);

/**
 * A program's check-ins counted per 15-minute slot of their opening (`slot` = opens_at / 900,000): how many opened and
 * how many answers they could get (members × check-ins). Kept exact by triggers on `checkins` and `pairing_members`
 * (migration 0015), so the dashboards' trends sum a few slots instead of every check-in; month boundaries in every
 * zone fall on a slot boundary.
 */
export const checkinSlots = sqliteTable(
  "checkin_slots",
  {
    programId: text("program_id").notNull(),
    slot: integer("slot").notNull(),
    checkins: integer("checkins").notNull().default(0),
    expected: integer("expected").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.programId, t.slot] })],
);

/** A program's check-in answers counted per kind and 15-minute slot of the check-in's opening (triggers on `checkin_answers`). */
export const checkinAnswerSlots = sqliteTable(
  "checkin_answer_slots",
  {
    programId: text("program_id").notNull(),
    slot: integer("slot").notNull(),
    answer: text("answer").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.programId, t.slot, t.answer] })],
);

/**
 * A program's pairings counted by current stage and the furthest main-path stage (its position in the funnel, -1 for
 * none) their stage changes went from or to, kept exact by triggers on `pairings` and `pairing_stage_changes` (migration
 * 0020), so the funnel reads a handful of rows instead of every pairing's stage changes.
 */
export const stageGroupCounts = sqliteTable(
  "stage_group_counts",
  {
    programId: text("program_id").notNull(),
    stage: text("stage").notNull(),
    furthest: integer("furthest").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.programId, t.stage, t.furthest] })],
);

/**
 * A program's recorded meeting outcomes (held, missed) counted per 15-minute slot of the occurrence's start (slot =
 * starts_at / 900000), kept exact by triggers on `meeting_outcomes` and `pairings` (migration 0020).
 */
export const meetingOutcomeSlots = sqliteTable(
  "meeting_outcome_slots",
  {
    programId: text("program_id").notNull(),
    slot: integer("slot").notNull(),
    outcome: text("outcome").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.programId, t.slot, t.outcome] })],
);

/** A program's pairing goals counted by status, kept exact by triggers on `pairing_goals` and `pairings` (migration 0020). */
export const goalStatusCounts = sqliteTable(
  "goal_status_counts",
  {
    programId: text("program_id").notNull(),
    status: text("status").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.programId, t.status] })],
);

/**
 * Each pairing's number of meeting occurrences marked held, kept exact by triggers on `meeting_outcomes` and `pairings`
 * (migration 0020), so "pairings by meetings held" groups one index instead of counting every pairing's outcomes.
 */
export const pairingHeldCounts = sqliteTable(
  "pairing_held_counts",
  {
    pairingId: text("pairing_id")
      .primaryKey()
      .references(() => pairings.id, { onDelete: "cascade" }),
    programId: text("program_id").notNull(),
    held: integer("held").notNull().default(0),
  },
  (t) => [index("pairing_held_counts_program_idx").on(t.programId, t.held)],
);

/** A member's answer to a check-in (changeable until it closes), with an optional comment. */
export const checkinAnswers = sqliteTable(
  "checkin_answers",
  {
    checkinId: text("checkin_id")
      .notNull()
      .references(() => checkins.id, { onDelete: "cascade" }),
    personId: text("person_id").notNull(),
    pairingId: text("pairing_id").notNull(),
    answer: text("answer", { enum: checkinAnswerValues }).notNull(),
    comment: text("comment").notNull().default(""),
    answeredAt: integer("answered_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.checkinId, t.personId] }),
    index("checkin_answers_pairing_idx").on(t.pairingId, t.answeredAt),
  ],
);

/** How a person wants each category of notification: at once, in a weekly digest, or not at all. */
export const notificationPrefs = sqliteTable(
  "notification_prefs",
  {
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    category: text("category", { enum: notificationCategories }).notNull(),
    mode: text("mode", { enum: ["immediate", "digest", "off"] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.category] })],
);

/** When a person wants reminders of their meetings: minutes before each (0: none); without a row, 24 hours. */
export const meetingReminderPrefs = sqliteTable("meeting_reminder_prefs", {
  personId: text("person_id")
    .primaryKey()
    .references(() => people.id, { onDelete: "cascade" }),
  leadMinutes: integer("lead_minutes").notNull(),
});

/**
 * What a coordinator (or a person about their own data) did, for the program's audit log. Never chat, notes or
 * agreement text.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    /**
     * The program it happened in; null for events about a person across programs (their data deletion is also logged
     * per program).
     */
    programId: text("program_id"),
    /** Who did it (a person id); null for the system. */
    actorId: text("actor_id"),
    /**
     * What was done, e.g. "pairing.message", "pairing.pause", "pairing.end", "person.rematch", "program.message",
     * "program.template", "person.delete".
     */
    action: text("action").notNull(),
    pairingId: text("pairing_id"),
    /** The person the action was about, when there is one. */
    subjectId: text("subject_id"),
    /** A short JSON object with the action's details (reason, audience, counts); see worker/audit/audit-log. */
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    at: integer("at").notNull(),
  },
  (t) => [
    index("audit_log_program_idx").on(t.programId, t.at),
    index("audit_log_subject_idx").on(t.subjectId),
    index("audit_log_actor_idx").on(t.actorId),
  ],
);

/** True when a table's row type and the domain's interface for it are assignable both ways. */
type SameShape<Row, Domain> = [Row] extends [Domain] ? ([Domain] extends [Row] ? true : false) : false;
/** Compiles only for `true`. */
type Holds<T extends true> = T;

/** Compile-time check that these tables' rows and the domain's shapes for them (worker/domain) cannot drift apart. */
export type RowShapesMatch = [
  Holds<SameShape<typeof people.$inferSelect, Person>>,
  Holds<SameShape<typeof programs.$inferSelect, Program>>,
  Holds<SameShape<typeof notifications.$inferSelect, StoredMail>>,
  Holds<SameShape<typeof matchRequests.$inferSelect, MatchRequest>>,
];

/**
 * A program's API tokens for other systems (HR, learning tools): the raw token is shown once, only its SHA-256 is kept.
 * `scope` "read" may only read; "write" may also create, update and deactivate participants.
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    scope: text("scope", { enum: ["read", "write"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [uniqueIndex("api_tokens_hash_unique").on(t.tokenHash), index("api_tokens_program_idx").on(t.programId)],
);

/**
 * A person provisioned into a program over SCIM: the role their identity provider gave them (kept so that reactivating
 * them restores it) and the provider's own id for them. Whether they take part is their membership: deactivating ends
 * it, and this row stays so the provider still finds them, inactive.
 */
export const scimUsers = sqliteTable(
  "scim_users",
  {
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["mentor", "mentee"] }).notNull(),
    externalId: text("external_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.programId, t.personId] }),
    index("scim_users_external_idx").on(t.programId, t.externalId),
  ],
);

/**
 * A program's webhook endpoint: where events go, which ones, and the Standard Webhooks secret that signs them (kept as
 * is: signing needs it). Switched off (`disabledAt`) after repeated failed deliveries, or by a coordinator (`pausedAt`).
 * Events reach its outbox through the SQLite triggers of migration 0023 (ARCHITECTURE.md, "Webhooks").
 */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    /** JSON array of event types (domain/webhooks/events.ts). */
    events: text("events", { mode: "json" }).$type<string[]>().notNull(),
    secret: text("secret").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Deliveries that failed for good in a row; a success sets it back to 0. */
    failures: integer("failures").notNull().default(0),
    /** When deliveries failed for good DISABLE_AFTER_FAILURES times in a row and Trellis switched it off. */
    disabledAt: integer("disabled_at"),
    /** When a coordinator switched it off by hand (events are not queued for it while set). */
    pausedAt: integer("paused_at"),
  },
  (t) => [index("webhook_endpoints_program_idx").on(t.programId)],
);

/** One event for one endpoint: its signed body, kept for the delivery log and replays, and where its retries stand. */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    /** The `webhook-id` header: the same on every attempt and replay, so receivers can drop duplicates. */
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
    status: text("status", { enum: ["pending", "delivered", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** When the next attempt is due (pending only). */
    nextAt: integer("next_at"),
  },
  (t) => [
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
    index("webhook_deliveries_due_idx").on(t.status, t.nextAt),
  ],
);

/** Each attempt of a delivery: when, the receiver's HTTP status (0: no answer) and how long it took. */
export const webhookAttempts = sqliteTable(
  "webhook_attempts",
  {
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    at: integer("at").notNull(),
    status: integer("status").notNull(),
    durationMs: integer("duration_ms").notNull(),
  },
  (t) => [primaryKey({ columns: [t.deliveryId, t.attempt] })],
);

/**
 * A survey a program's coordinators built (worker/surveys/): its questions (domain/surveys/survey.ts) and when it goes
 * out: once, when a coordinator sends it (`sentAt`), or at a journey milestone ("mid-point", "wrap-up").
 */
export const surveys = sqliteTable(
  "surveys",
  {
    id: text("id").primaryKey(),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    questions: text("questions", { mode: "json" }).$type<SurveyQuestion[]>().notNull(),
    trigger: text("trigger", { enum: surveyTriggers }).notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
  },
  (t) => [index("surveys_program_idx").on(t.programId, t.createdAt)],
);

/**
 * One member asked to answer one survey (in one pairing, with their role and the pairing's stage when asked, which the
 * results are grouped by); answered once `answeredAt` is set. The member's own data: downloaded and deleted with it.
 */
export const surveyRequests = sqliteTable(
  "survey_requests",
  {
    id: text("id").primaryKey(),
    surveyId: text("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    pairingId: text("pairing_id").notNull(),
    role: text("role").notNull(),
    stage: text("stage").notNull(),
    expiresAt: integer("expires_at").notNull(),
    answeredAt: integer("answered_at"),
    /** What the member was asked after: "" for a send or a milestone, "<meeting id>@<recurrence id>" after a meeting. */
    occasion: text("occasion").notNull().default(""),
  },
  (t) => [
    uniqueIndex("survey_requests_once_each").on(t.surveyId, t.pairingId, t.personId, t.occasion),
    /** Home's waiting list: a person's open requests. */
    index("survey_requests_person_idx").on(t.personId, t.answeredAt, t.expiresAt),
  ],
);

/** An answer to one question of a request: a scale value, a chosen option (one row per option), or a text. */
export const surveyAnswers = sqliteTable(
  "survey_answers",
  {
    requestId: text("request_id")
      .notNull()
      .references(() => surveyRequests.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    value: text("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.questionId, t.value] })],
);

/**
 * A program's library (worker/library/): a link or a short markdown text its coordinators share with every pairing,
 * tagged by milestone (pairings see it "for this stage") and by tags matched against members' goals, expertise and
 * interests ("for your goals").
 */
export const libraryItems = sqliteTable(
  "library_items",
  {
    id: text("id").primaryKey(),
    programId: text("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    url: text("url"),
    body: text("body").notNull().default(""),
    milestone: text("milestone", { enum: libraryMilestones }).notNull(),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull(),
    /** A file item's name, sniffed kind and size (its bytes in R2 under `libraryFileKey`); null for links and texts. */
    fileName: text("file_name"),
    fileKind: text("file_kind"),
    fileSize: integer("file_size"),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("library_items_program_idx").on(t.programId, t.milestone)],
);

/** Which pairings opened a library item (once each): coordinators see only the counts. */
export const libraryOpens = sqliteTable(
  "library_opens",
  {
    itemId: text("item_id")
      .notNull()
      .references(() => libraryItems.id, { onDelete: "cascade" }),
    pairingId: text("pairing_id").notNull(),
    openedAt: integer("opened_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.pairingId] })],
);
