/** Turning validation failures into per-field messages, and reading what the person typed back. */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { translatorOf } from "../middleware/locale";
import type { AppEnv } from "../types";

/** Maps each top-level field to its first validation message. */
export function fieldErrors(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "_form");
    out[key] ??= issue.message;
  }
  return out;
}

/** Keeps the string values of a submitted form (files and repeated keys reduced to their first string). */
export function typedValues(input: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!input || typeof input !== "object") return out;
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") out[key] = first;
  }
  return out;
}

/** Returns all string values of a repeated field (checkbox groups), whether one or many were sent. */
export function manyValues(input: unknown, key: string): string[] {
  if (!input || typeof input !== "object") return [];
  const value = (input as Record<string, unknown>)[key];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === "string");
}

/** Parses the request's form body; an unreadable body becomes a 400, never a 500. */
export async function readForm(c: Context): Promise<Record<string, string | File | (string | File)[]>> {
  try {
    return await c.req.parseBody({ all: true });
  } catch {
    throw new HTTPException(400, { message: translatorOf(c as Context<AppEnv>)("error.unreadableForm") });
  }
}

/** Returns a single string field of a parsed form ("" when absent or not text). */
export function textField(form: Record<string, unknown>, key: string): string {
  const value = form[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first : "";
}
