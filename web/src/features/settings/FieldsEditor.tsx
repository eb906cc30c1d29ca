import { useId, useState } from 'react';

import type { CustomFieldType } from '../../api/backlogTypes';
import { IssueText, invalid, MoveButtons, moveRow, SectionIssue, useFocusAfterRender, type EditorProps } from './parts';
import { deriveKey, FIELD_TYPES, isSelect, LIMITS, newUid, type FieldDraft } from './settingsDraft';

function fieldLabel(f: FieldDraft, index: number): string {
  return f.name.trim() || f.key || String(index + 1);
}

/**
 * The product's custom fields: name, key (fixed once saved), type, options of select fields,
 * required. Removing a saved field, or changing its type, deletes its values on every item
 * when saved: removal asks first, and both say so.
 */
export function FieldsEditor({ draft, base, update, issues, readOnly }: EditorProps) {
  const id = useId();
  const focusLater = useFocusAfterRender();
  const [confirming, setConfirming] = useState<string | null>(null);
  const fields = draft.fields;

  const setField = (uid: string, change: Partial<FieldDraft>) =>
    update((d) => ({ ...d, fields: d.fields.map((f) => (f.uid === uid ? { ...f, ...change } : f)) }));

  function rename(f: FieldDraft, name: string) {
    setField(f.uid, f.saved || f.keyEdited ? { name } : { name, key: deriveKey(name) });
  }

  function add() {
    const uid = newUid();
    update((d) => ({
      ...d,
      fields: [
        ...d.fields,
        { uid, key: '', name: '', type: 'text', options: '', required: false, saved: false, keyEdited: false },
      ],
    }));
    focusLater(`${id}-${uid}-name`);
  }

  function remove(uid: string) {
    setConfirming(null);
    update((d) => ({ ...d, fields: d.fields.filter((f) => f.uid !== uid) }));
  }

  const removed = base.fields.map((f, index) => ({ f, index })).filter(({ f }) => !fields.some((x) => x.id === f.id));

  function restore(fieldId: string, index: number) {
    const saved = base.fields.find((f) => f.id === fieldId);
    if (!saved) return;
    update((d) => {
      const next = [...d.fields];
      next.splice(Math.min(index, next.length), 0, {
        uid: saved.id,
        id: saved.id,
        key: saved.key,
        name: saved.name,
        type: saved.type,
        options: (saved.options ?? []).join('\n'),
        required: !!saved.required,
        saved: true,
        keyEdited: false,
      });
      return { ...d, fields: next };
    });
  }

  return (
    <section className="card settings-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Custom fields</h2>
      <p className="muted">
        Shown on every item of the product, usable in queries by key and exported as CSV columns. A required field
        must be set when an item is created.
      </p>
      <SectionIssue text={issues.fields} />
      {fields.length === 0 && <p className="muted">No custom fields yet.</p>}
      <ol className="settings-list fields-list">
        {fields.map((f, i) => {
          const label = fieldLabel(f, i);
          const at = (prop: string) => issues[`field:${f.uid}:${prop}`];
          const err = (prop: string) => `${id}-${f.uid}-${prop}-error`;
          const savedType = f.saved ? base.fields.find((b) => b.id === f.id)?.type : undefined;
          return (
            <li key={f.uid}>
              <fieldset className="field-card">
                <legend>{f.name.trim() || 'New field'}</legend>
                <div className="field-grid">
                  <div className="field">
                    <label htmlFor={`${id}-${f.uid}-name`}>Name</label>
                    <input
                      id={`${id}-${f.uid}-name`}
                      aria-label={`Name of field ${i + 1}`}
                      value={f.name}
                      maxLength={LIMITS.nameLength}
                      onChange={(e) => rename(f, e.target.value)}
                      {...invalid(at('name'), err('name'))}
                    />
                    <IssueText id={err('name')} text={at('name')} />
                  </div>
                  <div className="field">
                    {f.saved ? (
                      <>
                        <span>Key</span>
                        <code>{f.key}</code>
                      </>
                    ) : (
                      <>
                        <label htmlFor={`${id}-${f.uid}-key`}>Key</label>
                        <input
                          id={`${id}-${f.uid}-key`}
                          className="mono"
                          aria-label={`Key of field ${label}`}
                          value={f.key}
                          maxLength={40}
                          placeholder="made from the name"
                          onChange={(e) => setField(f.uid, { key: e.target.value, keyEdited: e.target.value !== '' })}
                          {...invalid(at('key'), err('key'))}
                        />
                        <IssueText id={err('key')} text={at('key')} />
                      </>
                    )}
                  </div>
                  <div className="field">
                    <label htmlFor={`${id}-${f.uid}-type`}>Type</label>
                    <select
                      id={`${id}-${f.uid}-type`}
                      aria-label={`Type of field ${label}`}
                      value={f.type}
                      onChange={(e) => setField(f.uid, { type: e.target.value as CustomFieldType })}
                      {...invalid(at('type'), err('type'))}
                    >
                      {FIELD_TYPES.map((t) => (
                        <option key={t.value} value={t.value}>
                          {t.label}
                        </option>
                      ))}
                    </select>
                    <IssueText id={err('type')} text={at('type')} />
                  </div>
                  <label className="checkbox field-required">
                    <input
                      type="checkbox"
                      aria-label={`Field ${label} is required`}
                      checked={f.required}
                      onChange={(e) => setField(f.uid, { required: e.target.checked })}
                    />{' '}
                    Required
                  </label>
                </div>
                {savedType && savedType !== f.type && (
                  <p className="badge-warning" role="note">
                    Changing the type clears this field on every item when you save.
                  </p>
                )}
                {isSelect(f.type) && (
                  <div className="field">
                    <label htmlFor={`${id}-${f.uid}-options`}>Options, one per line</label>
                    <textarea
                      id={`${id}-${f.uid}-options`}
                      aria-label={`Options of field ${label}`}
                      rows={Math.min(8, Math.max(3, f.options.split('\n').length + 1))}
                      value={f.options}
                      onChange={(e) => setField(f.uid, { options: e.target.value })}
                      {...invalid(at('options'), err('options'))}
                    />
                    <IssueText id={err('options')} text={at('options')} />
                  </div>
                )}
                {!readOnly && (
                  <div className="row-actions">
                    <MoveButtons
                      index={i}
                      count={fields.length}
                      what={`field ${label}`}
                      onMove={(from, to) => update((d) => ({ ...d, fields: moveRow(d.fields, from, to) }))}
                    />
                    {confirming === f.uid ? (
                      <span className="alert alert-warn confirm" role="group" aria-label={`Confirm removing field ${label}`}>
                        Removing {label} deletes its value on every item when you save.{' '}
                        <button type="button" onClick={() => remove(f.uid)}>
                          Remove field and values
                        </button>{' '}
                        <button type="button" onClick={() => setConfirming(null)}>
                          Keep field
                        </button>
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Remove field ${label}`}
                        onClick={() => (f.saved ? setConfirming(f.uid) : remove(f.uid))}
                      >
                        Remove
                      </button>
                    )}
                  </div>
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {!readOnly && removed.length > 0 && (
        <div className="alert alert-warn">
          <p>Removed when you save, with their values on every item:</p>
          <ul className="plain-list">
            {removed.map(({ f, index }) => (
              <li key={f.id}>
                {f.name} (<code>{f.key}</code>){' '}
                <button type="button" onClick={() => restore(f.id, index)}>
                  Restore field {f.name}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {!readOnly && (
        <button type="button" onClick={add} disabled={fields.length >= LIMITS.fields}>
          Add custom field
        </button>
      )}
    </section>
  );
}
