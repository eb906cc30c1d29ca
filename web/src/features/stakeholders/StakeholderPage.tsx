import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { voiceApi } from '../../api/voice';
import { CHANNELS, type Channel, type Stakeholder } from '../../api/voiceTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { canWriteStakeholders, CHANNEL_LABELS, QUADRANT_LABELS, todayUtc } from '../voice/voiceModel';
import { StakeholderForm, usersOf } from './StakeholderForm';

function CommunicationForm({ stakeholder, onLogged }: { stakeholder: Stakeholder; onLogged: () => void }) {
  const [date, setDate] = useState(todayUtc());
  const [channel, setChannel] = useState<Channel>(stakeholder.channel);
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    try {
      await voiceApi.logCommunication(stakeholder.id, { date, channel, summary: summary.trim() });
      setSummary('');
      onLogged();
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.issuesByField());
      setError(apiErr.message);
    }
  }

  return (
    <form className="card form-grid wide" aria-label="Log a communication" onSubmit={onSubmit}>
      <div className="field-grid">
        <label className="field">
          Date <input type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
          {errors.date && <span className="field-error">{errors.date}</span>}
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
      </div>
      <label className="field">
        Summary <textarea rows={2} required value={summary} onChange={(e) => setSummary(e.target.value)} />
        {errors.summary && <span className="field-error">{errors.summary}</span>}
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary">
          Log communication
        </button>
      </div>
    </form>
  );
}

/** One stakeholder: who, where on the grid, and the communication log (newest first). */
export function StakeholderPage({ productId, stakeholderId }: { productId: string; stakeholderId: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const canWrite = canWriteStakeholders(roles);
  const s = useAsync((signal) => voiceApi.stakeholder(stakeholderId, signal), [stakeholderId]);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const product = useAsync(
    (signal) => (editing ? api.getProduct(productId, signal) : Promise.resolve(null)),
    [productId, editing],
  );

  useLiveEvents(
    (e) => e.entity_type === 'stakeholder' && e.entity_id === stakeholderId,
    () => s.refresh(),
  );

  if (s.status === 'error' && !s.data) {
    return <ErrorState error={s.error} title="Could not load the stakeholder" onRetry={s.reload} />;
  }
  if (!s.data) return <Loading />;
  const st = s.data;
  const base = `/products/${encodeURIComponent(productId)}`;

  async function remove() {
    if (!window.confirm(`Delete ${st.name} and the communication log?`)) return;
    try {
      await voiceApi.deleteStakeholder(st.id);
      navigate(`${base}/stakeholders`);
    } catch (e) {
      setError(toApiError(e).message);
    }
  }

  async function removeCommunication(id: string) {
    setError(null);
    try {
      await voiceApi.deleteCommunication(id);
      s.refresh();
    } catch (e) {
      setError(toApiError(e).message);
    }
  }

  return (
    <article>
      <p>
        <Link to={`${base}/stakeholders`}>← Stakeholders</Link>
      </p>
      <div className="heading-row">
        <PageHeading title={st.name}>{st.name}</PageHeading>
        <span className="flag">{QUADRANT_LABELS[st.quadrant]}</span>
        {canWrite && !editing && (
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
        {canWrite && (
          <button type="button" className="link-button" onClick={() => void remove()}>
            Delete
          </button>
        )}
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {editing ? (
        <StakeholderForm
          initial={st}
          label="Edit stakeholder"
          users={usersOf(product.data?.roles)}
          onCancel={() => setEditing(false)}
          onSave={async (input) => {
            const next = await voiceApi.updateStakeholder(st.id, st.version, input);
            s.setData((prev) => ({ ...next, communications: next.communications ?? prev.communications }));
            setEditing(false);
          }}
        />
      ) : (
        <dl className="facts">
          <dt>Kind</dt>
          <dd>{st.kind === 'internal' ? 'Internal' : 'External'}</dd>
          <dt>Organisation</dt>
          <dd>{st.organisation || '—'}</dd>
          <dt>Job title</dt>
          <dd>{st.title || '—'}</dd>
          <dt>E-mail</dt>
          <dd>{st.email ? <a href={`mailto:${st.email}`}>{st.email}</a> : '—'}</dd>
          <dt>Influence / interest</dt>
          <dd>
            {st.influence} / {st.interest}
          </dd>
          <dt>Preferred channel</dt>
          <dd>{CHANNEL_LABELS[st.channel]}</dd>
          <dt>Throughline user</dt>
          <dd>{st.user?.name ?? '—'}</dd>
          <dt>Last contact</dt>
          <dd>{st.last_contact ?? 'Never'}</dd>
          {st.notes && (
            <>
              <dt>Notes</dt>
              <dd>{st.notes}</dd>
            </>
          )}
        </dl>
      )}
      <section aria-labelledby="log-heading">
        <h2 id="log-heading">Communication log</h2>
        {canWrite && <CommunicationForm stakeholder={st} onLogged={() => s.refresh()} />}
        {(st.communications ?? []).length === 0 && <p className="muted">Nothing logged yet.</p>}
        <ul className="voice-list" aria-label="Communications">
          {(st.communications ?? []).map((c) => (
            <li key={c.id} className="card">
              <p className="muted">
                {c.date} · {CHANNEL_LABELS[c.channel]}
                {c.by && ` · by ${c.by.name}`}
                {canWrite && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Delete the communication of ${c.date}`}
                      onClick={() => void removeCommunication(c.id)}
                    >
                      Delete
                    </button>
                  </>
                )}
              </p>
              <p className="feedback-text">{c.summary}</p>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
