import { useId, useState, type FormEvent } from 'react';

import { toApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import type { User } from '../../api/types';

type Field = 'email' | 'name' | 'password' | 'is_admin';
const EMPTY = { email: '', name: '', password: '', is_admin: false };

/** POST /users; shows the server's per-field issues beside the fields. */
export function CreateUserForm({ onCreated }: { onCreated: (u: User) => void }) {
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<string, string>>>({});
  const [created, setCreated] = useState<string | null>(null);
  const idBase = useId();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    setCreated(null);
    try {
      const user = await api.createUser({ ...form, email: form.email.trim(), name: form.name.trim() });
      onCreated(user);
      setForm(EMPTY);
      setCreated(`Created ${user.name} (${user.email}).`);
    } catch (err) {
      const apiErr = toApiError(err);
      setFieldErrors(apiErr.issuesByField());
      setError(apiErr.message);
    } finally {
      setBusy(false);
    }
  }

  function input(field: Exclude<Field, 'is_admin'>, label: string, type: string, autoComplete: string) {
    const id = `${idBase}-${field}`;
    const errId = `${id}-error`;
    const issue = fieldErrors[field];
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type={type}
          autoComplete={autoComplete}
          value={form[field]}
          aria-invalid={issue ? true : undefined}
          aria-describedby={issue ? errId : undefined}
          onChange={(e) => setForm((f) => ({ ...f, [field]: e.target.value }))}
        />
        {issue && (
          <span className="field-error" id={errId}>
            {issue}
          </span>
        )}
      </div>
    );
  }

  const adminIssue = fieldErrors.is_admin;
  return (
    <form className="card form-grid" onSubmit={onSubmit} aria-labelledby={`${idBase}-title`} noValidate>
      <h3 id={`${idBase}-title`}>Create a user</h3>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {created && (
        <div className="alert alert-ok" role="status">
          {created}
        </div>
      )}
      {input('email', 'Email', 'email', 'off')}
      {input('name', 'Name', 'text', 'off')}
      {input('password', 'Password', 'password', 'new-password')}
      <div className="field checkbox">
        <label>
          <input
            type="checkbox"
            checked={form.is_admin}
            onChange={(e) => setForm((f) => ({ ...f, is_admin: e.target.checked }))}
          />{' '}
          Workspace admin
        </label>
        {adminIssue && <span className="field-error">{adminIssue}</span>}
      </div>
      <div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create user'}
        </button>
      </div>
    </form>
  );
}
