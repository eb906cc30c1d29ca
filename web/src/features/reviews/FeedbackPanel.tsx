import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { reviewApi } from '../../api/reviews';
import { SENTIMENTS, type Feedback, type Sentiment, type SprintItem } from '../../api/reviewTypes';
import { formatTime, SENTIMENT_LABELS } from './reviewLabels';

function FeedbackForm({
  sprintId,
  items,
  onAdded,
}: {
  sprintId: string;
  /** The sprint's items, to link the feedback to. */
  items: SprintItem[];
  onAdded: (feedback: Feedback) => void;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [from, setFrom] = useState('');
  const [sentiment, setSentiment] = useState<Sentiment>('neutral');
  const [linked, setLinked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (text.trim() === '') {
      setFieldErrors({ text: 'Write what was said.' });
      return;
    }
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const added = await reviewApi.addFeedback(sprintId, { text: text.trim(), from: from.trim(), sentiment, item_ids: linked });
      onAdded(added);
      setText('');
      setFrom('');
      setSentiment('neutral');
      setLinked([]);
    } catch (err) {
      const apiErr = toApiError(err);
      setFieldErrors(apiErr.issuesByField());
      setError(apiErr.message);
    } finally {
      setBusy(false);
    }
  }

  const itemIssues = Object.entries(fieldErrors)
    .filter(([field]) => field.startsWith('item_ids'))
    .map(([field, issue]) => {
      const i = Number(field.split('.')[1]);
      const item = Number.isInteger(i) ? items.find((it) => it.id === linked[i]) : undefined;
      return `${item ? item.key : field}: ${issue}`;
    });

  return (
    <form className="card form-grid feedback-form" aria-label="Capture feedback" onSubmit={(e) => void submit(e)} noValidate>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-text`}>What was said</label>
        <textarea
          id={`${id}-text`}
          rows={3}
          maxLength={5000}
          value={text}
          aria-invalid={fieldErrors.text ? true : undefined}
          aria-describedby={fieldErrors.text ? `${id}-text-error` : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        {fieldErrors.text && (
          <span className="field-error" id={`${id}-text-error`}>
            {fieldErrors.text}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>From (person or organisation)</label>
        <input id={`${id}-from`} maxLength={200} value={from} onChange={(e) => setFrom(e.target.value)} />
        {fieldErrors.from && <span className="field-error">{fieldErrors.from}</span>}
      </div>
      <fieldset className="plain">
        <legend>Sentiment</legend>
        {SENTIMENTS.map((s) => (
          <label key={s} className="radio">
            <input type="radio" name={`${id}-sentiment`} value={s} checked={sentiment === s} onChange={() => setSentiment(s)} />{' '}
            {SENTIMENT_LABELS[s]}
          </label>
        ))}
      </fieldset>
      <fieldset className="plain">
        <legend>Linked items</legend>
        {items.length === 0 ? (
          <p className="muted">The sprint has no items.</p>
        ) : (
          <ul className="item-picker">
            {items.map((it) => (
              <li key={it.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={linked.includes(it.id)}
                    onChange={(e) =>
                      setLinked((ids) => (e.target.checked ? [...ids, it.id] : ids.filter((x) => x !== it.id)))
                    }
                  />{' '}
                  <span className="mono">{it.key}</span> {it.title}
                </label>
              </li>
            ))}
          </ul>
        )}
        {itemIssues.length > 0 && <span className="field-error">{itemIssues.join('; ')}</span>}
      </fieldset>
      <div className="inline-form">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add feedback'}
        </button>
      </div>
    </form>
  );
}

function excerpt(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 40)}…` : one;
}

interface Props {
  sprintId: string;
  feedback: Feedback[];
  items: SprintItem[];
  /** Everyone with a role on the product captures feedback. */
  canAdd: boolean;
  /** The Product Owner deletes anyone's; authors delete their own. */
  isPO: boolean;
  userId: string;
  itemPath: (key: string) => string;
  onAdded: (feedback: Feedback) => void;
  onDeleted: (id: string) => void;
}

/** The feedback captured in the review: a form to add it and the list, newest first. */
export function FeedbackPanel({ sprintId, feedback, items, canAdd, isPO, userId, itemPath, onAdded, onDeleted }: Props) {
  const [error, setError] = useState<string | null>(null);

  async function remove(f: Feedback) {
    setError(null);
    try {
      await reviewApi.deleteFeedback(f.id);
      onDeleted(f.id);
    } catch (err) {
      const apiErr = toApiError(err);
      if (apiErr.status === 404) onDeleted(f.id);
      else setError(apiErr.message);
    }
  }

  return (
    <section aria-labelledby="feedback-heading" className="review-feedback">
      <h2 id="feedback-heading">Feedback</h2>
      {canAdd && <FeedbackForm sprintId={sprintId} items={items} onAdded={onAdded} />}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {feedback.length === 0 ? (
        <p className="muted">No feedback captured yet.</p>
      ) : (
        <ul className="feedback-list" aria-label="Feedback captured">
          {feedback.map((f) => (
            <li key={f.id} className={`feedback sentiment-${f.sentiment}`}>
              <p className="feedback-head">
                <span className={`flag sentiment-flag-${f.sentiment}`}>{SENTIMENT_LABELS[f.sentiment]}</span>
                {f.from && <strong> {f.from}</strong>}
              </p>
              <p className="feedback-text">{f.text}</p>
              {f.items.length > 0 && (
                <p>
                  About:{' '}
                  {f.items.map((it, i) => (
                    <span key={it.id}>
                      {i > 0 && ', '}
                      <Link to={itemPath(it.key)}>{it.key}</Link> {it.title}
                    </span>
                  ))}
                </p>
              )}
              <p className="muted">
                Captured by {f.author.name}, {formatTime(f.created_at)}
                {(isPO || f.author.id === userId) && (
                  <>
                    {' '}
                    <button type="button" className="link-button" aria-label={`Delete feedback: ${excerpt(f.text)}`} onClick={() => void remove(f)}>
                      Delete
                    </button>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
