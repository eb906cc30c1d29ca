import { useState, type FormEvent } from 'react';

import { toApiError } from '../../api/client';
import type { UserRef } from '../../api/types';
import { CHANNELS, type Channel, type Stakeholder, type StakeholderInput } from '../../api/voiceTypes';
import { CHANNEL_LABELS } from '../voice/voiceModel';

const SCALE = [1, 2, 3, 4, 5];

/** Create or edit a stakeholder (the PM): who, influence and interest (1–5), channel, user. */
export function StakeholderForm({
  initial,
  label,
  users,
  onSave,
  onCancel,
}: {
  initial?: Stakeholder;
  label: string;
  users: UserRef[];
  onSave: (input: StakeholderInput) => Promise<void>;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? '');
  const [kind, setKind] = useState<'internal' | 'external'>(initial?.kind ?? 'external');
  const [organisation, setOrganisation] = useState(initial?.organisation ?? '');
  const [title, setTitle] = useState(initial?.title ?? '');
  const [email, setEmail] = useState(initial?.email ?? '');
  const [influence, setInfluence] = useState(initial?.influence ?? 3);
  const [interest, setInterest] = useState(initial?.interest ?? 3);
  const [channel, setChannel] = useState<Channel>(initial?.channel ?? 'email');
  const [notes, setNotes] = useState(initial?.notes ?? '');
  const [userId, setUserId] = useState(initial?.user?.id ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    try {
      await onSave({
        name: name.trim(),
        kind,
        organisation: organisation.trim(),
        title: title.trim(),
        email: email.trim(),
        influence,
        interest,
        channel,
        notes,
        user_id: userId || null,
      });
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.issuesByField());
      setError(apiErr.message);
    }
  }

  return (
    <form className="card form-grid wide" aria-label={label} onSubmit={onSubmit}>
      <label className="field">
        Name <input value={name} required onChange={(e) => setName(e.target.value)} />
        {errors.name && <span className="field-error">{errors.name}</span>}
      </label>
      <div className="field-grid">
        <label className="field">
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as 'internal' | 'external')}>
            <option value="internal">Internal</option>
            <option value="external">External</option>
          </select>
        </label>
        <label className="field">
          Organisation <input value={organisation} onChange={(e) => setOrganisation(e.target.value)} />
        </label>
        <label className="field">
          Job title <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field">
          E-mail <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          {errors.email && <span className="field-error">{errors.email}</span>}
        </label>
        <label className="field">
          Influence
          <select value={influence} onChange={(e) => setInfluence(Number(e.target.value))}>
            {SCALE.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Interest
          <select value={interest} onChange={(e) => setInterest(Number(e.target.value))}>
            {SCALE.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Channel
          <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Throughline user
          <select value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">None</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          {errors.user_id && <span className="field-error">{errors.user_id}</span>}
        </label>
      </div>
      <label className="field">
        Notes <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary">
          Save stakeholder
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The distinct users holding a role on the product (from GET /products/{id}). */
export function usersOf(roles: { user: UserRef }[] | undefined): UserRef[] {
  const seen = new Map<string, UserRef>();
  for (const r of roles ?? []) if (!seen.has(r.user.id)) seen.set(r.user.id, r.user);
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}
