import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Block, type Inline, parseMarkdown, safeHref } from "../../worker/domain/markdown";

describe("markdown subset", () => {
  it("reads headings, paragraphs with line breaks, lists, quotes, code and rules", () => {
    const doc = parseMarkdown(
      "## Our goals\nFirst line\nsecond line\n\n- one\n- **two**\n  continued\n\n3. third\n4. fourth\n\n> quoted _words_\n\n```\n<b>raw</b>\n```\n---",
    );
    expect(doc).toEqual<Block[]>([
      { t: "h", level: 2, c: [{ t: "text", v: "Our goals" }] },
      { t: "p", c: [{ t: "text", v: "First line" }, { t: "br" }, { t: "text", v: "second line" }] },
      {
        t: "ul",
        items: [
          [{ t: "text", v: "one" }],
          [{ t: "strong", c: [{ t: "text", v: "two" }] }, { t: "br" }, { t: "text", v: "continued" }],
        ],
      },
      { t: "ol", start: 3, items: [[{ t: "text", v: "third" }], [{ t: "text", v: "fourth" }]] },
      {
        t: "quote",
        c: [
          {
            t: "p",
            c: [
              { t: "text", v: "quoted " },
              { t: "em", c: [{ t: "text", v: "words" }] },
            ],
          },
        ],
      },
      { t: "pre", v: "<b>raw</b>" },
      { t: "hr" },
    ]);
  });

  it("links only to the web, mail and this site; other targets keep their words as text", () => {
    const [p] = parseMarkdown(
      "[site](https://example.org/a?b=1) [x](javascript:alert(1)) [y](/pairings/p1) [z](//evil.example) see https://trellis.example/x.",
    ) as [Extract<Block, { t: "p" }>];
    const links = p.c.filter((n): n is Extract<Inline, { t: "link" }> => n.t === "link").map((n) => n.href);
    expect(links).toEqual(["https://example.org/a?b=1", "/pairings/p1", "https://trellis.example/x"]);
    expect(JSON.stringify(p.c)).not.toContain("javascript");
    expect(safeHref("JAVASCRIPT:alert(1)")).toBe(false);
    expect(safeHref("data:text/html,hi")).toBe(false);
    expect(safeHref("https://ok.example/\u0000")).toBe(false);
    expect(safeHref("mailto:mentor@example.org")).toBe(true);
  });

  it("leaves intraword underscores and lone markers as typed", () => {
    const [p] = parseMarkdown("snake_case_name and 2 * 3 * 4 and \\*not em\\*") as [Extract<Block, { t: "p" }>];
    expect(p.c).toEqual([{ t: "text", v: "snake_case_name and 2 * 3 * 4 and *not em*" }]);
  });

  it("never loses or invents text: every character typed outside markers comes back, for any input", () => {
    const text = (nodes: Inline[]): string =>
      nodes.map((n) => (n.t === "text" || n.t === "code" ? n.v : n.t === "br" ? "" : text(n.c))).join("");
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const doc = parseMarkdown(s);
        const all = JSON.stringify(doc);
        expect(typeof all).toBe("string");
        for (const b of doc) if (b.t === "p") expect(text(b.c).length).toBeLessThanOrEqual(s.length);
      }),
    );
  });

  it("caps how deep quotes nest and keeps unbalanced markers as text", () => {
    let depth = 0;
    let blocks = parseMarkdown(`${">".repeat(5000)} deep`);
    while (blocks[0]?.t === "quote") {
      depth++;
      blocks = blocks[0].c;
    }
    expect(depth).toBe(4);
    const unbalanced = "a * b _ c [ d ] e ( ".repeat(2000).trim();
    expect(parseMarkdown(unbalanced)).toEqual([{ t: "p", c: [{ t: "text", v: unbalanced }] }]);
  });

  it("keeps raw HTML, images and tables as the words typed: nothing in the input becomes markup", () => {
    const doc = parseMarkdown(
      "<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> ![cat](https://example.org/c.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    );
    const all = JSON.stringify(doc);
    expect(doc[0]).toEqual({ t: "p", c: [{ t: "text", v: "<script>alert(1)</script>" }] });
    expect(doc[1]).toEqual({ t: "p", c: [{ t: "text", v: "Hi <img src=x onerror=alert(1)> cat" }] });
    expect(doc[2]?.t).toBe("p");
    expect(all).not.toContain('"t":"link"');
    expect(all).not.toContain("c.png");
  });
});
