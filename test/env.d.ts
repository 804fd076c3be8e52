interface Env {
  /** The D1 migrations, read by vitest.config.mts and applied by test/apply-migrations.ts. */
  TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
}

declare namespace Cloudflare {
  interface Env {
    /** The same binding on the `env` exported by "cloudflare:workers". */
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
}
