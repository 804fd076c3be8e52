// A pairing's journey survives a restart of the server (scripts/journey-restart.mjs): this file starts and stops its
// own second Trellis (own port and state directory, whole process group stopped, also when a check fails). The
// pairing's agreement falls due ~25 s after its journey starts; the server is stopped after the welcome and started
// again before that. The agreement reminder must come exactly once per member, and the welcome must not be repeated.
import assert from "node:assert/strict";
import { test } from "node:test";
import { journeyRestart } from "../../scripts/journey-restart.mjs";

test("a journey survives a restart: the next milestone happens once, nothing earlier is repeated", {
  timeout: 150_000,
}, async () => {
  const r = await journeyRestart({ log: (line) => console.log(line) });
  const ids = (rows) => rows.map((row) => row.id).sort();
  const welcome = r.members.map((m) => `journey:${r.pairingId}:welcome:sent:${m.id}`).sort();
  const reminders = r.members.map((m) => `journey:${r.pairingId}:agreement:reminder:${m.id}`).sort();

  assert.ok(r.stoppedBeforeDue, "the first server was stopped before the agreement fell due");
  assert.deepEqual(ids(r.beforeRestart), welcome, "before the restart: one welcome per member and no reminder yet");
  assert.deepEqual(
    ids(r.rows),
    [...welcome, ...reminders].sort(),
    "after the restart: the reminder once per member, the welcome not again, nothing else",
  );
  const byKind = Object.groupBy(r.rows, (row) => row.kind);
  assert.equal(byKind["journey-welcome"]?.length, r.members.length, "one welcome mail per member");
  assert.equal(byKind["journey-agreement"]?.length, r.members.length, "one agreement reminder per member");
  for (const row of byKind["journey-agreement"])
    assert.ok(row.created_at >= r.agreementDueAt, `the reminder ${row.id} was not sent before the agreement was due`);
  for (const row of byKind["journey-welcome"])
    assert.ok(row.created_at < r.agreementDueAt, `the welcome ${row.id} was sent before the restart`);
  console.log(`journey restart: ${JSON.stringify(r.timings)}`);
});
