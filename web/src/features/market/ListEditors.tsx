import type { WebLink } from '../../api/marketTypes';
import { listIssues } from './marketModel';

/** The 422 issues of a field (and of its entries), shown under it. */
export function FieldIssues({ errors, field }: { errors: Record<string, string>; field: string }) {
  const issues = listIssues(errors, field);
  if (issues.length === 0) return null;
  return <span className="field-error">{issues.join('; ')}</span>;
}

/** An editable list of short texts (strengths, weaknesses, goals, pains): edit, add, remove. */
export function StringListEditor({
  legend,
  itemLabel,
  values,
  onChange,
  errors,
  field,
}: {
  legend: string;
  /** The name of one entry ("Strength"), for its input's label. */
  itemLabel: string;
  values: string[];
  onChange: (values: string[]) => void;
  errors: Record<string, string>;
  field: string;
}) {
  return (
    <fieldset className="field-card">
      <legend>{legend}</legend>
      <ul className="plain-list list-editor">
        {values.map((v, n) => (
          <li key={n}>
            <input
              aria-label={`${itemLabel} ${n + 1}`}
              value={v}
              onChange={(e) => onChange(values.map((x, i) => (i === n ? e.target.value : x)))}
            />{' '}
            <button
              type="button"
              className="link-button"
              aria-label={`Remove ${itemLabel.toLowerCase()} ${n + 1}`}
              onClick={() => onChange(values.filter((_, i) => i !== n))}
            >
              Remove
            </button>
            {errors[`${field}.${n}`] && <span className="field-error"> {errors[`${field}.${n}`]}</span>}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => onChange([...values, ''])}>
        Add {itemLabel.toLowerCase()}
      </button>
      {errors[field] && <span className="field-error"> {errors[field]}</span>}
    </fieldset>
  );
}

/** An editable list of titled links (a competitor's links, a note's sources). */
export function LinkListEditor({
  legend,
  itemLabel,
  values,
  onChange,
  errors,
  field,
}: {
  legend: string;
  itemLabel: string;
  values: WebLink[];
  onChange: (values: WebLink[]) => void;
  errors: Record<string, string>;
  field: string;
}) {
  const set = (n: number, key: keyof WebLink, value: string) =>
    onChange(values.map((l, i) => (i === n ? { ...l, [key]: value } : l)));
  return (
    <fieldset className="field-card">
      <legend>{legend}</legend>
      <ul className="plain-list list-editor">
        {values.map((l, n) => {
          const issues = [errors[`${field}.${n}`], errors[`${field}.${n}.title`], errors[`${field}.${n}.url`]].filter(Boolean);
          return (
            <li key={n}>
              <input aria-label={`${itemLabel} ${n + 1} title`} value={l.title} onChange={(e) => set(n, 'title', e.target.value)} />{' '}
              <input
                aria-label={`${itemLabel} ${n + 1} URL`}
                type="url"
                placeholder="https://"
                value={l.url}
                onChange={(e) => set(n, 'url', e.target.value)}
              />{' '}
              <button
                type="button"
                className="link-button"
                aria-label={`Remove ${itemLabel.toLowerCase()} ${n + 1}`}
                onClick={() => onChange(values.filter((_, i) => i !== n))}
              >
                Remove
              </button>
              {issues.length > 0 && <span className="field-error"> {issues.join('; ')}</span>}
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={() => onChange([...values, { title: '', url: '' }])}>
        Add {itemLabel.toLowerCase()}
      </button>
      {errors[field] && <span className="field-error"> {errors[field]}</span>}
    </fieldset>
  );
}

/** Only http(s) addresses become links (the server accepts no others; this guards old data). */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** Titled links, opened in a new tab. */
export function WebLinks({ links, label }: { links: WebLink[]; label: string }) {
  if (links.length === 0) return null;
  return (
    <ul className="plain-list" aria-label={label}>
      {links.map((l, n) => (
        <li key={n}>
          {isWebUrl(l.url) ? (
            <a href={l.url} target="_blank" rel="noopener noreferrer nofollow">
              {l.title || l.url}
            </a>
          ) : (
            l.title || l.url
          )}
        </li>
      ))}
    </ul>
  );
}
