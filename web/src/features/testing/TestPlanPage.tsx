import { useState } from 'react';
import { Link } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { releaseApi } from '../../api/releases';
import { sprintApi } from '../../api/sprints';
import { TEST_RESULTS, type TestCase, type TestResult } from '../../api/releaseTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { RELEASE_ENTITY_TYPES, RESULT_LABELS } from '../releases/releaseLabels';
import { useMe } from '../session/SessionContext';

function CaseRow({
  testCase,
  base,
  canTest,
  onRecord,
  onOpenBug,
}: {
  testCase: TestCase;
  base: string;
  canTest: boolean;
  onRecord: (result: TestResult, notes: string) => Promise<boolean>;
  onOpenBug: (runId: string) => Promise<void>;
}) {
  const [notes, setNotes] = useState('');
  const latest = testCase.latest;
  const failing = latest !== null && latest.result !== 'pass';
  const itemPath = (key: string) => `${base}/items/${encodeURIComponent(key)}`;
  return (
    <tr>
      <td>
        <strong>{testCase.title}</strong>
        {testCase.steps && <pre className="test-steps">{testCase.steps}</pre>}
        {testCase.expected_result && <p className="muted">Expected: {testCase.expected_result}</p>}
      </td>
      <td className="mono">
        <Link to={itemPath(testCase.item.key)}>{testCase.item.key}</Link>
      </td>
      <td>
        {latest ? (
          <>
            <span className={`flag result-${latest.result}`}>{RESULT_LABELS[latest.result]}</span>{' '}
            <span className="muted">
              by {latest.run_by.name}, {new Date(latest.run_at).toLocaleString()}
            </span>
            {latest.notes && <p>{latest.notes}</p>}
            {latest.bug && (
              <p>
                Bug <Link to={itemPath(latest.bug.key)}>{latest.bug.key}</Link> {latest.bug.title}
              </p>
            )}
            {failing && !latest.bug && canTest && (
              <button type="button" onClick={() => void onOpenBug(latest.id)} aria-label={`Open a bug for ${testCase.title}`}>
                Open bug
              </button>
            )}
          </>
        ) : (
          <span className="muted">Not run</span>
        )}
      </td>
      {canTest && (
        <td>
          <label className="visually-hidden" htmlFor={`notes-${testCase.id}`}>
            Notes for {testCase.title}
          </label>
          <input
            id={`notes-${testCase.id}`}
            value={notes}
            placeholder="Notes"
            maxLength={5000}
            onChange={(e) => setNotes(e.target.value)}
          />{' '}
          {TEST_RESULTS.map((result) => (
            <button
              key={result}
              type="button"
              aria-label={`Record ${RESULT_LABELS[result].toLowerCase()} for ${testCase.title}`}
              onClick={() =>
                void onRecord(result, notes).then((ok) => {
                  if (ok) setNotes('');
                })
              }
            >
              {RESULT_LABELS[result]}
            </button>
          ))}
        </td>
      )}
    </tr>
  );
}

/** A link to the plan's sprint, by its name once known. */
function SprintLink({ productId, sprintId }: { productId: string; sprintId: string }) {
  const sprint = useAsync((signal) => sprintApi.getSprint(sprintId, signal), [sprintId]);
  return (
    <Link to={`/products/${encodeURIComponent(productId)}/sprints/${encodeURIComponent(sprintId)}`}>
      {sprint.data?.name ?? `sprint ${sprintId}`}
    </Link>
  );
}

/** A test plan: its cases with their latest result; the team records runs and opens bugs. */
export function TestPlanPage({ productId, planId }: { productId: string; planId: string }) {
  const me = useMe();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const canTest = roles.includes('product_owner') || roles.includes('team_member');
  const plan = useAsync((signal) => releaseApi.getTestPlan(planId, signal), [planId]);
  const runs = useAsync((signal) => releaseApi.testRuns(planId, signal), [planId]);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string; bugKey?: string } | null>(null);

  useLiveEvents(
    (e) => e.product_id === productId && RELEASE_ENTITY_TYPES.has(e.entity_type),
    () => {
      plan.refresh();
      runs.refresh();
    },
  );

  const base = `/products/${encodeURIComponent(productId)}`;
  if (plan.status === 'error' && !plan.data) {
    return <ErrorState error={plan.error} title="Could not load the test plan" onRetry={plan.reload} />;
  }
  if (!plan.data) return <Loading />;
  const p = plan.data;

  async function record(caseId: string, result: TestResult, notes: string): Promise<boolean> {
    setMessage(null);
    try {
      await releaseApi.recordRun(p.id, caseId, result, notes);
      plan.refresh();
      runs.refresh();
      return true;
    } catch (e) {
      setMessage({ kind: 'error', text: toApiError(e).message });
      return false;
    }
  }

  async function openBug(runId: string) {
    setMessage(null);
    try {
      const opened = await releaseApi.openBug(runId);
      setMessage({
        kind: 'ok',
        text: opened.created ? `Opened bug ${opened.bug.key}: ${opened.bug.title}.` : `The run already has bug ${opened.bug.key}.`,
        bugKey: opened.bug.key,
      });
      plan.refresh();
      runs.refresh();
    } catch (e) {
      setMessage({ kind: 'error', text: toApiError(e).message });
    }
  }

  const s = p.summary;
  return (
    <article className="test-plan-page">
      <p className="breadcrumbs">
        <Link to={`${base}/test-plans`}>Test plans</Link>
        {p.release && (
          <>
            {' '}
            · <Link to={`${base}/releases/${encodeURIComponent(p.release.id)}`}>Release {p.release.version}</Link>
          </>
        )}
      </p>
      <PageHeading title={p.name}>{p.name}</PageHeading>
      <p>
        {p.sprint_id && (
          <>
            For <SprintLink productId={productId} sprintId={p.sprint_id} />.{' '}
          </>
        )}
        {s.total} cases: {s.pass} pass, {s.fail} fail, {s.blocked} blocked, {s.not_run} not run.
      </p>
      {message && (
        <p className={`alert ${message.kind === 'error' ? 'alert-error' : 'alert-ok'}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
          {message.bugKey && (
            <>
              {' '}
              <Link to={`${base}/items/${encodeURIComponent(message.bugKey)}`}>Go to {message.bugKey}</Link>
            </>
          )}
        </p>
      )}
      {p.cases.length === 0 ? (
        <p className="muted">The plan has no test cases.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Test cases of the plan</caption>
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Item</th>
              <th scope="col">Latest result</th>
              {canTest && <th scope="col">Record a run</th>}
            </tr>
          </thead>
          <tbody>
            {p.cases.map((c) => (
              <CaseRow
                key={c.id}
                testCase={c}
                base={base}
                canTest={canTest}
                onRecord={(result, notes) => record(c.id, result, notes)}
                onOpenBug={openBug}
              />
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="runs-heading">
        <h2 id="runs-heading">Runs</h2>
        {runs.data && runs.data.length === 0 && <p className="muted">No runs yet.</p>}
        {runs.data && runs.data.length > 0 && (
          <ol className="test-runs">
            {runs.data.map((run) => (
              <li key={run.id}>
                <span className={`flag result-${run.result}`}>{RESULT_LABELS[run.result]}</span>{' '}
                {p.cases.find((c) => c.id === run.case_id)?.title ?? run.case_id} — {run.run_by.name},{' '}
                {new Date(run.run_at).toLocaleString()}
                {run.notes ? `: ${run.notes}` : ''}
                {run.bug && (
                  <>
                    {' '}
                    (bug <Link to={`${base}/items/${encodeURIComponent(run.bug.key)}`}>{run.bug.key}</Link>)
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}
