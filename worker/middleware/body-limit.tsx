/** Refuses oversized request bodies before anything reads them (the CSRF check parses form bodies). */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { BadRequestPage } from "../../views/pages/errors";
import { FILE_LIMITS, formatFileSize } from "../domain/files/file-kinds";
import { intlTag } from "../domain/i18n/locales";
import type { AppEnv } from "../types";
import { translatorOf } from "./locale";

/** The largest body accepted: a 2 MB CSV upload and its form fields fit with room to spare. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The routes that take larger bodies: file uploads (a member's shared file, a library item), the limit plus the form. */
const UPLOAD = /^\/(pairings\/[^/]+\/files|programs\/[^/]+\/library(\/[^/]+)?)$/;
/** What an upload's body may hold beyond the file (boundaries, headers, the note, the CSRF token). */
const UPLOAD_FORM_BYTES = 64 * 1024;

const generalLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => {
    c.status(413);
    const t = translatorOf(c);
    return c.render(<BadRequestPage message={t("error.tooLarge.body")} />, { title: t("error.tooLarge.title") });
  },
});

/**
 * An upload's limit, counted on the bytes as they arrive: the Content-Length header is dropped first, so a body that
 * claims to be small and is not is cut off at the limit too.
 */
const uploadLimit = bodyLimit({
  maxSize: FILE_LIMITS.bytes + UPLOAD_FORM_BYTES,
  onError: (c) => {
    c.status(413);
    const size = formatFileSize(FILE_LIMITS.bytes, intlTag(c.var.locale));
    return c.render(<BadRequestPage message={c.var.t("files.error.bodyTooLarge", { size })} />, {
      title: c.var.t("files.error.tooLargeTitle"),
    });
  },
});

/** Answers 413 with a readable page to any request whose body is over its limit (MAX_BODY_BYTES, or an upload's). */
export const bodySizeLimit: MiddlewareHandler<AppEnv> = (c, next) => {
  if (c.req.method !== "POST" || !UPLOAD.test(c.req.path) || !c.req.raw.body) return generalLimit(c, next);
  const headers = new Headers(c.req.raw.headers);
  headers.delete("Content-Length");
  c.req.raw = new Request(c.req.raw, { headers });
  return uploadLimit(c, next);
};
