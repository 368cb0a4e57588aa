import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { signedInResponseSchema, type SignedInAgent } from '@loyaldesk/contracts/agents-api';
import { ApiError, apiRequest } from '../api/client.ts';
import { LanguageSwitch } from '../app/language-switch.tsx';

/** Email and password sign-in; ticketing sets the httpOnly session cookie. */
export function LoginPage({ onSignedIn }: { onSignedIn: (agent: SignedInAgent) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { agent } = await apiRequest(signedInResponseSchema, 'POST', '/api/auth/login', { email, password }, { quietUnauthenticated: true });
      onSignedIn(agent);
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 429 ? t('login.limited') : t('login.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <div className="login-card">
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true">
            L
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <label className="field">
            <span>{t('login.email')}</span>
            <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('login.password')}</span>
            <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          {error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          <button className="button primary block" type="submit" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <p className="login-hint">{t('login.demo')}</p>
        <div className="login-footer">
          <LanguageSwitch />
        </div>
      </div>
    </main>
  );
}
