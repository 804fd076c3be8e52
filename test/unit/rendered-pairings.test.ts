import { describe, expect, it } from "vitest";
import type { RenderedMeeting } from "../../worker/calendar/ics";
import {
  blockKey,
  keepBlock,
  keptBlock,
  mergeBlocks,
  type PairingBlock,
} from "../../worker/calendar/rendered-pairings";

const rendered = (label: string): RenderedMeeting => ({ parts: [label], spans: [] });
const block = (...meetings: [number, string][]): PairingBlock => ({
  meetings: meetings.map(([firstStart, id]) => ({ firstStart, id, rendered: rendered(id) })),
  updatedAt: 0,
});

describe("meetings kept rendered per pairing", () => {
  it("merges pairings into the feed's order: first start, then id", () => {
    const merged = mergeBlocks([block([10, "b"], [30, "c"]), block([10, "a"], [20, "z"]), block()]);
    expect(merged.map((m) => m.parts[0])).toEqual(["a", "b", "z", "c"]);
    expect(mergeBlocks([block([5, "y"], [1, "x"])]).map((m) => m.parts[0])).toEqual(["y", "x"]); // one block: as read
  });

  it("keys a block by everything its text depends on", () => {
    const keys = new Set([
      blockKey(2, "p1", 7, "en", "https://a.example"),
      blockKey(2, "p1", 8, "en", "https://a.example"),
      blockKey(2, "p1", 7, "fr", "https://a.example"),
      blockKey(2, "p1", 7, "en", "https://b.example"),
      blockKey(3, "p1", 7, "en", "https://a.example"),
      blockKey(2, "p2", 7, "en", "https://a.example"),
    ]);
    expect(keys.size).toBe(6);
  });

  it("keeps blocks up to its budget, dropping the least recently used first", () => {
    const big = (n: number) => block(...Array.from({ length: n }, (_, i): [number, string] => [i, `m${i}`]));
    keepBlock("old", big(3000));
    keepBlock("used", big(3000));
    expect(keptBlock("old")).toBeDefined(); // now the most recently used
    keepBlock("new", big(3000)); // over 8,000 meetings: "used" goes
    expect(keptBlock("used")).toBeUndefined();
    expect(keptBlock("old")?.meetings).toHaveLength(3000);
    expect(keptBlock("new")?.meetings).toHaveLength(3000);
    keepBlock("huge", big(9000));
    expect(keptBlock("huge")).toBeUndefined();
  });
});
