/**
 * The JSON API under /api/v1 for a program's other systems: bearer tokens only (no cookie is read here), every
 * operation registered and validated from the table in domain/api/operations.ts, errors as problem details, each call
 * audited. Answers carry ids, stages, answers, times and counts: never chat, notes, agreement text or comments.
 */
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { type ApiEnv, bearerAuth, problem, tokenMayCall } from "../api/bearer";
import { auditApiRequest } from "../api/tokens";
import { loadOverview } from "../dashboard/overview";
import { decodeCursor, pageOf, pageSize } from "../domain/api/cursor";
import { issueErrors } from "../domain/api/problem";
import { honoPath, type OperationId, OPERATIONS } from "../domain/api/operations";
import type { RESPONSES } from "../domain/api/responses";
import { isKnownTimeZone } from "../domain/time-zones";
import type * as z from "../domain/zod";
import { logRequestError } from "../middleware/request-log";
import { apiCheckinAnswers, apiMeetings, apiPairing, apiPairings } from "../pairings/api-pairings";
import {
  addApiParticipant,
  apiParticipant,
  apiParticipants,
  type ApiParticipantRow,
  deactivateApiParticipant,
  renameApiParticipant,
} from "../programs/api-participants";
import { getProgram } from "../programs/queries";

export const apiRoutes = new Hono<ApiEnv>();

/** The largest JSON body the API reads. */
const MAX_JSON_BYTES = 64 * 1024;

type Op<K extends OperationId> = (typeof OPERATIONS)[K];
type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;
/** What a handler receives: its params, query and body, each already validated by the operation's schemas. */
interface Input<K extends OperationId> {
  params: Out<Op<K>["params"]>;
  query: Out<Op<K> extends { query: infer Q } ? Q : undefined>;
  body: Out<Op<K> extends { body: infer B } ? B : undefined>;
}
/** What a handler answers: the operation's response shape, a problem, or "not found" for a row outside the program. */
type Result<K extends OperationId> = z.input<(typeof RESPONSES)[K]> | Response | null;

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));
/** The updated-since filter in epoch ms (a day that does not exist, like 02-31, counts from the epoch). */
const since = (q: { updated_since?: string }) => (q.updated_since ? Date.parse(q.updated_since) || 0 : undefined);

/** Registers one operation: auth, program and scope, rate limit, validation from its schemas, audit after. */
function operation<K extends OperationId>(id: K, handler: (c: Context<ApiEnv>, input: Input<K>) => Promise<Result<K>>) {
  const op: Op<K> = OPERATIONS[id];
  apiRoutes.on(op.method.toUpperCase(), `/v1${honoPath(op.path)}`, bearerAuth, tokenMayCall(op.scope), async (c) => {
    const res = await answer(c, id, handler);
    const p = c.req.param() as Record<string, string>;
    await auditApiRequest(c.env, c.var.caller, {
      method: c.req.method,
      route: op.path,
      status: res.status,
      subjectId: p.personId,
      pairingId: p.pairingId,
    });
    return res;
  });
}

async function answer<K extends OperationId>(
  c: Context<ApiEnv>,
  id: K,
  handler: (c: Context<ApiEnv>, input: Input<K>) => Promise<Result<K>>,
): Promise<Response> {
  const op: Op<K> = OPERATIONS[id];
  const params = op.params.safeParse(c.req.param());
  if (!params.success) return problem(c, "not-found");
  const query = "query" in op ? op.query.safeParse(c.req.query()) : { success: true as const, data: undefined };
  if (!query.success) return problem(c, "invalid-request", "The query is not valid.", issueErrors(query.error.issues));
  let body: { success: true; data: unknown } | { success: false; error: z.core.$ZodError } = {
    success: true,
    data: undefined,
  };
  if ("body" in op) {
    if (!(c.req.header("Content-Type") ?? "").toLowerCase().startsWith("application/json"))
      return problem(c, "unsupported-media-type");
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      return problem(c, "invalid-request", "The body is not JSON.");
    }
    body = op.body.safeParse(json);
    if (!body.success) return problem(c, "invalid-request", "The body is not valid.", issueErrors(body.error.issues));
  }
  const result = await handler(c, { params: params.data, query: query.data, body: body.data } as Input<K>);
  if (result === null) return problem(c, "not-found");
  if (result instanceof Response) return result;
  return c.json(result, op.status);
}

apiRoutes.use("/v1/*", bodyLimit({ maxSize: MAX_JSON_BYTES, onError: (c) => problem(c, "payload-too-large") }));

// The OpenAPI document is a static asset (public/api/v1/openapi.json), which Cloudflare serves before the worker runs;
// this route answers only where the worker is asked first (the tests).
apiRoutes.get("/v1/openapi.json", (c) => c.env.ASSETS.fetch(c.req.raw));

const participantOut = (p: ApiParticipantRow) => ({
  id: p.id,
  email: p.email,
  name: p.name,
  roles: p.roles,
  updated_at: iso(p.updatedAt),
});

operation("listParticipants", async (c, { params, query }) => {
  const size = pageSize(query.limit);
  const after = decodeCursor(query.cursor);
  if (query.cursor && !after) return problem(c, "invalid-request", "Unknown cursor.");
  const rows = await apiParticipants(c.env, params.programId, {
    afterId: after?.id,
    since: since(query),
    limit: size + 1,
  });
  const page = pageOf(rows, size, (r) => ({ at: 0, id: r.id }));
  return { data: page.data.map(participantOut), next_cursor: page.next_cursor };
});

operation("getParticipant", async (c, { params }) => {
  const p = await apiParticipant(c.env, params.programId, params.personId);
  return p && participantOut(p);
});

operation("createParticipant", async (c, { params, body }) => {
  const timeZone = body.time_zone ?? "UTC";
  if (!isKnownTimeZone(timeZone))
    return problem(c, "invalid-request", "Unknown time zone.", [
      { pointer: "/time_zone", detail: "Use an IANA zone." },
    ]);
  const email = body.email.trim().toLowerCase();
  const { id, added } = await addApiParticipant(c.env, params.programId, {
    email,
    name: body.name ?? "",
    role: body.role,
    timeZone,
  });
  const p = await apiParticipant(c.env, params.programId, id);
  if (!p) return problem(c, "conflict", "This person deleted their data and cannot be added again this way.");
  return c.json(participantOut(p), added ? 201 : 200);
});

operation("updateParticipant", async (c, { params, body }) => {
  if (!(await renameApiParticipant(c.env, params.programId, params.personId, body.name))) return null;
  const p = await apiParticipant(c.env, params.programId, params.personId);
  return p && participantOut(p);
});

operation("deactivateParticipant", async (c, { params }) => {
  const p = await apiParticipant(c.env, params.programId, params.personId);
  if (!p || !(await deactivateApiParticipant(c.env, params.programId, params.personId))) return null;
  return participantOut({ ...p, roles: [], updatedAt: Date.now() });
});

const pairingOut = (p: NonNullable<Awaited<ReturnType<typeof apiPairing>>>) => ({
  id: p.id,
  stage: p.stage,
  source: p.source,
  members: p.members,
  created_at: iso(p.createdAt),
  last_activity_at: isoOrNull(p.lastActivityAt),
  ended_at: isoOrNull(p.endedAt),
  agreement_signed: p.agreementSigned,
  goal_count: p.goalCount,
  goal_progress: p.goalProgress,
  at_risk: p.atRisk,
  updated_at: iso(p.updatedAt),
});

operation("listPairings", async (c, { params, query }) => {
  const size = pageSize(query.limit);
  const after = decodeCursor(query.cursor);
  if (query.cursor && !after) return problem(c, "invalid-request", "Unknown cursor.");
  const rows = await apiPairings(c.env, params.programId, { afterId: after?.id, since: since(query), limit: size + 1 });
  const page = pageOf(rows, size, (r) => ({ at: 0, id: r.id }));
  return { data: page.data.map(pairingOut), next_cursor: page.next_cursor };
});

operation("getPairing", async (c, { params }) => {
  const p = await apiPairing(c.env, params.programId, params.pairingId);
  return p && pairingOut(p);
});

operation("listCheckinAnswers", async (c, { params, query }) => {
  const size = pageSize(query.limit);
  const after = decodeCursor(query.cursor);
  if (query.cursor && !after) return problem(c, "invalid-request", "Unknown cursor.");
  const rows = await apiCheckinAnswers(c.env, params.programId, {
    after: after ?? undefined,
    since: since(query),
    limit: size + 1,
  });
  const page = pageOf(rows, size, (r) => ({ at: r.answeredAt, id: `${r.checkinId}:${r.personId}` }));
  return {
    data: page.data.map((r) => ({
      checkin_id: r.checkinId,
      pairing_id: r.pairingId,
      person_id: r.personId,
      milestone: r.milestone,
      answer: r.answer,
      answered_at: iso(r.answeredAt),
    })),
    next_cursor: page.next_cursor,
  };
});

operation("listMeetings", async (c, { params, query }) => {
  const size = pageSize(query.limit);
  const after = decodeCursor(query.cursor);
  if (query.cursor && !after) return problem(c, "invalid-request", "Unknown cursor.");
  const rows = await apiMeetings(c.env, params.programId, { afterId: after?.id, since: since(query), limit: size + 1 });
  const page = pageOf(rows, size, (r) => ({ at: 0, id: r.id }));
  return {
    data: page.data.map((m) => ({
      id: m.id,
      pairing_id: m.pairingId,
      kind: m.kind,
      status: m.status,
      time_zone: m.timeZone,
      start_local: m.startLocal,
      duration_minutes: m.durationMinutes,
      repeat: m.repeat,
      first_start: iso(m.firstStart),
      last_end: iso(m.lastEnd),
      updated_at: iso(m.updatedAt),
    })),
    next_cursor: page.next_cursor,
  };
});

operation("getDashboard", async (c, { params }) => {
  const program = await getProgram(c.env, params.programId);
  if (!program) return null;
  const o = await loadOverview(c.env, program, Date.now());
  return {
    pairings: o.totals.pairings,
    at_risk: o.totals.atRisk,
    with_goals: o.totals.withGoals,
    mean_goal_progress: o.totals.meanGoalProgress,
    matched_people: o.match.matched,
    people: o.match.total,
    stages_now: o.funnel.now.map(({ key, n }) => ({ key, n })),
    meetings_held_30_days: o.meetingsHeld,
    checkins_90_days: { expected: o.recent.expected, answered: o.recent.answered, answers: o.recent.answers },
  };
});

apiRoutes.all("/*", (c) => problem(c, "not-found"));

apiRoutes.onError((err, c) => {
  logRequestError(c as unknown as Context, err);
  return c.body(JSON.stringify({ type: "about:blank", title: "Internal error", status: 500 }), 500, {
    "Content-Type": "application/problem+json",
  });
});
