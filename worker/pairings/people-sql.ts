/**
 * SQL pieces for showing people in coordinator lists and exports: a deleted person is "Deleted person" with no email.
 */
import { DELETED_NAME } from "../room/member-data";

/** The name shown for people row `alias` (their email when they gave no name). */
export const personName = (alias: string) =>
  `CASE WHEN ${alias}.deleted_at IS NOT NULL THEN '${DELETED_NAME}' ELSE coalesce(nullif(${alias}.name, ''), ${alias}.email) END`;

/** The email shown for people row `alias` (none for a deleted person). */
export const personEmail = (alias: string) =>
  `CASE WHEN ${alias}.deleted_at IS NOT NULL THEN '' ELSE ${alias}.email END`;

/**
 * "Name (role); Name (role)" (or with another `separator`) for the members of the pairing `pairingExpr`, mentors first.
 */
export const pairingMembers = (pairingExpr: string, separator = "; ") =>
  `(SELECT group_concat(label, '${separator}') FROM (SELECT ${personName("mp")} || ' (' || mm.role || ')' AS label FROM pairing_members mm JOIN people mp ON mp.id = mm.person_id
     WHERE mm.pairing_id = ${pairingExpr} ORDER BY CASE mm.role WHEN 'mentor' THEN 0 ELSE 1 END, mp.name, mp.id))`;
