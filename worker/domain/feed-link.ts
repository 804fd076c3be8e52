/** A secret calendar feed link as the calendar settings page lists it. */

/** An active feed link as the settings page lists it (never the token itself: only its holder has it). */
export interface FeedLink {
  pairingId: string | null;
  createdAt: number;
  lastUsedAt: number | null;
}
