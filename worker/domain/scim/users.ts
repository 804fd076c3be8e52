/**
 * SCIM 2.0 Users (RFC 7643, RFC 7644) as Trellis understands them: what a provisioning client (Microsoft Entra ID,
 * Okta, Google) sends is read into the few things a program keeps about a participant (email, name, role, whether they
 * take part, the client's own id), and a participant is written back as a SCIM User. Attribute names are read in any
 * letter case, as RFC 7643 says. Pure.
 */
import { PROFILE_LIMITS } from "../profile";
import * as z from "../zod";

/** The schema URNs Trellis reads and writes. */
export const SCIM_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const SCIM_LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const SCIM_PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

/** The most users one list answers (`count` is lowered to it, as RFC 7644 §3.4.2.4 allows). */
export const SCIM_PAGE_MAX = 200;
/** Longest `externalId` kept. */
export const EXTERNAL_ID_MAX = 256;

/** A participant's role; SCIM has no such attribute, so it comes from `roles` or `userType` ("mentor" or "mentee"). */
export type ScimRole = "mentor" | "mentee";

/** What Trellis keeps from a SCIM User. `undefined` means "not said" (a PATCH leaves it as it is). */
export interface ScimUserInput {
  email?: string;
  name?: string;
  role?: ScimRole;
  externalId?: string | null;
  active?: boolean;
}

/** A SCIM error's `scimType` (RFC 7644 §3.12). */
export type ScimErrorType =
  | "invalidValue"
  | "invalidFilter"
  | "invalidSyntax"
  | "uniqueness"
  | "mutability"
  | "noTarget";

/** A request Trellis cannot take: its status and the SCIM words for why. */
export interface ScimProblem {
  status: 400 | 409;
  scimType: ScimErrorType;
  detail: string;
}

/** A SCIM error body (RFC 7644 §3.12): status as a string, as the specification has it. */
export function scimError(status: number, detail: string, scimType?: ScimErrorType) {
  return { schemas: [SCIM_ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

/** A participant as Trellis stores them, for writing back as a SCIM User. */
export interface ScimUserRow {
  id: string;
  email: string;
  name: string;
  role: ScimRole;
  active: boolean;
  externalId: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A participant as a SCIM User resource, with its location under `base` (…/scim/v2). */
export function scimUser(row: ScimUserRow, base: string) {
  return {
    schemas: [SCIM_USER],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    userName: row.email,
    displayName: row.name || row.email,
    name: { formatted: row.name || row.email },
    emails: [{ value: row.email, type: "work", primary: true }],
    userType: row.role,
    roles: [{ value: row.role, primary: true }],
    active: row.active,
    meta: {
      resourceType: "User",
      created: new Date(row.createdAt).toISOString(),
      lastModified: new Date(row.updatedAt).toISOString(),
      location: `${base}/Users/${row.id}`,
    },
  };
}

/** A page of users as a SCIM ListResponse (`startIndex` is 1-based). */
export function scimList<T>(resources: T[], totalResults: number, startIndex: number) {
  return { schemas: [SCIM_LIST], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}

const emailCheck = z.string().check(z.maxLength(254), z.email());
/** A lower-cased email when `value` is one, else null. */
function emailOf(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const email = value.trim().toLowerCase();
  return emailCheck.safeParse(email).success ? email : null;
}

/** The value of `key` in `o`, the key matched in any letter case. */
function field(o: unknown, key: string): unknown {
  if (!o || typeof o !== "object" || Array.isArray(o)) return undefined;
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(o)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** A boolean as clients send it: true/false, or the strings "True"/"False" that Entra ID sends in PATCH. */
function booleanOf(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === "true";
  return null;
}

/** "mentor" or "mentee" from a role's words ("Mentor", " mentee "), else null. */
function roleOf(value: unknown): ScimRole | null {
  const v = typeof value === "string" ? value.trim().toLowerCase() : "";
  return v === "mentor" || v === "mentee" ? v : null;
}

/** The role in `roles` (the primary one first) or `userType`; undefined when neither names one. */
function roleIn(user: unknown): ScimRole | undefined {
  const roles = field(user, "roles");
  if (Array.isArray(roles)) {
    const ordered = [...roles].sort(
      (a, b) => Number(booleanOf(field(b, "primary"))) - Number(booleanOf(field(a, "primary"))),
    );
    for (const r of ordered) {
      const role = roleOf(typeof r === "string" ? r : field(r, "value"));
      if (role) return role;
    }
  }
  return roleOf(field(user, "userType")) ?? undefined;
}

/** The person's name: `displayName`, else `name.formatted`, else given and family names joined. */
function nameIn(user: unknown): string | undefined {
  const name = field(user, "name");
  const given = field(name, "givenName");
  const family = field(name, "familyName");
  const candidates = [
    field(user, "displayName"),
    field(name, "formatted"),
    [given, family].filter((s) => typeof s === "string" && s.trim()).join(" "),
  ];
  const found = candidates.find((s): s is string => typeof s === "string" && s.trim() !== "");
  return found?.trim().slice(0, PROFILE_LIMITS.name);
}

/** The email in `emails`: the primary one, else the work one, else the first. */
function emailsIn(user: unknown): string | null {
  const emails = field(user, "emails");
  if (!Array.isArray(emails)) return null;
  const pick =
    emails.find((e) => booleanOf(field(e, "primary"))) ??
    emails.find((e) => String(field(e, "type") ?? "").toLowerCase() === "work") ??
    emails[0];
  return emailOf(field(pick, "value"));
}

/**
 * Reads a full User (POST, PUT): `userName` when it is an email (Entra ID sends the user principal name, Okta the
 * login), else the primary email; the name; the role (`fallbackRole` when neither `roles` nor `userType` name one);
 * `active` (true when absent); `externalId`.
 */
export function readScimUser(
  body: unknown,
  fallbackRole: ScimRole,
): { ok: true; user: Required<ScimUserInput> } | { ok: false; problem: ScimProblem } {
  if (!body || typeof body !== "object" || Array.isArray(body))
    return invalid("invalidSyntax", "The body must be a SCIM User object.");
  const userName = field(body, "userName");
  if (typeof userName !== "string" || !userName.trim()) return invalid("invalidValue", "userName is required.");
  const email = emailOf(userName) ?? emailsIn(body);
  if (!email)
    return invalid("invalidValue", "Trellis needs an email address: as userName, or as the primary value in emails.");
  const active = field(body, "active");
  const activeValue = active === undefined ? true : booleanOf(active);
  if (activeValue === null) return invalid("invalidValue", "active must be true or false.");
  const externalId = externalIdOf(field(body, "externalId"));
  if (externalId === false)
    return invalid("invalidValue", `externalId must be a string of at most ${EXTERNAL_ID_MAX} characters.`);
  return {
    ok: true,
    user: { email, name: nameIn(body) ?? "", role: roleIn(body) ?? fallbackRole, externalId, active: activeValue },
  };
}

/** An `externalId` as kept: a trimmed string, null when absent or empty, false when it is not a string that fits. */
function externalIdOf(value: unknown): string | null | false {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string" || value.length > EXTERNAL_ID_MAX) return false;
  return value.trim() || null;
}

const invalid = (scimType: ScimErrorType, detail: string) =>
  ({ ok: false, problem: { status: 400, scimType, detail } }) as const;

/**
 * Reads a PatchOp (RFC 7644 §3.5.2) into the changes Trellis keeps: `add` and `replace` of `active`, `userName`,
 * `displayName`, `name.*`, `emails…`, `roles…`, `userType` and `externalId`, with a path or as a value object (both
 * styles are what Entra ID and Okta send); `remove` of `externalId`. Attributes Trellis does not keep (title,
 * phoneNumbers, addresses, the enterprise extension…) are accepted and ignored, as a provisioning client expects.
 */
export function readScimPatch(
  body: unknown,
): { ok: true; changes: ScimUserInput } | { ok: false; problem: ScimProblem } {
  const operations = field(body, "Operations");
  if (!Array.isArray(operations) || operations.length === 0)
    return invalid("invalidSyntax", "A PatchOp needs a non-empty Operations list.");
  const changes: ScimUserInput = {};
  for (const op of operations) {
    const kind = String(field(op, "op") ?? "").toLowerCase();
    const path = field(op, "path");
    const value = field(op, "value");
    if (kind === "remove") {
      if (typeof path === "string" && path.trim().toLowerCase() === "externalid") changes.externalId = null;
      else if (typeof path !== "string" || !path.trim()) return invalid("noTarget", "remove needs a path.");
      continue;
    }
    if (kind !== "add" && kind !== "replace")
      return invalid("invalidSyntax", `Unknown op "${String(field(op, "op"))}".`);
    // Without a path the value is an object of attributes; with one, a single attribute's value.
    const pairs: [string, unknown][] =
      typeof path === "string" && path.trim()
        ? [[path.trim(), value]]
        : value && typeof value === "object" && !Array.isArray(value)
          ? Object.entries(value)
          : [];
    if (pairs.length === 0) return invalid("invalidValue", "An add or replace without a path needs an object value.");
    for (const [attribute, v] of pairs) {
      const problem = applyChange(changes, attribute, v);
      if (problem) return { ok: false, problem };
    }
  }
  return { ok: true, changes };
}

/** Applies one attribute's new value to `changes`; a problem when the value cannot be taken. */
function applyChange(changes: ScimUserInput, attribute: string, v: unknown): ScimProblem | null {
  const a = attribute.toLowerCase().replace(/^urn:ietf:params:scim:schemas:core:2\.0:user:/, "");
  const bad = (detail: string): ScimProblem => ({ status: 400, scimType: "invalidValue", detail });
  if (a === "active") {
    const active = booleanOf(v);
    if (active === null) return bad("active must be true or false.");
    changes.active = active;
  } else if (a === "username") {
    const email = emailOf(v);
    if (!email) return bad("userName must be an email address.");
    changes.email = email;
  } else if (a.startsWith("emails")) {
    // emails, emails[type eq "work"].value, emails[primary eq true].value: the address itself or a list of them.
    const email = Array.isArray(v) ? emailsIn({ emails: v }) : emailOf(v);
    if (!email) return bad("emails must hold an email address.");
    changes.email ??= email;
  } else if (a === "displayname" || a === "name.formatted" || a === "name") {
    const name = typeof v === "string" ? v.trim() : nameIn({ name: v });
    if (name) changes.name = name.slice(0, PROFILE_LIMITS.name);
  } else if (a === "name.givenname" || a === "name.familyname") {
    // Without the other half the full name is unknown; displayName, which clients send beside it, sets it.
  } else if (a.startsWith("roles") || a === "usertype") {
    const role = a === "usertype" ? roleOf(v) : roleIn({ roles: Array.isArray(v) ? v : [v] });
    if (!role) return bad('A role must be "mentor" or "mentee".');
    changes.role = role;
  } else if (a === "externalid") {
    const externalId = externalIdOf(v);
    if (externalId === false) return bad(`externalId must be a string of at most ${EXTERNAL_ID_MAX} characters.`);
    changes.externalId = externalId;
  }
  return null;
}

/** A filter Trellis answers: one attribute compared with `eq` (what provisioning clients send to find a user). */
export interface ScimFilter {
  attribute: "userName" | "externalId" | "id";
  value: string;
}

/**
 * Reads `filter`: `userName eq "…"`, `externalId eq "…"` or `id eq "…"` (any letter case for the attribute and the
 * operator; `emails.value` and `emails[type eq "work"].value` count as userName). Anything else is an invalidFilter.
 */
export function readScimFilter(filter: string): { ok: true; filter: ScimFilter } | { ok: false; problem: ScimProblem } {
  const m = /^\s*([A-Za-z][\w.:[\]" ]*?)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  const attribute = m?.[1]?.toLowerCase().replace(/^urn:ietf:params:scim:schemas:core:2\.0:user:/, "");
  const value = m?.[2]?.replace(/\\(.)/g, "$1");
  const known =
    attribute === "username" ||
    attribute === "emails.value" ||
    /^emails\[type eq "work"\]\.value$/.test(attribute ?? "")
      ? "userName"
      : attribute === "externalid"
        ? "externalId"
        : attribute === "id"
          ? "id"
          : null;
  if (!known || value === undefined)
    return {
      ok: false,
      problem: {
        status: 400,
        scimType: "invalidFilter",
        detail: 'Trellis answers filters of the form userName eq "…", externalId eq "…" or id eq "…".',
      },
    };
  return { ok: true, filter: { attribute: known, value: known === "userName" ? value.toLowerCase() : value } };
}

/** `startIndex` and `count` as a list reads them: 1-based, clamped to 1…, and 0…SCIM_PAGE_MAX (default 100). */
export function scimPaging(startIndex: string | undefined, count: string | undefined) {
  const start = Number.parseInt(startIndex ?? "", 10);
  const n = Number.parseInt(count ?? "", 10);
  return {
    startIndex: Number.isFinite(start) && start >= 1 ? start : 1,
    count: Number.isFinite(n) ? Math.min(Math.max(n, 0), SCIM_PAGE_MAX) : 100,
  };
}
