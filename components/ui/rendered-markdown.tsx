import type { HTMLAttributes } from "react";

type Props = { html: string } & Omit<HTMLAttributes<HTMLDivElement>, "dangerouslySetInnerHTML" | "children">;

/** HTML the server rendered from Markdown and sanitized (lib/markdown/render.ts), in Mingle's prose style. */
export function RenderedMarkdown({ html, className = "", ...props }: Props) {
  return (
    <div
      className={`prose-mingle ${className}`}
      {...props}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitize-html cleaned it on the server (lib/markdown/render.ts)
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
