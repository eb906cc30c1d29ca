import type { DecisionLink } from '../../api/voiceTypes';
import { LINK_TYPE_LABELS } from '../voice/voiceModel';

/** "Item X2-14 Efficient propulsion", "Release 2.0 Series launch", "Goal 45-minute flight time". */
export function linkLabel(l: DecisionLink): string {
  if (l.name === null && l.key === null) return `${LINK_TYPE_LABELS[l.type]} (deleted)`;
  return [LINK_TYPE_LABELS[l.type], l.key, l.name].filter(Boolean).join(' ');
}

/** Where a link points in the app, when it has a page. */
export function linkPath(base: string, l: DecisionLink): string | null {
  if (l.name === null && l.key === null) return null;
  switch (l.type) {
    case 'item':
      return `${base}/items/${encodeURIComponent(l.key ?? l.id)}`;
    case 'release':
      return `${base}/releases/${encodeURIComponent(l.id)}`;
    case 'idea':
      return `${base}/ideas/${encodeURIComponent(l.id)}`;
    default:
      return null;
  }
}
