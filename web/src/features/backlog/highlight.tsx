import type { ReactNode } from 'react';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the character references an HTML-escaping server writes. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[ref.toLowerCase()] ?? m;
  });
}

/**
 * Renders the search API's highlighted HTML as React text: only <mark>…</mark> becomes an
 * element; any other markup stays visible text, so nothing the server (or an item's author)
 * wrote can become live HTML.
 */
export function Highlighted({ html }: { html: string }) {
  const parts: ReactNode[] = [];
  let marked = false;
  let key = 0;
  for (const piece of html.split(/(<mark>|<\/mark>)/i)) {
    const tag = piece.toLowerCase();
    if (tag === '<mark>') marked = true;
    else if (tag === '</mark>') marked = false;
    else if (piece !== '') {
      const text = decodeEntities(piece);
      parts.push(marked ? <mark key={key++}>{text}</mark> : text);
    }
  }
  return <>{parts}</>;
}
