// The product's vision: shown to every reader, edited by the Product Manager (PATCH with
// If-Match; a stale save shows the shared conflict notice), and its earlier versions.
import { useEffect, useId, useState, type FormEvent } from 'react';

import { toApiError } from '../../api/client';
import { strategyApi } from '../../api/strategy';
import { VISION_FIELDS, type Vision, type VisionField, type VisionInput } from '../../api/strategyTypes';
import { ConflictAlert } from '../../components/ConflictAlert';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/useAsync';
import { Markdown } from '../items/Markdown';
import { VISION_LABELS } from './strategyLabels';

type Values = Record<VisionField, string>;

function valuesOf(v: Vision): Values {
  return {
    statement: v.statement,
    target_customers: v.target_customers,
    customer_needs: v.customer_needs,
    value_proposition: v.value_proposition,
    business_goals: v.business_goals,
  };
}

function when(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toLocaleString();
}

interface FormProps {
  productId: string;
  /** The latest known vision; it moves on while the form is open when someone else saves. */
  vision: Vision;
  onSaved: (v: Vision) => void;
  onStale: (current: Vision) => void;
  onCancel: () => void;
}

export function VisionForm({ productId, vision, onSaved, onStale, onCancel }: FormProps) {
  const [base, setBase] = useState(vision);
  const [values, setValues] = useState<Values>(() => valuesOf(vision));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const id = useId();

  const dirty = VISION_FIELDS.some((f) => values[f] !== base[f]);
  const stale = vision.version > base.version;

  useEffect(() => {
    if (stale && !dirty) {
      setBase(vision);
      setValues(valuesOf(vision));
    }
  }, [stale, dirty, vision]);

  function reload() {
    setBase(vision);
    setValues(valuesOf(vision));
    setError(null);
    setFieldErrors({});
  }

  /** Moves onto the newer version, keeping the fields the user changed. */
  function keepMine() {
    const next = valuesOf(vision);
    for (const f of VISION_FIELDS) if (values[f] !== base[f]) next[f] = values[f];
    setBase(vision);
    setValues(next);
    setError(null);
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const changes: VisionInput = {};
    for (const f of VISION_FIELDS) if (values[f] !== base[f]) changes[f] = values[f];
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      onSaved(await strategyApi.updateVision(productId, base.version, changes));
    } catch (err) {
      const apiErr = toApiError(err);
      const current = (apiErr.body as { current?: Vision } | undefined)?.current;
      if (apiErr.status === 412 && current) {
        onStale(current);
        setError('Not saved: the vision was changed since you started editing.');
      } else {
        setFieldErrors(apiErr.issuesByField());
        setError(apiErr.message);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form-grid wide" aria-label="Edit vision" onSubmit={onSubmit} noValidate>
      {stale && dirty && (
        <ConflictAlert onReload={reload} onKeep={keepMine}>
          The vision was changed by {vision.updated_by?.name ?? 'someone else'} (now version {vision.version}) while you
          were editing. Your input is kept.
        </ConflictAlert>
      )}
      {error && !(stale && dirty) && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {VISION_FIELDS.map((f) => (
        <div className="field" key={f}>
          <label htmlFor={`${id}-${f}`}>{VISION_LABELS[f]}</label>
          <textarea
            id={`${id}-${f}`}
            rows={f === 'statement' ? 2 : 4}
            maxLength={f === 'statement' ? 1000 : 10000}
            value={values[f]}
            aria-invalid={fieldErrors[f] ? true : undefined}
            onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
          />
          {fieldErrors[f] && <span className="field-error">{fieldErrors[f]}</span>}
        </div>
      ))}
      <div className="inline-form">
        <button type="submit" className="primary" disabled={busy}>
          Save vision
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function VisionHistory({ productId, version }: { productId: string; version: number }) {
  const [extra, setExtra] = useState<Vision[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const first = useAsync(
    (signal) =>
      strategyApi.visionHistory(productId, undefined, signal).then((p) => {
        setExtra([]);
        setCursor(p.next_cursor);
        return p.data;
      }),
    [productId, version],
  );
  if (first.status === 'error' && !first.data) {
    return <ErrorState error={first.error} title="Could not load the vision's history" onRetry={first.reload} />;
  }
  if (!first.data) return <Loading />;
  const versions = [...first.data, ...extra];
  if (versions.length === 0) return <p className="muted">No saved versions yet.</p>;
  return (
    <>
      <ol className="vision-history" aria-label="Vision versions">
        {versions.map((v) => (
          <li key={v.version}>
            <p>
              <strong>Version {v.version}</strong>{' '}
              <span className="muted">
                {v.updated_by ? `by ${v.updated_by.name} ` : ''}
                {when(v.updated_at)}
              </span>
            </p>
            <p>{v.statement || <span className="muted">No statement</span>}</p>
          </li>
        ))}
      </ol>
      {cursor && (
        <button
          type="button"
          onClick={() =>
            void strategyApi.visionHistory(productId, cursor).then((p) => {
              setExtra((e) => [...e, ...p.data]);
              setCursor(p.next_cursor);
            })
          }
        >
          Older versions
        </button>
      )}
    </>
  );
}

/** The vision section of the strategy home. */
export function VisionSection({
  productId,
  vision,
  canEdit,
  onChange,
}: {
  productId: string;
  vision: Vision;
  canEdit: boolean;
  onChange: (v: Vision) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const [saved, setSaved] = useState(false);
  const empty = VISION_FIELDS.every((f) => vision[f] === '');

  return (
    <section className="card vision" aria-labelledby="vision-heading">
      <div className="heading-row">
        <h2 id="vision-heading">Vision</h2>
        {canEdit && !editing && (
          <button
            type="button"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            {empty ? 'Write the vision' : 'Edit vision'}
          </button>
        )}
        <button type="button" aria-expanded={showHistory} onClick={() => setShowHistory((s) => !s)}>
          {showHistory ? 'Hide history' : 'History'}
        </button>
      </div>
      {saved && (
        <p className="alert alert-ok" role="status">
          Vision saved (version {vision.version}).
        </p>
      )}
      {editing ? (
        <VisionForm
          productId={productId}
          vision={vision}
          onSaved={(v) => {
            onChange(v);
            setEditing(false);
            setSaved(true);
          }}
          onStale={onChange}
          onCancel={() => setEditing(false)}
        />
      ) : empty ? (
        <p className="muted">No vision has been written yet.</p>
      ) : (
        <>
          <p className="vision-statement">{vision.statement}</p>
          <dl className="facts vision-facts">
            {VISION_FIELDS.filter((f) => f !== 'statement').map((f) => (
              <div key={f} className="vision-fact">
                <dt>{VISION_LABELS[f]}</dt>
                <dd>{vision[f] ? <Markdown text={vision[f]} /> : <span className="muted">—</span>}</dd>
              </div>
            ))}
          </dl>
          <p className="muted">
            Version {vision.version}
            {vision.updated_by ? `, saved by ${vision.updated_by.name}` : ''}
            {vision.updated_at ? ` ${when(vision.updated_at)}` : ''}
          </p>
        </>
      )}
      {showHistory && (
        <section aria-label="Vision history">
          <h3>Earlier versions</h3>
          <VisionHistory productId={productId} version={vision.version} />
        </section>
      )}
    </section>
  );
}
