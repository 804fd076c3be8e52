/**
 * The CSV downloads a program's coordinators can take, with what each holds (the exports page lists them from here).
 */
import type { ExportDescription } from "../domain/exports";
import { type CsvSource, csvStream } from "./csv-stream";
import { CHECKIN_COLUMNS, checkinsExport } from "./checkins";
import { GOAL_COLUMNS, goalsExport } from "./goals";
import { MEETING_COLUMNS, meetingsExport } from "./meetings";
import { PAIRING_COLUMNS, pairingsExport } from "./pairings";
import { PARTICIPANT_COLUMNS, participantsExport } from "./participants";

/** One download: what it holds (see ExportDescription) and the stream of its file. */
export interface ExportKind extends ExportDescription {
  stream: (env: Env, programId: string) => ReadableStream<Uint8Array>;
}

/** Turns a source factory into a stream factory (each export has its own cursor type). */
const streamOf =
  <C>(source: (env: Env, programId: string) => CsvSource<C>) =>
  (env: Env, programId: string) =>
    csvStream(source(env, programId));

export const EXPORTS: readonly ExportKind[] = [
  {
    kind: "participants",
    title: "Participants",
    about: "Every mentor and mentee in the program, one row per person and role.",
    columns: PARTICIPANT_COLUMNS,
    stream: streamOf(participantsExport),
  },
  {
    kind: "pairings",
    title: "Pairings",
    about: "Every pairing with its stage, risk flag, activity and counts.",
    columns: PAIRING_COLUMNS,
    stream: streamOf(pairingsExport),
  },
  {
    kind: "checkins",
    title: "Check-ins",
    about: "Every check-in, one row per member, with their answer and the comment they wrote for coordinators.",
    columns: CHECKIN_COLUMNS,
    stream: streamOf(checkinsExport),
  },
  {
    kind: "meetings",
    title: "Meetings",
    about: "Every meeting's schedule and status, and how many times it was held or missed.",
    columns: MEETING_COLUMNS,
    stream: streamOf(meetingsExport),
  },
  {
    kind: "goals",
    title: "Goals",
    about: "Every pairing goal with its status, progress and target date.",
    columns: GOAL_COLUMNS,
    stream: streamOf(goalsExport),
  },
];

/** The export for a file name like "pairings.csv", or null. */
export function exportForFile(file: string): ExportKind | null {
  return EXPORTS.find((e) => `${e.kind}.csv` === file) ?? null;
}

/**
 * The download's file name: the program's name as a slug, the kind and today's date (UTC), e.g.
 * "spring-cohort-pairings-2026-03-01.csv".
 */
export function exportFileName(programName: string, kind: string, now = Date.now()): string {
  const slug =
    programName
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "program";
  return `${slug}-${kind}-${new Date(now).toISOString().slice(0, 10)}.csv`;
}
