/** D1 schema: the system of record for people, sessions, programs, memberships and outbound mail. */
import { sql } from "drizzle-orm";
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

export const programTypes = ["one-to-one", "group", "peer", "reverse"] as const;
export const matchingModes = ["coordinator", "self"] as const;
export const roles = ["coordinator", "mentor", "mentee"] as const;
export type ProgramType = (typeof programTypes)[number];
export type MatchingMode = (typeof matchingModes)[number];
export type Role = (typeof roles)[number];

/** A mentoring program run by one or more coordinators. */
export const programs = sqliteTable("programs", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  type: text("type", { enum: programTypes }).notNull(),
  lengthWeeks: integer("length_weeks").notNull(),
  cadenceDays: integer("cadence_days").notNull(),
  matchingMode: text("matching_mode", { enum: matchingModes }).notNull(),
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
  },
  (t) => [
    primaryKey({ columns: [t.programId, t.personId, t.role] }),
    index("memberships_person_idx").on(t.personId),
  ],
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
    status: text("status", { enum: ["pending", "sent", "delivered", "failed", "held"] }).notNull(),
    transport: text("transport").notNull(),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
    error: text("error"),
  },
  (t) => [index("notifications_created_idx").on(t.createdAt), index("notifications_to_idx").on(t.toEmail)],
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
