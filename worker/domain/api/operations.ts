/**
 * The JSON API's operations as one table: method, path, scope, and the schemas of params, query and body (answers'
 * schemas are in `responses.ts`, which only the OpenAPI build and the types read). The routes register and validate from
 * it and the OpenAPI document is built from it, so neither can drift.
 */
import type { ZodMiniType } from "../zod";
import type { ApiScope } from "./tokens";
import * as s from "./schemas";

/** One operation of the API. */
export interface Operation {
  method: "get" | "post" | "patch";
  /** OpenAPI-style path under /api/v1, e.g. `/programs/{programId}/participants`. */
  path: string;
  scope: ApiScope;
  params: ZodMiniType;
  query?: ZodMiniType;
  body?: ZodMiniType;
  status: 200 | 201;
}

/** Every operation, by its operationId. */
export const OPERATIONS = {
  listParticipants: {
    method: "get",
    path: "/programs/{programId}/participants",
    scope: "read",
    params: s.programParams,
    query: s.listQuery,
    status: 200,
  },
  createParticipant: {
    method: "post",
    path: "/programs/{programId}/participants",
    scope: "write",
    params: s.programParams,
    body: s.participantCreate,
    status: 201,
  },
  getParticipant: {
    method: "get",
    path: "/programs/{programId}/participants/{personId}",
    scope: "read",
    params: s.personParams,
    status: 200,
  },
  updateParticipant: {
    method: "patch",
    path: "/programs/{programId}/participants/{personId}",
    scope: "write",
    params: s.personParams,
    body: s.participantUpdate,
    status: 200,
  },
  deactivateParticipant: {
    method: "post",
    path: "/programs/{programId}/participants/{personId}/deactivate",
    scope: "write",
    params: s.personParams,
    status: 200,
  },
  listPairings: {
    method: "get",
    path: "/programs/{programId}/pairings",
    scope: "read",
    params: s.programParams,
    query: s.listQuery,
    status: 200,
  },
  getPairing: {
    method: "get",
    path: "/programs/{programId}/pairings/{pairingId}",
    scope: "read",
    params: s.pairingParams,
    status: 200,
  },
  listCheckinAnswers: {
    method: "get",
    path: "/programs/{programId}/checkin-answers",
    scope: "read",
    params: s.programParams,
    query: s.listQuery,
    status: 200,
  },
  listMeetings: {
    method: "get",
    path: "/programs/{programId}/meetings",
    scope: "read",
    params: s.programParams,
    query: s.listQuery,
    status: 200,
  },
  getDashboard: {
    method: "get",
    path: "/programs/{programId}/dashboard",
    scope: "read",
    params: s.programParams,
    status: 200,
  },
} as const satisfies Record<string, Operation>;

/** One operation's id. */
export type OperationId = keyof typeof OPERATIONS;

/** An OpenAPI path as a Hono route path (`{programId}` → `:programId`). */
export const honoPath = (path: string) => path.replace(/\{([A-Za-z]+)\}/g, ":$1");
