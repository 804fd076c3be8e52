/**
 * The pairings of a program as its coordinators see them: the projection only (stage, activity, counts), never content.
 */
import { count, desc, eq, isNotNull, sql } from "drizzle-orm";
import { db } from "../db/client";
import { pairingGoals, pairingStageChanges, pairings } from "../db/schema";
import { projectionColumns, projectionOf } from "./access";
import { pairingMembers } from "./people-sql";
import type { PairingSummaryRow } from "../domain/pairing";
import { PAIRINGS_PER_PAGE } from "../domain/paging";

/** A page of a program's pairings, least recently active first (quiet pairings need attention first), and the total. */
export async function programPairings(
  env: Env,
  programId: string,
  page: number,
): Promise<{ rows: PairingSummaryRow[]; total: number }> {
  const d = db(env);
  const [list, total] = await d.batch([
    d
      .select({
        ...projectionColumns,
        // Raw SQL fragment: the shared members label (people-sql.ts), an ordered group_concat subquery.
        members: sql<string | null>`${sql.raw(pairingMembers('"pairings"."id"', ", "))}`.as("members"),
      })
      .from(pairings)
      .where(eq(pairings.programId, programId))
      // Raw SQL fragment: coalesce(), which the builder has no function for.
      .orderBy(
        isNotNull(pairings.endedAt),
        sql`coalesce(${pairings.lastActivityAt}, ${pairings.createdAt})`,
        pairings.id,
      )
      .limit(PAIRINGS_PER_PAGE)
      .offset((page - 1) * PAIRINGS_PER_PAGE),
    d.select({ n: count() }).from(pairings).where(eq(pairings.programId, programId)),
  ]);
  const rows = list.map((r) => ({ ...projectionOf(r), members: String(r.members ?? "") }));
  return { rows, total: Number(total[0]!.n) };
}

/** A pairing's stage history and goals, from the projection. */
export async function pairingHistory(env: Env, pairingId: string) {
  const d = db(env);
  const [changes, goals] = await d.batch([
    d
      .select({
        seq: pairingStageChanges.seq,
        from_stage: pairingStageChanges.fromStage,
        to_stage: pairingStageChanges.toStage,
        reason: pairingStageChanges.reason,
        actor: pairingStageChanges.actor,
        at: pairingStageChanges.at,
      })
      .from(pairingStageChanges)
      .where(eq(pairingStageChanges.pairingId, pairingId))
      .orderBy(desc(pairingStageChanges.seq))
      .limit(50),
    d
      .select({
        title: pairingGoals.title,
        status: pairingGoals.status,
        progress: pairingGoals.progress,
        target_date: pairingGoals.targetDate,
      })
      .from(pairingGoals)
      .where(eq(pairingGoals.pairingId, pairingId))
      .orderBy(desc(pairingGoals.updatedAt)),
  ]);
  return { changes, goals };
}

/** How many of a program's pairings are in each stage, and how many of those are at risk (for the program's home). */
export async function pairingStageCounts(
  env: Env,
  programId: string,
): Promise<{ stage: string; n: number; atRisk: number }[]> {
  const rows = await db(env)
    .select({ stage: pairings.stage, n: count(), atRisk: count(pairings.riskReason) })
    .from(pairings)
    .where(eq(pairings.programId, programId))
    .groupBy(pairings.stage);
  return rows.map((r) => ({ stage: r.stage, n: Number(r.n), atRisk: Number(r.atRisk) }));
}
