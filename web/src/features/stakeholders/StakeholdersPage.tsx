import { useState } from 'react';
import { Link } from 'react-router-dom';

import { api } from '../../api/endpoints';
import { voiceApi } from '../../api/voice';
import type { Quadrant, Stakeholder } from '../../api/voiceTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { canReadMarket, canWriteStakeholders, CHANNEL_LABELS, QUADRANT_LABELS } from '../voice/voiceModel';
import { StakeholderForm, usersOf } from './StakeholderForm';

// The grid as drawn: influence rises upwards, interest to the right.
const GRID: { quadrant: Quadrant; hint: string }[] = [
  { quadrant: 'keep_satisfied', hint: 'high influence, lower interest' },
  { quadrant: 'manage_closely', hint: 'high influence, high interest' },
  { quadrant: 'monitor', hint: 'lower influence, lower interest' },
  { quadrant: 'keep_informed', hint: 'lower influence, high interest' },
];

/** The stakeholder registry: the influence × interest grid and the list; the PM keeps it. */
export function StakeholdersPage({ productId }: { productId: string }) {
  const me = useMe();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const mayRead = canReadMarket(roles);
  const canWrite = canWriteStakeholders(roles);
  const [kind, setKind] = useState('');
  const [creating, setCreating] = useState(false);
  const list = useAsync(
    (signal) => (mayRead ? voiceApi.stakeholders(productId, { kind }, signal) : Promise.resolve([] as Stakeholder[])),
    [productId, kind, mayRead],
  );
  const product = useAsync(
    (signal) => (canWrite && creating ? api.getProduct(productId, signal) : Promise.resolve(null)),
    [productId, canWrite, creating],
  );

  useLiveEvents(
    (e) => e.product_id === productId && e.entity_type === 'stakeholder',
    () => list.refresh(),
  );

  const base = `/products/${encodeURIComponent(productId)}`;
  if (!mayRead) {
    return (
      <section>
        <PageHeading title="Stakeholders">Stakeholders</PageHeading>
        <p className="muted">The stakeholder registry is for the product's team, managers and executives.</p>
      </section>
    );
  }

  return (
    <section>
      <div className="heading-row">
        <PageHeading title="Stakeholders">Stakeholders</PageHeading>
        <Link to={`${base}/stakeholder-update`}>Stakeholder update</Link>
        {canWrite && !creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New stakeholder
          </button>
        )}
      </div>
      {creating && (
        <StakeholderForm
          label="New stakeholder"
          users={usersOf(product.data?.roles)}
          onCancel={() => setCreating(false)}
          onSave={async (input) => {
            await voiceApi.createStakeholder(productId, input);
            setCreating(false);
            list.refresh();
          }}
        />
      )}
      <div className="toolbar">
        <label>
          Kind{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">All</option>
            <option value="internal">Internal</option>
            <option value="external">External</option>
          </select>
        </label>
      </div>
      {list.status === 'error' && !list.data && (
        <ErrorState error={list.error} title="Could not load the stakeholders" onRetry={list.reload} />
      )}
      {!list.data && list.status === 'loading' && <Loading />}
      {list.data && (
        <>
          <p className="grid-axis">↑ influence · interest →</p>
          <div className="stakeholder-grid" role="group" aria-label="Influence and interest grid">
            {GRID.map(({ quadrant, hint }) => {
              const members = list.data!.filter((s) => s.quadrant === quadrant);
              return (
                <section key={quadrant} className="quadrant" aria-label={QUADRANT_LABELS[quadrant]}>
                  <h2>
                    {QUADRANT_LABELS[quadrant]} <span className="muted">({members.length})</span>
                  </h2>
                  <p className="grid-axis">{hint}</p>
                  <ul>
                    {members.map((s) => (
                      <li key={s.id}>
                        <Link to={`${base}/stakeholders/${encodeURIComponent(s.id)}`}>{s.name}</Link>{' '}
                        <span className="muted">
                          {s.influence}/{s.interest}
                        </span>
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
          {list.data.length === 0 && <p className="muted">No stakeholders yet.</p>}
          {list.data.length > 0 && (
            <table className="table">
              <caption className="visually-hidden">Stakeholders</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">Kind</th>
                  <th scope="col" className="num">
                    Influence
                  </th>
                  <th scope="col" className="num">
                    Interest
                  </th>
                  <th scope="col">Channel</th>
                  <th scope="col">Last contact</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`${base}/stakeholders/${encodeURIComponent(s.id)}`}>{s.name}</Link>
                      {s.title && <div className="muted">{s.title}</div>}
                    </td>
                    <td>{s.organisation}</td>
                    <td>{s.kind === 'internal' ? 'Internal' : 'External'}</td>
                    <td className="num">{s.influence}</td>
                    <td className="num">{s.interest}</td>
                    <td>{CHANNEL_LABELS[s.channel]}</td>
                    <td>{s.last_contact ?? <span className="muted">Never</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
