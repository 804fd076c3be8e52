/**
 * The one way the app imports zod: Zod Mini (functional checks, tree-shakable: about 10 KB of the bundle where classic
 * zod with its locales was about 90 KB gzip). Every form's own messages are catalog ids written at its schema; the
 * rare check without one (a hidden field's limit, a value no form offers) says "form.invalid" in the viewer's
 * language, where zod's English locale would have said something only English readers could read.
 * Import it as `import * as z from "./zod"` so the bundler keeps only the functions used, and use it only as `z.name`:
 * destructuring `z` or passing it around as a value makes the bundler keep all of zod (443 KB minified).
 */
import { config, NEVER, pipe, transform, type ZodMiniType } from "zod/mini";
import { msg } from "./i18n/translate";

config({ localeError: () => msg("form.invalid") });

export * from "zod/mini";

/** Zod Mini has no `preprocess`: classic zod's is this pipe (a transform, then the schema). */
export const preprocess = <T extends ZodMiniType>(fn: (v: unknown) => unknown, schema: T) =>
  pipe(transform(fn), schema);

/** Fails a transform with a message (what classic zod's `ctx.addIssue` did). */
export const fail = (ctx: { issues: unknown[]; value: unknown }, message: string): never => {
  ctx.issues.push({ code: "custom", message, input: ctx.value });
  return NEVER;
};
