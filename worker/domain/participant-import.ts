/** Turns parsed CSV records into participant rows to import, and bad rows with their line and reason. */
import * as z from "./zod";
import { type Role, roles } from "./vocabulary";
import type { CsvRecord } from "./csv";
import { ANSWER_MAX } from "./matching/answers";
import type { ProgramAttribute } from "./matching/settings";
import { MAX_CAPACITY, MAX_TAGS, splitTags, TAG_MAX_LENGTH } from "./profile";
import { currentZoneName, isKnownTimeZone } from "./time-zones";

export interface ParticipantRow {
  line: number;
  email: string;
  role: Role;
  name: string;
  timeZone: string;
  languages: string[];
  goals: string[];
  expertise: string[];
  /** How many mentees a mentor can take (null: not given, the profile's value stays). */
  capacity: number | null;
  /** Answers to the program's own questions, by attribute key. */
  attributes: Record<string, string>;
}

export interface BadRow {
  line: number;
  reason: string;
}

export type ImportPlan =
  | { ok: true; rows: ParticipantRow[]; bad: BadRow[]; notices: string[] }
  | { ok: false; error: string };

const COLUMN_ALIASES: Record<string, keyof Omit<ParticipantRow, "line" | "attributes">> = {
  capacity: "capacity",
  "mentee capacity": "capacity",
  email: "email",
  "e-mail": "email",
  role: "role",
  name: "name",
  "full name": "name",
  time_zone: "timeZone",
  timezone: "timeZone",
  "time zone": "timeZone",
  languages: "languages",
  goals: "goals",
  expertise: "expertise",
};
/** The most participants one import takes. */
export const MAX_IMPORT_ROWS = 10_000;

/** The most CSV one import takes, as a file (bytes) or pasted (characters): 2 MB. */
export const MAX_CSV_BYTES = 2_000_000;

const LIST_COLUMNS = new Set(["languages", "goals", "expertise"]);
const emailSchema = z.string().check(z.maxLength(254), z.email());

/**
 * Maps a header record to column positions (a program question's column is named by its label or key, as
 * `attr:<key>`); reports missing required columns and ignored extra ones.
 */
function mapHeader(
  header: string[],
  attributes: readonly ProgramAttribute[],
): { columns: Map<string, number>; ignored: string[] } | { error: string } {
  const columns = new Map<string, number>();
  const ignored: string[] = [];
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    const question = attributes.find((a) => a.label.toLowerCase() === name || a.key === name);
    const key = COLUMN_ALIASES[name] ?? (question ? `attr:${question.key}` : undefined);
    if (key && !columns.has(key)) columns.set(key, i);
    else if (raw.trim()) ignored.push(raw.trim());
  });
  const missing = ["email", "role"].filter((c) => !columns.has(c));
  if (missing.length) {
    return {
      error: `The first line must name the columns, including ${missing.join(" and ")}. Found: ${
        header
          .map((h) => h.trim())
          .filter(Boolean)
          .join(", ") || "nothing"
      }.`,
    };
  }
  return { columns, ignored };
}

/** Splits a ";"-separated list cell into tags, or explains why it cannot be used. */
function listCell(value: string, column: string): string[] | string {
  const tags = splitTags(value.replaceAll(";", ","));
  if (tags.length > MAX_TAGS) return `${column} lists ${tags.length} items; at most ${MAX_TAGS}`;
  const long = tags.find((t) => t.length > TAG_MAX_LENGTH);
  if (long) return `${column} item "${long.slice(0, 20)}…" is longer than ${TAG_MAX_LENGTH} characters`;
  return tags;
}

/**
 * Validates every record after the header against the program's questions; good rows are kept, each bad one is
 * reported with its line.
 */
export function planImport(
  records: CsvRecord[],
  attributes: readonly ProgramAttribute[] = [],
  maxRows = MAX_IMPORT_ROWS,
): ImportPlan {
  const [header, ...data] = records;
  if (!header)
    return {
      ok: false,
      error: "The file is empty. Put a header line first (email,name,role,…), then one participant per line.",
    };
  const mapped = mapHeader(header.cells, attributes);
  if ("error" in mapped) return { ok: false, error: mapped.error };
  if (data.length === 0) return { ok: false, error: "The file has a header line but no participants below it." };
  if (data.length > maxRows)
    return {
      ok: false,
      error: `The file has more than ${maxRows.toLocaleString("en")} participants; import at most ${maxRows.toLocaleString("en")} at a time.`,
    };

  const { columns, ignored } = mapped;
  const notices = ignored.length ? [`Ignored columns Trellis doesn't use: ${ignored.join(", ")}.`] : [];
  const rows: ParticipantRow[] = [];
  const bad: BadRow[] = [];
  const seen = new Map<string, number>();
  let extraCells = 0;

  for (const record of data) {
    const cell = (key: string) => {
      const i = columns.get(key);
      return i === undefined ? "" : (record.cells[i] ?? "").trim();
    };
    if (record.cells.length > header.cells.length) extraCells++;
    const email = cell("email").toLowerCase();
    const role = cell("role").toLowerCase();
    const problems: string[] = [];
    if (!email) problems.push("email is missing");
    else if (!emailSchema.safeParse(email).success) problems.push(`"${email.slice(0, 60)}" is not an email address`);
    if (!role) problems.push("role is missing");
    else if (!(roles as readonly string[]).includes(role))
      problems.push(`role "${role.slice(0, 30)}" must be mentor, mentee or coordinator`);
    const name = cell("name");
    if (name.length > 100) problems.push("name is longer than 100 characters");
    const zone = currentZoneName(cell("timeZone"));
    if (zone && !isKnownTimeZone(zone))
      problems.push(`"${zone.slice(0, 40)}" is not an IANA time zone (like Europe/Berlin)`);
    const lists: Record<string, string[]> = {};
    for (const column of LIST_COLUMNS) {
      const parsed = listCell(cell(column), column);
      if (typeof parsed === "string") problems.push(parsed);
      else lists[column] = parsed;
    }
    const rawCapacity = cell("capacity");
    let capacity: number | null = null;
    if (rawCapacity && role === "mentor") {
      if (!/^\d{1,2}$/.test(rawCapacity) || Number(rawCapacity) > MAX_CAPACITY)
        problems.push(`capacity "${rawCapacity.slice(0, 20)}" must be a whole number from 0 to ${MAX_CAPACITY}`);
      else capacity = Number(rawCapacity);
    }
    const answers: Record<string, string> = {};
    for (const a of attributes) {
      const value = cell(`attr:${a.key}`).replace(/\s+/g, " ");
      if (value.length > ANSWER_MAX) problems.push(`${a.label} is longer than ${ANSWER_MAX} characters`);
      else if (value) answers[a.key] = value;
    }
    const key = `${email}|${role}`;
    if (!problems.length && seen.has(key))
      problems.push(`${email} is already listed as ${role} on line ${seen.get(key)}`);
    if (problems.length) {
      bad.push({ line: record.line, reason: problems.join("; ") });
      continue;
    }
    seen.set(key, record.line);
    rows.push({
      line: record.line,
      email,
      role: role as Role,
      name,
      timeZone: zone,
      languages: lists.languages!,
      goals: lists.goals!,
      expertise: lists.expertise!,
      capacity,
      attributes: answers,
    });
  }
  if (extraCells)
    notices.push(
      `${extraCells} line${extraCells === 1 ? " has" : "s have"} more cells than the header; the extra cells were ignored.`,
    );
  return { ok: true, rows, bad, notices };
}
