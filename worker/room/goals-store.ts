/** The room's goals table. */
import type { GoalInput } from "../domain/room/goals";
import type { Goal } from "../domain/room/types";

type GoalRow = {
  id: string;
  title: string;
  why: string;
  target_date: string | null;
  progress: number;
  status: Goal["status"];
  updated_at: number;
};

const toGoal = (r: GoalRow): Goal => ({
  id: r.id,
  title: r.title,
  why: r.why,
  targetDate: r.target_date,
  progress: r.progress,
  status: r.status,
  updatedAt: r.updated_at,
});

/** All goals, oldest first. */
export function listGoals(sql: SqlStorage): Goal[] {
  return sql
    .exec<GoalRow>(
      "SELECT id, title, why, target_date, progress, status, updated_at FROM goals ORDER BY created_at, id",
    )
    .toArray()
    .map(toGoal);
}

/** Adds a goal. */
export function insertGoal(sql: SqlStorage, id: string, g: GoalInput, personId: string, now: number): void {
  sql.exec(
    "INSERT INTO goals (id, title, why, target_date, progress, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    id,
    g.title,
    g.why,
    g.targetDate,
    g.progress,
    g.status,
    personId,
    now,
    now,
  );
}

/** Changes a goal; returns whether it existed. */
export function updateGoal(sql: SqlStorage, id: string, g: GoalInput, now: number): boolean {
  return (
    sql.exec(
      "UPDATE goals SET title = ?, why = ?, target_date = ?, progress = ?, status = ?, updated_at = ? WHERE id = ?",
      g.title,
      g.why,
      g.targetDate,
      g.progress,
      g.status,
      now,
      id,
    ).rowsWritten > 0
  );
}

/** Removes a goal; returns whether it existed. */
export function deleteGoal(sql: SqlStorage, id: string): boolean {
  return sql.exec("DELETE FROM goals WHERE id = ?", id).rowsWritten > 0;
}
