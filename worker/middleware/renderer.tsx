/** Page renderer: a full document for normal requests, just the content fragment for htmx partial requests. */
import type { Context, MiddlewareHandler } from "hono";
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { Layout } from "../../views/layout";
import type { AppEnv } from "../types";

declare module "hono" {
  interface ContextRenderer {
    // biome-ignore lint/style/useShorthandFunctionType: Hono's renderer type is extended by merging into its interface.
    (content: Child, props: { title: string; scripts?: ("chat" | "zone")[] }): Response | Promise<Response>;
  }
}

/** True when htmx asked for a fragment to swap into the current page. */
export function wantsFragment(c: Context): boolean {
  return (
    c.req.header("HX-Request") === "true" &&
    c.req.header("HX-Request-Type") !== "full" &&
    c.req.header("HX-History-Restore-Request") !== "true"
  );
}

/** Installs `c.render(content, { title })`. */
export const renderer: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.setRenderer(async (content, { title, scripts }) => {
    // biome-ignore lint/complexity/noUselessFragments: the fragment turns any child into the HTML c.html needs.
    if (wantsFragment(c)) return c.html(<>{content}</>);
    const page = (
      <Layout title={title} user={c.var.user} csrf={c.var.csrf} scripts={scripts} path={c.req.path}>
        {content}
      </Layout>
    );
    return c.html(
      <>
        {raw("<!DOCTYPE html>")}
        {page}
      </>,
    );
  });
  await next();
};
