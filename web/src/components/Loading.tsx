export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" aria-busy="true" aria-live="polite">
      {label}
    </div>
  );
}
