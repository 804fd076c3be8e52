/** Refuses oversized request bodies before anything reads them (the CSRF check parses form bodies). */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { BadRequestPage } from "../../views/pages/errors";
import type { AppEnv } from "../types";
import { translatorOf } from "./locale";

/** The largest body accepted: a 2 MB CSV upload and its form fields fit with room to spare. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Answers 413 with a readable page to any request whose body is over MAX_BODY_BYTES. */
export const bodySizeLimit: MiddlewareHandler<AppEnv> = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => {
    c.status(413);
    const t = translatorOf(c);
    return c.render(<BadRequestPage message={t("error.tooLarge.body")} />, { title: t("error.tooLarge.title") });
  },
});
