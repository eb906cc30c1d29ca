import { useState, type FormEvent } from 'react';

import { backlogApi } from '../../api/backlog';
import type { Item } from '../../api/backlogTypes';
import { toApiError } from '../../api/client';

interface NewStory {
  title: string;
  points: string;
}

/**
 * Splits an item into new stories: each criterion stays or moves to one of them. As
 * siblings (same parent, ranked right after) or, for a feature, as its children.
 */
export function SplitDialog({
  item,
  pointScale,
  onDone,
  onCancel,
}: {
  item: Item;
  pointScale: number[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const [stories, setStories] = useState<NewStory[]>([{ title: `${item.title} (part 2)`, points: '' }]);
  // Criterion id → index of the new story it moves to, or -1 to keep it here.
  const [moves, setMoves] = useState<Record<string, number>>({});
  const [as, setAs] = useState<'siblings' | 'children'>(item.type === 'feature' ? 'children' : 'siblings');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await backlogApi.split(
        item.id,
        as,
        stories.map((s, i) => ({
          title: s.title.trim(),
          points: s.points === '' ? null : Number(s.points),
          criteria: item.criteria.filter((c) => moves[c.id] === i).map((c) => c.id),
        })),
      );
      onDone();
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card dialog" role="dialog" aria-modal="false" aria-labelledby="split-heading">
      <h2 id="split-heading">Split {item.key}</h2>
      <form onSubmit={onSubmit} className="form-grid wide">
        <fieldset>
          <legend>New stories go</legend>
          <label className="checkbox">
            <input type="radio" name="split-as" checked={as === 'siblings'} onChange={() => setAs('siblings')} /> beside
            this item (same parent)
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name="split-as"
              checked={as === 'children'}
              disabled={item.type !== 'feature'}
              onChange={() => setAs('children')}
            />{' '}
            under this feature
          </label>
        </fieldset>
        {stories.map((s, i) => (
          <fieldset key={i}>
            <legend>New story {i + 1}</legend>
            <label>
              Title of new story {i + 1}{' '}
              <input
                value={s.title}
                required
                maxLength={300}
                onChange={(e) => setStories((ss) => ss.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))}
              />
            </label>
            <label>
              Points of new story {i + 1}{' '}
              <select
                value={s.points}
                onChange={(e) => setStories((ss) => ss.map((x, j) => (j === i ? { ...x, points: e.target.value } : x)))}
              >
                <option value="">—</option>
                {pointScale.map((p) => (
                  <option key={p} value={String(p)}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
        ))}
        <div>
          <button type="button" onClick={() => setStories((ss) => [...ss, { title: '', points: '' }])}>
            Add another story
          </button>
        </div>
        {item.criteria.length > 0 && (
          <fieldset>
            <legend>Acceptance criteria</legend>
            {item.criteria.map((c, n) => (
              <label key={c.id} className="split-criterion">
                <span>{c.text}</span>
                <select
                  aria-label={`Where criterion ${n + 1} goes`}
                  value={String(moves[c.id] ?? -1)}
                  onChange={(e) => setMoves((m) => ({ ...m, [c.id]: Number(e.target.value) }))}
                >
                  <option value="-1">Keep in {item.key}</option>
                  {stories.map((_, i) => (
                    <option key={i} value={String(i)}>
                      Move to new story {i + 1}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </fieldset>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="inline-form">
          <button type="submit" className="primary" disabled={busy || stories.some((s) => s.title.trim() === '')}>
            Split
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
