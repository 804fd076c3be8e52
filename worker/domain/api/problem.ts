/** RFC 9457 problem details: every error the JSON API answers, with a stable type URI per kind. */

import { messageOf, translator } from "../i18n/translate";

/** The kinds of problem the API answers, with their HTTP status. */
export const PROBLEMS = {
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  "invalid-request": 422,
  conflict: 409,
  "rate-limited": 429,
  "payload-too-large": 413,
  "unsupported-media-type": 415,
} as const;
/** One kind of problem. */
export type ProblemKind = keyof typeof PROBLEMS;

/** One field's complaint inside an invalid-request problem. */
export interface ProblemError {
  pointer: string;
  detail: string;
}

/** A problem details object (`application/problem+json`); its title is the kind in words ("Not found"). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: ProblemError[];
}

/** The problem object for a kind, with an optional detail and field errors. */
export function problemOf(kind: ProblemKind, detail?: string, errors?: ProblemError[]): Problem {
  return {
    type: `https://trellis.dev/problems/${kind}`,
    title: kind[0]!.toUpperCase() + kind.slice(1).replace(/-/g, " "),
    status: PROBLEMS[kind],
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  };
}

/** A validation message in the API's language, English (schemas carry catalog ids, shown as they are otherwise). */
function englishDetail(message: string): string {
  const found = messageOf(message);
  return found ? english(found.id, found.values) : message;
}
const english = translator("en");

/** Zod issues as problem errors: a JSON pointer to each field (RFC 6901) and its message. */
export function issueErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ProblemError[] {
  return issues.map((i) => ({
    pointer: `/${i.path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`,
    detail: englishDetail(i.message),
  }));
}
