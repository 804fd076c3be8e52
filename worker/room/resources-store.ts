/** The room's shared resources table. */
import type { Resource } from "../domain/room/types";

type ResourceRow = {
  id: string;
  url: string;
  title: string;
  note: string;
  added_by: string;
  added_at: number;
};

const toResource = (r: ResourceRow): Resource => ({
  id: r.id,
  url: r.url,
  title: r.title,
  note: r.note,
  addedBy: r.added_by,
  addedAt: r.added_at,
});

/** All resources, newest first. */
export function listResources(sql: SqlStorage): Resource[] {
  return sql
    .exec<ResourceRow>("SELECT id, url, title, note, added_by, added_at FROM resources ORDER BY added_at DESC, id")
    .toArray()
    .map(toResource);
}

/** Adds a resource. */
export function insertResource(
  sql: SqlStorage,
  id: string,
  r: { url: string; title: string; note: string },
  personId: string,
  now: number,
): void {
  sql.exec(
    "INSERT INTO resources (id, url, title, note, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)",
    id,
    r.url,
    r.title,
    r.note,
    personId,
    now,
  );
}

/** Removes a resource; returns whether it existed. */
export function deleteResource(sql: SqlStorage, id: string): boolean {
  return sql.exec("DELETE FROM resources WHERE id = ?", id).rowsWritten > 0;
}
