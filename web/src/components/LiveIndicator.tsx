import type { LiveStatus } from '../api/liveEvents';
import { useLiveStatus } from '../features/live/LiveEvents';

const TEXT: Partial<Record<LiveStatus, { short: string; long: string }>> = {
  connecting: { short: 'Connecting…', long: 'Live updates: connecting' },
  open: { short: 'Live', long: 'Live updates: on' },
  reconnecting: { short: 'Reconnecting…', long: 'Live updates: reconnecting' },
};

/** A small header badge: whether open pages update by themselves right now. */
export function LiveIndicator() {
  const status = useLiveStatus();
  const text = TEXT[status];
  // Nothing to show when signed out or where the browser has no EventSource.
  if (!text) return null;
  return (
    <span className={`live-indicator live-${status}`} title={text.long} aria-live="polite">
      <span className="live-dot" aria-hidden="true" />
      <span aria-hidden="true">{text.short}</span>
      <span className="visually-hidden">{text.long}</span>
    </span>
  );
}
