import { describe, expect, it } from "vitest";
import { BarChart } from "../../views/components/charts/bar-chart";
import { StackedBarChart } from "../../views/components/charts/stacked-bar-chart";
import { barLength, slotStarts, stackSegments } from "../../worker/domain/dashboard/chart-geometry";

const html = async (el: unknown) => String(await (el as { toString(): string | Promise<string> }).toString());
const attrs = (svg: string, tag: string, name: string) =>
  [...svg.matchAll(new RegExp(`<${tag} [^>]*?${name}="([^"]*)"`, "g"))].map((m) => m[1]!);

describe("chart geometry", () => {
  it("scales bars to whole units, never hiding a non-zero value", () => {
    expect(barLength(50, 100, 340)).toBe(170);
    expect(barLength(1, 10_000, 340)).toBe(1);
    expect(barLength(0, 100, 340)).toBe(0);
    expect(barLength(5, 0, 340)).toBe(0);
    expect(barLength(150, 100, 340)).toBe(340);
  });

  it("stacks segments that fill the bar exactly", () => {
    const s = stackSegments([1, 1, 1], 380);
    expect(s).toEqual([
      { offset: 0, size: 127 },
      { offset: 127, size: 127 },
      { offset: 254, size: 126 },
    ]);
    expect(stackSegments([0, 0], 380)).toEqual([
      { offset: 0, size: 0 },
      { offset: 0, size: 0 },
    ]);
    expect(slotStarts(3, 10, 20, 5)).toEqual([10, 35, 60]);
  });
});

describe("SVG charts", () => {
  it("draw a labelled, named bar per row, in integers", async () => {
    const svg = await html(
      BarChart({
        id: "t",
        title: "Pairings by stage",
        desc: "Active: 3, Closed: 1",
        bars: [
          { label: "Active", value: 3, text: "3 (75%)" },
          { label: "Closed", value: 1, text: "1 (25%)", hatched: true },
        ],
      }),
    );
    expect(svg).toMatch(
      /^<svg class="chart" viewBox="0 0 600 56" role="img" aria-labelledby="t-t t-d"><title id="t-t">Pairings by stage<\/title><desc id="t-d">Active: 3, Closed: 1<\/desc>/,
    );
    expect(attrs(svg, "rect", "width")).toEqual(["8", "340", "113"]); // the hatch pattern's tile, then the bars
    expect(svg).toContain(">Active</text>");
    expect(svg).toContain(">3 (75%)</text>");
    expect(svg).toContain('<pattern id="t-h"');
    expect(svg).toContain('fill="url(#t-h)"');
    expect(svg).not.toMatch(/="\d+\.\d+"/);
  });

  it("stack parts with a pattern and a legend entry each, writing shares on wide segments", async () => {
    const svg = await html(
      StackedBarChart({
        id: "a",
        title: "Answers",
        desc: "d",
        parts: ["Going well", "OK", "Struggling", "Not met"],
        rows: [
          { label: "Mar 2026", parts: [6, 3, 1, 0], text: "10 answers" },
          { label: "Apr 2026", parts: [0, 0, 0, 0], text: "no answers" },
        ],
      }),
    );
    expect(attrs(svg, "pattern", "id")).toEqual(["a-0", "a-1", "a-2", "a-3"]);
    for (const name of ["Going well", "OK", "Struggling", "Not met"]) expect(svg).toContain(`>${name}</text>`);
    expect(svg).toContain('class="in">60%</text>');
    expect(svg).toContain('class="in">30%</text>');
    expect(svg).not.toContain(">10%</text>"); // 38 units: too narrow for a label
    expect(svg).toContain(">no answers</text>");
    expect(svg).not.toMatch(/="\d+\.\d+"/);
  });
});
