/**
 * The one way the app imports zod: Zod Mini (functional checks, tree-shakable: about 10 KB of the bundle where classic
 * zod with its locales was about 90 KB gzip) with English default messages configured once. Every form's own
 * messages are written at its schema; the English locale only words the rare default (a hidden field's limit).
 * Import it as `import * as z from "./zod"` so the bundler keeps only the functions used.
 */
import { config } from "zod/mini";
import { en } from "zod/locales";

config(en());

export * from "zod/mini";
