/** Refuses oversized request bodies before anything reads them (the CSRF check parses form bodies). */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { BadRequestPage } from "../../views/pages/errors";
import type { AppEnv } from "../types";

/** The largest body accepted: a 2 MB CSV upload and its form fields fit with room to spare. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Answers 413 with a readable page to any request whose body is over MAX_BODY_BYTES. */
export const bodySizeLimit: MiddlewareHandler<AppEnv> = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => {
    c.status(413);
    const message =
      "That was too much to send at once (the limit is 5 MB). To import participants, split the CSV file into parts of at most 2 MB.";
    return c.render(<BadRequestPage message={message} />, { title: "Too large" });
  },
});
