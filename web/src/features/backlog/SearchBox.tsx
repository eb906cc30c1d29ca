import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';

import type { SearchHit } from '../../api/backlogTypes';
import { backlogApi } from '../../api/backlog';
import { toApiError } from '../../api/client';
import { Highlighted } from './highlight';
import { typeLabel } from './itemLabels';

/** Full-text search over the product's items; matches are marked as the server marks them. */
export function SearchBox({ productId }: { productId: string }) {
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [searched, setSearched] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const q = text.trim();
    if (q === '') return;
    setBusy(true);
    setError(null);
    try {
      setHits(await backlogApi.search(q, productId));
      setSearched(q);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="search-box">
      <form role="search" aria-label="Search items" className="inline-form" onSubmit={onSubmit}>
        <label>
          Search <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          Search
        </button>
        {hits && (
          <button
            type="button"
            onClick={() => {
              setHits(null);
              setText('');
            }}
          >
            Close results
          </button>
        )}
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {hits && (
        <section className="card search-results" aria-label="Search results">
          <p className="muted" aria-live="polite">
            {hits.length === 0 ? `Nothing matches “${searched}”.` : `${hits.length} results for “${searched}”`}
          </p>
          <ol>
            {hits.map((h) => (
              <li key={h.item.id}>
                <span className="mono">{h.item.key}</span>{' '}
                <span className={`type type-${h.item.type}`}>{typeLabel(h.item.type)}</span>{' '}
                <Link to={`/products/${encodeURIComponent(productId)}/items/${encodeURIComponent(h.item.key)}`}>
                  <Highlighted html={h.title} />
                </Link>
                {h.snippet && (
                  <p className="snippet">
                    <Highlighted html={h.snippet} />
                  </p>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
