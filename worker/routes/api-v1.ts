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

/** Time columns the API answers as RFC 3339 instants (the tables keep epoch ms). */
const TIME_KEYS = [
  "created_at",
  "last_activity_at",
  "ended_at",
  "updated_at",
  "answered_at",
  "first_start",
  "last_end",
] as const;
type TimeKey = (typeof TIME_KEYS)[number];
/** A row with its epoch-ms time columns as RFC 3339 instants (null stays null). */
function times<T extends object>(
  row: T,
): { [K in keyof T]: K extends TimeKey ? (null extends T[K] ? string | null : string) : T[K] } {
  const out = { ...row } as Record<string, unknown>;
  for (const k of TIME_KEYS) if (typeof out[k] === "number") out[k] = new Date(out[k]).toISOString();
  return out as never;
}
/** A list query's page size, position and filter (`limit` is one more row, to know whether a next page exists). */
function listOf(q: { cursor?: string; limit?: string; updated_since?: string }) {
  const after = decodeCursor(q.cursor);
  if (q.cursor && !after) return null;
  const size = pageSize(q.limit);
  return { size, limit: size + 1, after: after ?? undefined, afterId: after?.id, since: since(q) };
}
const byId = (r: { id: string }) => ({ at: 0, id: r.id });

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
  if (!query.success) return problem(c, "invalid-request", undefined, issueErrors(query.error.issues));
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
    if (!body.success) return problem(c, "invalid-request", undefined, issueErrors(body.error.issues));
  }
  const result = await handler(c, { params: params.data, query: query.data, body: body.data } as Input<K>);
  if (result === null) return problem(c, "not-found");
  if (result instanceof Response) return result;
  return c.json(result, op.status);
}

apiRoutes.use("/v1/*", bodyLimit({ maxSize: MAX_JSON_BYTES, onError: (c) => problem(c, "payload-too-large") }));

// The OpenAPI document is a static asset (public/api/v1/openapi.json), which Cloudflare serves before the worker runs;
// this route answers only where the worker is asked first (the tests).
apiRoutes.get("/v1/openapi.json", async (c) => {
  const res = await c.env.ASSETS.fetch(c.req.raw);
  return new Response(res.body, res);
});

operation("listParticipants", async (c, { params, query }) => {
  const q = listOf(query);
  if (!q) return problem(c, "invalid-request", "Unknown cursor.");
  const page = pageOf(await apiParticipants(c.env, params.programId, q), q.size, byId);
  return { data: page.data.map(times), next_cursor: page.next_cursor };
});

operation("getParticipant", async (c, { params }) => {
  const p = await apiParticipant(c.env, params.programId, params.personId);
  return p && times(p);
});

operation("createParticipant", async (c, { params, body }) => {
  const timeZone = body.time_zone ?? "UTC";
  if (!isKnownTimeZone(timeZone))
    return problem(c, "invalid-request", undefined, [{ pointer: "/time_zone", detail: "Unknown time zone" }]);
  const email = body.email.trim().toLowerCase();
  const { id, added } = await addApiParticipant(c.env, params.programId, {
    email,
    name: body.name ?? "",
    role: body.role,
    timeZone,
  });
  const p = await apiParticipant(c.env, params.programId, id);
  if (!p) return problem(c, "conflict", "This person deleted their data.");
  return c.json(times(p), added ? 201 : 200);
});

operation("updateParticipant", async (c, { params, body }) => {
  if (!(await renameApiParticipant(c.env, params.programId, params.personId, body.name))) return null;
  const p = await apiParticipant(c.env, params.programId, params.personId);
  return p && times(p);
});

operation("deactivateParticipant", async (c, { params }) => {
  const p = await apiParticipant(c.env, params.programId, params.personId);
  if (!p || !(await deactivateApiParticipant(c.env, params.programId, params.personId))) return null;
  return times({ ...p, roles: [], updated_at: Date.now() });
});

operation("listPairings", async (c, { params, query }) => {
  const q = listOf(query);
  if (!q) return problem(c, "invalid-request", "Unknown cursor.");
  const page = pageOf(await apiPairings(c.env, params.programId, q), q.size, byId);
  return { data: page.data.map(times), next_cursor: page.next_cursor };
});

operation("getPairing", async (c, { params }) => {
  const p = await apiPairing(c.env, params.programId, params.pairingId);
  return p && times(p);
});

operation("listCheckinAnswers", async (c, { params, query }) => {
  const q = listOf(query);
  if (!q) return problem(c, "invalid-request", "Unknown cursor.");
  const rows = await apiCheckinAnswers(c.env, params.programId, q);
  const page = pageOf(rows, q.size, (r) => ({ at: r.answered_at, id: `${r.checkin_id}:${r.person_id}` }));
  return { data: page.data.map(times), next_cursor: page.next_cursor };
});

operation("listMeetings", async (c, { params, query }) => {
  const q = listOf(query);
  if (!q) return problem(c, "invalid-request", "Unknown cursor.");
  const page = pageOf(await apiMeetings(c.env, params.programId, q), q.size, byId);
  return { data: page.data.map(times), next_cursor: page.next_cursor };
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
