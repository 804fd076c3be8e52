/** Page numbers from the address bar, and the page sizes of the paged lists. Pure. */

/** A page number from a query value: 1 when missing or nonsense, at most `max`. */
export function pageNumber(value: string | undefined, max = 10_000): number {
  const n = Number.parseInt(value ?? "1", 10);
  return Number.isFinite(n) ? Math.max(1, Math.min(max, n)) : 1;
}

/** Pairings per page of a program's pairing list. */
export const PAIRINGS_PER_PAGE = 50;

/** Participants per page of a program's overview. */
export const PARTICIPANTS_PER_PAGE = 50;

/** Staged proposals per page of the matching review. */
export const PROPOSALS_PER_PAGE = 25;
