import { useEffect, useState, type FormEvent } from 'react';

import { toApiError } from '../../api/client';
import { ConflictAlert } from '../../components/ConflictAlert';
import { reviewApi } from '../../api/reviews';
import type { Review } from '../../api/reviewTypes';
import { Markdown } from '../items/Markdown';
import { formatTime } from './reviewLabels';

interface Props {
  /** The latest known review; it moves on while the editor is open when others save. */
  review: Review;
  /** The Product Owner and Scrum Masters edit the notes. */
  canEdit: boolean;
  /** A save answered the review, or a 412 the current one: the page shows it. */
  onReview: (review: Review) => void;
}

/**
 * The review's Markdown notes, edited as a draft and saved with PATCH and If-Match on the
 * version the edit started from. While nothing is typed the draft follows newer versions; with
 * unsaved input (after a live update or a 412) it keeps the input, says who saved meanwhile and
 * offers Reload (discard) or Keep my changes (save over the newer version).
 */
export function NotesEditor({ review, canEdit, onReview }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const [base, setBase] = useState({ notes: review.notes, version: review.version });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const editing = draft !== null;
  const dirty = editing && draft !== base.notes;
  const stale = review.version > base.version;

  useEffect(() => {
    if (stale && !dirty) {
      setBase({ notes: review.notes, version: review.version });
      if (editing) setDraft(review.notes);
      setError(null);
    }
  }, [stale, dirty, editing, review.notes, review.version]);

  function startEditing() {
    setBase({ notes: review.notes, version: review.version });
    setDraft(review.notes);
    setError(null);
  }

  function reload() {
    setBase({ notes: review.notes, version: review.version });
    setDraft(review.notes);
    setError(null);
  }

  function keepMine() {
    setBase({ notes: review.notes, version: review.version });
    setError(null);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (draft === null) return;
    if (!dirty && !stale) {
      setDraft(null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await reviewApi.saveNotes(review.sprint_id, base.version, draft);
      setBase({ notes: saved.notes, version: saved.version });
      setDraft(null);
      onReview(saved);
    } catch (err) {
      const apiErr = toApiError(err);
      const current = (apiErr.body as { current?: Review } | undefined)?.current;
      if (apiErr.status === 412 && current) {
        onReview(current);
        setError('Not saved: the notes were changed since you started editing.');
      } else {
        const issues = apiErr.issuesByField().notes;
        setError(issues ? `${apiErr.message} (notes: ${issues})` : apiErr.message);
      }
    } finally {
      setBusy(false);
    }
  }

  const savedLine = review.updated_at ? (
    <p className="muted">
      Last saved {formatTime(review.updated_at)}
      {review.updated_by ? ` by ${review.updated_by.name}` : ''}.
    </p>
  ) : null;

  if (!editing) {
    return (
      <section aria-labelledby="review-notes-heading" className="review-notes">
        <div className="heading-row">
          <h2 id="review-notes-heading">Notes</h2>
          {canEdit && (
            <button type="button" onClick={startEditing}>
              Edit notes
            </button>
          )}
        </div>
        {review.notes ? <Markdown text={review.notes} /> : <p className="muted">No notes yet.</p>}
        {savedLine}
      </section>
    );
  }

  return (
    <section aria-labelledby="review-notes-heading" className="review-notes">
      <h2 id="review-notes-heading">Notes</h2>
      {stale && dirty && (
        <ConflictAlert onReload={reload} onKeep={keepMine}>
          {error ? `${error} ` : ''}The notes were saved by {review.updated_by?.name ?? 'someone else'} while you
          were editing (now version {review.version}). Your input is kept.
        </ConflictAlert>
      )}
      {error && !(stale && dirty) && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <form aria-label="Edit the review notes" onSubmit={(e) => void save(e)}>
        <label htmlFor="review-notes-input">Review notes (Markdown)</label>
        <textarea
          id="review-notes-input"
          className="description-input"
          rows={12}
          maxLength={50000}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <details>
          <summary>Preview</summary>
          {draft ? <Markdown text={draft} /> : <p className="muted">Nothing written yet.</p>}
        </details>
        <div className="inline-form">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save notes'}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              setDraft(null);
              setError(null);
            }}
          >
            Cancel
          </button>
        </div>
      </form>
      {savedLine}
    </section>
  );
}
