// Pieces shared by the settings editors: issue texts tied to their inputs, reorder buttons.
import { useEffect, useState } from 'react';

import type { BacklogSettings } from '../../api/backlogTypes';
import type { IssueMap, SettingsDraft } from './settingsDraft';

export interface EditorProps {
  draft: SettingsDraft;
  /** The saved settings the draft started from. */
  base: BacklogSettings;
  update: (change: (d: SettingsDraft) => SettingsDraft) => void;
  issues: IssueMap;
  readOnly: boolean;
}

/** aria attributes of an input with an issue shown in the element `errorId`. */
export function invalid(text: string | undefined, errorId: string) {
  return text ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {};
}

export function IssueText({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <span className="field-error" id={id}>
      {text}
    </span>
  );
}

/** An issue about a whole section (e.g. "needs a status in the category Done"). */
export function SectionIssue({ text }: { text: string | undefined }) {
  if (!text) return null;
  return <p className="field-error section-issue">{text}</p>;
}

export function MoveButtons({
  index,
  count,
  what,
  onMove,
}: {
  index: number;
  count: number;
  /** Names the row in the buttons' labels, e.g. "status In review". */
  what: string;
  onMove: (from: number, to: number) => void;
}) {
  return (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label={`Move ${what} up`}
        disabled={index === 0}
        onClick={() => onMove(index, index - 1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={`Move ${what} down`}
        disabled={index === count - 1}
        onClick={() => onMove(index, index + 1)}
      >
        ↓
      </button>
    </>
  );
}

export function moveRow<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [row] = next.splice(from, 1);
  next.splice(to, 0, row);
  return next;
}

/** Focuses the element with the id set, once it is rendered (after adding a row). */
export function useFocusAfterRender(): (elementId: string) => void {
  const [pending, setPending] = useState<string | null>(null);
  useEffect(() => {
    if (pending === null) return;
    document.getElementById(pending)?.focus();
    setPending(null);
  }, [pending]);
  return setPending;
}
