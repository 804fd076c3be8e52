/**
 * Trellis's layer rules (see ARCHITECTURE.md, "Layers"). `npm run check` runs them; a violation fails CI.
 * Layers, inside out: worker/domain (pure) <- views (pages) <- worker's I/O modules <- worker/routes <- worker/app.
 */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No import circles anywhere: a circle means two modules are one, or one owns the other's words.",
      from: {},
      to: { circular: true },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment:
        "worker/domain holds pure rules: it imports only worker/domain and pure libraries (no database, I/O, room, views, Hono or platform modules).",
      from: { path: "^worker/domain/" },
      to: {
        pathNot: ["^worker/domain/", "^node_modules/(zod|@date-fns|marked|@lingui/core)/"],
      },
    },
    {
      name: "views-render-only",
      severity: "error",
      comment:
        "views/ renders what a route hands it: it imports only views/, worker/domain/ and hono's JSX, never the database or an I/O module.",
      from: { path: "^views/" },
      to: {
        pathNot: ["^views/", "^worker/domain/", "^node_modules/hono/"],
      },
    },
    {
      name: "routes-run-no-sql",
      severity: "error",
      comment:
        "A route parses, authorises, calls one module and renders: SQL lives in the module that owns the tables.",
      from: { path: "^worker/routes/" },
      to: { path: ["^worker/db/", "^node_modules/drizzle-orm/"] },
    },
    {
      name: "only-app-mounts-routes",
      severity: "error",
      comment: "Routes are mounted by worker/app.tsx alone; nothing else imports a route file.",
      from: { pathNot: ["^worker/app\\.tsx$", "^test/"] },
      to: { path: "^worker/routes/" },
    },
    {
      name: "schema-imports-only-domain",
      severity: "error",
      comment: "The D1 schema describes tables; it may take the domain's word lists and types, nothing else of ours.",
      from: { path: "^worker/db/schema\\.ts$" },
      to: { path: "^(worker|views|workflows)/", pathNot: ["^worker/domain/"] },
    },
    {
      name: "nothing-imports-tests",
      severity: "error",
      comment: "Production code never imports test code.",
      from: { pathNot: "^(test|bench|scripts)/" },
      to: { path: "^test/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    exclude: { path: ["^views/assets\\.gen\\.ts$"] },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs"],
    },
  },
};
