import { useId } from 'react';

import { IssueText, invalid, MoveButtons, moveRow, SectionIssue, useFocusAfterRender, type EditorProps } from './parts';
import { LIMITS, newUid, type EntryDraft } from './settingsDraft';

interface Props extends EditorProps {
  which: 'definition_of_ready' | 'definition_of_done';
}

const TITLES = {
  definition_of_ready: {
    title: 'Definition of Ready',
    help: 'A story enters an in-progress status only when every entry is ticked on it.',
  },
  definition_of_done: {
    title: 'Definition of Done',
    help: 'An item enters a done status only when every entry is ticked on it.',
  },
};

/**
 * A Definition of Ready or Done: an ordered list of entries. Kept entries keep their ids, so
 * the ticks items carry stay valid; new ones get ids from the server when saved.
 */
export function ChecklistEditor({ which, draft, base, update, issues, readOnly }: Props) {
  const id = useId();
  const focusLater = useFocusAfterRender();
  const { title, help } = TITLES[which];
  const list = which === 'definition_of_ready' ? 'dor' : 'dod';
  const entries = draft[list];
  const set = (change: (entries: EntryDraft[]) => EntryDraft[]) => update((d) => ({ ...d, [list]: change(d[list]) }));
  const removedSaved = base[which].filter((e) => !entries.some((x) => x.id === e.id));

  function add() {
    const uid = newUid();
    set((es) => [...es, { uid, text: '' }]);
    focusLater(`${id}-${uid}`);
  }

  return (
    <section className="card settings-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <p className="muted">{help}</p>
      <SectionIssue text={issues[which]} />
      {entries.length === 0 && <p className="muted">No entries: nothing is checked.</p>}
      <ol className="settings-list">
        {entries.map((e, i) => {
          const name = `${title} entry ${i + 1}`;
          const text = issues[`entry:${e.uid}`];
          return (
            <li key={e.uid}>
              <input
                id={`${id}-${e.uid}`}
                className="grow"
                aria-label={name}
                value={e.text}
                maxLength={LIMITS.entryLength}
                onChange={(ev) => set((es) => es.map((x) => (x.uid === e.uid ? { ...x, text: ev.target.value } : x)))}
                {...invalid(text, `${id}-${e.uid}-error`)}
              />
              {!readOnly && (
                <span className="row-actions">
                  <MoveButtons
                    index={i}
                    count={entries.length}
                    what={name}
                    onMove={(from, to) => set((es) => moveRow(es, from, to))}
                  />
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Remove ${name}`}
                    onClick={() => set((es) => es.filter((x) => x.uid !== e.uid))}
                  >
                    Remove
                  </button>
                </span>
              )}
              <IssueText id={`${id}-${e.uid}-error`} text={text} />
            </li>
          );
        })}
      </ol>
      {!readOnly && removedSaved.length > 0 && (
        <p className="muted">
          Removed when you save: {removedSaved.map((e) => `“${e.text}”`).join(', ')}.
        </p>
      )}
      {!readOnly && (
        <button type="button" onClick={add} disabled={entries.length >= LIMITS.checklistEntries}>
          Add {title} entry
        </button>
      )}
    </section>
  );
}
