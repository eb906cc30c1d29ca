import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { PageHeading } from '../../components/PageHeading';
import { homePath } from '../home/homePath';
import { useSession } from '../session/SessionContext';

export function rateLimitMessage(seconds: number | null): string {
  if (seconds === null) return 'Too many attempts, try again later.';
  return `Too many attempts, try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
}

export function LoginPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const from = (location.state as { from?: string } | null)?.from;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.login(email.trim(), password);
    } catch (err) {
      const apiErr = toApiError(err);
      setError(apiErr.status === 429 ? rateLimitMessage(apiErr.retryAfter) : apiErr.message);
      setBusy(false);
      return;
    }
    try {
      const me = await session.load();
      navigate(from && from !== '/login' ? from : homePath(me), { replace: true });
    } catch (err) {
      setError(toApiError(err).message);
      setBusy(false);
    }
  }

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={onSubmit} aria-busy={busy} noValidate>
        <p className="brand">Throughline</p>
        <PageHeading title="Sign in">Sign in</PageHeading>
        {error && (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        )}
        <label className="field">
          <span>Email</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || !email || !password}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
