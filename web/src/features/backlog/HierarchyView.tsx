import { Link } from 'react-router-dom';

import type { Item, Rollup } from '../../api/backlogTypes';
import { formatPoints, typeLabel } from './itemLabels';

interface Node {
  item: Item;
  children: Node[];
}

/** The items as a tree: children under their parent when the parent is in the list, in rank order. */
export function buildTree(items: Item[]): Node[] {
  const byId = new Map<string, Node>(items.map((item) => [item.id, { item, children: [] }]));
  const roots: Node[] = [];
  for (const item of items) {
    const node = byId.get(item.id)!;
    const parent = item.parent ? byId.get(item.parent.id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The server's roll-up, or one computed from the loaded descendants. */
export function rollupOf(node: Node): Rollup {
  if (node.item.rollup) return node.item.rollup;
  const r: Rollup = { total_points: 0, done_points: 0, items: 0, done_items: 0 };
  const walk = (n: Node) => {
    for (const c of n.children) {
      const done = c.item.category === 'done';
      r.items += 1;
      r.total_points += c.item.points ?? 0;
      if (done) {
        r.done_items += 1;
        r.done_points += c.item.points ?? 0;
      }
      walk(c);
    }
  };
  walk(node);
  return r;
}

function TreeNode({ node, productId }: { node: Node; productId: string }) {
  const { item } = node;
  const showRollup = item.type === 'epic' || item.type === 'feature';
  const r = showRollup ? rollupOf(node) : null;
  return (
    <li>
      <div className="tree-row">
        <span className="mono">{item.key}</span>
        <span className={`type type-${item.type}`}>{typeLabel(item.type)}</span>
        <Link to={`/products/${encodeURIComponent(productId)}/items/${encodeURIComponent(item.key)}`}>{item.title}</Link>
        <span className="muted">{item.status}</span>
        {r ? (
          <span className="rollup">
            <progress
              max={r.total_points || 1}
              value={r.done_points}
              aria-label={`Progress of ${item.key}`}
            />
            <span>
              {r.done_points} / {r.total_points} points done ({r.done_items} of {r.items} items)
            </span>
          </span>
        ) : (
          <span className="muted">{formatPoints(item.points)} pts</span>
        )}
      </div>
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c) => (
            <TreeNode key={c.item.id} node={c} productId={productId} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** Epic → feature → story → task, with done / total points and a progress bar per epic and feature. */
export function HierarchyView({ items, productId }: { items: Item[]; productId: string }) {
  const roots = buildTree(items);
  return (
    <ul className="tree" aria-label="Backlog hierarchy">
      {roots.map((n) => (
        <TreeNode key={n.item.id} node={n} productId={productId} />
      ))}
    </ul>
  );
}
