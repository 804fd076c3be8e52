/**
 * What every file upload shares: reading the form's file (its size first, so an oversized one is never read into
 * memory) and sniffing its first bytes before the bytes travel anywhere; and serving stored bytes back as an inert
 * attachment (the downloader's browser saves it, never renders it on the site's origin).
 */
import {
  attachmentDisposition,
  cleanFileName,
  FILE_LIMITS,
  type FileProblem,
  sniffFile,
} from "../domain/files/file-kinds";
import { ATTACHMENT_CSP } from "../middleware/security-headers";
import type { Upload } from "../domain/files/upload";
import type { readForm } from "./forms";

/** The form's file, checked; `missing` when none was chosen. */
export async function readUpload(
  form: Awaited<ReturnType<typeof readForm>>,
  field = "file",
): Promise<{ ok: true; upload: Upload } | { ok: false; problem: FileProblem }> {
  const raw = form[field];
  const sent = Array.isArray(raw) ? raw[0] : raw;
  if (!(sent instanceof File) || !sent.name) return { ok: false, problem: "missing" };
  const tooLarge = sent.size > FILE_LIMITS.bytes;
  const bytes = tooLarge ? new ArrayBuffer(0) : await sent.arrayBuffer();
  const sniffed = sniffFile(sent.name, sent.size, new Uint8Array(bytes));
  if ("problem" in sniffed) return { ok: false, problem: sniffed.problem };
  return { ok: true, upload: { name: cleanFileName(sent.name), kind: sniffed.kind, size: sent.size, bytes } };
}

/** Stored bytes as a download: an attachment of the kind's own type, nosniff, a sandboxing CSP, never cached. */
export function attachmentResponse(object: R2ObjectBody, contentType: string, name: string): Response {
  return new Response(object.body, {
    headers: {
      "Content-Type": contentType,
      "Content-Length": String(object.size),
      "Content-Disposition": attachmentDisposition(name),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": ATTACHMENT_CSP,
      "Cache-Control": "private, no-store",
    },
  });
}
