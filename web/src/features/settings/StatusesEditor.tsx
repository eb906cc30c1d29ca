import { useId } from 'react';

import type { StatusCategory } from '../../api/backlogTypes';
import { IssueText, invalid, MoveButtons, moveRow, SectionIssue, useFocusAfterRender, type EditorProps } from './parts';
import {
  CATEGORIES,
  deriveKey,
  moveId,
  newUid,
  statusLabel,
  statusUid,
  type StatusDraft,
} from './settingsDraft';

/**
 * The workflow's statuses in order: name, key (typed or made from the name until saved, fixed
 * afterwards), category and WIP limit; add, remove, reorder, and put back a removed one.
 */
export function StatusesEditor({ draft, base, update, issues, readOnly }: EditorProps) {
  const id = useId();
  const focusLater = useFocusAfterRender();
  const rows = draft.statuses;

  const setRow = (uid: string, change: Partial<StatusDraft>) =>
    update((d) => ({ ...d, statuses: d.statuses.map((s) => (s.uid === uid ? { ...s, ...change } : s)) }));

  function rename(s: StatusDraft, name: string) {
    setRow(s.uid, s.saved || s.keyEdited ? { name } : { name, key: deriveKey(name) });
  }

  function add() {
    const uid = newUid();
    update((d) => ({
      ...d,
      statuses: [
        ...d.statuses,
        { uid, key: '', name: '', category: 'to_do', wipLimit: '0', saved: false, keyEdited: false },
      ],
    }));
    focusLater(`${id}-${uid}-name`);
  }

  function remove(uid: string) {
    update((d) => ({
      ...d,
      statuses: d.statuses.filter((s) => s.uid !== uid),
      moves: d.moves.filter((m) => !m.startsWith(`${uid}>`) && !m.endsWith(`>${uid}`)),
    }));
  }

  const removed = base.statuses
    .map((s, index) => ({ s, index }))
    .filter(({ s }) => !rows.some((r) => r.uid === statusUid(s.key)));

  function restore(key: string, index: number) {
    const saved = base.statuses.find((s) => s.key === key);
    if (!saved) return;
    update((d) => {
      const uid = statusUid(key);
      const statuses = [...d.statuses];
      statuses.splice(Math.min(index, statuses.length), 0, {
        uid,
        key,
        name: saved.name,
        category: saved.category,
        wipLimit: String(saved.wip_limit),
        saved: true,
        keyEdited: false,
      });
      // Its saved moves come back too, where the status at the other end is still there.
      const present = new Set(statuses.map((s) => s.uid));
      const moves = d.anyMove
        ? d.moves
        : [
            ...d.moves,
            ...base.transitions
              .filter((t) => (t.from === key || t.to === key) && t.from !== t.to)
              .map((t) => moveId(statusUid(t.from), statusUid(t.to)))
              .filter((m) => m.split('>').every((u) => present.has(u)) && !d.moves.includes(m)),
          ].sort();
      return { ...d, statuses, moves };
    });
  }

  const first = rows[0];
  const firstDone = rows.find((s) => s.category === 'done');

  return (
    <section className="card settings-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Workflow statuses</h2>
      <p className="muted">
        In workflow order. New items start in the first status
        {first ? ` (${statusLabel(first, 0)})` : ''}; accepting a story moves it to the first Done status
        {firstDone ? ` (${statusLabel(firstDone, rows.indexOf(firstDone))})` : ''}. A WIP limit of 0 means no limit.
      </p>
      <SectionIssue text={issues.statuses} />
      <table className="table settings-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Category</th>
            <th scope="col">WIP limit</th>
            {!readOnly && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((s, i) => {
            const label = statusLabel(s, i);
            const at = (prop: string) => `status:${s.uid}:${prop}`;
            const err = (prop: string) => `${id}-${s.uid}-${prop}-error`;
            return (
              <tr key={s.uid}>
                <td>{i + 1}</td>
                <td>
                  <input
                    id={`${id}-${s.uid}-name`}
                    aria-label={`Name of status ${i + 1}`}
                    value={s.name}
                    maxLength={60}
                    onChange={(e) => rename(s, e.target.value)}
                    {...invalid(issues[at('name')], err('name'))}
                  />
                  <IssueText id={err('name')} text={issues[at('name')]} />
                </td>
                <td>
                  {s.saved ? (
                    <code>{s.key}</code>
                  ) : (
                    <>
                      <input
                        className="mono"
                        aria-label={`Key of status ${label}`}
                        value={s.key}
                        maxLength={40}
                        placeholder="made from the name"
                        onChange={(e) => setRow(s.uid, { key: e.target.value, keyEdited: e.target.value !== '' })}
                        {...invalid(issues[at('key')], err('key'))}
                      />
                      <IssueText id={err('key')} text={issues[at('key')]} />
                    </>
                  )}
                </td>
                <td>
                  <select
                    aria-label={`Category of status ${label}`}
                    value={s.category}
                    onChange={(e) => setRow(s.uid, { category: e.target.value as StatusCategory })}
                    {...invalid(issues[at('category')], err('category'))}
                  >
                    {CATEGORIES.map((c) => (
                      <option key={c.value} value={c.value}>
                        {c.label}
                      </option>
                    ))}
                  </select>
                  <IssueText id={err('category')} text={issues[at('category')]} />
                </td>
                <td>
                  <input
                    className="narrow"
                    type="number"
                    min={0}
                    max={10000}
                    step={1}
                    aria-label={`WIP limit of status ${label}`}
                    value={s.wipLimit}
                    onChange={(e) => setRow(s.uid, { wipLimit: e.target.value })}
                    {...invalid(issues[at('wip_limit')], err('wip_limit'))}
                  />
                  <IssueText id={err('wip_limit')} text={issues[at('wip_limit')]} />
                </td>
                {!readOnly && (
                  <td>
                    <span className="row-actions">
                      <MoveButtons
                        index={i}
                        count={rows.length}
                        what={`status ${label}`}
                        onMove={(from, to) => update((d) => ({ ...d, statuses: moveRow(d.statuses, from, to) }))}
                      />
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Remove status ${label}`}
                        onClick={() => remove(s.uid)}
                      >
                        Remove
                      </button>
                    </span>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {!readOnly && removed.length > 0 && (
        <div className="alert alert-warn">
          <p>
            Removed when you save. A status that items still use cannot be removed: move those items
            first.
          </p>
          <ul className="plain-list">
            {removed.map(({ s, index }) => (
              <li key={s.key}>
                {s.name} (<code>{s.key}</code>){' '}
                <button type="button" onClick={() => restore(s.key, index)}>
                  Restore status {s.name}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {!readOnly && (
        <button type="button" onClick={add}>
          Add status
        </button>
      )}
    </section>
  );
}
