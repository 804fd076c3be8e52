/**
 * Renders the markdown tree of worker/domain/markdown.ts with JSX: every piece of text goes through JSX's escaping,
 * so nothing a person typed becomes markup. Headings start at `top` (h3 by default: the page has its h1 and h2).
 */
import type { Child } from "hono/jsx";
import type { MessageId } from "../../worker/domain/i18n/translate";
import { type Block, type Inline, parseMarkdown } from "../../worker/domain/markdown";

function Inlines({ nodes }: { nodes: Inline[] }): Child {
  return (
    <>
      {nodes.map((n) => {
        switch (n.t) {
          case "text":
            return n.v;
          case "br":
            return <br />;
          case "code":
            return <code>{n.v}</code>;
          case "em":
            return (
              <em>
                <Inlines nodes={n.c} />
              </em>
            );
          case "strong":
            return (
              <strong>
                <Inlines nodes={n.c} />
              </strong>
            );
          case "link":
            return (
              <a href={n.href} rel="noopener noreferrer nofollow">
                <Inlines nodes={n.c} />
              </a>
            );
        }
        return null;
      })}
    </>
  );
}

function Heading({ level, children }: { level: number; children: Child }) {
  switch (Math.min(6, level)) {
    case 3:
      return <h3>{children}</h3>;
    case 4:
      return <h4>{children}</h4>;
    case 5:
      return <h5>{children}</h5>;
    default:
      return <h6>{children}</h6>;
  }
}

function Blocks({ nodes, top }: { nodes: Block[]; top: number }): Child {
  return (
    <>
      {nodes.map((b) => {
        switch (b.t) {
          case "h":
            return (
              <Heading level={top + b.level - 1}>
                <Inlines nodes={b.c} />
              </Heading>
            );
          case "p":
            return (
              <p>
                <Inlines nodes={b.c} />
              </p>
            );
          case "ul":
            return (
              <ul>
                {b.items.map((item) => (
                  <li>
                    <Inlines nodes={item} />
                  </li>
                ))}
              </ul>
            );
          case "ol":
            return (
              <ol start={b.start === 1 ? undefined : b.start}>
                {b.items.map((item) => (
                  <li>
                    <Inlines nodes={item} />
                  </li>
                ))}
              </ol>
            );
          case "quote":
            return (
              <blockquote>
                <Blocks nodes={b.c} top={top} />
              </blockquote>
            );
          case "pre":
            return (
              <pre>
                <code>{b.v}</code>
              </pre>
            );
          case "hr":
            return <hr />;
        }
        return null;
      })}
    </>
  );
}

/** The catalog id of the hint under a field that takes markdown. */
export const MARKDOWN_HINT: MessageId = "room.markdownHint";

/** A person's markdown text, rendered safely, in a `.md` block (with any extra classes). */
export function Markdown({ text, top = 3, class: extra }: { text: string; top?: number; class?: string }) {
  return (
    <div class={extra ? `md ${extra}` : "md"}>
      <Blocks nodes={parseMarkdown(text)} top={Math.max(3, top)} />
    </div>
  );
}
