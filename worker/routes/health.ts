/** `/healthz`: 200 `{ ok: true, d1: "ok", room: "ok" }` when D1 and a room answer; 503 naming the part that failed. */
import { Hono } from "hono";
import { checkHealth } from "../observability/health";
import type { AppEnv } from "../types";

/** The health check route (for uptime monitors and deploy checks); never cached. */
export const healthRoutes = new Hono<AppEnv>();

healthRoutes.get("/healthz", async (c) => {
  const health = await checkHealth(c.env);
  c.header("Cache-Control", "no-store");
  return c.json(health, health.ok ? 200 : 503);
});
