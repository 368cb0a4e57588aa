import { lazy, Suspense, useEffect, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignedInAgent } from '@loyaldesk/contracts/agents-api';
import { initials } from '../format/format.ts';
import { LiveProvider, useLive } from '../live/live-socket.tsx';
import { VerificationAlerts } from '../live/verification-alerts.tsx';
import { PolicyPage } from '../policy/policy-page.tsx';
import { Workspace } from '../queue/workspace.tsx';
import { HelpDialog } from './help-dialog.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { navigate, useRoute } from './router.ts';
import { isTextField, shortcutFor } from './shortcuts.ts';

// Managers' charts (recharts) are most of the bundle: agents working the queue never load them.
const DashboardPage = lazy(async () => ({ default: (await import('../dashboard/dashboard-page.tsx')).DashboardPage }));

function NavLink({ href, current, children }: { href: string; current: boolean; children: string }) {
  const go = (event: MouseEvent<HTMLAnchorElement>): void => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={go} className={current ? 'nav-link active' : 'nav-link'} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

function LiveIndicator() {
  const { t } = useTranslation();
  const { connected } = useLive();
  return (
    <span className={connected ? 'live-indicator on' : 'live-indicator'} role="status" aria-live="polite">
      <span className="dot" aria-hidden="true" />
      {connected ? t('app.live') : t('app.offline')}
    </span>
  );
}

/** The signed-in console: top bar, navigation by role, and the current screen. */
export function Shell({ agent, onSignOut }: { agent: SignedInAgent; onSignOut: () => void }) {
  const { t } = useTranslation();
  const route = useRoute();
  const [helpOpen, setHelpOpen] = useState(false);
  const isManager = agent.role === 'manager' || agent.role === 'admin';

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const action = shortcutFor({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, inTextField: isTextField(event.target) });
      if (action === 'help') {
        event.preventDefault();
        setHelpOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <LiveProvider>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="shell">
        <header className="topbar">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              L
            </span>
            <span className="brand-name">{t('app.name')}</span>
          </div>
          <nav className="nav" aria-label={t('app.nav.main')}>
            <NavLink href="/" current={route.name === 'queue'}>
              {t('app.nav.queue')}
            </NavLink>
            {isManager ? (
              <>
                <NavLink href="/dashboard" current={route.name === 'dashboard'}>
                  {t('app.nav.dashboard')}
                </NavLink>
                <NavLink href="/policy" current={route.name === 'policy'}>
                  {t('app.nav.policy')}
                </NavLink>
              </>
            ) : null}
          </nav>
          <div className="topbar-right">
            <LiveIndicator />
            <button type="button" className="icon-button" onClick={() => setHelpOpen(true)} aria-label={t('app.shortcuts')} title={t('app.shortcuts')}>
              ?
            </button>
            <LanguageSwitch />
            <span className="me">
              <span className="avatar small" aria-hidden="true">
                {initials(agent.name)}
              </span>
              <span className="me-text">
                <span className="me-name">{agent.name}</span>
                <span className="me-role">{t(`app.roles.${agent.role}`)}</span>
              </span>
            </span>
            <button type="button" className="button ghost" onClick={onSignOut}>
              {t('app.signOut')}
            </button>
          </div>
        </header>
        <VerificationAlerts />
        <main id="main" className="main" tabIndex={-1}>
          {route.name === 'queue' ? <Workspace agent={agent} ticketId={route.ticketId} /> : null}
          {route.name === 'dashboard' ? (
            isManager ? (
              <Suspense fallback={<p className="muted pad">{t('app.loading')}</p>}>
                <DashboardPage />
              </Suspense>
            ) : (
              <p className="page-note">{t('policy.managersOnly')}</p>
            )
          ) : null}
          {route.name === 'policy' ? <PolicyPage canEdit={isManager} /> : null}
        </main>
      </div>
      {helpOpen ? <HelpDialog onClose={() => setHelpOpen(false)} /> : null}
    </LiveProvider>
  );
}
