/**
 * The program library's rules: what an item is (a link, a file or a short markdown text, a milestone and tags), which items
 * fit a pairing's stage ("for this stage") and its members' goals ("for your goals"), and which milestone a journey
 * milestone key belongs to. Pure.
 */
import { msg } from "../i18n/translate";
import { checkLink } from "../room/resources";

/** The milestones an item can be tagged with ("any": no particular one). */
export const libraryMilestones = [
  "any",
  "welcome",
  "agreement",
  "first-meeting",
  "check-in",
  "mid-point",
  "wrap-up",
] as const;
export type LibraryMilestone = (typeof libraryMilestones)[number];

/** Limits: characters of a title, a link, a text; tags per item and characters per tag. */
export const LIBRARY_LIMITS = { title: 120, url: 2000, body: 4000, tags: 8, tag: 40, tagsText: 400 };

/** A library item as pages show it. */
export interface LibraryItem {
  id: string;
  title: string;
  url: string | null;
  body: string;
  milestone: LibraryMilestone;
  tags: string[];
  /** A file item's name, sniffed kind and size (its bytes in R2), or null. */
  file: LibraryFile | null;
  /** How many pairings opened it (coordinators' list only). */
  opens?: number;
}

/** A library file as pages show it. */
export interface LibraryFile {
  name: string;
  kind: string;
  size: number;
}

/** Where a library item's file lives in the R2 bucket. */
export const libraryFileKey = (programId: string, itemId: string) => `programs/${programId}/library/${itemId}`;

/** Tags from a comma-separated text: trimmed, lower case, distinct, at most LIBRARY_LIMITS.tags. */
export const parseTags = (text: string): string[] =>
  [
    ...new Set(
      text
        .split(",")
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ].slice(0, LIBRARY_LIMITS.tags);

/** What the coordinator's form sets (the file travels beside it). */
export type LibraryFields = Omit<LibraryItem, "id" | "file" | "opens">;

/**
 * Reads the coordinator's form: a title, then a link, a text or a file (`hasFile`: one is uploaded or kept), a milestone
 * and tags.
 */
export function parseLibraryItem(
  v: Record<string, string>,
  hasFile = false,
): { ok: true; item: LibraryFields } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const title = (v.title ?? "").trim();
  if (!title || title.length > LIBRARY_LIMITS.title) errors.title = msg("library.error.title");
  const raw = (v.url ?? "").trim();
  const link = raw ? checkLink(raw) : null;
  if (link && !link.ok) errors.url = msg("library.error.url");
  const body = (v.body ?? "").trim();
  if (body.length > LIBRARY_LIMITS.body) errors.body = msg("library.error.body");
  if (!raw && !body && !hasFile) errors.url = msg("library.error.empty");
  const milestone = libraryMilestones.find((m) => m === v.milestone);
  if (!milestone) errors.milestone = msg("library.error.milestone");
  const tags = parseTags(v.tags ?? "");
  if (tags.some((t) => t.length > LIBRARY_LIMITS.tag)) errors.tags = msg("library.error.tags");
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, item: { title, url: link?.ok ? link.url : null, body, milestone: milestone!, tags } };
}

/** The milestone a journey milestone key belongs to ("check-in-3" → "check-in"), or null for one with no items. */
export function milestoneOfKey(key: string): LibraryMilestone | null {
  const base = key.startsWith("check-in") ? "check-in" : key;
  return libraryMilestones.find((m) => m === base && m !== "any") ?? null;
}

/** The milestones of a pairing's stage. */
const STAGE_MILESTONES: Record<string, LibraryMilestone[]> = {
  proposed: ["welcome"],
  onboarding: ["welcome", "agreement", "first-meeting"],
  active: ["first-meeting", "check-in", "mid-point"],
  paused: ["check-in", "mid-point"],
  wrapping_up: ["wrap-up"],
};

/** The items for a pairing: those of its stage's milestones, and those whose tags meet its members' goals. */
export function libraryFor(
  items: LibraryItem[],
  stage: string,
  goalTags: string[],
): { stage: LibraryItem[]; goals: LibraryItem[]; rest: LibraryItem[] } {
  const milestones = STAGE_MILESTONES[stage] ?? [];
  const wanted = new Set(goalTags.map((t) => t.trim().toLowerCase()));
  const forStage = items.filter((i) => milestones.includes(i.milestone));
  const forGoals = items.filter((i) => !forStage.includes(i) && i.tags.some((t) => wanted.has(t)));
  return {
    stage: forStage,
    goals: forGoals,
    rest: items.filter((i) => !forStage.includes(i) && !forGoals.includes(i)),
  };
}
