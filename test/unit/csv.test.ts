import { describe, expect, it } from "vitest";
import { decodeUtf8, parseCsv } from "../../worker/domain/csv";

const ok = (text: string) => {
  const r = parseCsv(text);
  if (!r.ok) throw new Error(r.error);
  return r.records;
};

describe("parseCsv", () => {
  it("reads plain rows with their line numbers", () => {
    expect(ok("a,b\n1,2\n")).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["1", "2"] },
    ]);
  });

  it("strips a BOM and accepts CRLF, CR and a missing final newline", () => {
    expect(ok("\uFEFFa,b\r\n1,2\r\n3,4")).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["1", "2"] },
      { line: 3, cells: ["3", "4"] },
    ]);
    expect(ok("a\r1\r").map((r) => r.cells)).toEqual([["a"], ["1"]]);
  });

  it("handles quoted commas, doubled quotes and newlines, counting physical lines", () => {
    const records = ok('name,bio\r\n"Smith, Jo","said ""hi""\r\nthen left"\r\nnext,row\r\n');
    expect(records).toEqual([
      { line: 1, cells: ["name", "bio"] },
      { line: 2, cells: ["Smith, Jo", 'said "hi"\nthen left'] },
      { line: 4, cells: ["next", "row"] },
    ]);
  });

  it("skips blank lines but keeps their numbering", () => {
    expect(ok("a\n\n\nb\n")).toEqual([
      { line: 1, cells: ["a"] },
      { line: 4, cells: ["b"] },
    ]);
  });

  it("keeps an explicitly quoted empty record and short or long rows as they are", () => {
    expect(ok('a,b,c\n""\n1\n1,2,3,4').map((r) => r.cells)).toEqual([
      ["a", "b", "c"],
      [""],
      ["1"],
      ["1", "2", "3", "4"],
    ]);
  });

  it("returns nothing for an empty file", () => {
    expect(ok("")).toEqual([]);
    expect(ok("\uFEFF")).toEqual([]);
    expect(ok("\r\n\r\n")).toEqual([]);
  });

  it("stops after maxRecords records and says whether more followed", () => {
    expect(parseCsv("h\n1\n2\n3\n", { maxRecords: 2 })).toEqual({
      ok: true,
      truncated: true,
      records: [
        { line: 1, cells: ["h"] },
        { line: 2, cells: ["1"] },
      ],
    });
    expect(parseCsv("h\n1\n\n\n", { maxRecords: 2 })).toMatchObject({ ok: true, truncated: false });
    expect(parseCsv("h\n1\n", { maxRecords: 5 })).toMatchObject({ ok: true, truncated: false });
    const huge = parseCsv("a\n".repeat(1_000_000), { maxRecords: 10 });
    expect(huge.ok && [huge.records.length, huge.truncated]).toEqual([10, true]);
  });

  it("reports an unterminated quote with the line it opened on", () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n')).toEqual({
      ok: false,
      line: 2,
      error: expect.stringContaining("never closed"),
    });
  });
});

describe("decodeUtf8", () => {
  it("decodes UTF-8, drops a BOM, and refuses other encodings", () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x4a, 0x6f, 0x73, 0xc3, 0xa9]))).toBe("José");
    expect(decodeUtf8(new Uint8Array([0x4a, 0x6f, 0x73, 0xe9]))).toBeNull();
    expect(decodeUtf8(new Uint8Array())).toBe("");
  });
});
