/** The room's agreement tables: versions of the terms and who signed which version. */
import { type AgreementTerms, DEFAULT_TERMS, signedByAll } from "../domain/room/agreement";
import { getState } from "./room-state";
import type { AgreementView } from "../domain/room/types";

/** The current agreement (version 0 with the default terms before anyone wrote one). */
export function currentAgreement(sql: SqlStorage, memberIds: string[]): AgreementView {
  const row = sql
    .exec<{ version: number; terms: string; edited_by: string; edited_at: number }>(
      "SELECT version, terms, edited_by, edited_at FROM agreement_versions ORDER BY version DESC LIMIT 1",
    )
    .toArray()[0];
  const version = row?.version ?? 0;
  const signatures = sql
    .exec<{ person_id: string; signed_at: number }>(
      "SELECT person_id, signed_at FROM signatures WHERE version = ? ORDER BY signed_at",
      version,
    )
    .toArray()
    .filter((s) => memberIds.includes(s.person_id))
    .map((s) => ({ personId: s.person_id, signedAt: s.signed_at }));
  return {
    version,
    terms: row ? (JSON.parse(row.terms) as AgreementTerms) : DEFAULT_TERMS,
    editedBy: row?.edited_by ?? null,
    editedAt: row?.edited_at ?? null,
    signatures,
    signedByAll: signedByAll(
      version,
      memberIds,
      signatures.map((s) => ({ personId: s.personId, version })),
    ),
    sharedWithCoordinators: getState(sql, "agreement_shared") === "1",
  };
}

/** Stores new terms as the next version; returns that version. */
export function saveTerms(sql: SqlStorage, terms: AgreementTerms, personId: string, now: number): number {
  const next = sql.exec<{ v: number }>("SELECT coalesce(max(version), 0) + 1 AS v FROM agreement_versions").one().v;
  sql.exec(
    "INSERT INTO agreement_versions (version, terms, edited_by, edited_at) VALUES (?, ?, ?, ?)",
    next,
    JSON.stringify(terms),
    personId,
    now,
  );
  return next;
}

/** Records a member's signature of a version (signing twice changes nothing). */
export function sign(sql: SqlStorage, personId: string, version: number, now: number): void {
  sql.exec("INSERT OR IGNORE INTO signatures (person_id, version, signed_at) VALUES (?, ?, ?)", personId, version, now);
}
