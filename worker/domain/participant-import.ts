/** Turns parsed CSV records into participant rows to import, and bad rows with their line and reason. */
import { msg } from "./i18n/translate";
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

/**
 * A line that was not imported and why: its problems as `msg` texts, one a line (reports saved before the catalogs
 * hold English sentences instead; pages show those as they are).
 */
export interface BadRow {
  line: number;
  reason: string;
}

/** Every problem of a bad row's `reason`, each a `msg` text (or, in an old report, one English sentence). */
export const rowProblems = (reason: string): string[] => reason.split("\n");

export type ImportPlan =
  | { ok: true; rows: ParticipantRow[]; bad: BadRow[]; notices: string[] }
  | { ok: false; error: string };
/* Notices and errors above are `msg` texts: the pages translate them into the viewer's language. */

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
      error: msg("programs.import.error.header", {
        missing: missing.join(","),
        found:
          header
            .map((h) => h.trim())
            .filter(Boolean)
            .join(", ") || "—",
      }),
    };
  }
  return { columns, ignored };
}

/** Splits a ";"-separated list cell into tags, or explains why it cannot be used. */
function listCell(value: string, column: string): string[] | string {
  const tags = splitTags(value.replaceAll(";", ","));
  if (tags.length > MAX_TAGS)
    return msg("programs.import.row.tooManyItems", { column, count: tags.length, max: MAX_TAGS });
  const long = tags.find((t) => t.length > TAG_MAX_LENGTH);
  if (long) return msg("programs.import.row.itemLong", { column, item: long.slice(0, 20), max: TAG_MAX_LENGTH });
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
      error: msg("programs.import.error.empty"),
    };
  const mapped = mapHeader(header.cells, attributes);
  if ("error" in mapped) return { ok: false, error: mapped.error };
  if (data.length === 0) return { ok: false, error: msg("programs.import.error.noRows") };
  if (data.length > maxRows)
    return {
      ok: false,
      error: msg("programs.import.error.tooMany", { max: maxRows }),
    };

  const { columns, ignored } = mapped;
  const notices = ignored.length ? [msg("programs.import.notice.ignored", { columns: ignored.join(", ") })] : [];
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
    if (!email) problems.push(msg("programs.import.row.noEmail"));
    else if (!emailSchema.safeParse(email).success)
      problems.push(msg("programs.import.row.badEmail", { email: email.slice(0, 60) }));
    if (!role) problems.push(msg("programs.import.row.noRole"));
    else if (!(roles as readonly string[]).includes(role))
      problems.push(msg("programs.import.row.badRole", { role: role.slice(0, 30) }));
    const name = cell("name");
    if (name.length > 100) problems.push(msg("programs.import.row.nameLong", { max: 100 }));
    const zone = currentZoneName(cell("timeZone"));
    if (zone && !isKnownTimeZone(zone)) problems.push(msg("programs.import.row.badZone", { zone: zone.slice(0, 40) }));
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
        problems.push(msg("programs.import.row.badCapacity", { value: rawCapacity.slice(0, 20), max: MAX_CAPACITY }));
      else capacity = Number(rawCapacity);
    }
    const answers: Record<string, string> = {};
    for (const a of attributes) {
      const value = cell(`attr:${a.key}`).replace(/\s+/g, " ");
      if (value.length > ANSWER_MAX)
        problems.push(msg("programs.import.row.answerLong", { column: a.label, max: ANSWER_MAX }));
      else if (value) answers[a.key] = value;
    }
    const key = `${email}|${role}`;
    if (!problems.length && seen.has(key))
      problems.push(msg("programs.import.row.repeated", { email, role, line: seen.get(key)! }));
    if (problems.length) {
      bad.push({ line: record.line, reason: problems.join("\n") });
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
  if (extraCells) notices.push(msg("programs.import.notice.extraCells", { count: extraCells }));
  return { ok: true, rows, bad, notices };
}
