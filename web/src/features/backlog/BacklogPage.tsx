import { arrayMove } from '@dnd-kit/sortable';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';

import { backlogApi } from '../../api/backlog';
import type { BulkChanges, Item, ItemChanges, ItemType, MoveTarget } from '../../api/backlogTypes';
import { toApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import type { UserRef } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { BacklogList, type RowPermissions } from './BacklogList';
import { BulkEditBar } from './BulkEditBar';
import { HierarchyView } from './HierarchyView';
import { InlineCreate } from './InlineCreate';
import { BACKLOG_ENTITY_TYPES } from './itemLabels';
import { QueryBar } from './QueryBar';
import { completionSource } from './queryCompletion';
import { queryProblem } from './queryError';
import { SavedViews } from './SavedViews';
import { SearchBox } from './SearchBox';

/** Where a moved item goes: before its new lower neighbour, else after its upper one. */
/** The backlog (or what the applied query selects) as CSV, custom fields included. */
function exportUrl(productId: string, query: string): string {
  const q = query ? `&query=${encodeURIComponent(query)}` : '';
  return `/api/v1/products/${encodeURIComponent(productId)}/items/export?format=csv${q}`;
}

export function moveTarget(next: Item[], to: number): MoveTarget {
  if (to < next.length - 1) return { before: next[to + 1].id };
  if (to > 0) return { after: next[to - 1].id };
  return { position: 'top' };
}

/** The people who may be assigned: everyone with a role on the product who does the work. */
export function assignablePeople(roles: { user: UserRef; role: string }[] | undefined): UserRef[] {
  const out: UserRef[] = [];
  for (const r of roles ?? []) {
    if (!['product_owner', 'scrum_master', 'team_member'].includes(r.role)) continue;
    if (!out.some((u) => u.id === r.user.id)) out.push(r.user);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export function BacklogPage({ productId }: { productId: string }) {
  const me = useMe();
  const myRoles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const isPO = myRoles.includes('product_owner');
  const isTeam = myRoles.includes('team_member');
  const canCreate = isPO || myRoles.includes('product_manager');

  const [params, setParams] = useSearchParams();
  const applied = params.get('query') ?? '';
  const view = params.get('view') === 'tree' ? 'tree' : 'list';
  const [draft, setDraft] = useState(applied);
  const [lastApplied, setLastApplied] = useState(applied);
  if (lastApplied !== applied) {
    // The URL changed (a saved view opened, back button): the input follows.
    setLastApplied(applied);
    setDraft(applied);
  }

  const items = useAsync((signal) => backlogApi.listItems(productId, applied, signal), [productId, applied]);
  const settings = useAsync((signal) => backlogApi.settings(productId, signal), [productId]);
  const product = useAsync((signal) => api.getProduct(productId, signal), [productId]);
  const views = useAsync((signal) => backlogApi.views(productId, signal), [productId]);

  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [bulkBusy, setBulkBusy] = useState(false);

  const { refresh: refreshItems, setData: setItems } = items;
  useLiveEvents(
    (e) => e.product_id === productId && BACKLOG_ENTITY_TYPES.has(e.entity_type),
    (events) => {
      refreshItems();
      if (events.some((e) => e.entity_type === 'saved_view')) views.refresh();
      if (events.some((e) => e.entity_type === 'backlog_settings')) settings.refresh();
    },
  );

  // Labels seen in any loaded list, for completion.
  const labelsSeen = useRef(new Set<string>());
  for (const i of items.data ?? []) for (const l of i.labels) labelsSeen.current.add(l);
  const people = useMemo(() => assignablePeople(product.data?.roles), [product.data]);
  const source = useMemo(
    () =>
      completionSource(
        settings.data,
        [...labelsSeen.current].sort(),
        people.map((p) => p.email ?? p.name),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [settings.data, people, items.data],
  );

  function apply(text: string) {
    const next = new URLSearchParams(params);
    if (text.trim() === '') next.delete('query');
    else next.set('query', text.trim());
    setDraft(text);
    setSelected(new Set());
    if (next.toString() === params.toString()) items.refresh();
    else setParams(next);
  }

  function setView(v: 'list' | 'tree') {
    const next = new URLSearchParams(params);
    if (v === 'tree') next.set('view', 'tree');
    else next.delete('view');
    setParams(next, { replace: true });
  }

  const move = useCallback(
    async (from: number, to: number) => {
      const list = items.data;
      if (!list || from === to) return;
      const moved = list[from];
      const next = arrayMove(list, from, to);
      setItems(() => next);
      setFocusId(moved.id);
      setAnnouncement(`${moved.key} moved to position ${to + 1} of ${next.length}.`);
      setActionError(null);
      try {
        await backlogApi.moveItem(moved.id, moveTarget(next, to));
      } catch (e) {
        setActionError(`Could not move ${moved.key}: ${toApiError(e).message}`);
      } finally {
        refreshItems();
      }
    },
    [items.data, setItems, refreshItems],
  );

  async function edit(item: Item, changes: ItemChanges): Promise<boolean> {
    setActionError(null);
    try {
      const saved = await backlogApi.updateItem(item.id, item.version, changes);
      setItems((list) => list.map((i) => (i.id === saved.id ? saved : i)));
      return true;
    } catch (e) {
      const err = toApiError(e);
      setActionError(
        err.status === 412
          ? `${item.key} was changed by someone else; the list now shows the current version.`
          : `Could not change ${item.key}: ${err.message}`,
      );
      refreshItems();
      return false;
    }
  }

  async function create(type: ItemType, title: string) {
    const created = await backlogApi.createItem(productId, { type, title });
    setItems((list) => [...list, created]);
    setAnnouncement(`${created.key} added at the bottom.`);
    refreshItems();
  }

  async function bulk(changes: BulkChanges) {
    setBulkBusy(true);
    setActionError(null);
    try {
      await backlogApi.bulkUpdate(productId, [...selected], changes);
      setAnnouncement(`${selected.size} items updated.`);
      setSelected(new Set());
    } catch (e) {
      setActionError(`Bulk edit failed: ${toApiError(e).message}`);
    } finally {
      setBulkBusy(false);
      refreshItems();
    }
  }

  const perms: RowPermissions = {
    select: isPO,
    rank: isPO && view === 'list',
    rename: isPO,
    editItem: (item) => isPO || (isTeam && (!item.assignee || item.assignee.id === me.user.id)),
  };

  const problem = items.status === 'error' ? queryProblem(items.error) : null;
  const list = items.data ?? [];

  return (
    <section className="backlog">
      <div className="heading-row">
        <PageHeading title="Backlog">Backlog</PageHeading>
        <Link to={`/products/${encodeURIComponent(productId)}/refinement`}>Refinement queue</Link>
        <Link to={`/products/${encodeURIComponent(productId)}/settings`}>Backlog settings</Link>
        <a href={exportUrl(productId, applied)} download>
          Export CSV
        </a>
      </div>
      <SearchBox productId={productId} />
      <QueryBar
        value={draft}
        onChange={setDraft}
        onApply={apply}
        source={source}
        problem={problem}
        problemQuery={applied}
      />
      <SavedViews
        productId={productId}
        myId={me.user.id}
        isProductOwner={isPO}
        views={views}
        query={draft}
        onOpen={(v) => apply(v.query)}
      />
      <div className="view-toggle" role="group" aria-label="Layout">
        <button type="button" aria-pressed={view === 'list'} onClick={() => setView('list')}>
          Ranked list
        </button>
        <button type="button" aria-pressed={view === 'tree'} onClick={() => setView('tree')}>
          Hierarchy
        </button>
      </div>
      <div className="visually-hidden" aria-live="polite" data-testid="backlog-announcer">
        {announcement}
      </div>
      {actionError && (
        <p className="alert alert-error" role="alert">
          {actionError}
        </p>
      )}
      {isPO && selected.size > 0 && (
        <BulkEditBar
          count={selected.size}
          settings={settings.data}
          people={people}
          busy={bulkBusy}
          onApply={(c) => void bulk(c)}
          onClear={() => setSelected(new Set())}
        />
      )}
      {items.status === 'loading' && !items.data && <Loading />}
      {items.status === 'error' && !problem && (
        <ErrorState error={items.error} title="Could not load the backlog" onRetry={items.reload} />
      )}
      {problem && <p className="muted">Fix the query to see the items.</p>}
      {!problem && items.data && (
        <>
          {list.length === 0 && <p className="muted">{applied ? 'No items match the query.' : 'The backlog is empty.'}</p>}
          {list.length > 0 &&
            (view === 'tree' ? (
              <HierarchyView items={list} productId={productId} />
            ) : (
              <BacklogList
                productId={productId}
                items={list}
                settings={settings.data}
                perms={perms}
                selected={selected}
                onToggle={(id) =>
                  setSelected((s) => {
                    const n = new Set(s);
                    if (n.has(id)) n.delete(id);
                    else n.add(id);
                    return n;
                  })
                }
                onToggleAll={(on) => setSelected(on ? new Set(list.map((i) => i.id)) : new Set())}
                onMove={(from, to) => void move(from, to)}
                onEdit={edit}
                focusId={focusId}
              />
            ))}
        </>
      )}
      {canCreate && <InlineCreate onCreate={create} />}
    </section>
  );
}
