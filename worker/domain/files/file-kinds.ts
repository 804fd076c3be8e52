/**
 * What a pairing may share as a file, told from the file's first bytes (its magic number), never from the type the
 * browser declared: PDFs, PNG/JPEG/WebP images (never SVG, which can carry script), plain text, and Office or
 * OpenDocument documents. The name's extension must agree with the content, so an HTML page named cv.pdf is refused.
 */

/** Limits of shared files: bytes per file, files per pairing, characters of a name and of a comment. */
export const FILE_LIMITS = { bytes: 10 * 1024 * 1024, count: 100, name: 120, comment: 2000, note: 500 } as const;

/** How many leading bytes the sniffing reads. */
export const SNIFF_BYTES = 4096;

/** The kinds of file accepted. */
export type FileKind = "pdf" | "png" | "jpeg" | "webp" | "text" | "ooxml" | "odf" | "ole";

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Each kind: the extensions its name may end with, and what it is served as (ooxml/odf/ole by extension). */
const KINDS: Record<FileKind, { ext: string[]; type: string }> = {
  pdf: { ext: ["pdf"], type: "application/pdf" },
  png: { ext: ["png"], type: "image/png" },
  jpeg: { ext: ["jpg", "jpeg"], type: "image/jpeg" },
  webp: { ext: ["webp"], type: "image/webp" },
  text: { ext: ["txt", "md", "csv"], type: "text/plain; charset=utf-8" },
  ooxml: { ext: ["docx", "xlsx", "pptx"], type: "application/octet-stream" },
  odf: { ext: ["odt", "ods", "odp"], type: "application/octet-stream" },
  ole: { ext: ["doc", "xls", "ppt"], type: "application/octet-stream" },
};

const startsWith = (head: Uint8Array, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));

/** True when the head is UTF-8 text without control characters that does not begin like markup (HTML, SVG, XML). */
function isPlainText(head: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(head, { stream: true });
  } catch {
    return false;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here.
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return false;
  return !text
    .replace(/^\uFEFF/, "")
    .trimStart()
    .startsWith("<");
}

/** Whether the first bytes are what a file of `kind` begins with. */
function looksLike(kind: FileKind, head: Uint8Array): boolean {
  switch (kind) {
    case "pdf":
      return startsWith(head, ascii("%PDF-"));
    case "png":
      return startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case "jpeg":
      return startsWith(head, [0xff, 0xd8, 0xff]);
    case "webp":
      return startsWith(head, ascii("RIFF")) && startsWith(head, ascii("WEBP"), 8);
    case "ooxml":
      return startsWith(head, ZIP);
    case "odf":
      // OpenDocument stores an uncompressed "mimetype" entry first (ODF 1.2, part 3, 3.3).
      return startsWith(head, ZIP) && startsWith(head, ascii("mimetypeapplication/vnd.oasis.opendocument."), 30);
    case "ole":
      return startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    case "text":
      return isPlainText(head);
  }
}

/** The extension of a name, lower case ("" without one). */
export const extensionOf = (name: string): string => /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? "";

/** The kind a name's extension claims, or null for an extension not accepted. */
export function kindOfExtension(ext: string): FileKind | null {
  for (const [kind, spec] of Object.entries(KINDS)) if (spec.ext.includes(ext)) return kind as FileKind;
  return null;
}

/** The extensions accepted, for the form's `accept` attribute (".pdf,.png,…"). */
export const ACCEPTED_EXTENSIONS = Object.values(KINDS)
  .flatMap((k) => k.ext.map((e) => `.${e}`))
  .join(",");

/** Why a file is refused: no file, empty, too large, a type not accepted, or content that is not what the name says. */
export type FileProblem = "missing" | "empty" | "tooLarge" | "type" | "mismatch";

/** The message id (resources catalog) of each reason a file is refused. */
export const PROBLEM_MESSAGES: Record<FileProblem, string> = {
  missing: "files.error.missing",
  empty: "files.error.empty",
  tooLarge: "files.error.tooLarge",
  type: "files.error.type",
  mismatch: "files.error.mismatch",
};

/** A file's kind from its name and first bytes, or why it is refused. */
export function sniffFile(name: string, size: number, head: Uint8Array): { kind: FileKind } | { problem: FileProblem } {
  if (size === 0) return { problem: "empty" };
  if (size > FILE_LIMITS.bytes) return { problem: "tooLarge" };
  const kind = kindOfExtension(extensionOf(name));
  if (!kind) return { problem: "type" };
  return looksLike(kind, head.subarray(0, SNIFF_BYTES)) ? { kind } : { problem: "mismatch" };
}

/** The Content-Type a file of a kind is served with (decided here, never by the uploader). */
export const contentTypeOf = (kind: FileKind): string => KINDS[kind].type;

/** A name safe to store and show: no folders, control or direction-override characters, at most FILE_LIMITS.name. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control and bidi-override characters are removed.
  const clean = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "").trim();
  if (clean.length <= FILE_LIMITS.name) return clean;
  const ext = extensionOf(clean);
  return ext ? `${clean.slice(0, FILE_LIMITS.name - ext.length - 1)}.${ext}` : clean.slice(0, FILE_LIMITS.name);
}

/** `Content-Disposition: attachment` with an ASCII fallback name and the exact name as RFC 6266/5987 `filename*`. */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const exact = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

/** A size as people read it in a locale: "820 kB", "2.4 MB" (binary multiples, as file managers mostly show). */
export function formatFileSize(bytes: number, localeTag: string): string {
  const mb = bytes >= 1024 * 1024;
  return new Intl.NumberFormat(localeTag, {
    style: "unit",
    unit: mb ? "megabyte" : "kilobyte",
    unitDisplay: "short",
    maximumFractionDigits: mb ? 1 : 0,
  }).format(mb ? bytes / (1024 * 1024) : Math.max(1, Math.round(bytes / 1024)));
}
