import MarkdownIt from 'markdown-it';

// html: false — raw HTML in the text is escaped, never rendered; markdown-it's validateLink
// refuses javascript:, vbscript: and data: (except images) URLs.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('rel', 'noopener noreferrer nofollow');
  tokens[idx].attrSet('target', '_blank');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// Markdown shown inside a page sits below the page's own h1 and its sections' h2s, so the text's
// headings are moved down once, after parsing: with topLevel 3, "#" renders as h3 and "##" as h4
// (never past h6).
md.core.ruler.push('shift_headings', (state) => {
  const shift = Number(state.env?.topLevel ?? 1) - 1;
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + shift)}`;
    }
  }
});

export function renderMarkdown(text: string, topLevel = 3): string {
  return md.render(text, { topLevel });
}

/**
 * Markdown as HTML, with raw HTML in the source shown as text and its headings below the page's:
 * `topLevel` is the level of "#" (3 inside a page's h2 section, 2 right under the page's h1).
 */
export function Markdown({ text, className = '', topLevel = 3 }: { text: string; className?: string; topLevel?: number }) {
  return (
    <div className={`markdown ${className}`} dangerouslySetInnerHTML={{ __html: renderMarkdown(text, topLevel) }} />
  );
}
