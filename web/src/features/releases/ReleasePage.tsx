import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { releaseApi } from '../../api/releases';
import { RELEASE_STATUSES, type Release, type ReleaseStatus } from '../../api/releaseTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { typeLabel } from '../backlog/itemLabels';
import { Markdown } from '../items/Markdown';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { PLACE_LABELS, RELEASE_ENTITY_TYPES, RESULT_LABELS, STATUS_LABELS } from './releaseLabels';
import { CommitPlan, ScopeChanges } from './ScopeChanges';

function Figure({ label, value, total }: { label: string; value: number; total: number }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <progress max={total || 1} value={value} aria-label={label} /> {value} / {total}
      </dd>
    </>
  );
}

function ReadinessSection({ release, base }: { release: Release; base: string }) {
  const r = release.readiness;
  const itemPath = (key: string) => `${base}/items/${encodeURIComponent(key)}`;
  return (
    <section aria-labelledby="readiness-heading" className="card">
      <h2 id="readiness-heading">Readiness</h2>
      <p className={r.ready ? 'alert alert-ok' : 'alert alert-warn'} role="status">
        {r.ready ? 'Ready to release.' : 'Not ready yet.'}
      </p>
      <dl className="facts">
        <Figure label="Items done" value={r.items_done} total={r.items_total} />
        <Figure label="Criteria covered by tests" value={r.criteria_covered} total={r.criteria_total} />
        <Figure label="Criteria passing" value={r.criteria_passing} total={r.criteria_total} />
      </dl>
      {r.open_blockers.length > 0 && (
        <>
          <h3>Open blockers</h3>
          <ul>
            {r.open_blockers.map((b) => (
              <li key={b.id}>
                <Link to={itemPath(b.key)}>{b.key}</Link> {b.title} ({b.status}, {PLACE_LABELS[b.where]}
                {b.release ? ` ${b.release.version}` : ''}) blocks {b.blocks.join(', ')}
              </li>
            ))}
          </ul>
        </>
      )}
      {r.failing_cases.length > 0 && (
        <>
          <h3>Failing test cases</h3>
          <ul>
            {r.failing_cases.map((c) => (
              <li key={c.case_id}>
                <span className={`flag result-${c.result}`}>{RESULT_LABELS[c.result]}</span> {c.title} on{' '}
                <Link to={itemPath(c.item.key)}>{c.item.key}</Link>{' '}
                <Link to={`${base}/test-plans/${encodeURIComponent(c.run.plan_id)}`}>Open the plan</Link>
                {c.run.bug && (
                  <>
                    {' '}
                    · bug <Link to={itemPath(c.run.bug.key)}>{c.run.bug.key}</Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Dependencies({ release, base }: { release: Release; base: string }) {
  const deps = release.dependencies ?? [];
  const itemPath = (key: string) => `${base}/items/${encodeURIComponent(key)}`;
  return (
    <section aria-labelledby="dependencies-heading">
      <h2 id="dependencies-heading">Dependencies</h2>
      {deps.length === 0 ? (
        <p className="muted">No item of this release is blocked by another.</p>
      ) : (
        <ul className="dependencies">
          {deps.map((d) => (
            <li key={d.item.id}>
              <Link to={itemPath(d.item.key)}>{d.item.key}</Link> {d.item.title} is blocked by
              <ul>
                {d.blocked_by.map((b) => (
                  <li key={b.item.id} className={b.problem ? 'dependency-problem' : undefined}>
                    <Link to={itemPath(b.item.key)}>{b.item.key}</Link> {b.item.title} ({b.item.status},{' '}
                    {PLACE_LABELS[b.where]}
                    {b.release && b.where !== 'this_release' ? ` ${b.release.version}` : ''})
                    {b.problem && <strong className="problem-label"> Problem: not done and not planned before this release</strong>}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The notes as the server renders them; `changeKey` changes whenever they may have. */
function NotesPreview({ releaseId, changeKey }: { releaseId: string; changeKey: string }) {
  const notes = useAsync((signal) => releaseApi.notesMarkdown(releaseId, signal), [releaseId, changeKey]);
  const [copied, setCopied] = useState<string | null>(null);

  async function copy() {
    if (!notes.data) return;
    try {
      await navigator.clipboard.writeText(notes.data);
      setCopied('Copied the notes as Markdown.');
    } catch {
      setCopied('Could not copy: select the text below instead.');
    }
  }

  return (
    <section aria-labelledby="notes-heading" className="card">
      <div className="heading-row">
        <h2 id="notes-heading">Release notes</h2>
        <button type="button" onClick={() => void copy()} disabled={!notes.data}>
          Copy notes
        </button>
      </div>
      {copied && <p role="status">{copied}</p>}
      {notes.status === 'error' && !notes.data && <ErrorState error={notes.error} title="Could not load the notes" onRetry={notes.reload} />}
      {notes.data !== undefined && (
        <>
          <Markdown text={notes.data} className="release-notes" />
          <details>
            <summary>Markdown</summary>
            <pre className="notes-source" aria-label="Release notes as Markdown">
              {notes.data}
            </pre>
          </details>
        </>
      )}
    </section>
  );
}

function TestPlans({ release, base, canTest }: { release: Release; base: string; canTest: boolean }) {
  const navigate = useNavigate();
  const plans = useAsync(
    (signal) => releaseApi.testPlans(release.product_id, release.id, signal),
    [release.product_id, release.id, release.updated_at],
  );
  const [error, setError] = useState<string | null>(null);

  async function create() {
    setError(null);
    try {
      const plan = await releaseApi.createTestPlan(release.product_id, {
        name: `Release ${release.version} tests`,
        release_id: release.id,
      });
      navigate(`${base}/test-plans/${encodeURIComponent(plan.id)}`);
    } catch (e) {
      setError(toApiError(e).message);
    }
  }

  return (
    <section aria-labelledby="plans-heading">
      <div className="heading-row">
        <h2 id="plans-heading">Test plans</h2>
        {canTest && (
          <button type="button" onClick={() => void create()}>
            New test plan
          </button>
        )}
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {plans.data && plans.data.length === 0 && (
        <p className="muted">No plan yet: every run of the items' test cases counts.</p>
      )}
      {plans.data && plans.data.length > 0 && (
        <ul>
          {plans.data.map((p) => (
            <li key={p.id}>
              <Link to={`${base}/test-plans/${encodeURIComponent(p.id)}`}>{p.name}</Link> — {p.summary.pass} pass,{' '}
              {p.summary.fail} fail, {p.summary.blocked} blocked, {p.summary.not_run} not run
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One release: its items, dependencies, readiness, test plans and notes. */
export function ReleasePage({ productId, releaseId }: { productId: string; releaseId: string }) {
  const me = useMe();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const isPO = roles.includes('product_owner');
  const canTest = isPO || roles.includes('team_member');
  const release = useAsync((signal) => releaseApi.getRelease(releaseId, signal), [releaseId]);
  const [keys, setKeys] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);

  useLiveEvents(
    (e) => e.product_id === productId && RELEASE_ENTITY_TYPES.has(e.entity_type),
    () => release.refresh(),
  );

  const base = `/products/${encodeURIComponent(productId)}`;
  if (release.status === 'error' && !release.data) {
    return <ErrorState error={release.error} title="Could not load the release" onRetry={release.reload} />;
  }
  if (!release.data) return <Loading />;
  const r = release.data;
  const released = r.status === 'released';

  async function change(action: () => Promise<Release>, ok?: string): Promise<boolean> {
    setMessage(null);
    try {
      const saved = await action();
      release.setData(() => saved);
      if (ok) setMessage({ kind: 'ok', text: ok });
      return true;
    } catch (e) {
      const err = toApiError(e);
      const issues = err.details.map((d) => `${d.field}: ${d.issue}`).join('; ');
      setMessage({ kind: 'error', text: issues ? `${err.message} (${issues})` : err.message });
      if (err.status === 412) release.refresh();
      return false;
    }
  }

  /** The reason typed for a committed release's scope change (none before the commit). */
  function scopeReason(): string | undefined {
    return r.committed_at && reason.trim() ? reason.trim() : undefined;
  }

  async function addItems(e: FormEvent) {
    e.preventDefault();
    const list = keys
      .split(/[\s,]+/)
      .map((k) => k.trim().toUpperCase())
      .filter(Boolean);
    if (list.length === 0) return;
    if (await change(() => releaseApi.planItems(r.id, list, scopeReason()), `Planned ${list.join(', ')}.`)) {
      setKeys('');
      setReason('');
    }
  }

  return (
    <article className="release-page">
      <p className="breadcrumbs">
        <Link to={`${base}/releases`}>Releases</Link> / <span className="mono">{r.version}</span>
      </p>
      <div className="heading-row">
        <PageHeading title={`Release ${r.version}`}>
          Release {r.version}
          {r.name ? `: ${r.name}` : ''}
        </PageHeading>
        <Link to={`${base}/releases/${encodeURIComponent(r.id)}/alignment`}>Alignment</Link>
      </div>
      {message && (
        <p className={`alert ${message.kind === 'error' ? 'alert-error' : 'alert-ok'}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <dl className="facts">
        <dt>
          <label htmlFor="release-status">Status</label>
        </dt>
        <dd>
          {isPO ? (
            <select
              id="release-status"
              value={r.status}
              onChange={(e) =>
                void change(() => releaseApi.updateRelease(r.id, r.revision, { status: e.target.value as ReleaseStatus }))
              }
            >
              {RELEASE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          ) : (
            <span id="release-status">{STATUS_LABELS[r.status]}</span>
          )}
        </dd>
        <dt>Target date</dt>
        <dd>{r.target_date ?? <span className="muted">None</span>}</dd>
        <dt>Release plan</dt>
        <dd>
          {r.committed_at && r.baseline
            ? `Committed ${new Date(r.committed_at).toLocaleString()}${r.committed_by ? ` by ${r.committed_by.name}` : ''}: ${r.baseline.items} items, ${r.baseline.points} points; ${r.baseline.changes} scope ${r.baseline.changes === 1 ? 'change' : 'changes'} since`
            : 'Not committed'}
        </dd>
        {r.released_at && (
          <>
            <dt>Released</dt>
            <dd>{new Date(r.released_at).toLocaleString()}</dd>
          </>
        )}
      </dl>
      {r.description && <Markdown text={r.description} />}

      <ReadinessSection release={r} base={base} />

      <section aria-labelledby="items-heading">
        <div className="heading-row">
          <h2 id="items-heading">Items</h2>
          {isPO && !released && !r.committed_at && (
            <CommitPlan release={r} onCommit={() => change(() => releaseApi.commit(r.id), 'Committed the plan: scope changes are recorded from now on.')} />
          )}
        </div>
        {isPO && !released && (
          <form className="inline-form" aria-label="Plan items" onSubmit={(e) => void addItems(e)}>
            <label htmlFor="plan-keys">Add items (keys)</label>
            <input id="plan-keys" value={keys} onChange={(e) => setKeys(e.target.value)} placeholder="X2-12, X2-14" />
            {r.committed_at && (
              <>
                <label htmlFor="plan-reason">Reason for the scope change</label>
                <input id="plan-reason" value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
              </>
            )}
            <button type="submit">Add</button>
          </form>
        )}
        {(r.items ?? []).length === 0 ? (
          <p className="muted">No items planned yet.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Items of the release</caption>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Type</th>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Points</th>
                {isPO && !released && <th scope="col">Plan</th>}
              </tr>
            </thead>
            <tbody>
              {(r.items ?? []).map((i) => (
                <tr key={i.id} className={i.category === 'done' ? 'status-done' : undefined}>
                  <td className="mono">
                    <Link to={`${base}/items/${encodeURIComponent(i.key)}`}>{i.key}</Link>
                  </td>
                  <td>{typeLabel(i.type)}</td>
                  <td>{i.title}</td>
                  <td>{i.status}</td>
                  <td>{i.points ?? '—'}</td>
                  {isPO && !released && (
                    <td>
                      <button
                        type="button"
                        aria-label={`Remove ${i.key} from the release`}
                        onClick={() => void change(() => releaseApi.removeItems(r.id, [i.id], scopeReason()), `Removed ${i.key}.`)}
                      >
                        Remove
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <ScopeChanges release={r} base={base} />
      <Dependencies release={r} base={base} />
      <TestPlans release={r} base={base} canTest={canTest} />
      <NotesPreview
        releaseId={r.id}
        changeKey={`${r.revision}:${(r.items ?? []).map((i) => `${i.id}/${i.category}/${i.title}`).join(',')}`}
      />
    </article>
  );
}
