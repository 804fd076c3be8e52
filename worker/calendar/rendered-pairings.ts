/**
 * Each pairing's meetings as feeds render them, kept in the isolate's memory under the pairing's projection version (with
 * the language and origin they were written for). The room moves a pairing's projection version forward with every
 * change to its meetings, so a kept block never goes stale; a feed whose version moved because one meeting changed reads
 * and renders only that meeting's pairing again, and copies the others. A new isolate (or an evicted block) reads the
 * pairing from D1 again: a miss only costs time.
 */
import type { RenderedMeeting } from "./ics";

/** One meeting of a kept pairing, with what orders it in a feed (first start, then id, as the meetings query sorts). */
export interface KeptMeeting {
  firstStart: number;
  id: string;
  rendered: RenderedMeeting;
}

/** A pairing's rendered meetings (sorted by first start, then id) and the latest of their `updatedAt` (0 if none). */
export interface PairingBlock {
  meetings: KeptMeeting[];
  updatedAt: number;
}

/** Meetings the kept blocks may hold in all (about 2 KB each: some 16 MB, shared with ics.ts's rendered meetings). */
const BUDGET = 8_000;

/** Kept blocks, least recently used first (a Map keeps insertion order). */
const blocks = new Map<string, PairingBlock>();
let kept = 0;

/** The key of a pairing's block: everything its rendered text depends on besides the meetings. */
export function blockKey(format: number, pairingId: string, version: number, locale: string, origin: string): string {
  return `${format}|${pairingId}|${version}|${locale}|${origin}`;
}

/** A kept block, or undefined. */
export function keptBlock(key: string): PairingBlock | undefined {
  const block = blocks.get(key);
  if (block) {
    blocks.delete(key);
    blocks.set(key, block);
  }
  return block;
}

/** Keeps a block, dropping the least recently used ones over the budget (a block larger than the budget is not kept). */
export function keepBlock(key: string, block: PairingBlock): void {
  if (block.meetings.length > BUDGET) return;
  const old = blocks.get(key);
  if (old) {
    blocks.delete(key);
    kept -= old.meetings.length;
  }
  blocks.set(key, block);
  kept += block.meetings.length;
  for (const [k, b] of blocks) {
    if (kept <= BUDGET) break;
    blocks.delete(k);
    kept -= b.meetings.length;
  }
}

/** The meetings of several blocks in one feed order (first start, then id), as one query sorting them all would give. */
export function mergeBlocks(parts: readonly PairingBlock[]): RenderedMeeting[] {
  const all: KeptMeeting[] = [];
  for (const part of parts) for (const m of part.meetings) all.push(m);
  if (parts.length > 1) all.sort(byFeedOrder);
  return all.map((m) => m.rendered);
}

function byFeedOrder(a: KeptMeeting, b: KeptMeeting): number {
  return a.firstStart - b.firstStart || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
