import { describe, expect, it } from "vitest";
import {
  attachmentDisposition,
  cleanFileName,
  FILE_LIMITS,
  formatFileSize,
  kindOfExtension,
  sniffFile,
} from "../../worker/domain/files/file-kinds";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));
const sniff = (name: string, head: Uint8Array) => sniffFile(name, head.byteLength, head);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

describe("sniffFile", () => {
  it("accepts each kind by its first bytes when the name agrees", () => {
    expect(sniff("cv.pdf", bytes("%PDF-1.7\n"))).toEqual({ kind: "pdf" });
    expect(sniff("me.PNG", bytes(PNG, [0, 0]))).toEqual({ kind: "png" });
    expect(sniff("me.jpeg", bytes([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ kind: "jpeg" });
    expect(sniff("me.webp", bytes("RIFF", [1, 2, 3, 4], "WEBPVP8 "))).toEqual({ kind: "webp" });
    expect(sniff("cv.docx", bytes(ZIP, "[Content_Types].xml"))).toEqual({ kind: "ooxml" });
    const odt = bytes(ZIP, new Array(26).fill(0), "mimetypeapplication/vnd.oasis.opendocument.text");
    expect(sniff("cv.odt", odt)).toEqual({ kind: "odf" });
    expect(sniff("old.doc", bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toEqual({ kind: "ole" });
    expect(sniff("notes.txt", bytes("\uFEFFPlan für Dienstag: 1 < 2\n"))).toEqual({ kind: "text" });
    expect(sniff("table.csv", bytes("a,b\n1,2\n"))).toEqual({ kind: "text" });
  });

  it("refuses types never accepted, whatever their content: HTML, SVG, scripts, archives", () => {
    expect(sniff("page.html", bytes("<!doctype html><script>alert(1)</script>"))).toEqual({ problem: "type" });
    expect(sniff("x.svg", bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toEqual({
      problem: "type",
    });
    expect(sniff("run.js", bytes("alert(1)"))).toEqual({ problem: "type" });
    expect(sniff("cv", bytes("%PDF-1.7"))).toEqual({ problem: "type" });
    expect(sniff("a.zip", bytes(ZIP))).toEqual({ problem: "type" });
  });

  it("refuses a wrong type behind a right extension", () => {
    expect(sniff("cv.pdf", bytes("<html><script>alert(1)</script></html>"))).toEqual({ problem: "mismatch" });
    expect(sniff("logo.png", bytes('<svg onload="alert(1)"/>'))).toEqual({ problem: "mismatch" });
    expect(sniff("notes.txt", bytes("  <html><body>hi</body></html>"))).toEqual({ problem: "mismatch" });
    expect(sniff("notes.txt", bytes("\uFEFF<svg/>"))).toEqual({ problem: "mismatch" });
    expect(sniff("notes.txt", bytes([0x48, 0x69, 0x00, 0x01]))).toEqual({ problem: "mismatch" });
    expect(sniff("notes.txt", bytes([0xc3, 0x28]))).toEqual({ problem: "mismatch" });
    expect(sniff("photo.jpg", bytes(PNG))).toEqual({ problem: "mismatch" });
    expect(sniff("cv.odt", bytes(ZIP, "[Content_Types].xml"))).toEqual({ problem: "mismatch" });
  });

  it("refuses empty files and files over the limit before looking inside", () => {
    expect(sniffFile("cv.pdf", 0, new Uint8Array())).toEqual({ problem: "empty" });
    expect(sniffFile("cv.pdf", FILE_LIMITS.bytes + 1, bytes("%PDF-"))).toEqual({ problem: "tooLarge" });
    expect(sniffFile("cv.pdf", FILE_LIMITS.bytes, bytes("%PDF-"))).toEqual({ kind: "pdf" });
  });

  it("knows no extension for SVG or HTML", () => {
    for (const ext of ["svg", "html", "htm", "xhtml", "xml", "js"]) expect(kindOfExtension(ext)).toBeNull();
  });
});

describe("names and headers", () => {
  it("cleans names: no folders, control or direction-override characters, length kept with the extension", () => {
    expect(cleanFileName("C:\\Users\\me\\cv.pdf")).toBe("cv.pdf");
    expect(cleanFileName("../../etc/passwd.txt")).toBe("passwd.txt");
    expect(cleanFileName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    const long = cleanFileName(`${"a".repeat(300)}.docx`);
    expect(long.length).toBe(FILE_LIMITS.name);
    expect(long.endsWith(".docx")).toBe(true);
  });

  it("writes an attachment disposition with an ASCII fallback and the exact name (RFC 6266)", () => {
    expect(attachmentDisposition("cv.pdf")).toBe(`attachment; filename="cv.pdf"; filename*=UTF-8''cv.pdf`);
    expect(attachmentDisposition('Lebenslauf "Müller"; (1).pdf')).toBe(
      `attachment; filename="Lebenslauf _M_ller__ (1).pdf"; filename*=UTF-8''Lebenslauf%20%22M%C3%BCller%22%3B%20%281%29.pdf`,
    );
    expect(attachmentDisposition("简历.pdf")).toBe(
      `attachment; filename="__.pdf"; filename*=UTF-8''%E7%AE%80%E5%8E%86.pdf`,
    );
  });

  it("writes sizes in the viewer's locale", () => {
    expect(formatFileSize(2_500_000, "en")).toBe("2.4 MB");
    expect(formatFileSize(2_500_000, "fr")).toBe("2,4\u202fMo");
    expect(formatFileSize(300, "en")).toBe("1 kB");
    expect(formatFileSize(10 * 1024 * 1024, "de")).toBe("10 MB");
  });
});

describe("library rules", () => {
  it("maps journey milestone keys and picks items for a stage and for goals", async () => {
    const { libraryFor, milestoneOfKey, parseTags } = await import("../../worker/domain/library/library");
    expect(milestoneOfKey("check-in-3")).toBe("check-in");
    expect(milestoneOfKey("mid-point")).toBe("mid-point");
    expect(milestoneOfKey("close")).toBeNull();
    expect(parseTags(" Career , career,, Public speaking ")).toEqual(["career", "public speaking"]);
    const item = (id: string, milestone: "agreement" | "wrap-up" | "any", tags: string[] = []) => ({
      id,
      title: id,
      url: null,
      body: "x",
      milestone,
      tags,
      file: null,
    });
    const picked = libraryFor(
      [item("a", "agreement"), item("w", "wrap-up"), item("t", "any", ["career"])],
      "onboarding",
      ["Career"],
    );
    expect([picked.stage, picked.goals, picked.rest].map((l) => l.map((i) => i.id))).toEqual([["a"], ["t"], ["w"]]);
  });
});
