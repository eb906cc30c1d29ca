import type { ApiError } from '../api/client';

interface Props {
  error: ApiError | Error | null;
  onRetry?: () => void;
  title?: string;
}

/** A failed load: the server's message and a Retry button. */
export function ErrorState({ error, onRetry, title = 'Something went wrong' }: Props) {
  return (
    <div className="error-state" role="alert">
      <p className="error-title">{title}</p>
      <p>{error?.message ?? 'Unknown error'}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
