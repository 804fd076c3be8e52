/** Types shared by the app's routes and middleware. */
import type { Locale } from "./domain/i18n/locales";
import type { Translate } from "./domain/i18n/translate";
import type { PairingRecord } from "./domain/pairing";
import type { Person } from "./domain/records";

/** Hono environment: bindings plus per-request variables. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** The signed-in person, or null for a visitor. */
    user: Person | null;
    /** SHA-256 of the current session id, when signed in. */
    sessionHash: string | null;
    /** The signed-in person's first program's language (read with the session; null when none or a visitor). */
    programLanguage: string | null;
    /** The CSRF token to embed in this response's forms. */
    csrf: string;
    /** The pairing a member's route is about (set by `requirePairingMember`). */
    pairing: PairingRecord;
    /** The request's id in log lines (`cf-ray`, or random; set by the request log). */
    requestId: string;
    /** The browser's best shipped language from Accept-Language (set by `browserLanguage`). */
    language: string;
    /** The language pages and fragments are written in (set by `localeResolver`). */
    locale: Locale;
    /** Translates message ids into `locale` (set by `localeResolver`). */
    t: Translate;
  };
}

declare module "hono" {
  interface ContextVariableMap {
    user: Person | null;
    sessionHash: string | null;
    programLanguage: string | null;
    csrf: string;
    pairing: PairingRecord;
    requestId: string;
    language: string;
    locale: Locale;
    t: Translate;
  }
}
