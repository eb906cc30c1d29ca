import { useState } from 'react';
import { Link } from 'react-router-dom';

import { backlogApi } from '../../api/backlog';
import type { PokerRound, PokerVote } from '../../api/backlogTypes';
import { toApiError } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { isPokerEvent } from '../backlog/itemLabels';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';

export interface VoteSummary {
  min: number;
  max: number;
  average: number;
  /** The scale value nearest the average (ties go up). */
  suggestion: number | null;
}

/** Min, max and average of the revealed votes; null when nobody voted. */
export function summarize(votes: PokerVote[], scale: number[]): VoteSummary | null {
  const values = votes.map((v) => v.points).filter((p): p is number => typeof p === 'number');
  if (values.length === 0) return null;
  const average = values.reduce((a, b) => a + b, 0) / values.length;
  let suggestion: number | null = null;
  for (const p of scale) {
    const d = Math.abs(p - average);
    const best = suggestion === null ? Infinity : Math.abs(suggestion - average);
    if (d < best || (d === best && suggestion !== null && p > suggestion)) suggestion = p;
  }
  return { min: Math.min(...values), max: Math.max(...values), average, suggestion };
}

function formatAverage(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** A planning poker round: vote with a card, see who voted, reveal, finish with an estimate. */
export function PokerRoom({ productId, roundId }: { productId: string; roundId: string }) {
  const me = useMe();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const leads = roles.includes('product_owner') || roles.includes('scrum_master');
  const votes = leads || roles.includes('team_member');

  const round = useAsync((signal) => backlogApi.poker(roundId, signal), [roundId]);
  const settings = useAsync((signal) => backlogApi.settings(productId, signal), [productId]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState<string>('');

  useLiveEvents(
    (e) =>
      e.entity_type === 'item' &&
      isPokerEvent(e) &&
      (round.data ? e.entity_id === round.data.item.id : e.product_id === productId),
    () => round.refresh(),
    { delayMs: 50, maxDelayMs: 300 },
  );

  async function act(action: () => Promise<PokerRound>) {
    setBusy(true);
    setError(null);
    try {
      const r = await action();
      if (r && typeof r === 'object' && 'state' in r) round.setData(() => r);
      round.refresh();
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  }

  if (round.status === 'error' && !round.data) {
    return <ErrorState error={round.error} title="Could not load the poker round" onRetry={round.reload} />;
  }
  if (!round.data) return <Loading />;
  const r = round.data;
  const scale = settings.data?.point_scale ?? [];
  const summary = r.state !== 'voting' ? summarize(r.votes, scale) : null;
  const itemKey = r.item?.key;
  const finishWith = chosen !== '' ? chosen : summary?.suggestion !== null && summary ? String(summary.suggestion) : '';

  return (
    <section className="poker-room">
      <p className="breadcrumbs">
        <Link to={`/products/${encodeURIComponent(productId)}/backlog`}>Backlog</Link>
        {itemKey && (
          <>
            {' / '}
            <Link to={`/products/${encodeURIComponent(productId)}/items/${encodeURIComponent(itemKey)}`}>{itemKey}</Link>
          </>
        )}
      </p>
      <PageHeading title={`Planning poker${itemKey ? ` · ${itemKey}` : ''}`}>
        Planning poker{r.item ? `: ${r.item.key} ${r.item.title}` : ''}
      </PageHeading>
      <p aria-live="polite" className="poker-state">
        {r.state === 'voting' && 'Voting: values stay hidden until the reveal.'}
        {r.state === 'revealed' && 'Votes revealed.'}
        {r.state === 'closed' && `Finished: the estimate is ${r.final_points ?? '—'} points.`}
      </p>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}

      {r.state === 'voting' && votes && (
        <div className="poker-cards" role="group" aria-label="Your vote">
          {scale.map((p) => (
            <button
              key={p}
              type="button"
              className="poker-card"
              aria-pressed={r.my_vote === p}
              disabled={busy}
              onClick={() => void act(() => backlogApi.vote(r.id, p))}
            >
              {p}
            </button>
          ))}
        </div>
      )}
      {r.state === 'voting' && r.my_vote !== null && <p>Your vote: {r.my_vote}</p>}

      <h2>Votes</h2>
      {r.votes.length === 0 ? (
        <p className="muted">No one has voted yet.</p>
      ) : (
        <ul className="poker-votes" aria-label="Votes">
          {r.votes.map((v) => (
            <li key={v.user.id}>
              <span>{v.user.name}</span>{' '}
              {r.state === 'voting' ? (
                <span className="muted">voted</span>
              ) : (
                <strong className="poker-value">{v.points ?? '—'}</strong>
              )}
            </li>
          ))}
        </ul>
      )}

      {summary && (
        <dl className="facts poker-summary" aria-label="Summary">
          <dt>Lowest</dt>
          <dd>{summary.min}</dd>
          <dt>Highest</dt>
          <dd>{summary.max}</dd>
          <dt>Average</dt>
          <dd>{formatAverage(summary.average)}</dd>
        </dl>
      )}

      {leads && r.state === 'voting' && (
        <button type="button" className="primary" disabled={busy} onClick={() => void act(() => backlogApi.reveal(r.id))}>
          Reveal
        </button>
      )}
      {leads && r.state === 'revealed' && (
        <form
          className="inline-form"
          aria-label="Finish the round"
          onSubmit={(e) => {
            e.preventDefault();
            if (finishWith !== '') void act(() => backlogApi.finish(r.id, Number(finishWith)));
          }}
        >
          <label>
            Estimate{' '}
            <select value={finishWith} onChange={(e) => setChosen(e.target.value)}>
              <option value="">—</option>
              {scale.map((p) => (
                <option key={p} value={String(p)}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={busy || finishWith === ''}>
            Finish
          </button>
        </form>
      )}
    </section>
  );
}
