/** A participant's own pairings in one program, with the other members' names, for their program page. */
import type { OwnPairing } from "../domain/pairing";

interface Row {
  id: string;
  stage: string;
  created_at: number;
  ended_at: number | null;
  unread: number;
  my_role: OwnPairing["role"];
  name: string;
  email: string;
  role: OwnPairing["role"];
}

const OWN_PAIRINGS = `
SELECT pr.id, pr.stage, pr.created_at, pr.ended_at, me.unread_count AS unread, me.role AS my_role, pe.name, pe.email, o.role
FROM pairing_members me JOIN pairings pr ON pr.id = me.pairing_id
JOIN pairing_members o ON o.pairing_id = me.pairing_id AND o.person_id != me.person_id
JOIN people pe ON pe.id = o.person_id
WHERE me.person_id = ?1 AND (?2 IS NULL OR me.program_id = ?2)
ORDER BY pr.ended_at IS NOT NULL, pr.created_at DESC, pr.id, o.role, pe.name
LIMIT 500`;

/** The pairings (current first, newest first) a person is a member of in a program, or in every program when null. */
export async function ownPairings(env: Env, programId: string | null, personId: string): Promise<OwnPairing[]> {
  const { results } = await env.DB.prepare(OWN_PAIRINGS).bind(personId, programId).all<Row>();
  const byId = new Map<string, OwnPairing>();
  for (const r of results) {
    let p = byId.get(r.id);
    if (!p) {
      p = {
        id: r.id,
        stage: r.stage,
        createdAt: r.created_at,
        endedAt: r.ended_at,
        unread: r.unread,
        role: r.my_role,
        others: [],
      };
      byId.set(r.id, p);
    }
    p.others.push({ name: r.name, email: r.email, role: r.role });
  }
  return [...byId.values()];
}
