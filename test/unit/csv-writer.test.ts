/** The CSV writer: RFC 4180 quoting, spreadsheet formula guards, and a round trip through the project's own reader. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../worker/domain/csv";
import { CSV_BOM, csvField, csvRecord, guardText, isoUtc, startsLikeFormula } from "../../worker/domain/csv-writer";

const cellsOf = (text: string) => {
  const r = parseCsv(text);
  if (!r.ok) throw new Error(r.error);
  return r.records.map((x) => x.cells);
};

describe("csvField", () => {
  it("leaves plain text, numbers and ISO times alone", () => {
    expect(csvField("Ada Lovelace")).toBe("Ada Lovelace");
    expect(csvField(42)).toBe("42");
    expect(csvField(-3.5)).toBe("-3.5");
    expect(csvField(isoUtc(Date.UTC(2026, 2, 1, 9, 30)))).toBe("2026-03-01T09:30:00.000Z");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(true)).toBe("yes");
    expect(csvField(Number.NaN)).toBe("");
  });

  it("quotes commas, quotes and line breaks, doubling quotes", () => {
    expect(csvField("Smith, Jo")).toBe('"Smith, Jo"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("two\r\nlines")).toBe('"two\nlines"');
    expect(csvField("lone\rreturn")).toBe('"lone\nreturn"');
  });

  it("guards every formula start, ASCII and full-width", () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-1")).toBe("'-1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tx")).toBe("'\tx");
    expect(csvField("\rx")).toBe('"\nx"');
    expect(startsLikeFormula("\rx")).toBe(true);
    expect(csvField("＝1+1")).toBe("'＝1+1");
    expect(csvField("＋1")).toBe("'＋1");
    expect(csvField("－1")).toBe("'－1");
    expect(csvField("＠x")).toBe("'＠x");
    expect(csvField("a=b")).toBe("a=b");
  });
});

describe("csvRecord", () => {
  it("ends records with CRLF and writes a lone empty field as a quoted one", () => {
    expect(csvRecord(["a", 1, null])).toBe("a,1,\r\n");
    expect(csvRecord([""])).toBe('""\r\n');
  });

  it("starts files with a BOM that the reader skips", () => {
    expect(cellsOf(CSV_BOM + csvRecord(["name", "email"]) + csvRecord(["Zoë", "z@example.org"]))).toEqual([
      ["name", "email"],
      ["Zoë", "z@example.org"],
    ]);
  });
});

describe("round trip through parseCsv", () => {
  const text = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 30 }),
    fc.string({
      unit: fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", '"', ",", "a", " ", "＝", "＋", "－", "＠"),
      maxLength: 12,
    }),
  );

  it("gives back every value, minus the apostrophe only where one was added, and no cell starts like a formula", () => {
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const width = rows[0]!.length;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
        const parsed = cellsOf(CSV_BOM + table.map(csvRecord).join(""));
        expect(parsed.length).toBe(table.length);
        for (const [r, cells] of parsed.entries()) {
          for (const [i, cell] of cells.entries()) {
            const original = table[r]![i]!.replace(/\r\n?/g, "\n");
            expect(startsLikeFormula(cell)).toBe(false);
            expect(cell).toBe(startsLikeFormula(original) ? `'${original}` : original);
            expect(guardText(original)).toBe(cell);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
