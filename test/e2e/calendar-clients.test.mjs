// Real calendar clients read Trellis's feeds: khal and python3-icalendar (Debian packages) must list exactly the
// occurrences Trellis computes for series across daylight-saving changes (see scripts/calendar-clients.mjs, which
// builds the feed with the TypeScript feed writer through tsx). Needs neither the browser nor the server.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function runClients() {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/calendar-clients.mjs", "--json"], {
    cwd: root,
    encoding: "utf8",
    timeout: 120_000,
  });
  assert.ok(r.stdout.trim(), `scripts/calendar-clients.mjs printed nothing (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

const result = runClients();

test("khal and python3-icalendar are installed", () => {
  assert.deepEqual(
    result.missing,
    [],
    `calendar clients missing — install Debian's packages: apt-get update && apt-get install -y khal python3-icalendar\n  ${result.missing.join("\n  ")}`,
  );
});

test("a check-in window is one multi-day all-day event, and each client lists it once over its whole span", () => {
  assert.equal(result.windowVevents, 1);
  assert.deepEqual(result.window, ["pairing-1-check-in-1@trellis 2026-05-04 2026-05-09"]);
  for (const name of ["khal", "python"]) assert.deepEqual(result.clients[name]?.window, result.window, name);
});

for (const name of ["khal", "python"]) {
  test(`${name} lists exactly Trellis's occurrences (DST in Berlin, New York, Sydney; Kolkata; changes; all-day)`, () => {
    const client = result.clients[name];
    assert.ok(client, `no result for ${name}`);
    assert.ok(!client.error, `${name} could not read the feed: ${client.error}`);
    assert.deepEqual(
      client.mismatches,
      [],
      `${name} disagrees with occurrences():\n  ${client.mismatches.join("\n  ")}`,
    );
    assert.equal(client.events, result.expectedCount);
    assert.equal(client.excerpt, result.expected);
  });
}
