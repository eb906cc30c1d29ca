import { useRef, useState, type FormEvent } from 'react';

import { ITEM_TYPES, type ItemType } from '../../api/backlogTypes';
import { toApiError } from '../../api/client';
import { TYPE_LABELS } from './itemLabels';

/** The row under the list: a type and a title; Enter creates the item at the bottom. */
export function InlineCreate({ onCreate }: { onCreate: (type: ItemType, title: string) => Promise<void> }) {
  const [type, setType] = useState<ItemType>('story');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (title.trim() === '' || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onCreate(type, title.trim());
      setTitle('');
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
      titleRef.current?.focus();
    }
  }

  return (
    <form className="inline-create" aria-label="New item" onSubmit={onSubmit}>
      <label>
        Type{' '}
        <select value={type} onChange={(e) => setType(e.target.value as ItemType)}>
          {ITEM_TYPES.filter((t) => t !== 'task').map((t) => (
            <option key={t} value={t}>
              {TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        <span className="visually-hidden">New item title</span>
        <input
          ref={titleRef}
          value={title}
          maxLength={300}
          placeholder="New item title — Enter to add"
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <button type="submit" disabled={busy || title.trim() === ''}>
        Add
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
