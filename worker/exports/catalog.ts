/**
 * The CSV downloads a program's coordinators can take, with what each holds (the exports page lists them from here).
 */
import type { ExportDescription } from "../domain/exports";
import type { Translate } from "../domain/i18n/translate";
import { type CsvWords, csvWords } from "../domain/export-words";
import { type CsvSource, csvStream } from "./csv-stream";
import { CHECKIN_COLUMNS, checkinsExport } from "./checkins";
import { GOAL_COLUMNS, goalsExport } from "./goals";
import { MEETING_COLUMNS, meetingsExport } from "./meetings";
import { PAIRING_COLUMNS, pairingsExport } from "./pairings";
import { PARTICIPANT_COLUMNS, participantsExport } from "./participants";

/** One download: what it holds (see ExportDescription) and the stream of its file. */
export interface ExportKind extends ExportDescription {
  stream: (env: Env, programId: string, t: Translate) => ReadableStream<Uint8Array>;
}

/** Turns a source factory into a stream factory (each export has its own cursor type). */
const streamOf =
  <C>(source: (env: Env, programId: string, words: CsvWords) => CsvSource<C>) =>
  (env: Env, programId: string, t: Translate) => {
    const words = csvWords(t);
    return csvStream(source(env, programId, words), words.header);
  };

export const EXPORTS: readonly ExportKind[] = [
  {
    kind: "participants",
    title: "programs.exports.participants.title",
    about: "programs.exports.participants.about",
    columns: PARTICIPANT_COLUMNS,
    stream: streamOf(participantsExport),
  },
  {
    kind: "pairings",
    title: "programs.exports.pairings.title",
    about: "programs.exports.pairings.about",
    columns: PAIRING_COLUMNS,
    stream: streamOf(pairingsExport),
  },
  {
    kind: "checkins",
    title: "programs.exports.checkins.title",
    about: "programs.exports.checkins.about",
    columns: CHECKIN_COLUMNS,
    stream: streamOf(checkinsExport),
  },
  {
    kind: "meetings",
    title: "programs.exports.meetings.title",
    about: "programs.exports.meetings.about",
    columns: MEETING_COLUMNS,
    stream: streamOf(meetingsExport),
  },
  {
    kind: "goals",
    title: "programs.exports.goals.title",
    about: "programs.exports.goals.about",
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
