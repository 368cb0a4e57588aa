import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { signedInResponseSchema, type SignedInAgent } from '@loyaldesk/contracts/agents-api';
import { apiRequest, setUnauthenticatedHandler } from '../api/client.ts';
import { LoginPage } from '../auth/login-page.tsx';
import { Shell } from './shell.tsx';

type Session = { state: 'checking' } | { state: 'signedOut' } | { state: 'signedIn'; agent: SignedInAgent };

/** Signs in (or finds the session cookie valid) and shows the console. */
export function App() {
  const { t } = useTranslation();
  const [session, setSession] = useState<Session>({ state: 'checking' });

  useEffect(() => {
    setUnauthenticatedHandler(() => setSession({ state: 'signedOut' }));
    const controller = new AbortController();
    apiRequest(signedInResponseSchema, 'GET', '/api/auth/me', undefined, { signal: controller.signal, quietUnauthenticated: true })
      .then(({ agent }) => setSession({ state: 'signedIn', agent }))
      .catch(() => {
        if (!controller.signal.aborted) setSession({ state: 'signedOut' });
      });
    return () => controller.abort();
  }, []);

  const signOut = useCallback(async () => {
    await apiRequest(z.unknown(), 'POST', '/api/auth/logout').catch(() => undefined);
    setSession({ state: 'signedOut' });
  }, []);

  if (session.state === 'checking') {
    return (
      <div className="splash" role="status">
        {t('app.loading')}
      </div>
    );
  }
  if (session.state === 'signedOut') return <LoginPage onSignedIn={(agent) => setSession({ state: 'signedIn', agent })} />;
  return <Shell agent={session.agent} onSignOut={() => void signOut()} />;
}
