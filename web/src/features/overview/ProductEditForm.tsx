import { useEffect, useId, useState, type FormEvent } from 'react';

import { toApiError } from '../../api/client';
import { ConflictAlert } from '../../components/ConflictAlert';
import { api } from '../../api/endpoints';
import { stageLabel } from '../../api/labels';
import { STAGES, type Product, type ProductChanges, type Stage } from '../../api/types';

interface Values {
  name: string;
  description: string;
  stage: Stage;
}

const FIELDS = ['name', 'description', 'stage'] as const;

function valuesOf(p: Product): Values {
  return { name: p.name, description: p.description, stage: p.stage };
}

interface Props {
  /** The latest known product; it moves on while the form is open when others edit it. */
  product: Product;
  /** Who changed the product most recently (for the "changed meanwhile" notice), if known. */
  changedBy: string | null;
  onSaved: (product: Product) => void;
  /** A save found a newer version (412): the page shows it; the form keeps the input. */
  onStale: (current: Product) => void;
  onCancel: () => void;
}

/**
 * Edits a product's name, stage and description (PATCH with If-Match on the version the edit
 * started from). While nothing is typed, the form follows newer versions of the product; with
 * unsaved input it keeps the input and says the product changed meanwhile, offering to reload.
 */
export function ProductEditForm({ product, changedBy, onSaved, onStale, onCancel }: Props) {
  const [base, setBase] = useState(product);
  const [values, setValues] = useState<Values>(() => valuesOf(product));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<string, string>>>({});
  const id = useId();

  const dirty = FIELDS.some((f) => values[f] !== base[f]);
  const stale = product.id === base.id && product.version > base.version;

  useEffect(() => {
    if (stale && !dirty) {
      setBase(product);
      setValues(valuesOf(product));
    }
  }, [stale, dirty, product]);

  function reload() {
    setBase(product);
    setValues(valuesOf(product));
    setError(null);
    setFieldErrors({});
  }

  /** Moves onto the newer version, keeping only the fields the user changed. */
  function keepMine() {
    const pick = <K extends keyof Values>(f: K) => (values[f] !== base[f] ? values[f] : product[f]);
    setBase(product);
    setValues({ name: pick('name'), description: pick('description'), stage: pick('stage') });
    setError(null);
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const changes: ProductChanges = {};
    if (values.name !== base.name) changes.name = values.name.trim();
    if (values.description !== base.description) changes.description = values.description;
    if (values.stage !== base.stage) changes.stage = values.stage;
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      onSaved(await api.updateProduct(base.id, base.version, changes));
    } catch (err) {
      const apiErr = toApiError(err);
      const current = (apiErr.body as { current?: Product } | undefined)?.current;
      if (apiErr.status === 412 && current) {
        onStale(current);
        setError('Not saved: this product was changed since you started editing.');
      } else {
        setFieldErrors(apiErr.issuesByField());
        setError(apiErr.message);
      }
    } finally {
      setBusy(false);
    }
  }

  function describedBy(field: string) {
    return fieldErrors[field] ? `${id}-${field}-error` : undefined;
  }

  function issue(field: string) {
    const text = fieldErrors[field];
    return (
      text && (
        <span className="field-error" id={`${id}-${field}-error`}>
          {text}
        </span>
      )
    );
  }

  return (
    <form className="card form-grid edit-form" onSubmit={onSubmit} aria-label="Edit product" noValidate>
      {stale && dirty && (
        <ConflictAlert onReload={reload} onKeep={keepMine}>
          This product was changed by {changedBy ?? 'someone else'} while you were editing. Your input is
          kept.
        </ConflictAlert>
      )}
      {error && !(stale && dirty) && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={values.name}
          aria-invalid={fieldErrors.name ? true : undefined}
          aria-describedby={describedBy('name')}
          onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
        />
        {issue('name')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-stage`}>Life-cycle stage</label>
        <select
          id={`${id}-stage`}
          value={values.stage}
          onChange={(e) => setValues((v) => ({ ...v, stage: e.target.value as Stage }))}
        >
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {stageLabel(s)}
            </option>
          ))}
        </select>
        {issue('stage')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          id={`${id}-description`}
          rows={5}
          value={values.description}
          aria-invalid={fieldErrors.description ? true : undefined}
          aria-describedby={describedBy('description')}
          onChange={(e) => setValues((v) => ({ ...v, description: e.target.value }))}
        />
        {issue('description')}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>{' '}
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
