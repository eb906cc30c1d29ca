// Human-readable labels for API enums.
import type { Role, Stage } from './types';

export const ROLE_LABELS: Record<Role, string> = {
  product_manager: 'Product Manager',
  product_owner: 'Product Owner',
  scrum_master: 'Scrum Master',
  team_member: 'Team member',
  stakeholder: 'Stakeholder',
  executive: 'Executive',
};

export function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? role;
}

export function stageLabel(stage: Stage | string): string {
  return stage ? stage.charAt(0).toUpperCase() + stage.slice(1) : '';
}

export function productLabel(p: { key: string; name: string }): string {
  return `${p.key} — ${p.name}`;
}
