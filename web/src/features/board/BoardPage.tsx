import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
} from '@dnd-kit/core';
import { CSS } from '@dnd-kit/utilities';
import { useMemo, useRef, useState, type CSSProperties, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';

import { backlogApi } from '../../api/backlog';
import { SWIMLANES, type Board, type BoardColumn, type BoardLane, type Item, type Swimlane } from '../../api/backlogTypes';
import { toApiError } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { BACKLOG_ENTITY_TYPES, formatPoints, priorityLabel, typeLabel } from '../backlog/itemLabels';
import { QueryBar } from '../backlog/QueryBar';
import { completionSource } from '../backlog/queryCompletion';
import { queryProblem } from '../backlog/queryError';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { boardQuery, cellId, cellOf, moveCard, parseCellId, planMove, type Cell } from './boardModel';

const SWIMLANE_LABELS: Record<Swimlane, string> = {
  none: 'None',
  assignee: 'Assignee',
  epic: 'Epic',
  priority: 'Priority',
};

/** The entity types whose events change a board: items and settings, and sprints. */
const BOARD_ENTITY_TYPES = new Set([...BACKLOG_ENTITY_TYPES, 'sprint']);

// The pointer decides where a card lands; a keyboard drag (no pointer) goes by overlap.
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length > 0 ? hits : rectIntersection(args);
};

function laneLabel(lane: BoardLane): string {
  return lane.item_key ? `${lane.item_key} ${lane.name}` : lane.name;
}

interface CardProps {
  card: Item;
  productId: string;
  movable: boolean;
  error: string | undefined;
  board: Board;
  onMove: (card: Item, to: Cell) => void;
  onDismiss: (id: string) => void;
}

/** A card: key, type, title, points, priority, assignee; dragged by its handle, or "Move to…". */
function BoardCard({ card, productId, movable, error, board, onMove, onDismiss }: CardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, isDragging } = useDraggable({
    id: card.id,
    disabled: !movable,
  });
  const [menu, setMenu] = useState(false);
  const here = cellOf(board, card.id);
  const [status, setStatus] = useState(here?.status ?? card.status);
  const [lane, setLane] = useState(here?.lane ?? '');
  const style = transform ? { transform: CSS.Translate.toString(transform) } : undefined;

  function openMenu() {
    const at = cellOf(board, card.id);
    setStatus(at?.status ?? card.status);
    setLane(at?.lane ?? '');
    setMenu(true);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setMenu(false);
    onMove(card, { lane, status });
  }

  return (
    <li
      ref={setNodeRef}
      style={style}
      className={`board-card${isDragging ? ' dragging' : ''}${error ? ' has-error' : ''}`}
      data-card={card.key}
      aria-label={`${card.key} ${card.title}`}
    >
      <div className="board-card-head">
        {movable && (
          <button
            type="button"
            className="drag-handle"
            ref={setActivatorNodeRef}
            {...attributes}
            {...listeners}
            aria-label={`Drag ${card.key}`}
          >
            ⠿
          </button>
        )}
        <span className="mono">{card.key}</span>
        <span className={`type type-${card.type}`}>{typeLabel(card.type)}</span>
        {card.priority !== 'medium' && (
          <span className={`priority priority-${card.priority}`} title="Priority">
            {priorityLabel(card.priority)}
          </span>
        )}
      </div>
      <Link to={`/products/${encodeURIComponent(productId)}/items/${encodeURIComponent(card.key)}`}>{card.title}</Link>
      <div className="board-card-foot muted">
        <span title="Points">{formatPoints(card.points)} pts</span>
        <span>{card.assignee?.name ?? 'Unassigned'}</span>
        {card.labels.map((l) => (
          <span key={l} className="label-chip">
            {l}
          </span>
        ))}
      </div>
      {error && (
        <div className="card-error" role="alert">
          {error}{' '}
          <button type="button" className="link-button" onClick={() => onDismiss(card.id)} aria-label={`Dismiss the message on ${card.key}`}>
            ✕
          </button>
        </div>
      )}
      {movable && !menu && (
        <button type="button" className="move-to" onClick={openMenu} aria-label={`Move ${card.key} to…`}>
          Move to…
        </button>
      )}
      {menu && (
        <form className="move-menu" aria-label={`Move ${card.key}`} onSubmit={submit}>
          <label>
            Column{' '}
            <select value={status} onChange={(e) => setStatus(e.target.value)} autoFocus>
              {board.columns.map((c) => (
                <option key={c.status} value={c.status}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          {board.swimlane !== 'none' && (
            <label>
              Lane{' '}
              <select value={lane} onChange={(e) => setLane(e.target.value)}>
                {board.lanes.map((l) => (
                  <option key={l.key} value={l.key}>
                    {laneLabel(l)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="submit" className="primary">
            Move
          </button>
          <button type="button" onClick={() => setMenu(false)}>
            Cancel
          </button>
        </form>
      )}
    </li>
  );
}

function BoardCell({
  lane,
  column,
  children,
  count,
}: {
  lane: BoardLane;
  column: BoardColumn;
  children: ReactNode;
  count: number;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: cellId({ lane: lane.key, status: column.status }) });
  return (
    <section
      ref={setNodeRef}
      className={`board-cell${isOver ? ' drop-over' : ''}${column.over_limit ? ' over-limit' : ''}`}
      aria-label={`${laneLabel(lane)}, ${column.name}`}
      data-lane={lane.key}
      data-status={column.status}
    >
      {count === 0 ? <p className="board-empty muted">No cards</p> : <ul className="board-cards">{children}</ul>}
    </section>
  );
}

function ColumnHeader({ column }: { column: BoardColumn }) {
  const limit = column.wip_limit > 0;
  return (
    <div className={`board-column-head${column.over_limit ? ' over-limit' : ''}`} data-status={column.status}>
      <strong>{column.name}</strong>{' '}
      <span className="board-count" title="Items of the product in this status">
        {limit ? `${column.count} / ${column.wip_limit}` : column.count}
      </span>
      {limit && <span className="muted"> WIP limit {column.wip_limit}</span>}
      {column.over_limit && <span className="over-limit-note"> Over the WIP limit</span>}
    </div>
  );
}

export function BoardPage({ productId }: { productId: string }) {
  const me = useMe();
  const myRoles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const isPO = myRoles.includes('product_owner');
  const movesOwn = myRoles.includes('team_member') || myRoles.includes('scrum_master');
  const canMove = (card: Item) => isPO || (movesOwn && (!card.assignee || card.assignee.id === me.user.id));

  const [params, setParams] = useSearchParams();
  const swimlane: Swimlane = (SWIMLANES as readonly string[]).includes(params.get('swimlane') ?? '')
    ? (params.get('swimlane') as Swimlane)
    : 'none';
  const sprint = params.get('sprint') ?? '';
  const filters = {
    mine: params.get('mine') === '1',
    recent: params.get('recent') === '1',
    label: params.get('label') ?? '',
    query: params.get('query') ?? '',
  };
  const query = boardQuery(filters);

  const [draft, setDraft] = useState(filters.query);
  const [lastApplied, setLastApplied] = useState(filters.query);
  if (lastApplied !== filters.query) {
    setLastApplied(filters.query);
    setDraft(filters.query);
  }

  const board = useAsync(
    (signal) => backlogApi.board(productId, { sprint, swimlane, query }, signal),
    [productId, sprint, swimlane, query],
  );
  const settings = useAsync((signal) => backlogApi.settings(productId, signal), [productId]);
  const sprints = useAsync(
    (signal) => backlogApi.sprints(productId, signal).catch(() => null),
    [productId],
  );

  const [cardErrors, setCardErrors] = useState<Record<string, string>>({});
  const [announcement, setAnnouncement] = useState('');
  const [busy, setBusy] = useState(0);

  const { refresh: refreshBoard } = board;
  useLiveEvents(
    (e) => e.product_id === productId && BOARD_ENTITY_TYPES.has(e.entity_type) && e.entity_type !== 'saved_view',
    (events) => {
      refreshBoard();
      if (events.some((e) => e.entity_type === 'backlog_settings')) settings.refresh();
      if (events.some((e) => e.entity_type === 'sprint')) sprints.refresh();
    },
  );

  const labelsSeen = useRef(new Set<string>());
  for (const lane of board.data?.lanes ?? []) {
    for (const cards of Object.values(lane.cards)) for (const c of cards) for (const l of c.labels) labelsSeen.current.add(l);
  }
  const labels = [...labelsSeen.current].sort();
  const source = useMemo(
    () => completionSource(settings.data, labels, []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [settings.data, labels.join(',')],
  );

  function setParam(name: string, value: string | null) {
    const next = new URLSearchParams(params);
    if (value === null || value === '') next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
  }

  function applyQuery(text: string) {
    setDraft(text);
    if (text.trim() === filters.query) board.refresh();
    else setParam('query', text.trim());
  }

  function findCard(id: string): Item | undefined {
    for (const lane of board.data?.lanes ?? []) {
      for (const cards of Object.values(lane.cards)) {
        const c = cards.find((x) => x.id === id);
        if (c) return c;
      }
    }
    return undefined;
  }

  async function move(card: Item, to: Cell) {
    const current = board.data;
    if (!current) return;
    const from = cellOf(current, card.id);
    if (!from || (from.lane === to.lane && from.status === to.status)) return;
    const plan = planMove(card, current.swimlane, from, to);
    if (!plan.ok) {
      setCardErrors((e) => ({ ...e, [card.id]: plan.reason }));
      setAnnouncement(`${card.key} was not moved: ${plan.reason}`);
      return;
    }
    const column = current.columns.find((c) => c.status === to.status);
    const lane = current.lanes.find((l) => l.key === to.lane);
    setCardErrors(({ [card.id]: _, ...rest }) => rest);
    board.setData((b) => moveCard(b, card, to, plan.changes));
    setBusy((n) => n + 1);
    try {
      await backlogApi.updateItem(card.id, card.version, plan.changes);
      setAnnouncement(
        `${card.key} moved to ${column?.name ?? to.status}${current.swimlane !== 'none' && lane ? `, ${laneLabel(lane)}` : ''}.`,
      );
    } catch (e) {
      const err = toApiError(e);
      const text =
        err.status === 412
          ? `${card.key} was changed by someone else meanwhile; the board now shows it as it is.`
          : err.message;
      setCardErrors((m) => ({ ...m, [card.id]: text }));
      setAnnouncement(`${card.key} was not moved: ${text}`);
    } finally {
      setBusy((n) => n - 1);
      refreshBoard();
    }
  }

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor),
  );

  const keyOf = (id: unknown) => findCard(String(id))?.key ?? String(id);
  const whereIs = (id: unknown) => {
    const cell = parseCellId(String(id));
    const b = board.data;
    if (!cell || !b) return '';
    const lane = b.lanes.find((l) => l.key === cell.lane);
    const column = b.columns.find((c) => c.status === cell.status);
    return `${column?.name ?? cell.status}${b.swimlane !== 'none' && lane ? `, ${laneLabel(lane)}` : ''}`;
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${keyOf(active.id)}.`,
    onDragOver: ({ active, over }) => (over ? `${keyOf(active.id)} is over ${whereIs(over.id)}.` : undefined),
    onDragEnd: ({ active, over }) =>
      over ? `${keyOf(active.id)} dropped on ${whereIs(over.id)}.` : `${keyOf(active.id)} dropped.`,
    onDragCancel: ({ active }) => `Moving ${keyOf(active.id)} was cancelled.`,
  };

  function onDragEnd(e: DragEndEvent) {
    if (!e.over) return;
    const to = parseCellId(String(e.over.id));
    const card = findCard(String(e.active.id));
    if (to && card) void move(card, to);
  }

  const problem = board.status === 'error' ? queryProblem(board.error) : null;
  const b = board.data;
  const sprintList = sprints.data ?? null;

  return (
    <section className="board-page">
      <div className="heading-row">
        <PageHeading title="Board">Board</PageHeading>
        <Link to={`/products/${encodeURIComponent(productId)}/backlog`}>Backlog</Link>
      </div>

      <div className="board-controls">
        {sprintList !== null && (
          <label>
            Sprint{' '}
            <select value={sprint} onChange={(e) => setParam('sprint', e.target.value)}>
              <option value="">Product board (no sprint)</option>
              {sprintList.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                  {s.status === 'active' ? ' (active)' : s.status === 'completed' ? ' (completed)' : ''}
                </option>
              ))}
              {sprint && !sprintList.some((s) => s.id === sprint) && <option value={sprint}>{sprint}</option>}
            </select>
          </label>
        )}
        <label>
          Swimlanes{' '}
          <select value={swimlane} onChange={(e) => setParam('swimlane', e.target.value === 'none' ? null : e.target.value)}>
            {SWIMLANES.map((s) => (
              <option key={s} value={s}>
                {SWIMLANE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="quick-filters">
          <legend>Quick filters</legend>
          <button type="button" aria-pressed={filters.mine} onClick={() => setParam('mine', filters.mine ? null : '1')}>
            Only my items
          </button>
          <button type="button" aria-pressed={filters.recent} onClick={() => setParam('recent', filters.recent ? null : '1')}>
            Recently updated
          </button>
          <label>
            Label{' '}
            <select value={filters.label} onChange={(e) => setParam('label', e.target.value)}>
              <option value="">(any)</option>
              {labels.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
              {filters.label && !labels.includes(filters.label) && <option value={filters.label}>{filters.label}</option>}
            </select>
          </label>
        </fieldset>
      </div>
      <QueryBar
        value={draft}
        onChange={setDraft}
        onApply={applyQuery}
        source={source}
        problem={problem}
        problemQuery={query}
      />

      <div className="visually-hidden" aria-live="polite" data-testid="board-announcer">
        {announcement}
      </div>
      {board.status === 'loading' && !b && <Loading />}
      {board.status === 'error' && !problem && (
        <ErrorState error={board.error} title="Could not load the board" onRetry={board.reload} />
      )}
      {problem && <p className="muted">Fix the query to see the board.</p>}
      {b && !problem && (
        <>
          {b.truncated && (
            <p className="alert alert-warn" role="status">
              The board shows the first {b.card_limit} cards; narrow it with a query{sprintList ? ' or a sprint' : ''}.
            </p>
          )}
          <DndContext
            sensors={sensors}
            collisionDetection={collision}
            onDragEnd={onDragEnd}
            accessibility={{
              announcements,
              screenReaderInstructions: {
                draggable:
                  'To move a card, press Space, use the arrow keys, and press Space again to drop; or use its Move to… button.',
              },
            }}
          >
            <div
              className="board-grid"
              role="region"
              aria-label="Board"
              aria-busy={busy > 0}
              style={{ '--board-columns': b.columns.length } as CSSProperties}
            >
              <div className="board-row board-head">
                {b.columns.map((c) => (
                  <ColumnHeader key={c.status} column={c} />
                ))}
              </div>
              {b.lanes.map((lane) => {
                const total = Object.values(lane.cards).reduce((n, cards) => n + cards.length, 0);
                return (
                  <div key={lane.key} className="board-lane" data-lane={lane.key}>
                    {b.swimlane !== 'none' && (
                      <h2 className="board-lane-head">
                        {laneLabel(lane)} <span className="muted">({total})</span>
                      </h2>
                    )}
                    <div className="board-row">
                      {b.columns.map((column) => {
                        const cards = lane.cards[column.status] ?? [];
                        return (
                          <BoardCell key={column.status} lane={lane} column={column} count={cards.length}>
                              {cards.map((card) => (
                                <BoardCard
                                  key={card.id}
                                  card={card}
                                  productId={productId}
                                  movable={canMove(card)}
                                  error={cardErrors[card.id]}
                                  board={b}
                                  onMove={(c, to) => void move(c, to)}
                                  onDismiss={(id) => setCardErrors(({ [id]: _, ...rest }) => rest)}
                                />
                              ))}
                          </BoardCell>
                        );
                      })}
                    </div>
                  </div>
                );
              })}
            </div>
          </DndContext>
        </>
      )}
    </section>
  );
}
