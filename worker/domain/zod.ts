/**
 * The one way the app imports zod: Zod Mini (functional checks, tree-shakable: about 10 KB of the bundle where classic
 * zod with its locales was about 90 KB gzip) with English default messages configured once. Every form's own
 * messages are written at its schema; the English locale only words the rare default (a hidden field's limit).
 * Import it as `import * as z from "./zod"` so the bundler keeps only the functions used, and use it only as `z.name`:
 * destructuring `z` or passing it around as a value makes the bundler keep all of zod (443 KB minified).
 */
import { config, NEVER, pipe, transform, type ZodMiniType } from "zod/mini";
import { en } from "zod/locales";

config(en());

export * from "zod/mini";

/** Zod Mini has no `preprocess`: classic zod's is this pipe (a transform, then the schema). */
export const preprocess = <T extends ZodMiniType>(fn: (v: unknown) => unknown, schema: T) =>
  pipe(transform(fn), schema);

/** Fails a transform with a message (what classic zod's `ctx.addIssue` did). */
export const fail = (ctx: { issues: unknown[]; value: unknown }, message: string): never => {
  ctx.issues.push({ code: "custom", message, input: ctx.value });
  return NEVER;
};
