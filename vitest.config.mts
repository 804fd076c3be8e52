import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, DEV_TOOLS: "1", DEMO_SEED: "0" },
        },
      }),
    ],
    // The demo seed is built in for the tests, as for `npm start` (wrangler.toml leaves it out of deployed bundles).
    define: { __TRELLIS_DEMO__: "true" },
    test: {
      include: ["test/unit/**/*.test.{ts,tsx}", "test/integration/**/*.test.{ts,tsx}"],
      setupFiles: ["./test/apply-migrations.ts"],
      // Correctness, not speed (speed goals live in bench/): on a loaded 2-core CI machine a page with 1,000 pairings can
      // take longer than vitest's 5 s default without anything being wrong.
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  };
});
