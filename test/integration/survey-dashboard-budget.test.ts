/**
 * The dashboard's survey results at their largest: twenty surveys with the longest titles to pick from, the chosen one
 * with six choice questions of eight long options, answered in every running stage by both groups, stays within the
 * 14 KB gzip page budget.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { SURVEY_LIMITS } from "../../worker/domain/surveys/survey";
import { gzipSize, signedIn } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";

let p: TestPairing;
let seed = 7;
/** Words that do not compress away: a deterministic pseudo-random run of letters and spaces. */
const noise = (n: number) =>
  Array.from({ length: n }, () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return "abcdefghijklmnopqrstuvwxyz  "[seed % 28];
  }).join("");
const long = (n: number, tag: string) => `${tag} ${noise(n)}`.slice(0, n);

beforeAll(async () => {
  p = await makePairing("svbudget", ["mentor-svb@example.org", "mentee-svb@example.org"], "active");
  const questions = Array.from({ length: SURVEY_LIMITS.questions }, (_, q) => ({
    id: `q${q + 1}`,
    kind: "multi",
    text: long(SURVEY_LIMITS.text, `Question ${q + 1}`),
    options: Array.from({ length: SURVEY_LIMITS.options }, (_, o) => long(SURVEY_LIMITS.option, `Option ${o + 1}`)),
  }));
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < 20; i++)
    statements.push(
      env.DB.prepare(
        "INSERT INTO surveys (id, program_id, title, questions, trigger, created_by, created_at) VALUES (?1, ?2, ?3, ?4, 'once', 'x', ?5)",
      ).bind(`svb-${i}`, p.programId, long(SURVEY_LIMITS.title, `Survey ${i}`), JSON.stringify(questions), i),
    );
  const stages = ["onboarding", "active", "wrapping_up", "paused"];
  for (const [s, stage] of stages.entries())
    for (const [m, role] of ["mentor", "mentee"].entries()) {
      const request = `svb-req-${s}-${m}`;
      statements.push(
        env.DB.prepare(
          "INSERT INTO survey_requests (id, survey_id, person_id, pairing_id, role, stage, expires_at, answered_at) VALUES (?1, 'svb-19', ?2, ?3, ?4, ?5, 0, 1)",
        ).bind(request, p.memberIds[m], `${p.pairingId}-${s}`, role, stage),
        ...questions.flatMap((q) =>
          q.options.map((o) =>
            env.DB.prepare("INSERT INTO survey_answers (request_id, question_id, value) VALUES (?1, ?2, ?3)").bind(
              request,
              q.id,
              o,
            ),
          ),
        ),
      );
    }
  await env.DB.batch(statements);
});

describe("the dashboard's survey results", () => {
  it("stay within the page budget at their largest", async () => {
    const b = await signedIn("coord-svbudget@example.org");
    const { res, html } = await b.get(`/programs/${p.programId}/dashboard/surveys?survey=svb-19`);
    expect(res.status).toBe(200);
    expect(html.match(/<svg class="chart"/g)).toHaveLength(SURVEY_LIMITS.questions);
    expect(html).toContain("8 of 8 answered");
    const size = await gzipSize(html);
    expect(size).toBeLessThanOrEqual(14 * 1024);
  });
});
