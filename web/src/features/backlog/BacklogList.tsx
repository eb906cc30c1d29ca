import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router-dom';

import { PRIORITIES, type BacklogSettings, type Item, type ItemChanges, type Priority } from '../../api/backlogTypes';
import { flagLabel, formatPoints, priorityLabel, PRIORITY_LABELS, typeLabel } from './itemLabels';

export interface RowPermissions {
  /** Select rows for bulk edit (the Product Owner). */
  select: boolean;
  /** Rank, rename (the Product Owner). */
  rank: boolean;
  rename: boolean;
  /** Status and points of this item. */
  editItem: (item: Item) => boolean;
}

interface Props {
  productId: string;
  items: Item[];
  settings: BacklogSettings | undefined;
  perms: RowPermissions;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (on: boolean) => void;
  /** Move the item at `from` to `to` (indexes into `items`). */
  onMove: (from: number, to: number) => void;
  onEdit: (item: Item, changes: ItemChanges) => Promise<boolean>;
  /** The item whose row should have focus (after a keyboard move). */
  focusId: string | null;
}

function keyOf(items: Item[], id: unknown): string {
  return items.find((i) => i.id === id)?.key ?? String(id);
}

function TitleCell({ item, productId, canRename, onEdit }: {
  item: Item;
  productId: string;
  canRename: boolean;
  onEdit: Props['onEdit'];
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(item.title);
  if (editing) {
    return (
      <form
        className="inline-edit"
        onSubmit={async (e) => {
          e.preventDefault();
          if (text.trim() === '' || text === item.title) return setEditing(false);
          if (await onEdit(item, { title: text.trim() })) setEditing(false);
        }}
      >
        <label className="visually-hidden" htmlFor={`title-${item.id}`}>
          Title of {item.key}
        </label>
        <input
          id={`title-${item.id}`}
          value={text}
          autoFocus
          maxLength={300}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setText(item.title);
              setEditing(false);
            }
          }}
        />
        <button type="submit">Save</button>
      </form>
    );
  }
  return (
    <>
      <Link to={`/products/${encodeURIComponent(productId)}/items/${encodeURIComponent(item.key)}`}>{item.title}</Link>
      {canRename && (
        <button
          type="button"
          className="icon-button"
          aria-label={`Rename ${item.key}`}
          title="Rename"
          onClick={() => {
            setText(item.title);
            setEditing(true);
          }}
        >
          ✎
        </button>
      )}
    </>
  );
}

function Row({
  item,
  index,
  count,
  props,
}: {
  item: Item;
  index: number;
  count: number;
  props: Props;
}) {
  const { perms, settings, selected, onToggle, onMove, onEdit, productId } = props;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: item.id,
    disabled: !perms.rank,
  });
  const style = { transform: CSS.Transform.toString(transform), transition };
  const editable = perms.editItem(item);

  function onKeyDown(e: KeyboardEvent<HTMLTableRowElement>) {
    if (!perms.rank || !e.altKey) return;
    if (e.key === 'ArrowUp' && index > 0) {
      e.preventDefault();
      onMove(index, index - 1);
    } else if (e.key === 'ArrowDown' && index < count - 1) {
      e.preventDefault();
      onMove(index, index + 1);
    }
  }

  const statusName = settings?.statuses.find((s) => s.key === item.status)?.name ?? item.status;
  return (
    <tr
      ref={setNodeRef}
      style={style}
      className={isDragging ? 'dragging' : undefined}
      data-item-id={item.id}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      {perms.select && (
        <td>
          <input
            type="checkbox"
            aria-label={`Select ${item.key}`}
            checked={selected.has(item.id)}
            onChange={() => onToggle(item.id)}
          />
        </td>
      )}
      {perms.rank && (
        <td>
          <button
            type="button"
            className="drag-handle"
            ref={setActivatorNodeRef}
            {...attributes}
            {...listeners}
            aria-label={`Move ${item.key}, position ${index + 1} of ${count}`}
            data-move-handle={item.id}
          >
            ⠿
          </button>
        </td>
      )}
      <td className="mono">{item.key}</td>
      <td>
        <span className={`type type-${item.type}`}>{typeLabel(item.type)}</span>
      </td>
      <td className="title-cell">
        <TitleCell item={item} productId={productId} canRename={perms.rename} onEdit={onEdit} />
      </td>
      <td>
        {editable && settings ? (
          <select
            aria-label={`Status of ${item.key}`}
            value={item.status}
            onChange={(e) => void onEdit(item, { status: e.target.value })}
          >
            {settings.statuses.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name}
              </option>
            ))}
          </select>
        ) : (
          <span className={`status status-${item.category}`}>{statusName}</span>
        )}
      </td>
      <td>
        {editable && settings ? (
          <select
            aria-label={`Points of ${item.key}`}
            value={item.points === null ? '' : String(item.points)}
            onChange={(e) => void onEdit(item, { points: e.target.value === '' ? null : Number(e.target.value) })}
          >
            <option value="">—</option>
            {settings.point_scale.map((p) => (
              <option key={p} value={String(p)}>
                {p}
              </option>
            ))}
          </select>
        ) : (
          formatPoints(item.points)
        )}
      </td>
      <td>
        {editable ? (
          <select
            aria-label={`Priority of ${item.key}`}
            value={item.priority ?? 'medium'}
            onChange={(e) => void onEdit(item, { priority: e.target.value as Priority })}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
        ) : (
          <span className={`priority priority-${item.priority ?? 'medium'}`}>{priorityLabel(item.priority)}</span>
        )}
      </td>
      <td>{item.assignee?.name ?? <span className="muted">—</span>}</td>
      <td>
        {item.labels.map((l) => (
          <span key={l} className="label-chip">
            {l}
          </span>
        ))}
      </td>
      <td>
        {item.flags.map((f) => (
          <span key={f} className={`flag flag-${f}`} title={flagLabel(f)}>
            {flagLabel(f)}
          </span>
        ))}
      </td>
    </tr>
  );
}

/** The ranked list: drag a row's handle, or focus a row and press Alt+↑ / Alt+↓. */
export function BacklogList(props: Props) {
  const { items, perms, selected, onToggleAll, onMove, focusId } = props;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  useEffect(() => {
    if (!focusId) return;
    const handle = document.querySelector<HTMLElement>(`[data-move-handle="${focusId.replace(/["\\]/g, "\\$&")}"]`);
    handle?.focus();
  }, [focusId, items]);

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${keyOf(items, active.id)}.`,
    onDragOver: ({ active, over }) =>
      over ? `${keyOf(items, active.id)} is over position ${items.findIndex((i) => i.id === over.id) + 1}.` : undefined,
    onDragEnd: ({ active, over }) =>
      over
        ? `${keyOf(items, active.id)} dropped at position ${items.findIndex((i) => i.id === over.id) + 1}.`
        : `${keyOf(items, active.id)} dropped.`,
    onDragCancel: ({ active }) => `Moving ${keyOf(items, active.id)} was cancelled.`,
  };

  function onDragEnd(e: DragEndEvent) {
    if (!e.over || e.active.id === e.over.id) return;
    const from = items.findIndex((i) => i.id === e.active.id);
    const to = items.findIndex((i) => i.id === e.over!.id);
    if (from >= 0 && to >= 0) onMove(from, to);
  }

  const allSelected = items.length > 0 && items.every((i) => selected.has(i.id));
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            'To move an item, press Space, use the arrow keys, and press Space again to drop; or press Alt with the up or down arrow.',
        },
      }}
    >
      <table className="table backlog-table">
        <caption className="visually-hidden">Ranked backlog items</caption>
        <thead>
          <tr>
            {perms.select && (
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Select all"
                  checked={allSelected}
                  onChange={(e) => onToggleAll(e.target.checked)}
                />
              </th>
            )}
            {perms.rank && (
              <th scope="col">
                <span className="visually-hidden">Move</span>
              </th>
            )}
            <th scope="col">Key</th>
            <th scope="col">Type</th>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Points</th>
            <th scope="col">Priority</th>
            <th scope="col">Assignee</th>
            <th scope="col">Labels</th>
            <th scope="col">Flags</th>
          </tr>
        </thead>
        <SortableContext items={items.map((i) => i.id)} strategy={verticalListSortingStrategy}>
          <tbody>
            {items.map((item, index) => (
              <Row key={item.id} item={item} index={index} count={items.length} props={props} />
            ))}
          </tbody>
        </SortableContext>
      </table>
    </DndContext>
  );
}
