import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';

import { backlogApi } from '../../api/backlog';
import type { BacklogSettings, BacklogSettingsChanges } from '../../api/backlogTypes';
import { toApiError, type ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { holders } from '../../api/products';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { otherActors, joinNames, useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { ChecklistEditor } from './ChecklistEditor';
import { EstimationEditor } from './EstimationEditor';
import { FieldsEditor } from './FieldsEditor';
import type { EditorProps } from './parts';
import {
  changedSections,
  fromSettings,
  isDirty,
  issueMap,
  placeIssues,
  SECTION_TITLES,
  toSections,
  type PlacedIssue,
  type Section,
  type SettingsDraft,
} from './settingsDraft';
import { StatusesEditor } from './StatusesEditor';
import { TransitionsEditor } from './TransitionsEditor';

const SECTION_NOUNS: Record<Section, string> = {
  statuses: 'workflow statuses',
  transitions: 'transitions',
  point_scale: 'point scale',
  split_threshold: 'split threshold',
  definition_of_ready: 'Definition of Ready',
  definition_of_done: 'Definition of Done',
  fields: 'custom fields',
};

function sectionNames(changes: BacklogSettingsChanges): string {
  return joinNames((Object.keys(changes) as Section[]).map((s) => SECTION_NOUNS[s]));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What a refused save shows: a summary at the top and the issues next to what they name. */
function refusal(err: ApiError, draft: SettingsDraft): { summary: string; placed: PlacedIssue[] } {
  switch (err.status) {
    case 400:
    case 422: {
      const placed = placeIssues(err.details, draft);
      return {
        summary: placed.length > 0 ? 'Not saved: the server refused some entries.' : `Not saved: ${err.message}`,
        placed,
      };
    }
    case 409: {
      // e.g. "the status in_review is used by 3 items; move them first", naming `statuses`.
      const sections = [...new Set(placeIssues(err.details, draft).map((p) => p.section))];
      const message = capitalise(err.message);
      return {
        summary: 'Not saved: the change conflicts with the backlog.',
        placed: sections.map((section) => ({ target: section ?? 'general', section, text: message })),
      };
    }
    case 403:
      return { summary: 'Not saved: only the Product Owner may change the backlog settings.', placed: [] };
    default:
      return { summary: `Not saved: ${err.message}`, placed: [] };
  }
}

/**
 * /products/:id/settings — the backlog settings (workflow statuses and transitions, Definition
 * of Ready and Done, point scale, split threshold, custom fields). The Product Owner edits a
 * draft and saves the changed sections in one PATCH with If-Match; everyone else reads them.
 */
export function SettingsPage({ productId }: { productId: string }) {
  const me = useMe();
  const canEdit = (me.products.find((p) => p.id === productId)?.my_roles ?? []).includes('product_owner');
  const settings = useAsync((signal) => backlogApi.settings(productId, signal), [productId]);
  const product = useAsync((signal) => api.getProduct(productId, signal), [productId]);

  const [base, setBase] = useState<BacklogSettings | null>(null);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [placed, setPlaced] = useState<PlacedIssue[]>([]);
  const [summary, setSummary] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** A newer version saved by someone else while the draft has changes (or a save got 412). */
  const [stale, setStale] = useState<BacklogSettings | null>(null);
  const [changedBy, setChangedBy] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const [focusAlert, setFocusAlert] = useState(0);

  useLiveEvents(
    (e) => e.product_id === productId && e.entity_type === 'backlog_settings',
    (events) => {
      const others = otherActors(events, me.user.id);
      setChangedBy(others.length > 0 ? joinNames(others) : null);
      settings.refresh();
    },
  );

  const dirty = !!(draft && base && isDirty(draft, base));
  const loaded = settings.data;
  if (loaded && (!base || loaded.version > base.version)) {
    if (!base || !dirty) {
      // Follow newer versions while nothing is being edited.
      if (base) setNotice(`${changedBy ?? 'Someone else'} saved the settings; this is the current version.`);
      setBase(loaded);
      setDraft(fromSettings(loaded));
      setStale(null);
      setPlaced([]);
      setSummary(null);
    } else if (!stale || loaded.version > stale.version) {
      setStale(loaded);
    }
  }

  useEffect(() => {
    if (focusAlert > 0) alertRef.current?.focus();
  }, [focusAlert]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  if (!base || !draft) {
    if (settings.status === 'error') {
      return <ErrorState error={settings.error} title="Could not load the backlog settings" onRetry={settings.reload} />;
    }
    return <Loading />;
  }

  const update: EditorProps['update'] = (change) => {
    setDraft((d) => (d ? change(d) : d));
    setNotice(null);
  };

  function reset(to: BacklogSettings, message: string | null) {
    setBase(to);
    setDraft(fromSettings(to));
    setStale(null);
    setPlaced([]);
    setSummary(null);
    setNotice(message);
    settings.setData(() => to);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!canEdit || !draft || !base || busy || stale) return;
    setNotice(null);
    const { sections, issues } = toSections(draft);
    if (issues.length > 0) {
      setPlaced(placeIssues(issues, draft));
      setSummary('Not saved: correct the entries marked below.');
      setFocusAlert((n) => n + 1);
      return;
    }
    const changes = changedSections(base, sections);
    if (Object.keys(changes).length === 0) {
      reset(base, 'Nothing to save: the settings are as saved.');
      return;
    }
    setBusy(true);
    setPlaced([]);
    setSummary(null);
    try {
      const next = await backlogApi.updateSettings(productId, base.version, changes);
      reset(next, `Saved the ${sectionNames(changes)} (version ${next.version}).`);
    } catch (err) {
      const apiErr = toApiError(err);
      if (apiErr.status === 412) {
        const current = (apiErr.body as { current?: BacklogSettings } | undefined)?.current;
        // The warning about the newer version says it all; without `current` the refetch finds it.
        if (current) setStale(current);
        else settings.refresh();
      } else {
        const r = refusal(apiErr, draft);
        setPlaced(r.placed);
        setSummary(r.summary);
      }
      setFocusAlert((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  const issues = issueMap(placed);
  const editor: EditorProps = { draft, base, update, issues, readOnly: !canEdit };
  const owners = product.data ? holders(product.data, 'product_owner') : [];

  return (
    <section className="settings-page">
      <div className="heading-row">
        <PageHeading title="Backlog settings">Backlog settings</PageHeading>
        <Link to={`/products/${encodeURIComponent(productId)}/backlog`}>Back to the backlog</Link>
      </div>
      {canEdit ? (
        <p className="muted">
          Changes apply to the whole backlog when you save. Version {base.version}
          {base.version === 0 ? ' (the defaults, never saved)' : ''}.
        </p>
      ) : (
        <p className="alert alert-info">
          Read only: only the Product Owner{owners.length > 0 ? ` (${owners.join(', ')})` : ''} can change the backlog
          settings.
        </p>
      )}

      <div ref={alertRef} tabIndex={-1} className="settings-alerts">
        {stale && (
          <div className="alert alert-warn" role="alert">
            <p>
              {changedBy ?? 'Someone else'} saved the settings (now version {stale.version}) while you were editing.
              Your changes are not saved and cannot be saved over that version: reload the current settings, then make
              them again.
            </p>
            <button
              type="button"
              onClick={() => reset(stale, `Reloaded version ${stale.version}; your unsaved changes were discarded.`)}
            >
              Reload the current settings (discards your changes)
            </button>
          </div>
        )}
        {!stale && summary && (
          <div className="alert alert-error" role="alert">
            <p>{summary}</p>
            {placed.length > 0 && (
              <ul>
                {placed.map((p, i) => (
                  <li key={i}>
                    {p.section ? `${SECTION_TITLES[p.section]}: ` : ''}
                    {p.text}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      <p className={notice ? 'alert alert-ok' : 'visually-hidden'} role="status">
        {notice}
      </p>

      <form onSubmit={save} aria-label="Backlog settings" noValidate>
        <fieldset className="plain" disabled={!canEdit}>
          <legend className="visually-hidden">{canEdit ? 'Edit the backlog settings' : 'Backlog settings (read only)'}</legend>
          <StatusesEditor {...editor} />
          <TransitionsEditor {...editor} />
          <ChecklistEditor which="definition_of_ready" {...editor} />
          <ChecklistEditor which="definition_of_done" {...editor} />
          <EstimationEditor {...editor} />
          <FieldsEditor {...editor} />
        </fieldset>
        {canEdit && (
          <div className="save-bar">
            <button type="submit" className="primary" disabled={busy || !dirty || !!stale}>
              {busy ? 'Saving…' : 'Save settings'}
            </button>
            <button
              type="button"
              disabled={busy || !dirty}
              onClick={() => reset(stale ?? base, 'Your changes were discarded.')}
            >
              Discard changes
            </button>
            <span className="muted">{dirty ? 'Unsaved changes' : 'No unsaved changes'}</span>
          </div>
        )}
      </form>
    </section>
  );
}
