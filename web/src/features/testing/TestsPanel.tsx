import { useState, type FormEvent } from 'react';

import type { Criterion, Item } from '../../api/backlogTypes';
import { toApiError } from '../../api/client';
import { releaseApi } from '../../api/releases';
import type { TestCase, TestCaseInput } from '../../api/releaseTypes';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { RESULT_LABELS } from '../releases/releaseLabels';

function CaseForm({
  criteria,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  criteria: Criterion[];
  initial?: TestCase;
  submitLabel: string;
  onSubmit: (input: TestCaseInput) => Promise<Record<string, string> | null>;
  onCancel?: () => void;
}) {
  const [title, setTitle] = useState(initial?.title ?? '');
  const [preconditions, setPreconditions] = useState(initial?.preconditions ?? '');
  const [steps, setSteps] = useState(initial?.steps ?? '');
  const [expected, setExpected] = useState(initial?.expected_result ?? '');
  const [linked, setLinked] = useState<string[]>(initial?.criteria ?? []);
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems = await onSubmit({
      title: title.trim(),
      preconditions,
      steps,
      expected_result: expected,
      // In the item's order.
      criteria: criteria.map((c) => c.id).filter((id) => linked.includes(id)),
    });
    if (problems) {
      setErrors(problems);
    } else if (!initial) {
      setTitle('');
      setPreconditions('');
      setSteps('');
      setExpected('');
      setLinked([]);
      setErrors({});
    }
  }

  return (
    <form className="card form-grid" aria-label={initial ? `Edit test case ${initial.title}` : 'New test case'} onSubmit={(e) => void submit(e)}>
      <label className="field">
        Title <input value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        {errors.title && <span className="field-error">{errors.title}</span>}
      </label>
      <label className="field">
        Preconditions <textarea rows={2} value={preconditions} onChange={(e) => setPreconditions(e.target.value)} />
      </label>
      <label className="field">
        Steps <textarea rows={4} value={steps} onChange={(e) => setSteps(e.target.value)} />
      </label>
      <label className="field">
        Expected result <textarea rows={2} value={expected} onChange={(e) => setExpected(e.target.value)} />
      </label>
      <fieldset className="field">
        <legend>Acceptance criteria it tests</legend>
        {criteria.length === 0 && <p className="muted">The item has no acceptance criteria.</p>}
        {criteria.map((c) => (
          <label key={c.id} className="checklist">
            <input
              type="checkbox"
              checked={linked.includes(c.id)}
              onChange={(e) => setLinked((l) => (e.target.checked ? [...l, c.id] : l.filter((x) => x !== c.id)))}
            />{' '}
            {c.text}
          </label>
        ))}
        {Object.entries(errors)
          .filter(([field]) => field.startsWith('criteria'))
          .map(([field, issue]) => (
            <span key={field} className="field-error">
              {issue}
            </span>
          ))}
      </fieldset>
      {errors[''] && (
        <p className="field-error" role="alert">
          {errors['']}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function CaseView({
  testCase,
  criteria,
  canEdit,
  onEdit,
  onDelete,
}: {
  testCase: TestCase;
  criteria: Criterion[];
  canEdit: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const latest = testCase.latest;
  return (
    <li className="test-case">
      <div className="heading-row">
        <h3>{testCase.title}</h3>
        {latest ? (
          <span className={`flag result-${latest.result}`}>{RESULT_LABELS[latest.result]}</span>
        ) : (
          <span className="flag">Not run</span>
        )}
        {canEdit && (
          <>
            <button type="button" onClick={onEdit} aria-label={`Edit test case ${testCase.title}`}>
              Edit
            </button>
            <button type="button" onClick={onDelete} aria-label={`Delete test case ${testCase.title}`}>
              Delete
            </button>
          </>
        )}
      </div>
      {testCase.preconditions && <p>Preconditions: {testCase.preconditions}</p>}
      {testCase.steps && <pre className="test-steps">{testCase.steps}</pre>}
      {testCase.expected_result && <p>Expected: {testCase.expected_result}</p>}
      {criteria.length > 0 && (
        <ul className="criteria-list" aria-label={`Criteria tested by ${testCase.title}`}>
          {criteria.map((c) => (
            <li key={c.id}>
              <label>
                <input type="checkbox" checked={testCase.criteria.includes(c.id)} disabled readOnly /> {c.text}
              </label>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The "Tests" panel of a story or bug: its test cases, what they cover, and an editor. */
export function TestsPanel({ item, canEdit }: { item: Item; canEdit: boolean }) {
  const cases = useAsync((signal) => releaseApi.testCases(item.id, signal), [item.id]);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useLiveEvents(
    (e) => e.product_id === item.product_id && (e.entity_type === 'test_case' || e.entity_type === 'test_run'),
    () => cases.refresh(),
  );

  function issues(e: unknown): Record<string, string> {
    const err = toApiError(e);
    const byField = err.issuesByField();
    return Object.keys(byField).length > 0 ? byField : { '': err.message };
  }

  const list = cases.data ?? [];
  const covered = item.criteria.filter((c) => list.some((tc) => tc.criteria.includes(c.id))).length;
  const passing = item.criteria.filter((c) => {
    const linked = list.filter((tc) => tc.criteria.includes(c.id));
    return linked.length > 0 && linked.every((tc) => tc.latest?.result === 'pass');
  }).length;

  return (
    <section aria-labelledby="tests-heading" className="card">
      <h2 id="tests-heading">Tests</h2>
      <p>
        {item.criteria.length === 0
          ? 'No acceptance criteria to cover.'
          : `${covered} of ${item.criteria.length} criteria covered, ${passing} passing.`}
      </p>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {list.length === 0 && cases.status !== 'loading' && <p className="muted">No test cases yet.</p>}
      <ul className="test-cases">
        {list.map((tc) =>
          editing === tc.id ? (
            <li key={tc.id}>
              <CaseForm
                criteria={item.criteria}
                initial={tc}
                submitLabel="Save test case"
                onCancel={() => setEditing(null)}
                onSubmit={async (input) => {
                  try {
                    await releaseApi.updateTestCase(tc.id, tc.version, input);
                    setEditing(null);
                    cases.refresh();
                    return null;
                  } catch (e) {
                    if (toApiError(e).status === 412) cases.refresh();
                    return issues(e);
                  }
                }}
              />
            </li>
          ) : (
            <CaseView
              key={tc.id}
              testCase={tc}
              criteria={item.criteria}
              canEdit={canEdit}
              onEdit={() => setEditing(tc.id)}
              onDelete={() => {
                setError(null);
                releaseApi.deleteTestCase(tc.id).then(
                  () => cases.refresh(),
                  (e: unknown) => setError(toApiError(e).message),
                );
              }}
            />
          ),
        )}
      </ul>
      {canEdit && (
        <CaseForm
          criteria={item.criteria}
          submitLabel="Add test case"
          onSubmit={async (input) => {
            try {
              await releaseApi.createTestCase(item.id, input);
              cases.refresh();
              return null;
            } catch (e) {
              return issues(e);
            }
          }}
        />
      )}
    </section>
  );
}
