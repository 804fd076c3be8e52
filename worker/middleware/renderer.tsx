/** Page renderer: a full document for normal requests, just the content fragment for htmx partial requests. */
import type { Context, MiddlewareHandler } from "hono";
import type { Child } from "hono/jsx";
import { i18nFor, renderIn } from "../../views/i18n";
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
    // Everything rendered, fragment or page, reads the request's language from the context.
    const i18n = i18nFor(c.var.locale ?? "en");
    // biome-ignore lint/complexity/noUselessFragments: the fragment turns any child into something to render.
    if (wantsFragment(c)) return c.html(renderIn(i18n, <>{content}</>));
    const url = new URL(c.req.url);
    const page = (
      <Layout
        title={title}
        user={c.var.user}
        csrf={c.var.csrf}
        scripts={scripts}
        path={c.req.path}
        here={url.pathname + url.search}
      >
        {content}
      </Layout>
    );
    return c.html(`<!DOCTYPE html>${renderIn(i18n, page)}`);
  });
  await next();
};
