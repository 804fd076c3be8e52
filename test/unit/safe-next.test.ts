/** safeNext: only paths of this site survive as redirect targets, whatever string comes in. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeNext } from "../../worker/http/redirects";

const HOME = "https://app.example";

/** What a browser would do with a Location header value: the URL it goes to, or null when the value is refused. */
function followed(location: string): URL | null {
  if (/[\r\n\0]/.test(location)) return null;
  // Browsers drop tabs and newlines anywhere and C0 controls and spaces at the ends before parsing.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: this models how browsers strip C0 controls.
  const cleaned = location.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  try {
    return new URL(cleaned, HOME);
  } catch {
    return null;
  }
}

describe("safeNext", () => {
  it("keeps paths of this site, with their query and fragment", () => {
    expect(safeNext("/profile?x=1")).toBe("/profile?x=1");
    expect(safeNext("/programs/p1/matching#proposals")).toBe("/programs/p1/matching#proposals");
    expect(safeNext("/settings/data")).toBe("/settings/data");
  });

  it("refuses every known way out of the site", () => {
    const bypasses = [
      "https://evil.example",
      "//evil.example",
      "///evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "/%09/evil.example/../..//evil.example",
      " /evil.example",
      "\u0000/evil.example",
      "/\u0000/evil.example",
      "/\u00a0/evil.example",
      "/\u2028/evil.example",
      "/\ufeff/evil.example",
      "/\u200b/evil.example",
      "javascript:alert(1)",
      "/x\r\nSet-Cookie: a=b",
      "/.//evil.example",
      "/..//evil.example",
      "",
    ];
    for (const target of bypasses) {
      const result = safeNext(target);
      expect(followed(result)?.origin, JSON.stringify(target)).toBe(HOME);
      expect(result === "/" || !/^\/[/\\]/.test(result), JSON.stringify(target)).toBe(true);
    }
    expect(safeNext("//evil.example")).toBe("/");
    expect(safeNext("/\t/evil.example")).toBe("/");
    expect(safeNext("/.//evil.example")).toBe("/");
    expect(safeNext("javascript:alert(1)", "")).toBe("");
    expect(safeNext(undefined)).toBe("/");
  });

  it("never sends a browser to another origin, and always gives a valid header value (any string)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 40 }),
          fc.string({ unit: "binary", maxLength: 40 }).map((s) => `/${s}`),
          fc
            .constantFrom("/", "//", "/\\", "\\", "/\t", " ", "http:", "https://", "%2f")
            .chain((head) => fc.string({ unit: "binary", maxLength: 30 }).map((s) => head + s)),
        ),
        (target) => {
          const result = safeNext(target);
          expect(() => new Headers({ Location: result })).not.toThrow();
          expect(result.startsWith("/")).toBe(true);
          expect(/^\/[/\\]/.test(result)).toBe(false);
          expect(followed(result)?.origin).toBe(HOME);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
