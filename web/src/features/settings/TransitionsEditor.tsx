import { useId } from 'react';

import { SectionIssue, type EditorProps } from './parts';
import { moveId, statusLabel } from './settingsDraft';

/**
 * Which status may follow which: every move (the empty list), or only the moves ticked in a
 * from × to grid. Staying in a status is always allowed.
 */
export function TransitionsEditor({ draft, update, issues, readOnly }: EditorProps) {
  const id = useId();
  const rows = draft.statuses;
  const allMoves = () =>
    rows.flatMap((from) => rows.filter((to) => to.uid !== from.uid).map((to) => moveId(from.uid, to.uid))).sort();

  function setAnyMove(any: boolean) {
    // Restricting starts from every move ticked, which allows what was allowed before.
    update((d) => ({ ...d, anyMove: any, moves: any ? [] : allMoves() }));
  }

  function toggle(move: string, on: boolean) {
    update((d) => ({
      ...d,
      moves: on ? [...d.moves.filter((m) => m !== move), move].sort() : d.moves.filter((m) => m !== move),
    }));
  }

  const allowed = new Set(draft.moves);
  const unreachable = draft.anyMove
    ? []
    : rows.slice(1).filter((to) => !rows.some((from) => allowed.has(moveId(from.uid, to.uid))));

  return (
    <section className="card settings-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Transitions</h2>
      <fieldset className="plain">
        <legend className="visually-hidden">Allowed moves</legend>
        <label className="checkbox">
          <input type="radio" name={`${id}-mode`} checked={draft.anyMove} onChange={() => setAnyMove(true)} /> Allow
          every move (any status to any status)
        </label>
        <label className="checkbox">
          <input type="radio" name={`${id}-mode`} checked={!draft.anyMove} onChange={() => setAnyMove(false)} /> Allow
          only the moves ticked below
        </label>
      </fieldset>
      <SectionIssue text={issues.transitions} />
      {!draft.anyMove && (
        <>
          {!readOnly && (
            <div className="inline-form">
              <button type="button" onClick={() => update((d) => ({ ...d, moves: allMoves() }))}>
                Tick every move
              </button>
              <button type="button" onClick={() => update((d) => ({ ...d, moves: [] }))}>
                Untick every move
              </button>
            </div>
          )}
          <div className="table-scroll">
            <table className="table transitions-grid">
              <caption className="muted">Rows: from. Columns: to.</caption>
              <thead>
                <tr>
                  <td />
                  {rows.map((to, j) => (
                    <th scope="col" key={to.uid}>
                      {statusLabel(to, j)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((from, i) => (
                  <tr key={from.uid}>
                    <th scope="row">{statusLabel(from, i)}</th>
                    {rows.map((to, j) => {
                      if (to.uid === from.uid) {
                        return (
                          <td key={to.uid} className="muted" title="Staying in a status is always allowed">
                            —
                          </td>
                        );
                      }
                      const move = moveId(from.uid, to.uid);
                      return (
                        <td key={to.uid}>
                          <input
                            type="checkbox"
                            aria-label={`Allow ${statusLabel(from, i)} to ${statusLabel(to, j)}`}
                            checked={allowed.has(move)}
                            onChange={(e) => toggle(move, e.target.checked)}
                          />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {unreachable.length > 0 && (
            <p className="badge-warning">
              No move leads into {unreachable.map((s) => statusLabel(s, rows.indexOf(s))).join(', ')}, so no item
              can get there.
            </p>
          )}
        </>
      )}
    </section>
  );
}
