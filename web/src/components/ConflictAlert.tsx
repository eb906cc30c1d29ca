import type { ReactNode } from 'react';

/**
 * Shown while a form has unsaved input and someone else saved the same object: says so (the
 * message) and offers to reload (dropping the input) or to keep the input and save over theirs.
 */
export function ConflictAlert({
  children,
  onReload,
  onKeep,
}: {
  children: ReactNode;
  onReload: () => void;
  onKeep: () => void;
}) {
  return (
    <div className="alert alert-warn" role="alert">
      <p>{children}</p>
      <div className="inline-form">
        <button type="button" onClick={onReload}>
          Reload (discard my changes)
        </button>
        <button type="button" onClick={onKeep}>
          Keep my changes
        </button>
      </div>
    </div>
  );
}
