import { useState, type FormEvent } from 'react';

import { toApiError } from '../../api/client';
import { THREATS, type Competitor, type CompetitorInput, type Threat, type WebLink } from '../../api/marketTypes';
import { LinkListEditor, StringListEditor } from './ListEditors';
import { cleanList, THREAT_LABELS } from './marketModel';

/** Create or edit a competitor (the PM): who, positioning, pricing, strengths, weaknesses, links. */
export function CompetitorForm({
  initial,
  label,
  onSave,
  onCancel,
}: {
  initial?: Competitor;
  label: string;
  onSave: (input: CompetitorInput) => Promise<void>;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? '');
  const [website, setWebsite] = useState(initial?.website ?? '');
  const [threat, setThreat] = useState<Threat>(initial?.threat ?? 'medium');
  const [positioning, setPositioning] = useState(initial?.positioning ?? '');
  const [pricing, setPricing] = useState(initial?.pricing ?? '');
  const [strengths, setStrengths] = useState<string[]>(initial?.strengths ?? []);
  const [weaknesses, setWeaknesses] = useState<string[]>(initial?.weaknesses ?? []);
  const [links, setLinks] = useState<WebLink[]>(initial?.links ?? []);
  const [notes, setNotes] = useState(initial?.notes ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    try {
      await onSave({
        name: name.trim(),
        website: website.trim(),
        threat,
        positioning,
        pricing: pricing.trim(),
        strengths: cleanList(strengths),
        weaknesses: cleanList(weaknesses),
        links: links
          .map((l) => ({ title: l.title.trim(), url: l.url.trim() }))
          .filter((l) => l.title !== '' || l.url !== ''),
        notes,
      });
    } catch (err) {
      const apiErr = toApiError(err);
      const byField = apiErr.issuesByField();
      // A second competitor of the same name is a 409: it is the name's problem.
      if (apiErr.status === 409 && !byField.name) byField.name = apiErr.message;
      setErrors(byField);
      setError(apiErr.message);
    }
  }

  return (
    <form className="card form-grid wide" aria-label={label} onSubmit={onSubmit} noValidate>
      <label className="field">
        Name <input value={name} required onChange={(e) => setName(e.target.value)} />
        {errors.name && <span className="field-error">{errors.name}</span>}
      </label>
      <div className="field-grid">
        <label className="field">
          Website <input type="url" placeholder="https://" value={website} onChange={(e) => setWebsite(e.target.value)} />
          {errors.website && <span className="field-error">{errors.website}</span>}
        </label>
        <label className="field">
          Threat
          <select value={threat} onChange={(e) => setThreat(e.target.value as Threat)}>
            {THREATS.map((t) => (
              <option key={t} value={t}>
                {THREAT_LABELS[t]}
              </option>
            ))}
          </select>
          {errors.threat && <span className="field-error">{errors.threat}</span>}
        </label>
        <label className="field">
          Pricing <input value={pricing} onChange={(e) => setPricing(e.target.value)} />
          {errors.pricing && <span className="field-error">{errors.pricing}</span>}
        </label>
      </div>
      <label className="field">
        Positioning <textarea rows={2} value={positioning} onChange={(e) => setPositioning(e.target.value)} />
        {errors.positioning && <span className="field-error">{errors.positioning}</span>}
      </label>
      <StringListEditor
        legend="Strengths"
        itemLabel="Strength"
        values={strengths}
        onChange={setStrengths}
        errors={errors}
        field="strengths"
      />
      <StringListEditor
        legend="Weaknesses"
        itemLabel="Weakness"
        values={weaknesses}
        onChange={setWeaknesses}
        errors={errors}
        field="weaknesses"
      />
      <LinkListEditor legend="Links" itemLabel="Link" values={links} onChange={setLinks} errors={errors} field="links" />
      <label className="field">
        Notes <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
        {errors.notes && <span className="field-error">{errors.notes}</span>}
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary">
          Save competitor
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
