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

export function renderMarkdown(text: string): string {
  return md.render(text);
}

/** Markdown as HTML, with raw HTML in the source shown as text. */
export function Markdown({ text, className = '' }: { text: string; className?: string }) {
  return <div className={`markdown ${className}`} dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
}
