/** Program pages (filled in by the programs work). */
import { Hono } from "hono";
import type { AppEnv } from "../types";

export const programRoutes = new Hono<AppEnv>();
