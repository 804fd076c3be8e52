/** Profile pages (filled in by the profiles work). */
import { Hono } from "hono";
import type { AppEnv } from "../types";

export const profileRoutes = new Hono<AppEnv>();
