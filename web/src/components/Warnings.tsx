import type { Warning } from '../api/types';

/** A product's warnings (e.g. one person is both PM and PO), shown prominently. */
export function Warnings({ warnings }: { warnings: Warning[] | undefined }) {
  if (!warnings || warnings.length === 0) return null;
  return (
    <div className="warning-box" role="status">
      <p className="warning-title">{warnings.length === 1 ? 'Warning' : 'Warnings'}</p>
      <ul>
        {warnings.map((w, i) => (
          <li key={`${w.code}-${i}`} data-code={w.code}>
            {w.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
